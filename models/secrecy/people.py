"""涉密人员库 (DOMAIN.md §4): 涉密岗位, 涉密人员 and their lifecycle, kept as events that are never overwritten.

A person's 涉密等级 follows their highest current post. 上岗, 调岗, 离岗/离职/退休 (which starts the 脱密期, its
length from the policy by level unless the agency sets another) and 脱密期满 each add a `PersonEvent`; a post held
is an `Assignment` with a start and, once left, an end. Only the 安全保密管理员 reads or changes any of it: every
function here checks the right itself, and a refusal is audited.
"""

from dataclasses import dataclass
from datetime import date

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField

from models.core import audit, clock
from models.core.db import DB, BaseModel, chunks, now
from models.core.errors import StaleRecord, ValidationError
from models.core.records import Records, by_name
from models.core.rights import require
from models.core.states import ANY, Flow
from models.core.text import choice, clean
from models.core.validators import check_plain, id_birth_date, id_gender, parse_date, parse_id_number, parse_phone
from models.secrecy.manifest import EDIT_PERSONNEL, READ_PERSONNEL
from models.secrecy.terms import (
    GENDERS,
    LEAVE_KINDS,
    LEVELS,
    NATURES,
    SECONDED,
    STATES,
    add_months,
    declass_months,
    highest,
    months_text,
    parse_level,
)

ACTIONS = {"appoint": "上岗", "transfer": "调岗", "leave": "离岗", "complete_exit": "登记离岗手续",
           "end_declass": "确认脱密期满", "recheck": "复审", "vet": "上岗审查", "clear": "审查通过",
           "refuse": "审查不通过", "edit": "修改信息"}
NOT_ON_POST = ("candidate", "declass", "ended", "refused")
# 上岗 again after a 脱密期 (or a refusal) is allowed once a new 上岗审查 has passed; appoint() checks the review.
FLOW = Flow(STATES, ACTIONS, [
    *[(s, "appoint", "on_post") for s in NOT_ON_POST],
    ("on_post", "appoint", None, "换岗位请用「调岗」。"),
    ("on_post", "transfer", "on_post"), (ANY, "transfer", None, "不在岗，不能调岗。"),
    ("on_post", "leave", "declass"), (ANY, "leave", None, "不在岗，无需办理离岗。"),
    ("declass", "complete_exit", "declass"), ("ended", "complete_exit", "ended"),
    (ANY, "complete_exit", None, "还没有办理离岗。"),
    ("declass", "end_declass", "ended"), (ANY, "end_declass", None, "不在脱密期。"),
    ("on_post", "recheck", "on_post"), (ANY, "recheck", None, "复审只对在岗人员进行。"),
    *[(s, "vet", s) for s in NOT_ON_POST], ("on_post", "vet", None, "定期审查请选「复审」。"),
    ("refused", "clear", "candidate"),  # a passed 上岗审查 lifts an earlier refusal
    ("candidate", "refuse", "refused"),  # a failed one bars the post (实施条例 第50条)
    *[(s, "edit", s) for s in STATES],
], message="{label}{state}，{hint}", messages=dict.fromkeys(("appoint", "vet"), "{label}已{state}，{hint}"),
    fields={"appoint": "posts", "transfer": "posts", "leave": "kind", "complete_exit": "talk_on", "end_declass": "on",
            "recheck": "kind", "vet": "kind"})


def check_step(person: "Person", action: str) -> str:
    """The state `action` leads to, or the refusal in the registry's words (FLOW)."""
    return FLOW.check(person.name, person.state, action)


class Post(BaseModel):
    """涉密岗位."""

    name = CharField(max_length=60)
    unit = CharField(max_length=60)
    level = CharField(max_length=4)  # 核心/重要/一般
    duties = TextField(default="")  # 岗位职责 / 涉密事项
    retired = DateField(null=True)  # 撤销 (kept for history)

    class Meta:
        indexes = ((("unit", "name"), True),)

    @property
    def label(self) -> str:
        return f"{self.unit}·{self.name}（{self.level}）"


