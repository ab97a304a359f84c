"""The one clock of Sanban: every module, exporter and importer asks here for today and now.

Offices read and file by local (Beijing) wall-clock time. Tests and reports pin the clock with `pinned(...)`,
so a date rule can be run on 31 December or on the first working day of a year without touching the system.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

_pinned: datetime | None = None
_pinned_at: datetime | None = None  # the real time the pin was set, so a pinned clock still moves forward


def now() -> datetime:
    """Local wall-clock time, to the second."""
    real = datetime.now()
    if _pinned is not None and _pinned_at is not None:
        real = _pinned + (real - _pinned_at)
    return real.replace(microsecond=0)


def today() -> date:
    return now().date()


def pin(moment: datetime | date | None) -> None:
    """Make `now()` start from `moment` (a date means 09:00 that day); None gives the system clock back."""
    global _pinned, _pinned_at
    if moment is None:
        _pinned = _pinned_at = None
        return
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, datetime.min.time()) + timedelta(hours=9)
    _pinned, _pinned_at = moment, datetime.now()


@contextmanager
def pinned(moment: datetime | date) -> Iterator[None]:
    """Pin the clock for a `with` block; the clock it replaced (pinned or not) comes back afterwards."""
    global _pinned, _pinned_at
    previous, previous_at = _pinned, _pinned_at
    pin(moment)
    try:
        yield
    finally:
        _pinned, _pinned_at = previous, previous_at
