"""The one-folder bundle beside the source install: its size, and the start-up of its window and command line.

- size: dist/sanban/ (files, MB) and its .tar.gz (made by packaging/build-bundle; made here if missing);
- window: from process start to the log-in dialog mapped on a virtual X screen (Xvfb, found by `xdotool search`,
  polled; the same way for both, so neither is favoured), `sanban` vs `python main.py`;
- command line: `--help`, and `holidays list` as the 系统管理员 (a log-in, a database read: a day's work's smallest
  command), each from process start to exit.
Each figure is the median of BENCH_RUNS (≥ 7) fresh processes, the two installs interleaved, in a clean environment
(`env -i` with HOME, LANG and DISPLAY only). Bytecode of the sources is compiled first, as a wheel install would be.

    bash packaging/build-bundle && python bench/bundle.py         (needs Xvfb and xdotool)
"""

import compileall
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from common import PASSWORD, env_int, fresh_database, median

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = Path(os.environ.get("BENCH_BUNDLE", ROOT / "dist" / "sanban"))
LOGIN_TITLE = "三办 — 登录"


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return len(files), sum(p.stat().st_size for p in files)


def archive_size() -> int:
    made = sorted(BUNDLE.parent.glob("sanban-*.tar.gz"))
    if made:
        return made[-1].stat().st_size
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "sanban.tar.gz"
        with tarfile.open(path, "w:gz") as tar:
            tar.add(BUNDLE, arcname="sanban")
        return path.stat().st_size


def start_xvfb() -> tuple[subprocess.Popen, str]:
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp",
                               "-noreset"],
                              pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        return server, ":" + pipe.readline().strip()


def window_shown(command: list[str], env: dict) -> float:
    """Seconds from process start until the log-in dialog is mapped; the process is then ended."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", LOGIN_TITLE], env=env,
                                   capture_output=True)
            if found.returncode == 0:
                return time.perf_counter() - start
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} ended before its window showed: {process.stderr.read()[-2000:]}")
            if time.perf_counter() - start > 30:
                raise RuntimeError(f"{command[0]}: no log-in window after 30 s")
    finally:
        process.kill()
        process.wait()


def wall(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    if not (BUNDLE / "sanban").is_file():
        sys.exit(f"no bundle at {BUNDLE}: run `bash packaging/build-bundle` first")
    runs = max(7, env_int("BENCH_RUNS", 9))
    compileall.compile_dir(ROOT, quiet=1, rx=__import__("re").compile(r"/(\.|build|dist|tests)"))
    scratch = Path(tempfile.mkdtemp())
    database = scratch / "bench.db"
    fresh_database(database)
    server, display = start_xvfb()
    env = {"HOME": str(scratch), "LANG": "C.UTF-8", "DISPLAY": display, "SANBAN_PASSWORD": PASSWORD}
    kinds = {"bundle": [str(BUNDLE / "sanban")], "source": [sys.executable, str(ROOT / "main.py")]}
    holidays = ["--db", str(database), "--user", "sysadmin", "holidays", "list", "--year", "2026"]
    figures: dict[tuple[str, str], list[float]] = {}
    try:
        for _ in range(runs):
            for kind, command in kinds.items():
                figures.setdefault((kind, "window"), []).append(window_shown([*command, "--db", str(database)], env))
                figures.setdefault((kind, "help"), []).append(wall([*command, "--help"], env))
                figures.setdefault((kind, "holidays"), []).append(wall([*command, *holidays], env))
    finally:
        server.terminate()
        server.wait()
    files, size = folder_size(BUNDLE)
    print(f"bundle {BUNDLE}: {files} files, {size / 2**20:.0f} MB; .tar.gz {archive_size() / 2**20:.0f} MB")
    print(f"median of {runs} runs each (load average {os.getloadavg()[0]:.1f}):   bundle   source (python main.py)")
    for what, label in (("window", "window: log-in dialog shown"), ("help", "--help"),
                        ("holidays", "holidays list (log-in + read)")):
        bundle, source = (median(figures[(kind, what)]) * 1000 for kind in kinds)
        print(f"  {label:<32} {bundle:7.0f} ms {source:7.0f} ms")
    print(f"CPU time of all runs (children): {resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime:.1f} s user")


if __name__ == "__main__":
    main()
