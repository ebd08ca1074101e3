"""Input errors on real broken files (`tests/data/broken/`): code, line, column and message.

Every message speaks TOML and the domain; none of pydantic's wording may leak through.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import schedules
from schedules.diagnostics import Diagnostic, Severity
from tests.paths import ROOT

BROKEN = ROOT / "tests" / "data" / "broken"
PARTIES = "(the parties are `quang-tri`, `salavan`)"

# fixture name -> [(code, line, column, message)], in the order they are reported
EXPECTED: dict[str, list[tuple[str, int, int, str]]] = {
    "io-not-utf8": [
        (
            "io",
            4,
            18,  # characters, not bytes: "ả" before it is three bytes in UTF-8
            "is not UTF-8 text: byte 0xec cannot be decoded (save the file as UTF-8)",
        )
    ],
    "schema-unknown-key": [
        (
            "schema",
            14,
            1,
            "visit `talks-2025`: required key `host` is missing",
        ),
        (
            "schema",
            17,
            1,
            "visit `talks-2025`: key `hots` is not known — did you mean `host`?",
        ),
    ],
    "schema-unknown-top-level-table": [
        (
            "schema",
            14,
            1,
            "key `visit` is not known at the top of the file — did you mean `visits`?",
        )
    ],
    "schema-missing-key": [("schema", 14, 1, "visit `talks-2025`: required key `kind` is missing")],
    "schema-missing-partnership": [
        ("schema", 2, 1, "[partnership]: required key `title` is missing")
    ],
    "schema-wrong-type": [
        (
            "schema",
            18,
            10,
            'visit `talks-2025`: key `formal` must be true or false, not a string ("yes")',
        )
    ],
    "schema-date-as-string": [
        (
            "schema",
            18,
            9,
            'visit `talks-2025`: key `start` must be a TOML date, not a string ("2023-04-04"): '
            "write start = 2023-04-04 (no quotes)",
        )
    ],
    "schema-end-before-start": [
        ("schema", 19, 1, "visit `talks-2025`: `end` (2025-04-02) is before `start` (2025-04-04)")
    ],
    "schema-start-and-when": [
        ("schema", 19, 1, "visit `talks-2025`: has both `start` and `when`; keep exactly one")
    ],
    "schema-neither-start-nor-when": [
        (
            "schema",
            14,
            1,
            "visit `talks-2025`: needs `start` (exact dates) "
            'or `when` (a partial date like "2025")',
        )
    ],
    "schema-bad-partial-date": [
        ("schema", 18, 8, 'visit `talks-2025`: key `when`: "2025-13": month must be 01 to 12')
    ],
    "schema-bad-duration": [
        (
            "schema",
            22,
            9,
            'rule `talks-interval`: key `max`: "2 years" is not a duration: write ISO 8601 like '
            "P2Y, P18M, P1Y6M, P2W, P90D (or 2y, 18m, 2w, 90d)",
        )
    ],
    "schema-one-party": [
        ("schema", 6, 1, "a partnership needs two or more parties, and [parties] has 1")
    ],
    "schema-quota-min-above-max": [
        ("schema", 22, 3, "rule `exchange`: `min` (3) is greater than `max` (2)")
    ],
    "schema-two-heads": [
        (
            "schema",
            28,
            3,
            "visit `talks-2025`: “Nguyễn Đăng Quang” is a second head of the `quang-tri` "
            "delegation; a party has at most one head per visit",
        )
    ],
    "schema-unknown-rule-kind": [
        (
            "schema",
            20,
            10,
            'rule `talks-rotate`: key `kind` must be one of "alternate", "interval", "commitment", '
            '"quota", "delegation", not a string ("alternating") — did you mean `alternate`?',
        )
    ],
    "schema-unknown-status": [
        (
            "schema",
            18,
            10,
            'visit `talks-2025`: key `status` must be "planned", "confirmed", "held", "postponed" '
            'or "cancelled", not a string ("hled") — did you mean `held`?',
        )
    ],
    "reference-duplicate-visit-id": [
        (
            "reference",
            21,
            1,
            "visit id `talks-2025` is used twice (first by visit 1); "
            "ids must be unique in the file",
        )
    ],
    "reference-unknown-host": [
        (
            "reference",
            17,
            1,
            f"visit `talks-2025`: host `quang-tr` is not a party of this file {PARTIES}"
            " — did you mean `quang-tri`?",
        )
    ],
    "reference-unknown-guest": [
        (
            "reference",
            18,
            11,
            f"visit `talks-2025`: guest `savannakhet` is not a party of this file {PARTIES}",
        )
    ],
    "reference-unknown-participant-party": [
        (
            "reference",
            22,
            3,
            "visit `talks-2025`: participant “Lê Quang Chiến”: party `quangtri` is not a party of "
            f"this file {PARTIES} — did you mean `quang-tri`?",
        )
    ],
    "reference-unknown-action-owner": [
        (
            "reference",
            17,
            1,
            f"action `hall-funding`: owner `salavn` is not a party of this file {PARTIES}"
            " — did you mean `salavan`?",
        )
    ],
    "reference-unknown-action-visit": [
        (
            "reference",
            25,
            1,
            "action `hall-funding`: visit `talks-2032` is not in this file"
            " — did you mean `talks-2023`?",
        )
    ],
    "reference-unknown-rule-host": [
        (
            "reference",
            22,
            3,
            "rule `talks-2025-in-quang-tri`: host `quang_tri` is not a party of this file "
            f"{PARTIES} — did you mean `quang-tri`?",
        )
    ],
    "reference-unknown-rule-order": [
        (
            "reference",
            22,
            25,
            "rule `talks-rotate`: `order` entry `saravane` is not a party of this file "
            f"{PARTIES} — did you mean `salavan`?",
        )
    ],
    "reference-unknown-waiver-rule": [
        (
            "reference",
            25,
            1,
            "waiver 1: `talks-intervall` is neither a rule id of this file nor a check code"
            " — did you mean `talks-interval`?",
        )
    ],
    "reference-unknown-waiver-visit": [
        (
            "reference",
            23,
            1,
            "waiver 1: visit `talks-2022` is not in this file — did you mean `talks-2023`?",
        )
    ],
}

SYNTAX = ["syntax-unterminated-string", "syntax-duplicate-key"]
ALL_FIXTURES = sorted(path.stem for path in BROKEN.glob("*.toml"))


def problems(name: str) -> list[Diagnostic]:
    return schedules.load_file(BROKEN / f"{name}.toml").problems


def test_every_fixture_has_an_expectation() -> None:
    assert set(ALL_FIXTURES) == set(EXPECTED) | set(SYNTAX)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_reported_at_its_line(name: str) -> None:
    found = [(d.code, d.line, d.column, d.message) for d in problems(name)]
    assert found == EXPECTED[name]


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_broken_file_problems_are_errors_and_stop_the_rule_checks(name: str) -> None:
    document = schedules.load_file(BROKEN / f"{name}.toml")
    assert document.problems and all(d.severity is Severity.ERROR for d in document.problems)
    assert all(d.is_input_error for d in document.problems)
    assert not document.ok
    # input errors stop the rule checks for that file
    import datetime as dt

    assert schedules.check([document], dt.date(2030, 1, 1)) == []


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_no_pydantic_wording_leaks(name: str) -> None:
    for diagnostic in problems(name):
        for phrase in (
            "Extra inputs are not permitted",
            "Input should be",
            "Field required",
            "pydantic",
            "model_",
        ):
            assert phrase not in diagnostic.message


@pytest.mark.parametrize("name", SYNTAX)
def test_syntax_errors_carry_the_parsers_line_and_column(name: str) -> None:
    path = BROKEN / f"{name}.toml"
    with pytest.raises(tomllib.TOMLDecodeError) as error:
        tomllib.loads(path.read_text(encoding="utf-8"))
    where = re.search(r"\(at line (\d+), column (\d+)\)", str(error.value))
    assert where is not None
    [found] = problems(name)
    assert found.code == "syntax"
    assert (found.line, found.column) == (int(where[1]), int(where[2]))
    assert found.message.startswith("not valid TOML: ")
    assert "(at line" not in found.message  # the position is in line/column, not repeated


def test_syntax_unterminated_string_message() -> None:
    [found] = problems("syntax-unterminated-string")
    assert (found.line, found.column) == (18, 28)
    assert found.message == "not valid TOML: illegal character '\\n'"


def test_syntax_duplicate_key_is_at_the_second_key() -> None:
    [found] = problems("syntax-duplicate-key")
    assert found.line == 19 and found.message == "not valid TOML: cannot overwrite a value"


def test_io_missing_file(tmp_path: Path) -> None:
    [found] = schedules.load_file(tmp_path / "nowhere.toml").problems
    assert (found.code, found.line, found.column, found.message) == (
        "io",
        None,
        None,
        "file not found",
    )
    assert found.path == str(tmp_path / "nowhere.toml")


def test_io_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "schedule.toml"
    folder.mkdir()
    [found] = schedules.load_file(folder).problems
    assert (found.code, found.message) == ("io", "is a directory, not a file")


def test_io_not_utf8_is_still_recognised_as_a_schedule() -> None:
    # a directory scan must report it, not skip it as "not a schedule"
    assert schedules.load_file(BROKEN / "io-not-utf8.toml").is_schedule


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    text = (BROKEN / "reference-unknown-host.toml").read_text(encoding="utf-8")
    fixed = text.replace('host = "quang-tr"', 'host = "quang-tri"')
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + fixed.encode())
    assert schedules.load_file(path).problems == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "required table [partnership] is missing"),
        ("format = 2\n", "format 2 is not supported: this version of visits reads format 1"),
        ('format = "1"\n', 'key `format` must be the number 1, not a string ("1")'),
        # quoted as TOML writes it, whatever quotes the value holds
        (
            'format = "it\'s \\"one\\""\n',
            'key `format` must be the number 1, not a string ("it\'s \\"one\\"")',
        ),
    ],
)
def test_top_level_messages(text: str, message: str) -> None:
    found = [d.message for d in schedules.load_text(text).problems]
    assert message in found


def test_rule_kind_of_the_wrong_type_is_named_as_toml() -> None:
    text = (BROKEN / "schema-unknown-rule-kind.toml").read_text(encoding="utf-8")
    [found] = schedules.load_text(text.replace('kind = "alternating"', "kind = 1")).problems
    assert found.message.endswith('"delegation", not the number 1')
    assert (found.line, found.column) == (20, 10)