class Person(BaseModel):
    """涉密人员 (DOMAIN.md §4.3)."""

    name = CharField(max_length=40, index=True)
    gender = CharField(max_length=2)
    id_number = CharField(max_length=18, unique=True)
    unit = CharField(max_length=60, index=True)  # 部门/单位
    position = CharField(max_length=60, default="")  # 职务/职级
    political = CharField(max_length=20, default="")  # 政治面貌
    phone = CharField(max_length=40, default="")
    nature = CharField(max_length=10, default="在编")  # 人员性质
    home_unit = CharField(max_length=60, default="")  # 派出单位 (借调/跟班学习/挂职)
    term_end = DateField(null=True)  # 借调/跟班学习 planned end
    supervisor = CharField(max_length=40, default="")  # 在岗监督的保密管理员
    level = CharField(max_length=4, default="", index=True)  # follows the highest current post
    state = CharField(max_length=10, default="candidate", index=True)
    on_post_since = DateField(null=True)  # 上岗/确定日期
    approved_by = CharField(max_length=40, default="")  # 审批人
    note = TextField(default="")
    search_text = TextField(default="")  # name, unit, posts, ID and pinyin keys, lower case
    # 离岗 / 脱密期
    leave_kind = CharField(max_length=4, default="")
    declass_start = DateField(null=True)  # the day the agency approved leaving the post
    declass_end = DateField(null=True)
    declass_months = IntegerField(null=True)
    entrusted_to = CharField(max_length=60, default="")  # 脱密期委托管理单位
    talk_on = DateField(null=True)  # 离岗保密提醒谈话
    carriers_returned = TextField(default="")  # 清退国家秘密载体 (list or 「无」)
    devices_returned = TextField(default="")  # 清退涉密设备
    access_revoked_on = DateField(null=True)  # 涉密信息系统权限注销
    whereabouts = CharField(max_length=100, default="")  # 去向备案

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    @property
    def birth(self) -> date:
        return id_birth_date(self.id_number)


class Assignment(BaseModel):
    """A post held from `start_on` until `end_on` (open while held)."""

    person = ForeignKeyField(Person, backref="assignments", on_delete="CASCADE")
    person_id: int
    post = ForeignKeyField(Post, backref="assignments")
    post_id: int
    start_on = DateField()
    end_on = DateField(null=True, index=True)


class PersonEvent(BaseModel):
    """One line of a person's history (履历): what happened on which day, entered by whom and when."""

    person = ForeignKeyField(Person, backref="events", on_delete="CASCADE")
    person_id: int
    on = DateField(index=True)
    kind = CharField(max_length=12)  # 登记/上岗/调岗/离岗/离职/退休/脱密期满/审查/承诺书/培训/证件/出境/信息变更…
    text = TextField()
    level_before = CharField(max_length=4, default="")
    level_after = CharField(max_length=4, default="")
    at = DateTimeField(default=now)
    by = CharField(max_length=40, default="")


RECORDS = Records(Person, "person", "没有编号为 {id} 的涉密人员。", events=PersonEvent,
                  link=lambda person: {"person": person}, who=by_name)
_get = RECORDS.get


def add_event(actor, person: Person, on: date, kind: str, text: str, level_before: str = "",
              level_after: str = "") -> Model:
    return RECORDS.event(actor, person, on=on, kind=kind, text=text, level_before=level_before,
                         level_after=level_after)


# ---- pinyin: 「zs」 and 「zhangsan」 find 张三; every reading of a polyphonic character is kept (曾 zeng/ceng)

def pinyin_keys(name: str, limit: int = 16) -> str:
    from pypinyin import Style, pinyin  # its dictionaries take ≈270 ms to load: only when a name is indexed

    readings = pinyin(name, style=Style.NORMAL, heteronym=True, errors="ignore")
    combos = [""]
    for choices in readings:
        options = list(dict.fromkeys(r.lower() for r in choices[:3]))
        combos = [c + " " + o if c else o for c in combos for o in options][:limit]
    full = {c.replace(" ", "") for c in combos}
    initials = {"".join(w[0] for w in c.split()) for c in combos if c}
    return " ".join(sorted(full | initials))


def _search_text(person: Person) -> str:
    posts = " ".join(a.post.name for a in current_assignments(person))
    parts = (person.name, person.unit, person.position, person.id_number, posts, pinyin_keys(person.name))
    return " ".join(p for p in parts if p).lower()


def _reindex(person: Person) -> None:
    text = _search_text(person)
    if text != person.search_text:
        Person.update(search_text=text).where(Person.id == person.id).execute()
        person.search_text = text


# ---- posts

