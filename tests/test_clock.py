"""One clock: only models/core/clock.py reads the system clock, a pin is seen at call time, and the defaults of
stored timestamps follow the pin."""

import ast
from datetime import date, datetime, timedelta
from pathlib import Path

from models.core import clock

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("models", "exporters", "importers", "cli", "ui", "tests")  # a test reading the system clock ignores the pin
THE_CLOCK = ROOT / "models" / "core" / "clock.py"

# Class → the members that read the system clock (attribute access is enough: `default=date.today` reads later).
READERS = {
    "date": {"today"},
    "datetime": {"now", "today", "utcnow"},
    "time": {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"},
    "QDate": {"currentDate"},
    "QDateTime": {"currentDateTime", "currentDateTimeUtc", "currentMSecsSinceEpoch", "currentSecsSinceEpoch"},
    "QTime": {"currentTime"},
}
TIME_MODULE_READERS = READERS["time"]  # `from time import time` and the like


def _owner(node: ast.expr) -> str:
    """`datetime` for `datetime.now`, and for `datetime.datetime.now` too."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _at_import(tree: ast.Module) -> list[ast.Call]:
    """Calls evaluated when the module is imported: module and class bodies, default arguments, decorators."""
    found: list[ast.Call] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for part in (*node.args.defaults, *(d for d in node.args.kw_defaults if d), *node.decorator_list):
                found.extend(n for n in ast.walk(part) if isinstance(n, ast.Call))
            return
        if isinstance(node, ast.Lambda):
            for part in (*node.args.defaults, *(d for d in node.args.kw_defaults if d)):
                found.extend(n for n in ast.walk(part) if isinstance(n, ast.Call))
            return
        if isinstance(node, ast.Call):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def clock_readings(source: str) -> list[tuple[int, str]]:
    """(line, what) for every reading of the system clock, and every `clock.today()`/`clock.now()` frozen at import."""
    tree = ast.parse(source)
    # time.strftime(fmt, t) and time.localtime(t) convert a time they are given; without it they read the clock
    given = {id(c.func) for c in ast.walk(tree) if isinstance(c, ast.Call) and len(c.args) > (
        1 if isinstance(c.func, ast.Attribute) and c.func.attr == "strftime" else 0)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in READERS.get(_owner(node.value), ()):
            if not (_owner(node.value) == "time" and id(node) in given):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.ImportFrom) and node.module == "time":
            found += [(node.lineno, f"from time import {a.name}") for a in node.names if a.name in TIME_MODULE_READERS]
    for call in _at_import(tree):
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in ("today", "now") and _owner(func.value) == "clock":
            found.append((call.lineno, f"{ast.unparse(call)} evaluated at import (the pin would never be seen)"))
    return sorted(set(found))


def test_the_scanner_sees_every_way_of_reading_the_clock():
    source = """
import datetime as dt
from datetime import date, datetime
from time import time, sleep
from PySide6.QtCore import QDate, QDateTime
from models.core import clock

TODAY = clock.today()
stamp = dt.datetime.now()

class Row:
    at = DateField(default=date.today)
    day = clock.today()

def f(day=clock.now()):
    a = datetime.now()
    b = QDate.currentDate()
    c = QDateTime.currentDateTime()
    d = clock.today()  # fine: read when called
    e = datetime.now
    return time.strftime("%Y", t)
"""
    found = clock_readings(source)
    lines = [line for line, _ in found]
    assert lines == [4, 8, 9, 12, 13, 15, 16, 17, 18, 20], found
    assert not any("sleep" in what or "strftime" in what for _, what in found)


def test_only_the_clock_reads_the_system_clock():
    offenders = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == THE_CLOCK:
                continue
            for line, what in clock_readings(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    main = ROOT / "main.py"
    offenders += [f"main.py:{line}: {what}" for line, what in clock_readings(main.read_text(encoding="utf-8"))]
    assert not offenders, "ask models.core.clock (clock.today() / clock.now()) instead:\n" + "\n".join(offenders)


def test_a_pin_is_seen_at_call_time_and_the_clock_keeps_moving():
    with clock.pinned(date(2026, 12, 31)):
        assert clock.today() == date(2026, 12, 31)
        start = clock.now()
        assert start.hour == 9 and start.microsecond == 0
        with clock.pinned(datetime(2027, 1, 1, 0, 0, 5)):
            assert clock.today() == date(2027, 1, 1)
        assert clock.today() == date(2026, 12, 31)  # the outer pin comes back
        assert timedelta(0) <= clock.now() - start < timedelta(minutes=5)


def test_the_suite_runs_on_the_pinned_day(move_clock):
    from tests.conftest import TODAY

    assert clock.today() == TODAY and TODAY.weekday() < 5
    move_clock(date(2027, 1, 4))
    assert clock.today() == date(2027, 1, 4)


def test_stored_timestamps_follow_the_pin(database, move_clock):
    from models.core import db
    from models.core.workdays import CalendarYear

    move_clock(datetime(2026, 12, 31, 23, 59, 50))
    assert db.now() >= datetime(2026, 12, 31, 23, 59, 50)
    row = CalendarYear.create(year=2027)
    assert row.created_at.date() == date(2026, 12, 31)
    move_clock(datetime(2027, 1, 4, 8, 30))
    row.note = "国办发明电〔2026〕N号"
    row.save()
    stored = CalendarYear.get_by_id(row.id)
    assert (stored.created_at.date(), stored.updated_at.date()) == (date(2026, 12, 31), date(2027, 1, 4))
