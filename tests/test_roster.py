"""排班: the month's plan, its gaps and conflicts, 调班/替班, leaders away, and importing the office's 值班表."""

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from importers import roster_import
from models.core.audit import AuditEntry
from models.core.errors import ValidationError
from models.duty import absences, roster
from models.duty.roster import RosterChange, RosterSlot

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "值班安排表-示例.xlsx"  # copied from shared/samples
DAY = date(2026, 12, 7)  # a Monday


def plan(duty, day=DAY, leader="王某", day_shift="陈某", night="孙某", **extra):
    return roster.set_day(duty, day, {"leader": leader, "白班": day_shift, "夜班": night, **extra})


def test_a_full_day_has_no_problems_and_phones_are_kept(duty):
    result = plan(duty, phones="王某 13800000001、陈某 0871-6543210")
    assert result.problems == []
    assert (result.leader, result.officers) == ("王某", {"白班": ["陈某"], "夜班": ["孙某"]})
    assert result.phones == {"王某": "13800000001", "陈某": "0871-6543210"}
    again = plan(duty, day=DAY + timedelta(days=7))  # the phone is remembered for the next time
    assert again.phones["王某"] == "13800000001"


def test_phones_one_per_line_as_an_excel_cell_holds_them(duty):
    # three lines in one cell made an AttributeError (the pattern's `.` stops at a line break)
    result = plan(duty, phones="王某 13800000001\n陈某 0871-6543210\r\n孙某 13900000002")
    assert result.phones == {"王某": "13800000001", "陈某": "0871-6543210", "孙某": "13900000002"}


def test_gaps_and_conflicts_are_reported(duty):
    assert plan(duty, leader="", night="").problems == ["没有带班领导", "夜班没有值班员"]
    assert plan(duty, night="陈某").problems == []  # one officer on every shift: 全天值班, as many offices keep it
    assert "陈某同一天连值白班和夜班" in plan(duty, night="陈某、孙某").problems
    plan(duty, day=DAY, night="刘某")
    assert "刘某昨天夜班后紧接今天白班" in plan(duty, day=DAY + timedelta(days=1), day_shift="刘某").problems
    empty = roster.days(duty, DAY + timedelta(days=3), DAY + timedelta(days=3))[0]
    assert empty.problems == ["未排班"]
    with pytest.raises(ValidationError, match="只能一人"):
        plan(duty, leader="王某、李某")
    with pytest.raises(ValidationError, match="不像人名"):
        plan(duty, day_shift="陈某13800000000")


def test_someone_reported_away_is_flagged_on_the_roster(duty):
    plan(duty)
    _, notes = absences.report(duty, {"person": "王某", "position": "副主任", "kind": "出差", "start_on": "2026-12-06",
                                      "end_on": "2026-12-08", "destination": "省城", "purpose": "参加培训",
                                      "stand_in": "李某某副主任"})
    assert any("12月7日 的带班领导" in n for n in notes)
    day = roster.days(duty, DAY, DAY)[0]
    assert any(p.startswith("王某当天出差外出") for p in day.problems)
    assert [a.person for a in absences.away_on(duty, DAY)] == ["王某"]
    assert absences.away_on(duty, DAY + timedelta(days=2)) == []


def test_a_stand_in_and_a_swap_are_recorded_with_who_approved(duty):
    plan(duty)
    plan(duty, day=DAY + timedelta(days=1), day_shift="赵某")
    with pytest.raises(ValidationError, match="批准人"):
        roster.change(duty, DAY, "白班", "officer", "陈某", "钱某", "")
    record, _ = roster.change(duty, DAY, "白班", "officer", "陈某", "钱某", "周主任", "陈某生病")
    assert roster.days(duty, DAY, DAY)[0].officers["白班"] == ["钱某"]
    assert "陈某→钱某（替班，周主任批准，陈某生病）" in record.text
    roster.change(duty, DAY, "白班", "officer", "钱某", "赵某", "周主任", swap_day=DAY + timedelta(days=1))
    first, second = roster.days(duty, DAY, DAY + timedelta(days=1))
    assert (first.officers["白班"], second.officers["白班"]) == (["赵某"], ["钱某"])
    assert len(first.changes) == 2 and len(second.changes) == 1
    with pytest.raises(ValidationError, match="没有安排"):
        roster.change(duty, DAY, "白班", "officer", "陈某", "钱某", "周主任")
    assert RosterChange.select().count() == 3


def test_absence_rules(duty):
    with pytest.raises(ValidationError, match="早于出发时间"):
        absences.report(duty, {"person": "王某", "start_on": "2026-12-08", "end_on": "2026-12-06"})
    entry, notes = absences.report(duty, {"person": "王某", "start_on": "2026-01-05", "end_on": "2026-01-06"})
    assert any("补报" in n for n in notes)
    assert absences.overdue_returns(duty) == [entry]
    changed = absences.change(duty, entry.id, {"end_on": "2026-01-07", "reason": "会期延长"}, entry.version)
    assert "会期延长" in changed.changes and changed.end_on == date(2026, 1, 7)
    absences.mark_returned(duty, entry.id, datetime(2026, 1, 7, 18, 0))
    assert absences.overdue_returns(duty) == []
    with pytest.raises(ValidationError, match="无需再销假"):
        absences.mark_returned(duty, entry.id)


# --- import ---------------------------------------------------------------------------------------------------