def check_post(data: dict) -> dict:
    name, unit = clean(data.get("name")), clean(data.get("unit"))
    if not name:
        raise ValidationError("name", "请填写岗位名称（如「机要文件收发」）。")
    if not unit:
        raise ValidationError("unit", "请填写岗位所在部门（如「秘书科」）。")
    if len(name) > 60 or len(unit) > 60:
        raise ValidationError("name", "岗位名称或部门过长（最多 60 个字）。")
    return dict(name=name, unit=unit, level=parse_level(data.get("level")), duties=clean(data.get("duties")))


def add_post(actor, data: dict) -> Post:
    require(actor, EDIT_PERSONNEL, "新增涉密岗位")
    values = check_post(data)
    with DB.atomic():
        if Post.get_or_none((Post.unit == values["unit"]) & (Post.name == values["name"])):
            raise ValidationError("name", f"{values['unit']}已有「{values['name']}」岗位。")
        post = Post.create(**values)
        audit.record(actor, "create", f"secret_post:{post.id}", f"新增涉密岗位：{post.label}", after=values)
    return post


def change_post(actor, post_id: int, data: dict, version: int) -> tuple[Post, list[str]]:
    """Rename or re-grade a post; a new level moves everyone on it (each gets an event) and the note says who."""
    require(actor, EDIT_PERSONNEL, "修改涉密岗位")
    values = check_post(data)
    notes = []
    with DB.atomic():
        post = _post(post_id)
        if post.version != version:
            raise StaleRecord()
        before = {k: getattr(post, k) for k in values if getattr(post, k) != values[k]}
        if not before:
            raise ValidationError("name", "没有改动任何内容。")
        for key, value in values.items():
            setattr(post, key, value)
        post.save()
        audit.record(actor, "update", f"secret_post:{post.id}", f"修改涉密岗位：{post.label}", before=before,
                     after={k: values[k] for k in before})
        if "level" in before:
            for assignment in Assignment.select().where((Assignment.post == post) & Assignment.end_on.is_null()):
                person = assignment.person
                old = person.level
                _regrade(person)
                if person.level != old:
                    add_event(actor, person, clock.today(), "调岗",
                              f"岗位「{post.name}」等级由{before['level']}调整为{post.level}，涉密等级{old}→{person.level}",
                              old, person.level)
                    notes.append(f"{person.name}：{old}→{person.level}，请重新签订保密承诺书并按新等级复审。")
    return post, notes


def retire_post(actor, post_id: int) -> Post:
    require(actor, EDIT_PERSONNEL, "撤销涉密岗位")
    with DB.atomic():
        post = _post(post_id)
        holders = [a.person.name for a in Assignment.select().where((Assignment.post == post) & Assignment.end_on.is_null())]
        if holders:
            raise ValidationError("post", f"「{post.name}」岗位上还有{'、'.join(holders)}，请先为他们办理调岗或离岗。")
        post.retired = clock.today()
        post.save()
        audit.record(actor, "void", f"secret_post:{post.id}", f"撤销涉密岗位：{post.label}")
    return post


def _post(post_id: int) -> Post:
    post = Post.get_or_none(Post.id == post_id)
    if post is None:
        raise ValidationError("post", f"没有编号为 {post_id} 的涉密岗位。")
    return post


def posts(actor, include_retired: bool = False) -> list[Post]:
    require(actor, READ_PERSONNEL, "查看涉密岗位")
    query = Post.select().order_by(Post.unit, Post.name)
    return list(query if include_retired else query.where(Post.retired.is_null()))


def post_holders(actor) -> dict[int, list[str]]:
    require(actor, READ_PERSONNEL, "查看涉密岗位")
    held: dict[int, list[str]] = {}
    for a in Assignment.select(Assignment, Person).join(Person).where(Assignment.end_on.is_null()):
        held.setdefault(a.post_id, []).append(a.person.name)
    return held


def find_post(text: str) -> Post | None:
    """「秘书科·机要文件收发」, 「机要文件收发」 (when only one unit has it), or a post's number."""
    text = clean(text).split("（")[0]
    if text.isdigit():
        return Post.get_or_none(Post.id == int(text))
    if "·" in text:
        unit, name = text.split("·", 1)
        return Post.get_or_none((Post.unit == unit) & (Post.name == name) & Post.retired.is_null())
    found = list(Post.select().where((Post.name == text) & Post.retired.is_null()))
    return found[0] if len(found) == 1 else None


