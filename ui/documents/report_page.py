"""A read-only page of HTML rebuilt on 刷新 (the 公文 tab's 当日盘点 and 文号检查), loaded when first opened."""

from PySide6.QtWidgets import QPushButton, QSpinBox, QTextBrowser, QToolBar, QVBoxLayout, QWidget

from models.core import clock


class ReportPage(QWidget):
    """A read-only page of HTML rebuilt on 刷新 (当日盘点, 文号检查)."""

    def __init__(self, build, with_year: bool = False, parent=None, export=None, name: str = "") -> None:
        super().__init__(parent)
        self.build, self.export, self.name = build, export, name
        self.view = QTextBrowser()
        bar = QToolBar()
        self.year = QSpinBox()
        self.year.setRange(1990, clock.today().year + 1)
        self.year.setValue(clock.today().year)
        self.year.setSuffix(" 年")
        if with_year:
            bar.addWidget(self.year)
            self.year.valueChanged.connect(lambda _: self.refresh())
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        bar.addWidget(refresh)
        if export is not None:
            save = QPushButton(self.tr("导出 Excel…"))
            save.clicked.connect(self.action_export)
            bar.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        self.view.setHtml(self.build(self.year.value()))

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def action_export(self) -> None:
        from ui.widgets.preview import save_to

        save_to(self, self.tr("导出"), f"{self.name}.xlsx", "Excel 文件 (*.xlsx)",
                lambda path: self.export(path, self.year.value()))
