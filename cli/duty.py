"""The 值班 module's CLI: `import roster FILE`, `export duty-roster|duty-brief|duty-flash`."""

from pathlib import Path

from models.core.errors import ValidationError
from models.core.validators import parse_date


def _roster(actor, args) -> Path:
    from exporters.duty import export_roster

    if not args.month:
        raise ValidationError("month", "导出值班表需要 --month（如 --month 2026-12）。")
    return export_roster(actor, args.month, args.output)


def _brief(actor, args) -> Path:
    from datetime import date

    from exporters.duty import brief_for_day, export_brief

    day = parse_date(args.date, "date") if args.date else date.today()
    return export_brief(actor, brief_for_day(actor, day).id, args.output)


def _flash(actor, args) -> Path:
    from exporters.duty import export_brief, flash_for_entry

    if args.id is None:
        raise ValidationError("id", "导出值班快报需要 --id（值班记录的编号，在窗口的记录详情中可以看到）。")
    return export_brief(actor, flash_for_entry(actor, args.id).id, args.output)


def _import_roster(actor, path, dry_run):
    from importers.roster_import import cli_importer  # loaded when an import runs, not for every command

    return cli_importer()(actor, path, dry_run)


def register(importers: dict, exports: dict) -> None:
    importers["roster"] = ("月度值班表（.xlsx/.csv）", _import_roster)
    exports["duty-roster"] = ("值班表 .xlsx/.docx（--month YYYY-MM）", _roster)
    exports["duty-brief"] = ("值班要情 .pdf/.docx（--date，默认今天；已印过的保持原期号）", _brief)
    exports["duty-flash"] = ("值班快报 .pdf/.docx（--id 值班记录编号）", _flash)
