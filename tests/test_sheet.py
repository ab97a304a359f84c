"""Reading a workbook as offices keep it: the sheet a person sees first, not a hidden one before it."""

from openpyxl import Workbook

from importers.sheet import read_rows


def test_a_hidden_first_sheet_is_not_what_is_imported(tmp_path):
    book = Workbook()
    old = book.active
    old.title = "旧台账"
    old.append(["不该导入的旧数据"])
    old.sheet_state = "hidden"
    book.create_sheet("收文台账").append(["收文日期", "标题"])
    book.save(tmp_path / "台账.xlsx")
    assert list(read_rows(tmp_path / "台账.xlsx")) == [(1, ["收文日期", "标题"])]