def test_the_sample_roster_imports_with_its_title_year_and_footer(duty):
    parsed, written = roster_import.run(duty, SAMPLE)
    assert parsed.errors == [] and written == 30 and (parsed.year, parsed.month) == (2025, 11)
    assert any("说明行" in m for _, m in parsed.skipped)
    first = roster.days(duty, date(2025, 11, 1), date(2025, 11, 1))[0]
    assert (first.leader, first.officers) == ("王某", {"白班": ["陈某"], "夜班": ["孙某"]})
    assert AuditEntry.select().where(AuditEntry.action == "import").count() == 1


def test_a_roster_with_one_officer_column_puts_the_officer_on_every_shift(duty, tmp_path):
    """The sample with its 白班 and 夜班 columns made into one 值班人员 column, as many offices keep it."""
    from openpyxl import load_workbook

    book = load_workbook(SAMPLE)
    ws = book.active
    assert [c.value for c in ws[2]] == ["日期", "星期", "带班领导", "白班", "夜班", "备注"]
    ws.delete_cols(5)
    ws.cell(2, 4).value = "值班人员"
    path = tmp_path / "值班安排表-一列.xlsx"
    book.save(path)
    parsed, written = roster_import.run(duty, path, dry_run=True)
    told = roster_import.preview(parsed)
    assert written == 0 and parsed.errors == []
    assert "表中只有一列「值班人员」：每天的值班人员将同时排入白班、夜班，即全天值班。" in told
    parsed, written = roster_import.run(duty, path)
    assert written == 30
    first = roster.days(duty, date(2025, 11, 1), date(2025, 11, 1))[0]
    assert (first.leader, first.officers, first.problems) == ("王某", {"白班": ["陈某"], "夜班": ["陈某"]}, [])


def test_the_cli_says_how_a_one_column_roster_is_read(duty, tmp_path):
    path = sheet(tmp_path, [["12月1日", "二", "王某", "陈某", "", ""]],
                 header=("日期", "星期", "带班领导", "值班员", "联系电话", "备注"))
    summary, report = roster_import.cli_importer()(duty, path, True)
    assert report == [] and any("全天值班" in line for line in summary)
    assert "试导入（--dry-run）：未写入任何数据" in summary


def sheet(tmp_path: Path, rows: list[list], name: str = "值班表.xlsx", title: str | None = "县委办2026年12月值班表",
          header: tuple[str, ...] = ("日期", "星期", "带班领导", "白班", "夜班", "联系电话", "备注")):
    book = Workbook()
    ws = book.active
    if title:
        ws.append([title])
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_every_kind_of_bad_row_is_reported_by_excel_row_and_nothing_is_written(duty, tmp_path):
    path = sheet(tmp_path, [
        ["12月1日", "二", "王某", "陈某", "孙某", "王某 13800000001", ""],  # row 3: good
        ["12月2日", "四", "李某", "赵某", "钱某", "", ""],  # 4: 星期 wrong
        ["12月32日", "", "李某", "赵某", "钱某", "", ""],  # 5: no such date
        ["12月1日", "二", "张某", "赵某", "钱某", "", ""],  # 6: twice
        ["12月3日", "四", "王某、李某", "赵某", "钱某", "", ""],  # 7: two leaders
        ["2027-01-01", "", "王某", "赵某", "钱某", "", ""],  # 8: outside the month of the title
        ["12月4日", "五", "王某", "赵某", "钱某", "王某 0871-123", ""],  # 9: not a phone number
        ["12月5日", "六", "王某", "赵某138", "钱某", "", ""],  # 10: a phone in the name column
    ])
    parsed, written = roster_import.run(duty, path)
    assert written == 0 and RosterSlot.select().count() == 0
    rows = dict(parsed.errors)
    assert sorted(rows) == [4, 5, 6, 7, 8, 9, 10]
    assert rows[4] == "12月2日是星期三，表中写的是星期四，请核对日期。"
    assert "第 3 行重复" in rows[6]
    assert "只能一人" in rows[7]
    assert "2026年12月" in rows[8]
    assert "不像人名" in rows[10]
    assert parsed.report()[0].startswith("第 4 行：")


def test_a_file_without_a_year_asks_for_one(duty, tmp_path):
    path = sheet(tmp_path, [["12月1日", "", "王某", "陈某", "孙某", "", ""]], name="值班表.xlsx", title=None)
    parsed, written = roster_import.run(duty, path)
    assert written == 0 and "找不到年份" in parsed.errors[0][1]
    parsed, written = roster_import.run(duty, path, year=2026)
    assert written == 1 and parsed.errors == []


def test_files_that_are_not_rosters_are_refused_clearly(duty, tmp_path):
    (tmp_path / "old.xls").write_bytes(b"x")
    with pytest.raises(ValidationError, match="另存为"):
        roster_import.run(duty, tmp_path / "old.xls")
    book = Workbook()
    book.active.append(["标题", "来文单位"])
    book.save(tmp_path / "wrong.xlsx")
    with pytest.raises(ValidationError, match="找不到表头"):
        roster_import.run(duty, tmp_path / "wrong.xlsx")
    with pytest.raises(ValidationError, match="找不到文件"):
        roster_import.run(duty, tmp_path / "missing.xlsx")


def test_reimporting_replaces_the_days_and_dry_run_writes_nothing(duty, tmp_path):
    path = sheet(tmp_path, [["12月1日", "二", "王某", "陈某", "孙某", "", ""]])
    parsed, written = roster_import.run(duty, path, dry_run=True)
    assert written == 0 and len(parsed.good) == 1 and RosterSlot.select().count() == 0
    roster_import.run(duty, path)
    roster_import.run(duty, sheet(tmp_path, [["12月1日", "二", "李某", "陈某", "孙某", "", ""]], name="v2.xlsx"))
    assert roster.days(duty, date(2026, 12, 1), date(2026, 12, 1))[0].leader == "李某"
    assert RosterSlot.select().count() == 3
