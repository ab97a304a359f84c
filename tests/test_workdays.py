from datetime import date

import pytest

from importers.holidays import import_schedule, read_schedule
from models.core import workdays
from models.core.errors import PermissionDenied
from models.core.rights import Role
from models.core.workdays import ScheduleEntry, add_workdays, is_workday, workdays_between


def test_national_day_and_its_makeup_saturday(database):
    assert not is_workday(date(2026, 10, 1))
    assert is_workday(date(2026, 10, 10))  # Saturday, 调休上班
    # 3 working days from 30 Sept 2026: 8, 9 Oct, then Saturday 10 Oct (a 调休 workday)
    assert add_workdays(date(2026, 9, 30), 3) == workdays.Deadline(date(2026, 10, 10))


def test_spring_festival_2026(database):
    assert is_workday(date(2026, 2, 14))  # Saturday 补班
    assert not is_workday(date(2026, 2, 16))
    assert add_workdays(date(2026, 2, 13), 2).date == date(2026, 2, 24)


def test_counting_between_dates(database):
    assert workdays_between(date(2026, 9, 30), date(2026, 10, 10)).days == 3
    assert workdays_between(date(2026, 10, 10), date(2026, 9, 30)).days == -3


def test_a_year_without_data_is_provisional_with_a_warning(database):
    deadline = add_workdays(date(2026, 12, 30), 3)
    assert deadline.provisional and deadline.unknown_years == (2027,)
    assert deadline.date == date(2027, 1, 4)  # Monday–Friday only: 31 Dec, 1 Jan (Fri), 4 Jan
    assert "2027年的节假日安排尚未录入" in deadline.warning
    assert not add_workdays(date(2026, 12, 1), 3).provisional


def test_entering_2027_makes_the_same_deadline_firm_and_correct(three):
    admin = three[Role.SYSADMIN]
    entries = [ScheduleEntry(date(2027, 1, d), False, "元旦") for d in (1, 2, 3)]
    workdays.apply_schedule(admin, entries, complete_years=[2027], note="示例")
    deadline = add_workdays(date(2026, 12, 30), 3)
    assert not deadline.provisional
    assert deadline.date == date(2027, 1, 5)  # 31 Dec, 4 Jan, 5 Jan: 1 Jan is now a holiday


def test_table_overrides_the_package_for_local_changes(three):
    workdays.apply_schedule(three[Role.SYSADMIN], [ScheduleEntry(date(2026, 11, 27), False, "本地假")])
    assert not is_workday(date(2026, 11, 27))
    workdays.remove_day(three[Role.SYSADMIN], date(2026, 11, 27))
    assert is_workday(date(2026, 11, 27))


def test_only_the_system_administrator_edits_the_calendar(three):
    with pytest.raises(PermissionDenied):
        workdays.apply_schedule(three[Role.AUDITOR], [ScheduleEntry(date(2027, 1, 1), False, "元旦")])


def test_reimporting_a_year_replaces_its_days(three):
    admin = three[Role.SYSADMIN]
    workdays.apply_schedule(admin, [ScheduleEntry(date(2027, 5, 6), False, "错录")], complete_years=[2027])
    workdays.apply_schedule(admin, [ScheduleEntry(date(2027, 5, 3), False, "劳动节")], complete_years=[2027])
    assert is_workday(date(2027, 5, 6)) and not is_workday(date(2027, 5, 3))


def write_csv(tmp_path, text):
    path = tmp_path / "2027.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_a_schedule_file_with_ranges(three, tmp_path):
    path = write_csv(tmp_path, "2027年节假日安排\n日期,安排,名称\n2027-01-01,放假,元旦\n"
                                "2027-02-06至2.12,放假,春节\n2027-02-14,上班,春节调休\n")
    result = import_schedule(three[Role.SYSADMIN], path)
    assert not result.errors and len(result.entries) == 9
    assert not is_workday(date(2027, 2, 8)) and is_workday(date(2027, 2, 14))
    assert workdays.year_status(2027).source == "entered"


def test_import_reports_every_bad_row_and_writes_nothing(three, tmp_path):
    path = write_csv(tmp_path, "日期,安排,名称\n2027-01-01,放假,元旦\n2027-02-30,放假,春节\n2027-03-01,开会,x\n")
    result = import_schedule(three[Role.SYSADMIN], path)
    assert result.errors == ["第 3 行：日期「2027-02-30」不存在（月份或日数不对），请核对。",
                             "第 4 行：安排「开会」无法识别，请写「放假」或「上班」。"]
    assert is_workday(date(2027, 1, 1)) is True  # still the weekday rule: nothing was written
    assert workdays.year_status(2027).source == "missing"


def test_import_dry_run_writes_nothing(three, tmp_path):
    path = write_csv(tmp_path, "2027-01-01,放假,元旦\n")
    assert not import_schedule(three[Role.SYSADMIN], path, dry_run=True).errors
    assert workdays.year_status(2027).source == "missing"


def test_import_xlsx_with_date_cells(three, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2027年部分节假日安排"])
    sheet.append(["日期", "安排", "名称"])
    sheet.append([date(2027, 10, 1), "放假", "国庆节"])
    path = tmp_path / "2027.xlsx"
    book.save(path)
    assert [e.day for e in read_schedule(path).entries] == [date(2027, 10, 1)]


@pytest.mark.parametrize("name, content, fragment", [
    ("a.xls", b"x", "另存为"), ("a.pdf", b"x", "不支持"), ("a.xlsx", b"not a zip", "已损坏"),
    ("a.csv", "标题\n没有日期\n".encode(), "没有找到任何日期行"),
])
def test_bad_files_get_a_clear_message(three, tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    try:
        result = read_schedule(path)
        assert fragment in " ".join(result.errors)
    except Exception as exc:
        assert fragment in str(exc)


def test_another_workstations_holiday_entry_is_seen_within_a_minute(database, monkeypatch):
    """The office's shared server: 2028's schedule entered on the 系统管理员's workstation (rows written here behind
    this program's back) counts here once the table is a minute old, without a restart."""
    now = [1000.0]
    monkeypatch.setattr(workdays, "monotonic", lambda: now[0])
    workdays.invalidate()
    new_year = date(2028, 1, 3)  # a Monday
    assert is_workday(new_year) and workdays.day_info(new_year).source == "provisional"
    workdays.CalendarDay.create(day=new_year, is_workday=False, name="元旦")
    workdays.CalendarYear.create(year=2028, note="国办发明电〔2027〕1号", entered_by="xitong")
    now[0] += workdays.SNAPSHOT_SECONDS - 1
    assert is_workday(new_year)  # the snapshot in hand: no query per day
    now[0] += 2
    info = workdays.day_info(new_year)
    assert (info.is_workday, info.name, info.source) == (False, "元旦", "table")
