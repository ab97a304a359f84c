"""Sanban: `python main.py` opens the window; `python main.py COMMAND …` runs the command line."""

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from cli.app import has_command, run

    if has_command(args) or any(a in ("-h", "--help") for a in args):
        return run(args)
    from ui.app import run_window  # Qt is loaded only for the window

    return run_window(args)


if __name__ == "__main__":
    sys.exit(main())
