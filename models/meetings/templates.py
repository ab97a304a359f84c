"""检点单 templates, one per meeting type, versioned: every edit stores a new version of the whole item list, a
meeting keeps the version it was made from, and a later version is offered to it (`meetings.new_items`), never forced.

The built-in types (常务会议, 全体会议, 专题会议, 党委常委会) exist from the start: their template is stored, as
version 1, the first time it is read or used.
"""

from dataclasses import dataclass

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField

from models.core import audit
from models.core.db import DB, BaseModel, PlainModel, tuples
from models.core.errors import StaleRecord, ValidationError
from models.core.rights import require
from models.core.text import choice, clean
from models.core.validators import check_plain
from models.meetings import builtin, deadlines
from models.meetings.manifest import EDIT_MEETINGS, READ_MEETINGS
from models.meetings.terms import PHASES

MAX_ITEMS = 200


class MeetingTemplate(BaseModel):
    """The 检点单 template of one meeting type; `current` is its latest version."""

    name = CharField(max_length=40, unique=True)  # the meeting type: 「常务会议」, or the office's own
    current = IntegerField(default=1)
    builtin = BooleanField(default=False)

    class Meta:
        table_name = "meeting_template"


class TemplateItem(PlainModel):
    """One item of one version of a template."""

    template = ForeignKeyField(MeetingTemplate, backref="items", on_delete="CASCADE")
    template_id: int
    template_version = IntegerField()
    position = IntegerField()
    phase = CharField(max_length=4)  # 会前/会中/会后
    task = CharField(max_length=200)  # 事项
    owner = CharField(max_length=40, default="")  # 责任人 (科室 or person)
    deadline = CharField(max_length=20)  # as written: 「会前5个工作日」
    required = BooleanField(default=True)  # gates the phase move
    secret_only = BooleanField(default=False)  # only for a classified meeting (份号, 清退, phones out)

    class Meta:
        table_name = "meeting_template_item"
        indexes = ((("template", "template_version", "position"), True),)


@dataclass(frozen=True)
class ItemSpec:
    phase: str
    task: str
    owner: str
    deadline: str
    required: bool = True
    secret_only: bool = False


def check_item(data: dict, where: str = "") -> ItemSpec:
    """One item as typed or read from a sheet; `where` (「第 3 行：」) prefixes the messages."""
    try:
        phase = choice(data.get("phase"), PHASES, "阶段", "phase")
        task = check_plain(clean(data.get("task")), "task", "事项")
        if not task:
            raise ValidationError("task", "请填写事项。")
        if len(task) > 200:
            raise ValidationError("task", "事项过长（最多 200 个字）。")
        owner = clean(data.get("owner"))
        if len(owner) > 40:
            raise ValidationError("owner", "责任人过长（最多 40 个字）。")
        rule = deadlines.parse(data.get("deadline"))
    except ValidationError as exc:
        raise ValidationError(exc.field, f"{where}{exc}") from None
    return ItemSpec(phase, task, owner, rule.text, bool(data.get("required", True)),
                    bool(data.get("secret_only", False)))


def check_name(value: object) -> str:
    name = check_plain(clean(value), "name", "会议类型")
    if not name:
        raise ValidationError("name", "请填写会议类型（模板名称），如「常务会议」。")
    if len(name) > 40:
        raise ValidationError("name", "会议类型名称过长（最多 40 个字）。")
    return name


def _store(template: MeetingTemplate, version: int, items: list[ItemSpec]) -> None:
    TemplateItem.insert_many([
        dict(template=template.id, template_version=version, position=i, phase=s.phase, task=s.task,
             owner=s.owner, deadline=s.deadline, required=s.required, secret_only=s.secret_only)
        for i, s in enumerate(items, start=1)]).execute()


def _builtin_specs(name: str) -> list[ItemSpec]:
    return [ItemSpec(*row) for row in builtin.items(name)]


def ensure(actor, name: str) -> MeetingTemplate:
    """The template of `name`, storing a built-in one on first use; a ValidationError for an unknown type."""
    template = MeetingTemplate.get_or_none(MeetingTemplate.name == name)
    if template is not None:
        return template
    if name not in builtin.DELTAS:
        known = "、".join(names())
        raise ValidationError("type", f"没有「{name}」这种会议类型的检点单模板。可用：{known}；"
                                      "其他类型请先导入模板（import meeting-template）。")
    with DB.atomic():
        template = MeetingTemplate.create(name=name, builtin=True)
        _store(template, 1, _builtin_specs(name))
        audit.record(actor, "template_save", f"meeting_template:{template.id}", f"启用内置检点单模板「{name}」")
    return template


def names() -> list[str]:
    """Every meeting type: the built-in ones first, then the office's own."""
    stored = [n for (n,) in tuples(MeetingTemplate.select(MeetingTemplate.name).order_by(MeetingTemplate.id))]
    return list(builtin.DELTAS) + [n for n in stored if n not in builtin.DELTAS]


def items_of(template: MeetingTemplate, version: int | None = None) -> list[TemplateItem]:
    version = template.current if version is None else version
    return list(TemplateItem.select().where((TemplateItem.template == template)
                                            & (TemplateItem.template_version == version))
                .order_by(TemplateItem.position))


def read(actor, name: str) -> tuple[MeetingTemplate, list[TemplateItem]]:
    """The current version of a type's template, with its items."""
    require(actor, READ_MEETINGS, "查阅检点单模板")
    template = ensure(actor, name)
    return template, items_of(template)


def save(actor, name: str, rows: list[dict], expected_version: int | None = None) -> MeetingTemplate:
    """Store `rows` as the next version of the template `name` (a new type gets version 1). Meetings made from an
    earlier version keep theirs. `expected_version` refuses an edit made on a version someone replaced meanwhile."""
    require(actor, EDIT_MEETINGS, "修改检点单模板")
    name = check_name(name)
    if not rows:
        raise ValidationError("items", "模板至少要有一个事项。")
    if len(rows) > MAX_ITEMS:
        raise ValidationError("items", f"模板事项过多（最多 {MAX_ITEMS} 项）。")
    specs = [check_item(row, f"第 {i} 项：") for i, row in enumerate(rows, start=1)]
    seen: set[tuple[str, str]] = set()
    for i, spec in enumerate(specs, start=1):
        if (spec.phase, spec.task) in seen:
            raise ValidationError("task", f"第 {i} 项：{spec.phase}事项「{spec.task}」重复，请删去一项。")
        seen.add((spec.phase, spec.task))
    with DB.atomic():
        template = MeetingTemplate.get_or_none(MeetingTemplate.name == name)
        if template is None:
            if name in builtin.DELTAS:
                template = ensure(actor, name)
            else:
                template = MeetingTemplate.create(name=name, current=0)
        if expected_version is not None and template.current != expected_version:
            raise StaleRecord()
        before = template.current
        template.current = before + 1
        template.save()
        _store(template, template.current, specs)
        audit.record(actor, "template_save", f"meeting_template:{template.id}",
                     f"检点单模板「{name}」保存为第 {template.current} 版（{len(specs)} 项）",
                     before={"version": before}, after={"version": template.current, "items": len(specs)})
    return template


def rows_of(items: list[TemplateItem]) -> list[dict]:
    """Items as the plain rows `save` and the .xlsx export take."""
    return [dict(phase=i.phase, task=i.task, owner=i.owner, deadline=i.deadline, required=i.required,
                 secret_only=i.secret_only) for i in items]
