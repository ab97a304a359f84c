from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.core.errors import ValidationError
from models.core.validators import id_check_digit, normalize_doc_no, parse_date, parse_id_number, parse_phone


@pytest.mark.parametrize("number", ["360426199101010071", "11010519491231002X", "440524188001010014"])
def test_gb11643_vectors(number):
    assert parse_id_number(number) == number
    assert parse_id_number(number.lower()) == number


@pytest.mark.parametrize("number, fragment", [
    ("360426199101010072", "校验位"), ("36042619910101007", "18位"), ("360426910101007", "15位"),
    ("360426199102300071", "出生日期"), ("990426199101010071", "地址码"), ("36042619910101007Y", "最后一位"),
    ("", "请填写"),
])
def test_bad_id_numbers(number, fragment):
    with pytest.raises(ValidationError, match=fragment):
        parse_id_number(number)


@pytest.mark.parametrize("text", [
    "2026-03-05", "2026.3.5", "2026/3/5", "2026年3月5日", "20260305", "２０２６年３月５日", " 2026.03.05 ",
    "二〇二六年三月五日", 46086, 46086.0, "46086", date(2026, 3, 5), datetime(2026, 3, 5, 9, 30),
])
def test_dates_as_people_type_them(text):
    assert parse_date(text) == date(2026, 3, 5)


def test_a_date_without_a_year_needs_the_files_year():
    with pytest.raises(ValidationError, match="没有写年份"):
        parse_date("10月8日")
    assert parse_date("10月8日", year_hint=2025) == date(2025, 10, 8)
    assert parse_date("10.20", year_hint=2025) == date(2025, 10, 20)
    assert parse_date("11/12", year_hint=2025) == date(2025, 11, 12)


@pytest.mark.parametrize("text", ["2026-02-30", "2026.13.1", "明天", "0", "1800-01-01", True])
def test_bad_dates(text):
    with pytest.raises(ValidationError):
        parse_date(text)


@pytest.mark.parametrize("text", [
    "X府发[2026]12号", "X府发(2026)12号", "X府发（2026）12号", "X府发〔2026〕12号", "X府发【2026】012号",
    "X府发〔２０２６〕１２号", "X府发〔2026〕第12号", "X府发 〔2026〕 12 号", "X府发［2026］12", "X府发﹝2026﹞12号",
])
def test_doc_numbers_are_normalised(text):
    assert normalize_doc_no(text) == "X府发〔2026〕12号"


@pytest.mark.parametrize("text, fragment", [("〔2026〕12号", "机关代字"), ("X府发12号", "年份"), ("", "请填写"),
                                            ("X府发〔2026〕0号", "不能为 0"), ("X府发2026年", "无法识别")])
def test_bad_doc_numbers(text, fragment):
    with pytest.raises(ValidationError, match=fragment):
        normalize_doc_no(text)


@pytest.mark.parametrize("text, expected", [
    ("13812345678", "13812345678"), ("138 1234 5678", "13812345678"), ("+86 13812345678", "13812345678"),
    (13812345678.0, "13812345678"), ("0871-12345678", "0871-12345678"), ("087112345678", "0871-12345678"),
    ("(010)12345678", "010-12345678"), ("0871-1234567转8001", "0871-1234567转8001"), ("8001", "8001"),
    ("400-810-8888", "4008108888"), ("０８７１－１２３４５６７８", "0871-12345678"),
])
def test_phone_numbers(text, expected):
    assert parse_phone(text) == expected


@pytest.mark.parametrize("text", ["12", "1381234567", "电话", "0871-123"])
def test_bad_phone_numbers(text):
    with pytest.raises(ValidationError):
        parse_phone(text)


anything = st.one_of(
    st.none(), st.text(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(), st.datetimes(), st.binary(), st.lists(st.integers(), max_size=3),
    st.text(alphabet="0123456789〔〕[]()（）年月日号第.-/ 一二〇十X府发转", max_size=30),
)


@given(anything)
def test_no_input_makes_a_validator_raise_anything_but_validation_error(value):
    for validator in (parse_id_number, parse_date, normalize_doc_no, parse_phone):
        try:
            validator(value)
        except ValidationError as exc:
            assert exc.message and isinstance(exc.message, str)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_a_correct_check_digit_is_accepted_whenever_the_rest_is_valid(first17):
    number = first17 + id_check_digit(first17)
    try:
        assert parse_id_number(number) == number
    except ValidationError as exc:
        assert "校验位" not in exc.message


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)))
def test_dates_round_trip_through_every_written_form(day):
    for text in (day.isoformat(), f"{day.year}.{day.month}.{day.day}", f"{day.year}年{day.month}月{day.day}日",
                 day.strftime("%Y%m%d"), f"{day.year}/{day.month}/{day.day}"):
        assert parse_date(text) == day


def test_digits_of_every_script_are_read_as_ascii():
    from models.core.validators import parse_record_id, parse_year

    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    devanagari = str.maketrans("0123456789", "०१२३४५६७८९")
    assert parse_id_number("360426199101010071".translate(arabic)) == "360426199101010071"
    assert parse_date("2026-03-05".translate(devanagari)) == date(2026, 3, 5)
    assert parse_phone("13812345678".translate(arabic)) == "13812345678"
    assert normalize_doc_no("X府发〔٢٠٢٦〕١٢号") == "X府发〔2026〕12号"
    assert (parse_year("٢٠٢٦"), parse_record_id("１２")) == (2026, 12)


def test_an_id_number_stored_as_a_number_says_so():
    with pytest.raises(ValidationError, match="存成了数字"):
        parse_id_number(1.1010519491231002e17)


@pytest.mark.parametrize(("value", "fragment"), [
    ("0", "超出范围"), ("99999", "超出范围"), ("-1", "超出范围"), ("二〇二六", "不是整数"), ("", "请填写"),
])
def test_a_year_is_a_whole_number_in_range(value, fragment):
    from models.core.validators import parse_year

    with pytest.raises(ValidationError, match=fragment):
        parse_year(value)


@pytest.mark.parametrize("text", ["X府发😀〔2026〕12号", "X府\u200b发〔2026〕12号", "X府发\u0007〔2026〕12号"])
def test_emoji_and_control_characters_are_refused_in_a_doc_no(text):
    with pytest.raises(ValidationError, match="第 .* 个字符"):
        normalize_doc_no(text)


def test_look_alike_user_names_fold_to_one():
    from models.core.validators import confusable_key

    names = ("admin", "ADMIN", "adm\u0456n", "ａｄｍｉｎ", "\u0430dmin", "ΑDMΙN")
    assert {confusable_key(n) for n in names} == {"admin"}
    assert confusable_key("zhangsan") != confusable_key("zhangshan")
