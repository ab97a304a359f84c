"""Serial numbers (收文编号, 发文字号, 催办单号, 件号…): one counter per series and year, taken inside the
transaction of the record that uses the number, so a number is never given twice or skipped.

SQLite's IMMEDIATE transaction holds the write lock from its first statement, and PostgreSQL locks the row
on UPDATE, so two workstations taking a number at the same moment queue one behind the other.
"""

from peewee import CharField, IntegerField, IntegrityError

from models.core.db import DB, PlainModel


class Counter(PlainModel):
    """The last number given in a series for a year (series: "incoming", "outgoing:县委办发", …)."""

    series = CharField(max_length=64)
    year = IntegerField()
    last = IntegerField(default=0)

    class Meta:
        indexes = ((("series", "year"), True),)


def take(series: str, year: int) -> int:
    """The next number of `series` in `year`. Call it inside the transaction that stores the record."""
    with DB.atomic():
        changed = (Counter.update(last=Counter.last + 1)
                   .where((Counter.series == series) & (Counter.year == year)).execute())
        if not changed:
            try:
                with DB.atomic():
                    Counter.create(series=series, year=year, last=1)
                return 1
            except IntegrityError:  # another workstation created it first: take the next one after theirs
                Counter.update(last=Counter.last + 1).where(
                    (Counter.series == series) & (Counter.year == year)).execute()
        return Counter.get((Counter.series == series) & (Counter.year == year)).last


def take_many(series: str, year: int, count: int) -> range:
    """`count` consecutive numbers of `series` in `year`, in three statements rather than three per number (an
    import of an old ledger numbers 300,000 rows). Call it inside the transaction that stores the records."""
    if count <= 0:
        return range(0)
    with DB.atomic():
        first = take(series, year)
        if count > 1:
            Counter.update(last=Counter.last + (count - 1)).where(
                (Counter.series == series) & (Counter.year == year)).execute()
    return range(first, first + count)


def peek(series: str, year: int) -> int:
    """The number `take` would give next (for showing, never for storing)."""
    row = Counter.get_or_none((Counter.series == series) & (Counter.year == year))
    return (row.last if row else 0) + 1


def raise_to(series: str, year: int, number: int) -> None:
    """Make sure the next number given is above `number` (after importing numbers from an old ledger)."""
    with DB.atomic():
        row = Counter.get_or_none((Counter.series == series) & (Counter.year == year))
        if row is None:
            Counter.create(series=series, year=year, last=number)
        elif row.last < number:
            Counter.update(last=number).where(Counter.id == row.id).execute()