def _posts_from(value: object, field: str = "posts") -> list[Post]:
    if isinstance(value, list | tuple):
        names = [str(v) for v in value]
    else:
        names = [p for p in clean(value).replace("，", "、").replace(",", "、").replace("；", "、").split("、") if p]
    if not names:
        raise ValidationError(field, "请选择涉密岗位。没有合适的岗位时，先在「涉密岗位」页新增。")
    found = []
    for name in names:
        post = name if isinstance(name, Post) else find_post(name)
        if post is None:
            raise ValidationError(field, f"没有「{name}」这个涉密岗位（同名岗位在多个部门时请写「部门·岗位」）。"
                                         "请先在「涉密岗位」页新增。")
        if post.retired:
            raise ValidationError(field, f"「{post.name}」岗位已撤销。")
        found.append(post)
    return list(dict.fromkeys(found))


# ---- persons

def check_person(data: dict) -> tuple[dict, list[str]]:
    name = clean(data.get("name"))
    if not name:
        raise ValidationError("name", "请填写姓名。")
    if len(name) > 40:
        raise ValidationError("name", "姓名过长（最多 40 个字）。")
    check_plain(name, "name", "姓名")
    id_number = parse_id_number(data.get("id_number"), "id_number")
    notes = []
    born, today = id_birth_date(id_number), clock.today()
    if not today.replace(year=today.year - 100) <= born <= today.replace(year=today.year - 16):
        raise ValidationError("id_number", f"身份证号中的出生日期是 {born:%Y年%m月%d日}，不像在岗工作人员，请核对号码。")
    gender = clean(data.get("gender")) or id_gender(id_number)
    gender = choice(gender, GENDERS, "性别", "gender")
    if gender != id_gender(id_number):
        raise ValidationError("gender", f"身份证号显示性别为{id_gender(id_number)}，填写的是{gender}，请核对。")
    unit = clean(data.get("unit"))
    if not unit:
        raise ValidationError("unit", "请填写所在部门或单位。")
    nature = choice(data.get("nature"), NATURES, "人员性质", "nature", "在编")
    home_unit = clean(data.get("home_unit"))
    if nature in SECONDED and not home_unit:
        raise ValidationError("home_unit", f"{nature}人员请填写派出单位（审查、脱密期委托都要用到）。")
    term_end = parse_date(data["term_end"], "term_end") if clean(data.get("term_end")) else None
    phone = parse_phone(data.get("phone"), "phone") if clean(data.get("phone")) else ""
    values = dict(name=name, gender=gender, id_number=id_number, unit=unit[:60],
                  position=clean(data.get("position"))[:60], political=clean(data.get("political"))[:20],
                  phone=phone, nature=nature, home_unit=home_unit[:60] if nature in SECONDED else "",
                  term_end=term_end if nature in SECONDED else None,
                  supervisor=clean(data.get("supervisor"))[:40], approved_by=clean(data.get("approved_by"))[:40],
                  note=clean(data.get("note")))
    if nature in SECONDED and not values["supervisor"]:
        notes.append(f"{nature}人员应指定在岗监督的保密管理员，可稍后在「修改信息」中补上。")
    return values, notes


def register(actor, data: dict) -> tuple[Person, list[str]]:
    """登记 a person as 拟任（审查中）: the 上岗审查 comes next, then 上岗."""
    require(actor, EDIT_PERSONNEL, "登记涉密人员")
    values, notes = check_person(data)
    with DB.atomic():
        existing = Person.get_or_none(Person.id_number == values["id_number"])
        if existing is not None:
            raise ValidationError("id_number", f"身份证号 {values['id_number']} 已登记为{existing.name}"
                                               f"（{existing.state_label}），请在名单中找到后办理。")
        person = RECORDS.save(actor, Person(**values), f"登记涉密人员：{values['name']}", action="create", after=values,
                              insert=True)
        _reindex(person)
        add_event(actor, person, clock.today(), "登记", f"登记为拟任涉密人员（{values['nature']}，{values['unit']}）")
    return person, notes


PROFILE_FIELDS = ("name", "gender", "id_number", "unit", "position", "political", "phone", "nature", "home_unit",
                  "term_end", "supervisor", "approved_by", "note")
