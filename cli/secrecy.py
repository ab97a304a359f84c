"""The 涉密人员库's CLI: `import personnel FILE [--create-posts]`, `export personnel-roster|personnel-form|…`."""

from pathlib import Path

from models.core.errors import ValidationError


def _table(report: str):
    def run(actor, args) -> Path:
        from exporters.secrecy import export_table

        export_table(actor, report, args.output)
        return Path(args.output)

    return run


def _need_id(args, what: str) -> int:
    if args.id is None:
        raise ValidationError("id", f"导出{what}需要 --id（人员编号，在窗口的人员详情中可以看到）。")
    return args.id


def _form(actor, args) -> Path:
    from exporters.secrecy import export_form

    return export_form(actor, _need_id(args, "涉密人员登记表"), args.output)


def _history(actor, args) -> Path:
    from exporters.secrecy import export_history

    export_history(actor, _need_id(args, "履历"), args.output)
    return Path(args.output)


def _import_personnel(actor, path, dry_run, create_posts=False):
    from importers.personnel_import import cli_importer  # loaded when an import runs, not for every command

    return cli_importer()(actor, path, dry_run, create_posts)


def register(importers: dict, exports: dict) -> None:
    importers["personnel"] = ("涉密人员花名册（.xlsx/.csv；--create-posts 新建表中的岗位）", _import_personnel)
    exports["personnel-roster"] = ("涉密人员花名册 .xlsx", _table("personnel-roster"))
    exports["personnel-stats"] = ("涉密人员统计（按部门、等级） .xlsx", _table("personnel-stats"))
    exports["personnel-form"] = ("涉密人员登记表 .docx/.pdf（--id 人员编号）", _form)
    exports["personnel-history"] = ("涉密人员履历 .xlsx（--id 人员编号）", _history)
