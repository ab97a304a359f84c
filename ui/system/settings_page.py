"""系统管理员: security settings (lock-out, idle lock, password rules)."""

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from models import settings
from models.errors import SanbanError
from ui import messages


class SettingsPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        form = QFormLayout()
        self.boxes: dict[str, QSpinBox] = {}
        values = settings.all_values()
        for spec in settings.SPECS:
            box = QSpinBox()
            box.setRange(spec.minimum, spec.maximum)
            box.setSuffix(f" {spec.unit}")
            box.setValue(values[spec.key])
            form.addRow(spec.label, box)
            self.boxes[spec.key] = box
        save = QPushButton(self.tr("保存"))
        save.clicked.connect(self.save)
        self.result = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(save)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def save(self) -> None:
        current = settings.all_values()
        try:
            changed = 0
            for key, box in self.boxes.items():
                if box.value() != current[key]:
                    settings.set_value(self.session, key, box.value())
                    changed += 1
        except SanbanError as exc:
            messages.warn(self, self.tr("安全设置"), exc.message)
            return
        self.result.setText(self.tr("已保存 %1 项修改。").replace("%1", str(changed)))