FIELD_LABELS = {"name": "姓名", "gender": "性别", "id_number": "身份证号", "unit": "部门", "position": "职务",
                "political": "政治面貌", "phone": "电话", "nature": "人员性质", "home_unit": "派出单位",
                "term_end": "借调期满", "supervisor": "在岗监督人", "approved_by": "审批人", "note": "备注"}


def update(actor, person_id: int, data: dict, version: int) -> Person:
    """Change a person's particulars; what changed is kept as an event (信息变更) and in the audit."""
    require(actor, EDIT_PERSONNEL, "修改涉密人员信息")
    with DB.atomic():
        person = get(actor, person_id)
        if person.version != version:
            raise StaleRecord()
        merged = {k: getattr(person, k) for k in PROFILE_FIELDS} | {k: v for k, v in data.items() if k in PROFILE_FIELDS}
        values, _ = check_person({k: (f"{v:%Y-%m-%d}" if isinstance(v, date) else v) for k, v in merged.items()})
        before = {k: getattr(person, k) for k in values if getattr(person, k) != values[k]}
        if not before:
            raise ValidationError("name", "没有改动任何内容。")
        if "id_number" in before and Person.get_or_none((Person.id_number == values["id_number"]) & (Person.id != person.id)):
            raise ValidationError("id_number", f"身份证号 {values['id_number']} 已登记为他人。")
        for key, value in values.items():
            setattr(person, key, value)
        RECORDS.save(actor, person, f"修改涉密人员信息：{person.name}", before)
        _reindex(person)
        words = "；".join(f"{FIELD_LABELS[k]}：{_show(v) or '（空）'}→{_show(values[k]) or '（空）'}" for k, v in before.items())
        add_event(actor, person, clock.today(), "信息变更", words)
    return person


def _show(value: object) -> str:
    return f"{value:%Y-%m-%d}" if isinstance(value, date) else str(value or "")


def get(actor, person_id: int) -> Person:
    require(actor, READ_PERSONNEL, "查看涉密人员")
    return _get(person_id)


def current_assignments(person: Person) -> list[Assignment]:
    return list(Assignment.select(Assignment, Post).join(Post)
                .where((Assignment.person == person) & Assignment.end_on.is_null()).order_by(Post.level, Post.name))


def current_posts(person: Person) -> list[Post]:
    return [a.post for a in current_assignments(person)]


def former_posts(person: Person) -> str:
    """「（原）机要文件收发」: the posts left on the 离岗 day, for someone in or past their 脱密期."""
    if not person.declass_start:
        return ""
    left = (Assignment.select(Assignment, Post).join(Post)
            .where((Assignment.person == person) & (Assignment.end_on == person.declass_start)))
    return "（原）" + "、".join(a.post.name for a in left)


def _regrade(person: Person) -> None:
    person.level = highest(p.level for p in current_posts(person))
    person.save()
    _reindex(person)


def appoint(actor, person_id: int, post_names, on: object, approved_by: str = "", confirm: bool = False) -> tuple[Person, list[str]]:
    """上岗: needs a passed 上岗审查 (or 派出单位审查) first — a failed one bars the post (实施条例 第50条)."""
    require(actor, EDIT_PERSONNEL, "办理上岗")
    from models.secrecy import records as secrecy_records

    day = parse_date(on, "on")
    chosen = _posts_from(post_names)
    notes = []
    with DB.atomic():
        person = get(actor, person_id)
        after = check_step(person, "appoint")
        review = secrecy_records.latest_review(person, ("上岗审查", "派出单位审查"))
        if review is None or (review.on < (person.declass_start or date.min)):
            raise ValidationError("posts", f"{person.name}还没有上岗审查记录。上岗前须经保密审查，请先登记审查结论。")
        if review.result != "通过":
            raise ValidationError("posts", f"{person.name}的上岗审查结论为不通过（{review.on:%Y-%m-%d}），不得上岗。")
        if day < review.on:
            raise ValidationError("on", f"上岗日期早于审查日期（{review.on:%Y-%m-%d}），请核对。")
        old = person.level
        _open(person, chosen, day)
        person.state, person.on_post_since = after, day
        person.approved_by = clean(approved_by)[:40] or person.approved_by
        for key in ("leave_kind", "entrusted_to", "carriers_returned", "devices_returned", "whereabouts"):
            setattr(person, key, "")
        for key in ("declass_start", "declass_end", "declass_months", "talk_on", "access_revoked_on"):
            setattr(person, key, None)
        _regrade(person)
        add_event(actor, person, day, "上岗", f"上岗：{'、'.join(p.name for p in chosen)}，涉密等级{person.level}", old,
                  person.level)
        audit.record(actor, "appoint", f"person:{person.id}", f"上岗：{person.name}（{person.level}）",
                     after={"posts": [p.label for p in chosen], "on": day})
        if not secrecy_records.has_pledge(person, ("上岗",), since=day.replace(year=day.year - 1)):
            notes.append("请签订上岗保密承诺书，并在「承诺书」中登记。")
    return person, notes


