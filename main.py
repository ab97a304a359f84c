"""Sanban: `python main.py` opens the window; `python main.py COMMAND …` runs the command line."""

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from models.core import private

    private.protect_process()  # the database, backups, exports, logs and previews: readable by this user only
    from cli.app import has_command, run

    if has_command(args) or any(a in ("-h", "--help") for a in args):
        return run(args)
    from cli.app import UsageError, build_parser
    from models.core import paths

    try:
        options = build_parser().parse_args(args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    from ui.app import run_window  # Qt is loaded only for the window

    return run_window(options.db or paths.default_database_url())


if __name__ == "__main__":
    sys.exit(main())
