"""Forms that show a model's ValidationError beside the field it names."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b42318;"
FIELD_ERROR_STYLE = "border: 1px solid #d92d20; border-radius: 2px;"
HINT_STYLE = "color: #667085;"
# In a text box Enter adds a line, so say how to confirm (the dialogs bind Ctrl+Enter to 确定).
MULTILINE_HINT = "Enter 换行，Ctrl+Enter 确定"


def dialog_buttons(dialog: QDialog, accept: str, reject: str, on_accept: Callable[[], object]) -> QDialogButtonBox:
    """The dialog's two buttons, labelled as given (Qt's standard ones would follow the system's language): `accept`
    runs `on_accept`, which closes the dialog only when the form is right; `reject` closes it."""
    buttons = QDialogButtonBox()
    buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(reject, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class Form(QWidget):
    """A QFormLayout whose rows each have an error line under the field."""

    def __init__(self, parent: QWidget | None = None, reserve_errors: bool = False) -> None:
        """`reserve_errors`: each error line keeps its room while hidden, so forms side by side stay level when
        one of them shows a message."""
        super().__init__(parent)
        self.reserve_errors = reserve_errors
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}

    def add(self, key: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            note = QLabel(hint)
            note.setStyleSheet(HINT_STYLE)
            column.addWidget(note)
            self.hints[key] = note
        message = QLabel()
        message.setStyleSheet(ERROR_STYLE)
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self.reserve_errors:
            policy = message.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)  # a long message wraps, never widens the form
            message.setSizePolicy(policy)
        message.hide()
        column.addWidget(message)
        self.layout_.addRow(label, box)
        self.fields[key] = widget
        self.errors[key] = message
        return widget

    def line(self, key: str, label: str, password: bool = False, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda _=None, k=key: self.clear(k))
        return self.add(key, label, edit)

    def text_box(self, key: str, label: str, text: str = "", height: int = 72) -> QPlainTextEdit:
        """A multi-line field: Tab leaves it, and the line under it says that Ctrl+Enter confirms."""
        edit = QPlainTextEdit(text)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        edit.textChanged.connect(lambda k=key: self.clear(k))
        return self.add(key, label, edit, hint=self.tr(MULTILINE_HINT))

    def show_error(self, key: str, message: str) -> None:
        """Show `message` under the field `key` (or under the last field when no field has that name)."""
        target = key if key in self.errors else self._nearest(key)
        label = self.errors[target]
        label.setText(message)
        label.show()
        field = self.fields[target]
        field.setStyleSheet(FIELD_ERROR_STYLE)
        field.setFocus()
        window = self.window()
        if isinstance(window, QDialog):  # grow so the message is not clipped (never resize the main window)
            window.adjustSize()

    def _nearest(self, key: str) -> str:
        for name in self.errors:
            if key.endswith(name) or name.endswith(key):
                return name
        return list(self.errors)[-1]

    def clear(self, key: str | None = None) -> None:
        for name in [key] if key else list(self.errors):
            self.errors[name].hide()
            self.fields[name].setStyleSheet("")

    def passwords_match(self, message: str = "两次输入的密码不一致。") -> bool:
        """Check the 「确认密码」 field against the password; show the message under it when they differ."""
        if self.text("password") == self.text("confirm"):
            return True
        self.show_error("confirm", message)
        return False

    def text(self, key: str) -> str:
        return self.fields[key].text()