def _open(person: Person, chosen: list[Post], day: date) -> None:
    for post in chosen:
        Assignment.create(person=person, post=post, start_on=day)


def transfer(actor, person_id: int, post_names, on: object, reason: str = "") -> tuple[Person, list[str]]:
    """调岗: the new set of posts replaces the old from `on`; a change of level is its own note and event."""
    require(actor, EDIT_PERSONNEL, "办理调岗")
    day = parse_date(on, "on")
    chosen = _posts_from(post_names)
    notes = []
    with DB.atomic():
        person = get(actor, person_id)
        check_step(person, "transfer")
        held = current_assignments(person)
        if {a.post_id for a in held} == {p.id for p in chosen}:
            raise ValidationError("posts", "岗位没有变化。")
        if held and day < max(a.start_on for a in held):
            raise ValidationError("on", f"调岗日期早于现岗位的上岗日期（{max(a.start_on for a in held):%Y-%m-%d}）。")
        old_level, old_posts = person.level, [a.post.name for a in held]
        for a in held:
            if a.post_id not in {p.id for p in chosen}:
                a.end_on = day
                a.save()
        _open(person, [p for p in chosen if p.id not in {a.post_id for a in held}], day)
        _regrade(person)
        text = f"调岗：{'、'.join(old_posts)} → {'、'.join(p.name for p in chosen)}"
        if person.level != old_level:
            text += f"；涉密等级{old_level}→{person.level}"
            notes.append(f"涉密等级由{old_level}调整为{person.level}：请重新签订保密承诺书，复审周期按{person.level}计算。")
        if clean(reason):
            text += f"（{clean(reason)}）"
        add_event(actor, person, day, "调岗", text, old_level, person.level)
        audit.record(actor, "transfer", f"person:{person.id}", f"调岗：{person.name}（{old_level}→{person.level}）",
                     before={"posts": old_posts, "level": old_level},
                     after={"posts": [p.name for p in chosen], "level": person.level, "on": day})
    return person, notes


@dataclass
class Departure:
    kind: str
    approved_on: date
    months: int
    end: date
    entrusted_to: str


def plan_departure(person: Person, kind: object, approved_on: object, months: object = None) -> Departure:
    kind = choice(kind, LEAVE_KINDS, "离岗类别", "kind")
    day = parse_date(approved_on, "approved_on")
    if not person.level:
        raise ValidationError("kind", f"{person.name}没有涉密等级，无法计算脱密期。")
    if clean(months):
        try:
            count = int(clean(months))
        except ValueError:
            raise ValidationError("months", f"脱密期「{clean(months)}」应为月数（如 36）。") from None
        if not 1 <= count <= 600:
            raise ValidationError("months", "脱密期应在 1 到 600 个月之间。")
    else:
        count = declass_months(person.level)
    entrusted = person.home_unit if person.nature in SECONDED else ""
    return Departure(kind, day, count, add_months(day, count), entrusted)


