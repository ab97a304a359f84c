"""peewee without the PostgreSQL driver until a PostgreSQL database is opened.

peewee imports psycopg2 (and with it ssl: ≈ 15 ms) at its own import, even when the database is a SQLite file, as
it is at every start of the window. `models/__init__.py` imports peewee with psycopg2 hidden; `load()` hands peewee
the driver when a `postgresql://` URL is opened, binding what peewee's own import would have bound (a test compares
the two).
"""

import sys


def import_peewee_without_driver() -> None:
    if "peewee" in sys.modules or "psycopg2" in sys.modules:
        return  # already settled: peewee then found the driver itself, as it would without us
    sys.modules["psycopg2"] = None  # type: ignore[assignment]  # `import psycopg2` raises ImportError meanwhile
    try:
        import peewee  # noqa: F401
    finally:
        del sys.modules["psycopg2"]


def load() -> None:
    """Give peewee psycopg2 (ImportError when it is not installed)."""
    import peewee

    if vars(peewee)["psycopg2"] is not None:
        return
    import psycopg2
    from psycopg2 import extensions
    from psycopg2.extras import Json, register_uuid

    register_uuid()
    vars(peewee).update(psycopg2=psycopg2, pg_extensions=extensions, pg_register_uuid=register_uuid, Json_pg2=Json)
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
