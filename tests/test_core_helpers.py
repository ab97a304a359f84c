"""The helpers every module shares: text cleaning and choices, get/save/event of a record, the export file check."""

import json

import pytest

from exporters.files import output_path
from models.core import clock
from models.core.audit import AuditEntry
from models.core.db import DB
from models.core.errors import StaleRecord, ValidationError
from models.core.records import Records, by_name
from models.core.text import choice, clean
from models.documents import incoming
from models.documents.incoming import DocEvent, Incoming
from models.duty import absences
from models.duty.absences import Absence


def test_clean_folds_full_width_and_trims():
    assert clean("　ＡＢ１２３ ") == "AB123"
    assert clean(3.0) == "3" and clean(None) == ""
    assert clean("（附件）") == "（附件）"  # full-width punctuation is kept: only letters and digits fold


def test_a_choice_takes_the_default_lists_the_choices_and_asks_when_blank():
    kinds = ("出差", "学习", "休假")
    assert choice(" ", kinds, "事由类别", "kind", "出差") == "出差"
    assert choice("学习", kinds, "事由类别", "kind") == "学习"
    with pytest.raises(ValidationError, match="^事由类别「旅游」无法识别，应为：出差、学习、休假。$") as caught:
        choice("旅游", kinds, "事由类别", "kind")
    assert caught.value.field == "kind"
    with pytest.raises(ValidationError, match="^请选择事由类别：出差、学习、休假。$"):
        choice("", kinds, "事由类别", "kind")


def test_get_refuses_a_missing_id_in_the_module_words(clerk, duty):
    with pytest.raises(ValidationError, match="^没有编号为 999 的收文记录。$") as caught:
        incoming.RECORDS.get(999)
    assert caught.value.field == "id"
    with pytest.raises(ValidationError, match="^没有记录号为 7 的外出报备。$"):
        absences.RECORDS.get(7)


def _audit(target: str) -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.target == target).order_by(AuditEntry.id))


def test_save_audits_before_and_after_and_adds_the_history_row(clerk):
    doc, _ = incoming.register(clerk, {"received_on": clock.today().isoformat(), "source_org": "市委办公室",
                                       "title": "关于做好岁末年初安全生产工作的通知"})
    doc.remarks = "原件存机要室"
    with DB.atomic():
        incoming.RECORDS.save(clerk, doc, "收文备注", {"remarks": ""}, event={"action": "edit", "summary": "备注"})
    last = _audit(f"incoming:{doc.id}")[-1]
    assert (last.action, last.summary) == ("update", "收文备注")
    assert json.loads(last.detail) == {"before": {"remarks": ""}, "after": {"remarks": "原件存机要室"}}
    row = DocEvent.select().where((DocEvent.doc_kind == "incoming") & (DocEvent.doc_id == doc.id)).order_by(
        DocEvent.id.desc()).first()
    assert (row.action, row.summary, row.actor, row.actor_name) == ("edit", "备注", clerk.username, clerk.display_name)
    assert Incoming.get_by_id(doc.id).search_text  # `prepare` ran before the save


def test_save_refuses_a_record_someone_else_saved_meanwhile(duty):
    entry, _ = absences.report(duty, {"person": "王某", "start_on": "2026-12-07", "end_on": "2026-12-08"})
    mine, theirs = Absence.get_by_id(entry.id), Absence.get_by_id(entry.id)
    theirs.destination = "北京"
    absences.RECORDS.save(duty, theirs, "行程变更：王某", {"destination": ""})
    mine.destination = "上海"
    with pytest.raises(StaleRecord):
        absences.RECORDS.save(duty, mine, "行程变更：王某", {"destination": ""})
    assert Absence.get_by_id(entry.id).destination == "北京"
    assert [a.summary for a in _audit(f"absence:{entry.id}")][-1] == "行程变更：王某"
    assert len(_audit(f"absence:{entry.id}")) == 2  # the report and the one change that landed


def test_a_kind_without_history_says_so(duty):
    kind = Records(Absence, "absence", "没有记录号为 {id} 的外出报备。", who=by_name)
    entry, _ = absences.report(duty, {"person": "王某", "start_on": "2026-12-07"})
    with pytest.raises(TypeError):
        kind.event(duty, entry, text="x")


def test_an_export_target_needs_a_known_suffix_and_an_existing_folder(tmp_path):
    assert output_path(tmp_path / "台账.XLSX", (".xlsx", ".pdf")) == (tmp_path / "台账.XLSX", ".xlsx")
    with pytest.raises(ValidationError, match="「台账.doc」的扩展名应为 .xlsx 或 .pdf。") as caught:
        output_path(tmp_path / "台账.doc", (".xlsx", ".pdf"))
    assert caught.value.field == "output"
    with pytest.raises(ValidationError, match="不存在，请先建立或另选位置"):
        output_path(tmp_path / "没有的文件夹" / "台账.xlsx", (".xlsx",))
