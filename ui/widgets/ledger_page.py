"""The ledger page: every list that can grow is one. A `LedgerView` over a models source, the steps declared as
data (label, shortcut, the dialog and models function they run, who may run them, when they are enabled), the
selection, the detail, and print/export of exactly what is on screen, with the 密级 taken from the rows' data.

A step runs its dialog; when the models function succeeds the page announces a `Change` on the window's one
signal (ui/changes.py). Every page that shows that kind of record refreshes — pages of other kinds do not — and
the page of the record selects it and scrolls to it, so the next step (Ctrl+1 …) acts on the record just made.
The main window's 编辑 menu calls `action_new/find/print/export`, which this type provides once.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from models.core.changes import Change
from models.core.errors import SanbanError
from models.core.rights import Right, allowed
from ui import messages
from ui.changes import announce, bus
from ui.widgets.actions import step_action
from ui.widgets.ledger import LedgerView
from ui.widgets.step_fields import Field


@dataclass
class StepForm:
    """The dialog of a step: its fields and the models function called on 确定 with the values typed."""

    title: str
    fields: list[Field]
    action: Callable[[dict], object]
    intro: str = ""


@dataclass(frozen=True)
class Step:
    """One step of a page, as data.

    `open` gets what the step acts on — the selected record (`target="one"`), the selected ids ("many") or
    nothing ("none") — and returns a `StepForm` to run, a `Change` it made by itself, or None (nothing changed:
    a preview, a cancelled file dialog). `change` maps the models function's result to the Change to announce;
    without it the change is the record acted on, or for "none" the record the function returned.
    """

    key: str
    label: str
    shortcut: str = ""
    open: Callable[[Any], "StepForm | Change | None"] | None = None
    target: str = "one"  # "one" | "many" | "none"
    right: Right | None = None  # shown only to holders of this right
    enabled: Callable[[Any], bool] | None = None  # given the selected Row (or None): may the step run now?
    change: Callable[[object], Change] | None = None
    menu: bool = True  # also on the rows' context menu (steps that act on a row)
    also: tuple[str, ...] = field(default=())  # other kinds the step changes (a 借出 changes the person's record)


SEPARATOR = Step("-", "")


class LedgerPage(QWidget):
    """A module's page over a ledger source; subclasses declare `kind`, the steps and how to fetch a record."""

    kind = ""  # the kind of record the rows are (as in Change.kinds)
    noun = "记录"  # what a row is, in the messages: 「请先在台账中选中一件文件」
    new_step = ""  # the step behind Ctrl+N
    print_step = ""  # behind Ctrl+P; empty: print what is on screen
    export_step = ""  # behind Ctrl+E; empty: export what is on screen

    def __init__(self, session, source, parent: QWidget | None = None, empty_hint: str = "") -> None:
        super().__init__(parent)
        self.session = session
        self.source = source
        self.ledger = LedgerView(source)
        if empty_hint:
            self.ledger.empty_hint = empty_hint
            self.ledger._show_count()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.ledger)
        self.actions: dict[str, QAction] = {}
        self.steps: dict[str, Step] = {}
        for step in self.declare_steps():
            if step.key == "-":
                if self.actions and not self.ledger.toolbar.actions()[-1].isSeparator():  # none leading or doubled
                    self.ledger.toolbar.addSeparator()  # (a 领导 has no step before the 打印 ones)
                continue
            if step.right is not None and not allowed(session, step.right):
                continue
            action = step_action(self, step.label, step.shortcut, lambda _=False, k=step.key: self.run(k))
            self.ledger.toolbar.addAction(action)
            self.actions[step.key] = action
            self.steps[step.key] = step
        self.ledger.toolbar.addAction(self.ledger.columns_action)
        self.ledger.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.ledger.table.customContextMenuRequested.connect(self._menu)
        self.ledger.selection_changed.connect(self._update_enabled)
        self._stale: Change | None = None
        bus().changed.connect(self.on_change)
        self._update_enabled(self.ledger.selected_row())

    # --- what subclasses declare ----------------------------------------------------------------------------
    def declare_steps(self) -> list[Step]:
        return []

    def get(self, row_id: int) -> Any:
        """The record a "one" step acts on (a models read); the Row itself by default."""
        return self.ledger.model.row(self.ledger.table.currentIndex().row())

    # --- selection ------------------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.ledger.table.selectionModel().selectedRows()})
        ids = [r.id for r in (self.ledger.model.row(n) for n in rows) if r is not None]
        if not ids and (row := self.ledger.selected_row()) is not None:
            ids = [row.id]
        return ids

    def _update_enabled(self, row) -> None:
        for key, step in self.steps.items():
            if step.enabled is not None:
                self.actions[key].setEnabled(step.enabled(row))

    def _menu(self, pos) -> None:
        menu = QMenu(self)
        for key, step in self.steps.items():
            if step.target != "none" and step.menu:
                menu.addAction(self.actions[key])
        if not menu.isEmpty():
            menu.exec(self.ledger.table.viewport().mapToGlobal(pos))

    # --- running a step -------------------------------------------------------------------------------------
    def run(self, key: str) -> object:
        """Run step `key` on the selection, as its button or shortcut does; returns the models result or None."""
        step = self.steps.get(key)
        if step is None or step.open is None:
            return None
        if step.enabled is not None and not step.enabled(self.ledger.selected_row()):
            return None
        ids = self.selected_ids()
        target: Any = None
        if step.target == "one":
            if len(ids) != 1:
                messages.info(self, step.label, self.tr("请先在台账中选中一%1。").replace("%1", self.noun) if not ids
                              else self.tr("这一步一次只能办理一%1，请只选中一行。").replace("%1", self.noun))
                return None
            try:
                target = self.get(ids[0])
            except SanbanError as exc:
                messages.warn(self, step.label, exc.message)
                return None
        elif step.target == "many":
            if not ids:
                messages.info(self, step.label, self.tr("请先在台账中选中%1（可按住 Ctrl 或 Shift 选多行）。")
                              .replace("%1", self.noun))
                return None
            target = ids
        opened = step.open(target)
        if isinstance(opened, Change):
            announce(opened)
            return opened
        if not isinstance(opened, StepForm):
            return None
        from ui.widgets.step_dialog import StepDialog  # on the first step run: the page is on screen before it

        dialog = StepDialog(opened.title, opened.fields, opened.action, self, opened.intro)
        if not dialog.exec():
            return None
        result = dialog.result_value
        notes = result[1] if isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], list) else []
        announce(self.change_of(step, result, ids))
        if notes:
            messages.info(self, opened.title, "\n".join(str(n) for n in notes))
        return result

    def change_of(self, step: Step, result: object, ids: list[int]) -> Change:
        if step.change is not None:
            return step.change(result)
        if step.target == "one":
            return Change.of(self.kind, ids[0], also=step.also)
        if step.target == "many":
            return Change.of(self.kind, *ids, also=step.also)
        made = result[0] if isinstance(result, tuple) and result else result
        return Change.of(self.kind, getattr(made, "id", None), also=step.also)

    # --- changes from anywhere in the window ----------------------------------------------------------------
    def concerns(self, change: Change) -> bool:
        return change.concerns(self.source.kinds)

    def on_change(self, change: Change) -> None:
        if not self.concerns(change):
            return
        if not self.isVisible():  # refreshed when shown: a hidden page costs no query
            self._stale = change if self._stale is None else self._stale.merge(change)
            return
        self.apply_change(change)

    def apply_change(self, change: Change) -> None:
        try:
            self.refresh()
        except SanbanError as exc:
            messages.warn(self, self.source.title, exc.message)
            return
        if self.kind in change.kinds and change.first_id is not None:
            self.ledger.select_record(change.first_id)

    def refresh(self) -> None:
        self.ledger.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale is not None:
            change, self._stale = self._stale, None
            self.apply_change(change)

    # --- the window's 编辑 menu -----------------------------------------------------------------------------
    def action_new(self) -> None:
        if self.new_step:
            self.run(self.new_step)

    def action_find(self) -> None:
        self.ledger.focus_search()

    def action_print(self) -> None:
        self.run(self.print_step) if self.print_step else self.print_view()

    def action_export(self) -> None:
        self.run(self.export_step) if self.export_step else self.export_view()

    # --- what is on screen, printed or saved ----------------------------------------------------------------
    def view_rows(self, progress=None, cancelled=None) -> tuple[list[tuple[str, int]], list[tuple], str]:
        """The visible columns, every row the filters select (as the view lists them), and the highest 密级
        among those rows, read from the rows' data."""
        from models.documents.terms import highest_secrecy

        view, source = self.ledger, self.source
        shown = view.visible_columns()
        columns = [(source.columns[n].label, source.columns[n].width // 8) for n in shown]
        query = view.model.query
        total = source.count(query)  # may be capped for a 1–2 character search: then what the view lists
        rows: list[tuple] = []
        levels: set[str] = set()
        after = None
        while len(rows) < total and not (cancelled and cancelled()):
            page = source.page(query, after, 1000)
            if not page:
                break
            for row in page[:total - len(rows)]:
                rows.append(tuple(row.values[n] for n in shown))
                levels.add(row.secrecy)
            after = page[-1].key
            if progress:
                progress(len(rows), total)
        return columns, rows, highest_secrecy(levels)

    def export_view(self) -> None:
        from ui.widgets.preview import save_path
        from ui.workers import run_in_background

        path = save_path(self, self.tr("导出屏幕上的列表"), f"{self.source.title}-筛选结果.xlsx", "Excel 文件 (*.xlsx)")
        if not path:
            return

        def operation(progress, cancelled):
            from exporters.documents import export_view

            columns, rows, mark = self.view_rows(progress, cancelled)
            return export_view(self.session, self.source.title, columns, rows, path, mark)

        def done(count, error) -> None:
            if error is not None:
                messages.warn(self, self.tr("导出"), error.message if isinstance(error, SanbanError)
                              else self.tr("导出失败：%1").replace("%1", str(error)))
                return
            messages.exported(self, self.tr("导出"), count, path)

        run_in_background(self, self.tr("正在导出…"), operation, done, cancellable=True)

    def print_view(self) -> None:
        """What is on screen in the print preview (PDF, the highest 密级 on it), then 打印 or 另存为 .xlsx."""
        from exporters.documents import export_view
        from ui.widgets.preview import preview_file

        def write(pdf) -> int:
            columns, rows, mark = self.view_rows()
            return export_view(self.session, self.source.title, columns, rows, pdf, mark)

        preview_file(self, f"{self.source.title}.pdf", write,
                     lambda count: self.tr("%1（%2 条）").replace("%1", self.source.title).replace("%2", str(count)),
                     self.export_view, self.tr("打印"))
