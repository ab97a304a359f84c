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


def importers() -> dict:
    from importers.personnel_import import cli_importer

    return {"personnel": cli_importer()}


def exports() -> dict:
    return {
        "personnel-roster": _table("personnel-roster"),
        "personnel-stats": _table("personnel-stats"),
        "personnel-form": _form,
        "personnel-history": _history,
    }
