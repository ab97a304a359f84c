"""涉密岗位: name, unit, level (核心/重要/一般), duties, and who holds each now. A new level moves its holders."""

from PySide6.QtWidgets import QToolBar, QVBoxLayout, QWidget

from models.secrecy import people as secrecy
from models.secrecy.terms import LEVELS
from ui import messages
from ui.secrecy.tables import fill, make_table, selected_row
from ui.widgets.actions import step_action
from ui.widgets.step_dialog import Field, StepDialog

COLUMNS = ("部门", "岗位名称", "等级", "在岗人员", "岗位职责/涉密事项")


class PostsPage(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        bar = QToolBar()
        for label, key, slot in (("新增岗位", "Ctrl+N", self.add), ("修改", "", self.change), ("撤销", "", self.retire)):
            bar.addAction(step_action(self, label, key, slot))
        self.table = make_table(COLUMNS, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(bar)
        layout.addWidget(self.table, 1)
        self.posts: list[secrecy.Post] = []

    def showEvent(self, event) -> None:  # noqa: N802
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.posts = secrecy.posts(self.session)
        held = secrecy.post_holders(self.session)
        order = {v: i for i, v in enumerate(LEVELS)}
        self.posts.sort(key=lambda p: (order[p.level], p.unit, p.name))
        fill(self.table, [((p.unit, p.name, p.level, "、".join(held.get(p.id, [])) or "（空缺）", p.duties), None)
                          for p in self.posts],
             self.tr("还没有涉密岗位。按 Ctrl+N 新增岗位；导入花名册时也可以按表中的岗位一并新建。"))

    def action_new(self) -> None:
        self.add()

    @staticmethod
    def fields(post: secrecy.Post | None = None) -> list[Field]:
        return [Field("unit", "部门", default=post.unit if post else ""),
                Field("name", "岗位名称", default=post.name if post else ""),
                Field("level", "等级", "choice", default=post.level if post else "一般", choices=LEVELS),
                Field("duties", "岗位职责/涉密事项", "text", default=post.duties if post else "")]

    def _run(self, title: str, fields: list[Field], action, intro: str = "") -> None:
        dialog = StepDialog(title, fields, action, self, intro)
        if dialog.exec():
            self.refresh()
            result = dialog.result_value
            if isinstance(result, tuple) and result[1]:
                messages.info(self, title, "\n".join(result[1]))

    def _one(self) -> secrecy.Post | None:
        row = selected_row(self.table)
        if row is None:
            messages.info(self, self.tr("涉密岗位"), self.tr("请先选中一个岗位。"))
            return None
        return self.posts[row]

    def add(self) -> None:
        self._run(self.tr("新增涉密岗位"), self.fields(), lambda v: secrecy.add_post(self.session, v),
                  self.tr("核心：产生、管理或经常接触绝密事项；重要：经常接触机密；一般：接触秘密。"))

    def change(self) -> None:
        if post := self._one():
            self._run(self.tr("修改涉密岗位"), self.fields(post),
                      lambda v: secrecy.change_post(self.session, post.id, v, post.version),
                      self.tr("改变等级时，岗位上的人员随之调整涉密等级，各记一条调岗记录。"))

    def retire(self) -> None:
        if post := self._one():
            self._run(self.tr("撤销涉密岗位"), [], lambda v: secrecy.retire_post(self.session, post.id),
                      f"撤销「{post.label}」？岗位记录保留，不再可选。")
