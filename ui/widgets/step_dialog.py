"""One dialog for every step of a document's flow: fields declared as data, the models function called on
确定, and its ValidationError shown beside the field it names. Enter in the last line confirms; Ctrl+Enter
confirms from a text box, so a secretary never needs the mouse."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
)

from models.core import clock
from models.core.errors import NeedsConfirmation, SanbanError
from ui import messages
from ui.form import Form, dialog_buttons
from ui.widgets.step_fields import Field  # pages import it from here too


class StepDialog(QDialog):
    def __init__(self, title: str, fields: list[Field], action: Callable[[dict], object], parent=None,
                 intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.action, self.result_value = action, None
        self.form = Form()
        self.widgets = {}
        for spec in fields:
            self.widgets[spec.key] = self._widget(spec)
        buttons = dialog_buttons(self, self.tr("确定"), self.tr("取消"), self.save)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            label.setStyleSheet("color: #333; font-weight: bold;")
            layout.addWidget(label)
        # A long form scrolls inside the dialog: its 确定 and 取消 stay on a 1366×768 screen.
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.form)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)
        self.setMinimumWidth(520)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """As tall as the form where the screen allows, else the form scrolls; never past the screen's edge."""
        from ui.widgets.screen_fit import scroll_to_fit

        scroll_to_fit(self, self.scroll)
        super().showEvent(event)

    def _widget(self, spec: Field):
        if spec.kind == "text":
            return self.form.text_box(spec.key, spec.label, spec.default)
        if spec.kind == "choice":
            widget = QComboBox()
            widget.addItems(list(spec.choices))
            if spec.default:
                widget.setCurrentText(spec.default)
            return self.form.add(spec.key, spec.label, widget)
        widget = self.form.line(spec.key, spec.label, password=spec.kind == "password", placeholder=spec.placeholder)
        widget.setText(spec.default or (f"{clock.today():%Y-%m-%d}" if spec.kind == "date" else ""))
        if spec.complete:
            completer = QCompleter(list(spec.complete), widget)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            widget.setCompleter(completer)
        return widget

    def values(self) -> dict:
        result = {}
        for key, widget in self.widgets.items():
            if isinstance(widget, QPlainTextEdit):
                result[key] = widget.toPlainText()
            elif isinstance(widget, QComboBox):
                result[key] = widget.currentText()
            else:
                result[key] = widget.text()
        return result

    def set_value(self, key: str, value: str) -> None:
        widget = self.widgets[key]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentText(value)
        else:
            widget.setText(value)

    def save(self) -> None:
        self.form.clear()
        values = self.values()
        try:
            self.result_value = self.action(values)
        except NeedsConfirmation as exc:
            if not messages.confirm(self, self.windowTitle(), exc.message):
                self.form.show_error(exc.field, exc.message)
                return
            try:
                self.result_value = self.action({**values, "_confirm": True})
            except SanbanError as again:
                self._show(again)
                return
        except SanbanError as exc:
            self._show(exc)
            return
        self.accept()

    def _show(self, exc: SanbanError) -> None:
        field = getattr(exc, "field", "")
        if field in self.widgets or any(field.endswith(k) or k.endswith(field) for k in self.widgets if field):
            self.form.show_error(field, exc.message)
        else:
            messages.warn(self, self.windowTitle(), exc.message)
