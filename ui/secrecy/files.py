"""The 涉密人员 tab's files: the 登记表 preview, 花名册/统计/履历 exports, and the 花名册 import wizard."""


from PySide6.QtWidgets import QInputDialog, QWidget

from models.core.errors import SanbanError
from models.secrecy import people as secrecy
from ui import messages
from ui.widgets.preview import preview_form, save_path, save_to

TABLES = {"涉密人员花名册": "personnel-roster", "涉密人员统计（按部门、等级）": "personnel-stats"}


def post_choices(session) -> tuple[str, ...]:
    posts = secrecy.posts(session)
    names = [p.name for p in posts]
    return tuple(p.name if names.count(p.name) == 1 else f"{p.unit}·{p.name}" for p in posts)


def print_form(parent: QWidget, session, person: secrecy.Person) -> None:
    """涉密人员登记表: preview, then print or save as .pdf/.docx (each file audited as an export)."""
    from exporters.secrecy import export_form

    name = f"涉密人员登记表-{person.name}"
    preview_form(parent, name, lambda path: export_form(session, person.id, path), parent.tr("登记表"),
                 f"{name}.docx", "Word 文件 (*.docx);;PDF 文件 (*.pdf)")


def export_tables(parent: QWidget, session) -> None:
    from exporters.secrecy import export_table
    from ui.workers import run_in_background

    label, ok = QInputDialog.getItem(parent, parent.tr("导出"), parent.tr("导出哪一份："), list(TABLES), 0, False)
    if not ok:
        return
    path = save_path(parent, parent.tr("导出"), f"{label.split('（')[0]}.xlsx", "Excel 文件 (*.xlsx)")
    if not path:
        return

    def done(count, error) -> None:  # a 3,000-person 花名册 takes about a second: off the GUI thread
        if error is not None:
            messages.warn(parent, parent.tr("导出"), error.message if isinstance(error, SanbanError)
                          else f"导出失败：{error}")
            return
        messages.exported(parent, parent.tr("导出"), count, path)

    run_in_background(parent, parent.tr("正在导出…"),
                      lambda progress, cancelled: export_table(session, TABLES[label], path), done)


def export_history(parent: QWidget, session, person: secrecy.Person) -> None:
    from exporters.secrecy import export_history as write

    save_to(parent, parent.tr("导出履历"), f"涉密人员履历-{person.name}.xlsx", "Excel 文件 (*.xlsx)",
            lambda path: write(session, person.id, path))


def import_roster(parent: QWidget, session, path: str = "") -> bool:
    """The wizard: a dry run first; posts missing from the system are created only if the user says so — asked even
    when other rows must be fixed first, so the list of problems holds only what she has to change in Excel."""
    from PySide6.QtWidgets import QFileDialog

    from importers import personnel_import
    from ui.workers import wait_for

    title = parent.tr("导入涉密人员花名册")
    if not path:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", "Excel 文件 (*.xlsx);;CSV 文件 (*.csv)")
    if not path:
        return False
    create = False
    busy = parent.tr("正在读取花名册…")
    try:
        parsed, _ = wait_for(parent, busy, lambda: personnel_import.run(session, path, dry_run=True))
        if parsed.missing_posts:
            names = sorted(parsed.missing_posts)
            create = messages.confirm(parent, title, f"花名册中有 {len(names)} 个岗位在系统中还没有："
                                                     f"{'、'.join(names)}。\n\n"
                                                     "导入时按花名册中的部门和类别新建这些涉密岗位吗？\n"
                                                     "选「否」则不新建，这些人员所在的行将列为有问题。")
            if create:
                parsed, _ = wait_for(parent, busy, lambda: personnel_import.run(session, path, dry_run=True,
                                                                                 create_posts=True))
    except SanbanError as exc:
        messages.warn(parent, title, exc.message)
        return False
    lines = personnel_import.summary(parsed, 0, dry_run=False)[:-1] if parsed.errors else \
        personnel_import.summary(parsed, 0, dry_run=False)
    if parsed.errors:
        lines += ["", "以下各行有问题，整个文件都没有导入，请在 Excel 中改正后重新导入："] + parsed.report(30)
        if create:
            lines += ["", "岗位尚未新建：改正后重新导入时，会再次询问是否新建。"]
        messages.warn(parent, title, "\n".join(lines))
        return False
    if not parsed.good:
        messages.info(parent, title, "\n".join(lines + ["没有需要导入的人员。"]))
        return False
    if not messages.confirm(parent, title, "\n".join(lines + ["", f"导入这 {len(parsed.good)} 人吗？"])):
        return False
    try:
        parsed, written = wait_for(parent, parent.tr("正在导入花名册…"),
                                   lambda: personnel_import.run(session, path, create_posts=create))
    except SanbanError as exc:
        messages.warn(parent, title, exc.message)
        return False
    messages.info(parent, title, "\n".join(personnel_import.summary(parsed, written, dry_run=False)))
    return True
