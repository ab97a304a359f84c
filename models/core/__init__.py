"""The core every module stands on: database, clock, audit, rights, accounts, settings, workdays, validators."""
