"""Dates as people type them in the app's fields (`schedules.dates.VisitDates`, `parse_day`):
the forms the app itself displays are accepted, and common mistakes are answered with what to
write instead."""

from __future__ import annotations

import datetime as dt

import pytest

from schedules import i18n
from schedules.dates import VisitDates, parse_day
from schedules.messages import WordedError

D = dt.date


@pytest.mark.parametrize(
    "text", ["2027-07-15..17", "2027-07-15..07-17", "2027-07-15..2027-07-17", " 2027-07-15 .. 17 "]
)
def test_a_range_as_the_app_shows_it_is_accepted(text: str) -> None:
    assert VisitDates.parse(text) == VisitDates(start=D(2027, 7, 15), end=D(2027, 7, 17))


def test_a_range_across_months_and_years() -> None:
    assert VisitDates.parse("2027-07-30..08-02").end == D(2027, 8, 2)
    assert VisitDates.parse("2027-12-30..2028-01-02").end == D(2028, 1, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-07-15", VisitDates(start=D(2027, 7, 15))),
        ("2027", VisitDates(when="2027")),
        ("2027-Q3", VisitDates(when="2027-Q3")),
        ("2027-07", VisitDates(when="2027-07")),
    ],
)
def test_one_day_or_a_partial_date(text: str, expected: VisitDates) -> None:
    assert VisitDates.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("31/08/2025", "write dates as year-month-day, like 2025-08-31"),
        ("5.7.2025", "like 2025-07-05"),
        ("2027-07-15–17", "write a range with two dots, like 2027-07-15..17"),
        ("2027-07-15 – 2027-07-17", "like 2027-07-15..2027-07-17"),
        ("2027-07-15 - 2027-07-17", "like 2027-07-15..2027-07-17"),
        ("2027-07-15..13", "the end (2027-07-13) is before the start (2027-07-15)"),
        ("2027-02-27..30", '"30" after ".." is not a day of 2027-02'),
        ("", "dates are required"),
    ],
)
def test_mistakes_say_what_to_write(text: str, advice: str) -> None:
    with pytest.raises(ValueError) as raised:
        VisitDates.parse(text)
    assert advice in str(raised.value)


def test_text_of_a_visit_reads_back() -> None:
    text = VisitDates.text_of(D(2027, 7, 15), D(2027, 7, 17), None)
    assert VisitDates.parse(text) == VisitDates(start=D(2027, 7, 15), end=D(2027, 7, 17))
    assert VisitDates.text_of(None, None, "2027-Q3") == "2027-Q3"


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("2025", '"2025" is not a full date: write a day like 2025-07-05'),
        ("2025-12", "not a full date"),
        ("31/12/2025", "like 2025-12-31"),
        ("2025-02-30", "not a day of the calendar"),
    ],
)
def test_a_due_date_must_be_a_full_date_and_says_so(text: str, advice: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_day(text)
    assert advice in str(raised.value)
    assert "partial date" not in str(raised.value)  # never advice for another kind of field


def test_a_full_date() -> None:
    assert parse_day(" 2025-12-31 ") == D(2025, 12, 31)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("vi", "31/08/2025", "viết ngày theo dạng năm-tháng-ngày, ví dụ 2025-08-31"),
        ("vi", "2027-07-17..15", "ngày kết thúc (15/07/2027) trước ngày bắt đầu (17/07/2027)"),
        ("lo", "2027-02-27..30", '"30" ຫຼັງ ".." ບໍ່ແມ່ນວັນທີຂອງ 2027-02'),
        ("lo", "", "ຕ້ອງໃສ່ວັນທີ"),
    ],
)
def test_the_advice_reads_in_the_language_and_scripts_keep_english(
    language: str, text: str, expected: str
) -> None:
    """The refusal is a message: the app shows it in the reader's language (dates as the
    language writes them, the date to type as the field takes it); its English stays."""
    with pytest.raises(WordedError) as refused:
        VisitDates.parse(text)
    english = str(refused.value)
    i18n.use(language)
    try:
        assert expected in refused.value.said.text()
        assert str(refused.value) == english
    finally:
        i18n.use("en")
