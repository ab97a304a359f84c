"""The audit log as a ledger for the 安全审计员's viewer: filters by user, action and date, newest first."""

import json
from datetime import date, datetime, time

from peewee import fn

from models.core.audit import AuditEntry, action_label, detail_labels, field_labels, labels, target_label
from models.core.ledger import PAGE_SIZE, Column, FilterSpec, KeysetPager, Query, Row
from models.core.rights import Right, require


class AuditLedger:
    name = "audit"
    title = "审计日志"
    columns = (
        Column("id", "序号", 70),
        Column("at", "时间", 150),
        Column("actor", "操作人", 140),
        Column("action", "操作", 130),
        Column("target", "对象", 150),
        Column("summary", "摘要", 380),
        Column("workstation", "工作站", 120, visible=False),
    )
    default_sort = "id"
    default_descending = True

    def __init__(self, actor) -> None:
        require(actor, Right.READ_AUDIT, "查看审计日志")
        names: dict[str, str] = {}  # user name -> as the viewer shows the person: 「王文书（wenshu）」
        query = AuditEntry.select(AuditEntry.actor, AuditEntry.actor_name).distinct().order_by(AuditEntry.actor)
        for entry in query:
            if entry.actor:
                names.setdefault(entry.actor, _who(entry.actor, entry.actor_name))
        self.filters = (
            FilterSpec("actor", "操作人", "choice", tuple(names.items())),
            FilterSpec("action", "操作", "choice", tuple(labels().items())),
            FilterSpec("date_from", "起始日期", "date"),
            FilterSpec("date_to", "截止日期", "date"),
        )
        self._pager = KeysetPager(
            AuditEntry.id,
            {"id": AuditEntry.id, "at": AuditEntry.at, "actor": AuditEntry.actor, "action": AuditEntry.action,
             "target": AuditEntry.target, "summary": AuditEntry.summary, "workstation": AuditEntry.workstation},
        )

    def _base(self, query: Query):
        select = AuditEntry.select(
            AuditEntry.at, AuditEntry.actor, AuditEntry.actor_name, AuditEntry.action, AuditEntry.target,
            AuditEntry.summary, AuditEntry.workstation,
        )
        flt = query.filters
        if flt.get("actor"):
            select = select.where(AuditEntry.actor == flt["actor"])
        if flt.get("action"):
            select = select.where(AuditEntry.action == flt["action"])
        if isinstance(flt.get("date_from"), date):
            select = select.where(AuditEntry.at >= datetime.combine(flt["date_from"], time.min))
        if isinstance(flt.get("date_to"), date):
            select = select.where(AuditEntry.at <= datetime.combine(flt["date_to"], time.max))
        text = query.search.strip()
        if text:
            pattern = f"%{text}%"
            select = select.where(
                AuditEntry.summary.contains(text) | AuditEntry.actor.contains(text)
                | AuditEntry.actor_name.contains(text) | AuditEntry.target.contains(text)
                | (fn.LOWER(AuditEntry.detail) ** pattern.lower())
            )
        return select

    def last_seal(self) -> tuple[int, datetime] | None:
        """The id and time of the newest seal: entries after it are not protected by a seal yet."""
        from models.core import seal

        return seal.last_seal()

    def count(self, query: Query) -> int:
        return self._base(query).count()

    def page(self, query: Query, after: tuple | None, limit: int = PAGE_SIZE) -> list[Row]:
        rows = self._pager.page(self._base(query), query, self.default_sort, after, limit)
        return [
            Row(
                r["_row_id"], (r["_sort_key"], r["_row_id"]),
                (str(r["_row_id"]), f"{r['at']:%Y-%m-%d %H:%M:%S}",
                 _who(r["actor"], r["actor_name"]),
                 action_label(r["action"]), target_label(r["target"]), r["summary"], r["workstation"]),
            )
            for r in rows
        ]

    def key_at(self, query: Query, offset: int, total: int | None = None) -> tuple | None:
        return self._pager.key_at(self._base(query), query, self.default_sort, offset, total)

    def detail(self, row_id: int) -> list[tuple[str, str]]:
        entry = AuditEntry.get_or_none(AuditEntry.id == row_id)
        if entry is None:
            return []
        lines = [
            ("序号", str(entry.id)), ("时间", f"{entry.at:%Y-%m-%d %H:%M:%S}"),
            ("操作人", _who(entry.actor, entry.actor_name)), ("操作", action_label(entry.action)),
            ("对象", target_label(entry.target)), ("摘要", entry.summary), ("工作站", entry.workstation),
        ]
        fields = field_labels(entry.target)
        payload = json.loads(entry.detail or "{}")
        for key in sorted(payload, key=lambda k: SIDES.get(k, len(SIDES))):  # 修改前 above 修改后, then the rest
            value = payload[key]
            if isinstance(value, dict):  # 修改前/修改后: one 「字段：值」 line per field, the fields in Chinese
                text = "\n".join(f"{fields.get(k, k)}：{_value(v) or '（空）'}" for k, v in value.items())
            else:
                text = _value(value)
            lines.append((detail_labels().get(key, key), text))
        lines.append(("本条哈希", entry.hash))
        return lines


SIDES = {"before": 0, "after": 1}


def _value(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def _who(actor: str, name: str) -> str:
    if not actor or actor == name:
        return name or actor
    return f"{name}（{actor}）"
