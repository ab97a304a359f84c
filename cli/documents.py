"""The 公文 module's CLI: `import incoming|outgoing FILE [--dry-run]` and its exports."""

from collections.abc import Callable
from pathlib import Path

from models.core import clock
from models.core.errors import ValidationError


def _need_id(args) -> int:
    if args.id is None:
        raise ValidationError("id", f"导出「{args.report}」需要 --id（收文或发文的记录号，可在窗口详情或 --dry-run 报告中查到）。")
    return args.id


def _ledger(report: str) -> Callable:
    def export(actor, args) -> Path:
        from exporters.documents import export_ledger

        export_ledger(actor, report, args.output, args.year)
        return Path(args.output)

    return export


def _form(kind: str) -> Callable:
    def export(actor, args) -> Path:
        from exporters.documents import export_form

        return export_form(actor, kind, _need_id(args), args.output)

    return export


def _day_check(actor, args) -> Path:
    from exporters.documents import export_day_check
    from models.core.validators import parse_date

    export_day_check(actor, args.output, parse_date(args.date, "date") if args.date else None)
    return Path(args.output)


def _number_check(actor, args) -> Path:
    from exporters.documents import export_number_check

    export_number_check(actor, args.year or clock.today().year, args.output)
    return Path(args.output)


def importers() -> dict:
    from importers.ledger_import import cli_importer

    return {"incoming": cli_importer("incoming"), "outgoing": cli_importer("outgoing")}


def exports() -> dict:
    return {
        "incoming-ledger": _ledger("incoming-ledger"),
        "incoming-progress": _ledger("incoming-progress"),
        "outgoing-ledger": _ledger("outgoing-ledger"),
        "outgoing-progress": _ledger("outgoing-progress"),
        "routing-slip": _form("routing-slip"),
        "reminder-slip": _form("reminder-slip"),
        "drafting-sheet": _form("drafting-sheet"),
        "day-check": _day_check,
        "number-check": _number_check,
    }
