"""The 值班 module's CLI: `import roster FILE`, `export duty-roster|duty-brief|duty-flash`."""

from pathlib import Path

from models.core import clock
from models.core.errors import ValidationError
from models.core.validators import parse_date


def _roster(actor, args) -> Path:
    from exporters.duty import export_roster

    if not args.month:
        raise ValidationError("month", "导出值班表需要 --month（如 --month 2026-12）。")
    return export_roster(actor, args.month, args.output)


def _brief(actor, args) -> Path:
    from exporters.duty import brief_for_day, export_numbered

    day = parse_date(args.date, "date") if args.date else clock.today()
    return export_numbered(actor, lambda: brief_for_day(actor, day), args.output)


def _flash(actor, args) -> Path:
    from exporters.duty import export_numbered, flash_for_entry

    if args.id is None:
        raise ValidationError("id", "导出值班快报需要 --id（值班记录的编号，在窗口的记录详情中可以看到）。")
    return export_numbered(actor, lambda: flash_for_entry(actor, args.id), args.output)


def importers() -> dict:
    from importers.roster_import import cli_importer

    return {"roster": cli_importer()}


def exports() -> dict:
    return {"duty-roster": _roster, "duty-brief": _brief, "duty-flash": _flash}
