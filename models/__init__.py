"""Data and rules of Sanban. Imports no Qt: the window, the CLI and the tests all go through here."""

from models.core.postgres_driver import import_peewee_without_driver

import_peewee_without_driver()  # before any module of ours imports peewee: SQLite starts without psycopg2
