"""Pathological TOML: nesting past the parser's limit, integers past TOML's range, deep values
before the tables a diagnostic points at. Each is an input error (exit 2) with a line, never an
internal error (exit 3)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import schedules
import schedules.cli
from schedules import i18n
from schedules.sourcemap import SourceMap, too_deep
from schedules.toml_input import number_text

PARTIES = '[parties.a]\nname = "A"\n\n[parties.b]\nname = "B"\n'
SCHEDULE = f'[partnership]\nid = "p"\ntitle = "T"\n\n{PARTIES}'
RANGE = "TOML integers are 64-bit, from -9223372036854775808 to 9223372036854775807"


def written_out(number: int) -> str:
    """First digits and length, from the number written out in full."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        digits = str(number)
    finally:
        sys.set_int_max_str_digits(limit)
    return f"{digits[:8]}… ({len(digits):,} digits)"


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str]:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    code = schedules.cli.main(["check", str(path), "--as-of", "2025-01-01"])
    captured = capsys.readouterr()
    assert "internal error" not in captured.err
    return code, captured.out


def only_problem(text: str) -> tuple[str, int, int, str]:
    document = schedules.load_text(text, "plan.toml")
    assert len(document.problems) == 1, document.problems
    problem = document.problems[0]
    assert problem.line is not None and problem.column is not None
    return problem.code, problem.line, problem.column, problem.message


@pytest.mark.parametrize(
    "value",
    [
        "[" * 500 + "]" * 500,
        "{a = " * 500 + "1" + "}" * 500,
        "[{a = " * 250 + "1" + "}]" * 250,
    ],
    ids=["arrays", "inline-tables", "mixed"],
)
def test_nesting_past_the_parsers_limit_is_a_syntax_error_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    text = f"{SCHEDULE}notes = 1\n\n[extra]\nx = {value}\n"
    code, line, column, message = only_problem(text)
    assert (code, line) == ("syntax", text.count("\n", 0, text.index("x = ")) + 1)
    assert 400 <= column - len("x = ") <= 401 * len("[{a = ")
    assert "nested more than 400 deep" in message
    status, out = check(tmp_path, capsys, text)
    assert status == 2 and "error[syntax]" in out


def test_a_key_of_more_than_a_thousand_parts_is_a_syntax_error() -> None:
    code, line, _, message = only_problem(SCHEDULE + "x" + ".x" * 1100 + " = 1\n")
    assert code == "syntax" and line == SCHEDULE.count("\n") + 1
    assert "more than 1,000 parts" in message


@pytest.mark.parametrize(
    ("literal", "shown"),
    [
        ("9" * 5000, "99999999… (5,000 digits)"),  # tomli's ValueError: past 4,300 digits
        ("-1_" + "0" * 4999, "-10000000… (5,000 digits)"),
        ("9" * 4000, "99999999… (4,000 digits)"),  # read by tomli, too long for str()
        ("0x" + "f" * 4000, written_out(16**4000 - 1)),
        ("0o" + "7" * 3000, written_out(8**3000 - 1)),
        ("0b" + "1" * 9000, written_out(2**9000 - 1)),
        ("99999999999999999999", "99999999999999999999"),
        ("9223372036854775808", "9223372036854775808"),
    ],
    ids=["5000-digits", "negative", "4000-digits", "hex", "octal", "binary", "20-digits", "2^63"],
)
def test_an_integer_out_of_tomls_range_is_shown_by_its_first_digits_and_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], literal: str, shown: str
) -> None:
    text = SCHEDULE.replace('title = "T"', f"title = {literal}")
    assert only_problem(text) == (
        "syntax",
        3,
        9,
        f"not valid TOML: the integer {shown} is out of range: {RANGE}",
    )
    status, out = check(tmp_path, capsys, text)
    assert status == 2 and len(out.splitlines()[0]) < 300  # the snippet below shows the line


def test_a_huge_format_number_is_worded_in_toml_terms() -> None:
    code, line, column, message = only_problem("format = 99999999999999999999\n" + SCHEDULE)
    assert (code, line, column) == ("syntax", 1, 10)
    assert "Unable to parse" not in message and RANGE in message


def test_the_largest_64_bit_integers_are_read_and_reported_as_schema_errors() -> None:
    assert only_problem(f"format = {2**63 - 1}\n{SCHEDULE}") == (
        "schema",
        1,
        10,
        "format 9223372036854775807 is not supported: this version of visits reads format 1",
    )
    _, _, _, message = only_problem(SCHEDULE.replace('"T"', str(-(2**63))))
    assert message.endswith("not the number -9223372036854775808")