def leave(actor, person_id: int, data: dict) -> tuple[Person, list[str]]:
    """离岗 / 离职 / 退休: closes the posts and starts the 脱密期 from the day the agency approved leaving.

    The 脱密期 is the policy's for the person's level unless `months` gives the agency's own figure. The exit
    checklist (谈话, 离岗承诺书, 载体/设备清退, 权限注销, 去向) may be completed later; what is missing is a reminder.
    """
    require(actor, EDIT_PERSONNEL, "办理离岗离职")
    notes = []
    with DB.atomic():
        person = get(actor, person_id)
        after = check_step(person, "leave")
        plan = plan_departure(person, data.get("kind"), data.get("approved_on"), data.get("months"))
        held = current_assignments(person)
        if held and plan.approved_on < min(a.start_on for a in held):
            raise ValidationError("approved_on", "批准离岗日期早于上岗日期，请核对。")
        for a in held:
            a.end_on = plan.approved_on
            a.save()
        person.state, person.leave_kind = after, plan.kind
        person.declass_start, person.declass_months, person.declass_end = plan.approved_on, plan.months, plan.end
        person.entrusted_to = clean(data.get("entrusted_to"))[:60] or plan.entrusted_to
        person.save()
        _checklist(person, data)
        level = person.level
        text = (f"{plan.kind}：批准日期 {plan.approved_on:%Y-%m-%d}，{level}涉密人员脱密期{months_text(plan.months)}，"
                f"至 {plan.end:%Y-%m-%d}")
        if plan.months != declass_months(level):
            text += f"（本机关确定，规定默认为{months_text(declass_months(level))}）"
        if person.entrusted_to:
            text += f"；脱密期委托{person.entrusted_to}管理"
        add_event(actor, person, plan.approved_on, plan.kind, text, level, level)
        audit.record(actor, "leave", f"person:{person.id}", f"{plan.kind}：{person.name}，脱密期至 {plan.end:%Y-%m-%d}",
                     after={"kind": plan.kind, "approved_on": plan.approved_on, "months": plan.months,
                            "end": plan.end, "entrusted_to": person.entrusted_to})
        notes += exit_missing(person)
    return person, notes


CHECKLIST = (("talk_on", "离岗保密提醒谈话"), ("carriers_returned", "清退国家秘密载体"),
             ("devices_returned", "清退涉密设备"), ("access_revoked_on", "注销涉密信息系统权限"),
             ("whereabouts", "去向备案"))


def _checklist(person: Person, data: dict) -> dict:
    changed = {}
    for key, _label in CHECKLIST:
        if not clean(data.get(key)):
            continue
        value = parse_date(data[key], key) if key.endswith("_on") else clean(data[key])[:100]
        if getattr(person, key) != value:
            changed[key] = value
            setattr(person, key, value)
    if clean(data.get("entrusted_to")) and clean(data["entrusted_to"]) != person.entrusted_to:
        changed["entrusted_to"] = person.entrusted_to = clean(data["entrusted_to"])[:60]
    person.save()
    return changed


def complete_exit(actor, person_id: int, data: dict) -> tuple[Person, list[str]]:
    """Fill in the exit checklist after the 离岗 was recorded."""
    require(actor, EDIT_PERSONNEL, "登记离岗手续")
    with DB.atomic():
        person = get(actor, person_id)
        check_step(person, "complete_exit")
        changed = _checklist(person, data)
        if not changed:
            raise ValidationError("talk_on", "没有填写新的内容。")
        labels = dict(CHECKLIST) | {"entrusted_to": "脱密期委托管理单位"}
        add_event(actor, person, clock.today(), "离岗手续",
                  "；".join(f"{labels[k]}：{_show(v)}" for k, v in changed.items()))
        audit.record(actor, "update", f"person:{person.id}", f"登记离岗手续：{person.name}", after=changed)
    return person, exit_missing(person)


def exit_missing(person: Person) -> list[str]:
    from models.secrecy import records as secrecy_records

    missing = [label for key, label in CHECKLIST if not getattr(person, key)]
    if not secrecy_records.has_pledge(person, ("离岗",), since=person.on_post_since):  # signed before leaving
        missing.insert(1, "签订离岗保密承诺书")
    return [f"离岗手续未完成：{'、'.join(missing)}。"] if missing else []


def end_declass(actor, person_id: int, on: object = None) -> Person:
    """脱密期满: confirmed by the 安全保密管理员 on or after the end date; the lifelong duty remains."""
    require(actor, EDIT_PERSONNEL, "确认脱密期满")
    day = parse_date(on, "on") if clean(on) else clock.today()
    with DB.atomic():
        person = get(actor, person_id)
        after = check_step(person, "end_declass")
        if person.declass_end is not None and day < person.declass_end:
            raise ValidationError("on", f"{person.name}的脱密期至 {person.declass_end:%Y-%m-%d}，还未期满。")
        person.state = after
        RECORDS.save(actor, person, f"脱密期满：{person.name}")
        add_event(actor, person, day, "脱密期满", f"脱密期满（{person.declass_start:%Y-%m-%d} 至 "
                                                 f"{person.declass_end:%Y-%m-%d}），解除脱密期管理；保密义务继续履行")
    return person


