"""系统管理员: security settings, reporting limits, and the office's own words on printed sheets."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from models.core import settings
from models.core.errors import SanbanError
from models.core.rights import Right
from ui import messages


class SettingsPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        form = QFormLayout()
        self.boxes: dict[str, QSpinBox] = {}
        values = settings.all_values()
        for spec in settings.specs().values():
            if spec.owner != Right.EDIT_SETTINGS:  # a module's own rules are set in its tab, by their owner
                continue
            box = QSpinBox()
            box.setRange(spec.minimum, spec.maximum)
            box.setSuffix(f" {spec.unit}")
            box.setValue(values[spec.key])
            form.addRow(spec.label, box)
            self.boxes[spec.key] = box
        self.texts: dict[str, QLineEdit] = {}
        for key, spec in settings.texts().items():
            if spec.owner != Right.EDIT_SETTINGS:
                continue
            line = QLineEdit(settings.get_text(key))
            line.setMaxLength(spec.max_length)
            form.addRow(spec.label, line)
            self.texts[key] = line
        save = QPushButton(self.tr("保存"))
        save.clicked.connect(self.save)
        self.result = QLabel()
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(form)
        column.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)  # as wide as its words, not the page
        column.addWidget(self.result)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def save(self) -> None:
        current = settings.all_values()
        try:
            changed = 0
            for key, box in self.boxes.items():
                if box.value() != current[key]:
                    settings.set_value(self.session, key, box.value())
                    changed += 1
            for key, line in self.texts.items():
                if line.text().strip() != settings.get_text(key):
                    settings.set_text(self.session, key, line.text())
                    changed += 1
        except SanbanError as exc:
            messages.warn(self, self.tr("设置"), exc.message)
            return
        self.result.setText(self.tr("已保存 %1 项修改。").replace("%1", str(changed)))
