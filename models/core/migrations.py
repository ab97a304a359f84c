"""Frozen migration steps of the core tables (version 1 made the rest of the core: accounts, audit, settings,
working days). A step never imports today's models: see `models.core.frozen`."""

from peewee import CharField, Database, IntegerField

from models.core.frozen import PlainV1, create_tables


class Counter(PlainV1):
    """Version 2: the last number given in a series for a year ("incoming", "outgoing:县委办发", …)."""

    series = CharField(max_length=64)
    year = IntegerField()
    last = IntegerField(default=0)

    class Meta:
        table_name = "counter"
        indexes = ((("series", "year"), True),)


def step_2(db: Database) -> None:
    """The per-year serial counters, first needed by the 公文 ledgers."""
    create_tables(db, [Counter])
