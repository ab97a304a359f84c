"""The 公文 module's CLI: `import incoming|outgoing FILE [--dry-run]` and its exports."""

from collections.abc import Callable
from pathlib import Path

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
    from datetime import date

    from exporters.documents import export_number_check

    export_number_check(actor, args.year or date.today().year, args.output)
    return Path(args.output)


def _import(kind: str) -> Callable:
    def importer(actor, path, dry_run):
        from importers.ledger_import import cli_importer  # loaded when an import runs, not for every command

        return cli_importer(kind)(actor, path, dry_run)

    return importer


def register(importers: dict, exports: dict) -> None:
    importers["incoming"] = ("旧收文登记簿（.xlsx/.csv）", _import("incoming"))
    importers["outgoing"] = ("旧发文登记簿（.xlsx/.csv）", _import("outgoing"))
    exports["incoming-ledger"] = ("收文登记簿 .xlsx（--year）", _ledger("incoming-ledger"))
    exports["incoming-progress"] = ("收文办理进度台账 .xlsx（--year）", _ledger("incoming-progress"))
    exports["outgoing-ledger"] = ("发文登记簿 .xlsx（--year）", _ledger("outgoing-ledger"))
    exports["outgoing-progress"] = ("发文审核进度台账 .xlsx（--year）", _ledger("outgoing-progress"))
    exports["routing-slip"] = ("文件处理笺 .docx/.pdf（--id 收文）", _form("routing-slip"))
    exports["reminder-slip"] = ("催办单 .docx/.pdf（--id 收文，取最近一次催办）", _form("reminder-slip"))
    exports["drafting-sheet"] = ("发文稿纸 .docx/.pdf（--id 发文）", _form("drafting-sheet"))
    exports["day-check"] = ("当日盘点 .xlsx（--date，默认今天）", _day_check)
    exports["number-check"] = ("发文字号检查 .xlsx（--year，默认今年）", _number_check)