def test_number_text_never_converts_a_huge_number_whole() -> None:
    assert number_text(10**20 - 1) == "99999999999999999999"
    assert number_text(10**20) == "10000000… (21 digits)"
    assert number_text(10**9999) == "10000000… (10,000 digits)"
    assert number_text(10**9999 - 1) == "99999999… (9,999 digits)"
    assert number_text(-(2**700_000)) == "-… (about 210,721 digits)"


@pytest.mark.parametrize("depth", [32, 33, 100, 399])
def test_locations_after_a_deeply_nested_value_stay_right(depth: int) -> None:
    text = f'x = {"[" * depth}{"]" * depth}\n[partnership]\nid = "Bad Id"\ntitle = "T"\n{PARTIES}'
    problems = schedules.load_text(text, "plan.toml").problems
    found = {(p.line, p.column) for p in problems}
    assert (1, 1) in found  # `x` is not a known key
    assert (3, 6) in found  # the bad id, on its own line


def test_the_source_map_skips_what_is_too_deep_and_maps_what_follows() -> None:
    deep = "[" * 40 + '"a", {b = [1]}' + "]" * 40
    text = f'a = {deep}\nb = {{c = {deep}, d = 2}}\n[t]\n"e" = [["x"], {deep}, 3]\n'
    source = SourceMap.from_text(text)
    assert source.key(("b", "d")) is not None
    assert source.value(("b", "d")) == source._position(text.index("2}"))
    assert source.key(("t",)) == source._position(text.index("[t]"))
    assert source.value(("t", "e", 2)) == source._position(text.rindex("3"))
    assert source.value(("a", *[0] * 31)) is not None  # recorded to 32 parts, no further
    assert source.value(("a", *[0] * 32)) is None


def test_deep_headers_and_dotted_keys_do_not_stop_the_map() -> None:
    long_name = ".".join(["k"] * 40)
    text = f"[{long_name}]\nx = 1\n[[{long_name}]]\n{long_name} = 2\n[after]\ny = 3\n"
    source = SourceMap.from_text(text)
    assert source.value(("after", "y")) == source._position(text.rindex("3"))


def test_too_deep_points_at_the_bracket_past_the_limit() -> None:
    text = 'x = [["a"]]\n[table]\ny = [[[["b"]]]]\n'
    assert too_deep(text, 2) == text.index("[[[[") + 2
    assert too_deep(text, 4) is None


@settings(max_examples=200, deadline=None)
@given(
    st.integers(30, 80),
    st.lists(st.sampled_from(["[", "]", "{", "}", "a = ", ", ", '"x"', "1", "\n", "[[t]]\n"])),
)
def test_the_source_map_never_raises_on_deep_or_broken_nesting(
    depth: int, noise: list[str]
) -> None:
    text = "x = " + "[" * depth + "".join(noise) + "\n[after]\ny = 1\n"
    source = SourceMap.from_text(text)
    for path in source.paths():
        assert source.locate(path).line >= 1


def test_a_duration_with_a_number_too_long_to_read_is_worded_for_the_file() -> None:
    rule = (
        '[[agreements]]\nid = "m"\nsigned = 2020-01-01\n[[agreements.rules]]\nid = "i"\n'
        f'kind = "interval"\nvisits = ["talks"]\nmax = "P{"9" * 5000}Y"\n'
    )
    code, line, _, message = only_problem(SCHEDULE + rule)
    assert (code, line) == ("schema", (SCHEDULE + rule).count("\n"))
    assert message.endswith('"P99999999999"… is not a duration: a number of more than 4,300 digits')
    assert "sys.set_int_max_str_digits" not in message


@pytest.mark.parametrize("digits", [5000, 4000], ids=["past-the-parser", "read-then-refused"])
@pytest.mark.parametrize(
    ("language", "length"), [("en", "({} digits)"), ("vi", "({} chữ số)"), ("lo", "({} ຕົວເລກ)")]
)
def test_the_length_of_a_long_integer_is_written_as_the_language_writes_numbers(
    language: str, length: str, digits: int
) -> None:
    document = schedules.load_text(SCHEDULE.replace('title = "T"', f"title = {'9' * digits}"))
    (problem,) = document.problems
    i18n.use(language)
    try:
        grouped = f"{digits:,}" if language == "en" else f"{digits:,}".replace(",", ".")
        assert length.format(grouped) in problem.text
        assert f"({digits:,} digits)" in problem.message  # scripts' English in any language
    finally:
        i18n.use("en")
