"""The 便签 module's one table, its rights, its audited action and its due items."""

from datetime import date

from peewee import CharField, DateField

from models.core import audit
from models.core.db import DB, BaseModel
from models.core.due import DueItem, Level
from models.core.rights import allowed, require

READ_NOTES = "read_notes"
EDIT_NOTES = "edit_notes"


class Note(BaseModel):
    text = CharField(max_length=200)
    remind_on = DateField()


def tables() -> list:
    return [Note]


def add(actor, text: str, remind_on: date) -> Note:
    require(actor, EDIT_NOTES, "记便签")
    with DB.atomic():
        note = Note.create(text=text, remind_on=remind_on)
        audit.record(actor, "note_add", f"note:{note.id}", f"记便签：{text}")
    return note


def due(actor, day: date) -> list[DueItem]:
    if not allowed(actor, READ_NOTES):
        return []
    return [DueItem("notes", "note", n.id, Level.RED if n.remind_on < day else Level.AMBER, f"便签「{n.text}」",
                    f"提醒日期为{n.remind_on.month}月{n.remind_on.day}日", n.remind_on, "便签")
            for n in Note.select().where(Note.remind_on <= day)]