def refuse(person: Person, actor, on: date) -> None:
    """A failed 上岗审查 bars the post (called by the review record)."""
    if FLOW.allows(person.state, "refuse"):
        person.state = FLOW.next(person.state, "refuse")
        person.save()
        add_event(actor, person, on, "不得上岗", "上岗审查不通过，不得安排在涉密岗位")


def in_declass(person: Person, day: date | None = None) -> bool:
    day = day or clock.today()
    return person.state == "declass" and person.declass_end is not None and day < person.declass_end


def history(actor, person_id: int) -> list[PersonEvent]:
    require(actor, READ_PERSONNEL, "查看涉密人员履历")
    return list(PersonEvent.select().where(PersonEvent.person == person_id)
                .order_by(PersonEvent.on, PersonEvent.id))


def people(actor, text: str = "", level: str = "", unit: str = "", state: str = "") -> list[Person]:
    """The registry, filtered. `text` matches name, unit, post, ID and pinyin (全拼 or 首字母)."""
    require(actor, READ_PERSONNEL, "查看涉密人员库")
    query = Person.select()
    words = clean(text).lower().replace(" ", "")
    if words:
        query = query.where(Person.search_text.contains(words))
    if level:
        query = query.where(Person.level == level)
    if unit:
        query = query.where(Person.unit == unit)
    if state:
        query = query.where(Person.state == state)
    order = {v: i for i, v in enumerate(LEVELS)}
    return sorted(query, key=lambda p: (list(STATES).index(p.state) != 1, order.get(p.level, 9), p.unit, p.name))


def units(actor) -> list[str]:
    require(actor, READ_PERSONNEL, "查看涉密人员库")
    return [r.unit for r in Person.select(Person.unit).distinct().order_by(Person.unit)]



# ---- import of a roster kept in Excel (the parsing is in importers/personnel_import.py)

@dataclass
class ImportRow:
    values: dict  # check_person's values
    posts: list[tuple[str, str, str]]  # (unit, name, level): existing, or to be created
    since: date
    pledge_on: date | None
    row: int  # Excel row, for the history line


def import_people(actor, rows: list[ImportRow], source: str) -> tuple[int, list[str]]:
    """Write a checked roster in one transaction: missing posts, then each person 在岗 from their 确定时间.

    There is no 上岗审查 on file for them; the reminders say so until it is entered or a 复审 is done.
    """
    require(actor, EDIT_PERSONNEL, "导入涉密人员花名册")
    from models.secrecy.records import Pledge

    created = []
    with DB.atomic():
        known = {(p.unit, p.name): p for p in Post.select()}
        for row in rows:
            for unit, name, level in row.posts:
                if (unit, name) not in known:
                    known[(unit, name)] = Post.create(unit=unit, name=name, level=level)
                    created.append(known[(unit, name)].label)
        for row in rows:
            person = Person.create(**row.values, state="on_post", on_post_since=row.since)
            for unit, name, _level in row.posts:
                Assignment.create(person=person, post=known[(unit, name)], start_on=row.since)
            _regrade(person)
            names = "、".join(name for _unit, name, _level in row.posts)
            add_event(actor, person, row.since, "上岗", f"上岗：{names}，涉密等级{person.level}（据「{source}」第 {row.row} 行导入）",
                      "", person.level)
            if row.pledge_on:
                kind = "上岗" if (row.pledge_on - row.since).days <= 31 else "在岗"
                Pledge.create(person=person, kind=kind, signed_on=row.pledge_on, kept_at="")
                add_event(actor, person, row.pledge_on, "承诺书", f"签订{kind}保密承诺书（据花名册导入）")
        audit.record(actor, "personnel_import", "personnel",
                     f"导入涉密人员花名册「{source}」：{len(rows)} 人，新建岗位 {len(created)} 个",
                     after={"file": source, "people": len(rows), "posts_created": created})
    return len(rows), created


def known_ids(ids: list[str]) -> dict[str, str]:
    """Of these 身份证号, those already in the registry, with the name they are under."""
    found = {}
    for chunk in chunks(ids):
        for p in Person.select(Person.id_number, Person.name).where(Person.id_number.in_(chunk)):
            found[p.id_number] = p.name
    return found


def post_levels() -> dict[tuple[str, str], str]:
    return {(p.unit, p.name): p.level for p in Post.select().where(Post.retired.is_null())}
