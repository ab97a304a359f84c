"""督办's exports on the command line: `export supervision-ledger|supervision-report [--as-of D]`,
`export supervision-slip --id N` (the 督办单 is issued at the item's level and logged as it is written)."""

from datetime import date
from pathlib import Path

from models.core import clock
from models.core.errors import ValidationError
from models.core.validators import parse_date


def _as_of(args) -> date:
    given = getattr(args, "as_of", None) or args.date
    return parse_date(given, "as_of") if given else clock.today()


def _ledger(actor, args) -> Path:
    from exporters.supervision import export_ledger

    export_ledger(actor, args.output, _as_of(args), args.year)
    return Path(args.output)


def _slip(actor, args) -> Path:
    from exporters.supervision import export_slip

    if args.id is None:
        raise ValidationError("id", "导出督办单需要 --id（督办事项的编号，可用 supervision show 或在窗口中查看）。")
    export_slip(actor, args.id, args.output)
    return Path(args.output)


def _report(actor, args) -> Path:
    from exporters.supervision import export_report

    export_report(actor, _as_of(args), args.output)
    return Path(args.output)


def exports() -> dict:
    return {"supervision-ledger": _ledger, "supervision-slip": _slip, "supervision-report": _report}
