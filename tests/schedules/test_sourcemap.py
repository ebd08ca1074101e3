"""Positions of keys and values in TOML text (schedules/sourcemap.py)."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from pathlib import Path as FilePath
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schedules.sourcemap import ArrayBlocks, Block, BlockSourceMap, Path, Position, SourceMap
from tests.paths import ROOT

EXAMPLE = """\
format = 1
[partnership]
id = "x"
[parties.quang-tri]
name = "A"
[[visits]]
id = "v1"
guests = ["a",
   "b"]   # comment
agenda = [{ item = "x", day = 1 }, "y"]
  [[visits.participants]]
  name = "N"
[[visits]]
id = "v2"
dates.start = 2020-01-01
"""


def at(position: Position | None) -> tuple[int, int] | None:
    return None if position is None else (position.line, position.column)


def all_paths(data: Any, path: Path = ()) -> list[Path]:
    """Every path into parsed TOML data (the root excluded)."""
    found: list[Path] = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += all_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += all_paths(value, (*path, index))
    return found


def assert_maps_every_path(text: str) -> SourceMap:
    smap = SourceMap.from_text(text)
    wanted = set(all_paths(tomllib.loads(text)))
    assert wanted == set(smap.paths())
    return smap


# -- the example of the brief -----------------------------------------------------------------


def test_example_headers_and_array_of_tables() -> None:
    smap = assert_maps_every_path(EXAMPLE)
    assert at(smap.key(("format",))) == (1, 1)
    assert at(smap.value(("format",))) == (1, 10)
    assert at(smap.key(("partnership",))) == (2, 1)
    assert at(smap.value(("partnership",))) == (2, 1)
    assert at(smap.key(("partnership", "id"))) == (3, 1)
    assert at(smap.value(("partnership", "id"))) == (3, 6)
    assert at(smap.key(("visits", 0))) == (6, 1)
    assert at(smap.key(("visits", 1))) == (13, 1)
    assert at(smap.key(("visits",))) == (6, 1)  # the array of tables: its first header
    assert at(smap.key(("visits", 0, "id"))) == (7, 1)
    assert at(smap.value(("visits", 1, "id"))) == (14, 6)


def test_example_nested_array_of_tables_belongs_to_latest_element() -> None:
    smap = SourceMap.from_text(EXAMPLE)
    assert at(smap.key(("visits", 0, "participants", 0))) == (11, 3)
    assert at(smap.value(("visits", 0, "participants", 0))) == (11, 3)
    assert at(smap.key(("visits", 0, "participants", 0, "name"))) == (12, 3)
    assert at(smap.value(("visits", 0, "participants", 0, "name"))) == (12, 10)
    assert smap.key(("visits", 1, "participants")) is None


def test_example_multi_line_array() -> None:
    smap = SourceMap.from_text(EXAMPLE)
    assert at(smap.key(("visits", 0, "guests"))) == (8, 1)
    assert at(smap.value(("visits", 0, "guests"))) == (8, 10)
    assert at(smap.value(("visits", 0, "guests", 0))) == (8, 11)
    assert at(smap.value(("visits", 0, "guests", 1))) == (9, 4)
    assert at(smap.key(("visits", 0, "guests", 1))) == (9, 4)  # an element's key: itself


def test_example_inline_table_in_array() -> None:
    smap = SourceMap.from_text(EXAMPLE)
    assert at(smap.value(("visits", 0, "agenda"))) == (10, 10)
    assert at(smap.value(("visits", 0, "agenda", 0))) == (10, 11)
    assert at(smap.key(("visits", 0, "agenda", 0, "item"))) == (10, 13)
    assert at(smap.value(("visits", 0, "agenda", 0, "item"))) == (10, 20)
    assert at(smap.key(("visits", 0, "agenda", 0, "day"))) == (10, 25)
    assert at(smap.value(("visits", 0, "agenda", 0, "day"))) == (10, 31)
    assert at(smap.value(("visits", 0, "agenda", 1))) == (10, 36)


def test_example_implicit_super_table_and_dotted_key() -> None:
    smap = SourceMap.from_text(EXAMPLE)
    assert at(smap.key(("parties", "quang-tri"))) == (4, 1)
    assert at(smap.key(("parties",))) == (4, 1)
    assert at(smap.value(("parties",))) == (4, 1)
    # A dotted key: every part where it is written.
    assert at(smap.key(("visits", 1, "dates"))) == (15, 1)
    assert at(smap.key(("visits", 1, "dates", "start"))) == (15, 7)
    assert at(smap.value(("visits", 1, "dates", "start"))) == (15, 15)


# -- keys -------------------------------------------------------------------------------------


def test_quoted_keys_are_unquoted_and_unescaped() -> None:
    text = '"a.b" = 1\n\'x\' = 2\n"esc\\u00e9\\"q\\t" = 3\n"" = 4\n\'c:\\d\' = 5\n'
    smap = assert_maps_every_path(text)
    assert at(smap.key(("a.b",))) == (1, 1)
    assert at(smap.value(("a.b",))) == (1, 9)
    assert at(smap.key(("x",))) == (2, 1)
    assert at(smap.value(("x",))) == (2, 7)
    assert at(smap.value(('escé"q\t',))) == (3, 20)
    assert at(smap.value(("",))) == (4, 6)
    assert at(smap.value(("c:\\d",))) == (5, 10)


def test_dotted_keys_with_spaces_and_quotes() -> None:
    text = 'site . "google.com" . x = true\n  a.b.c = 1\n'
    smap = assert_maps_every_path(text)
    assert at(smap.key(("site",))) == (1, 1)
    assert at(smap.key(("site", "google.com"))) == (1, 8)
    assert at(smap.key(("site", "google.com", "x"))) == (1, 23)
    assert at(smap.value(("site", "google.com", "x"))) == (1, 27)
    assert at(smap.key(("a",))) == (2, 3)
    assert at(smap.key(("a", "b"))) == (2, 5)
    assert at(smap.key(("a", "b", "c"))) == (2, 7)
    assert at(smap.value(("a", "b", "c"))) == (2, 11)


def test_dotted_key_tables_keep_first_position() -> None:
    text = "[fruit]\napple.color = 'red'\napple.taste.sweet = true\n[fruit.apple.texture]\nx = 1\n"
    smap = assert_maps_every_path(text)
    assert at(smap.key(("fruit", "apple"))) == (2, 1)
    assert at(smap.key(("fruit", "apple", "taste"))) == (3, 7)
    assert at(smap.key(("fruit", "apple", "taste", "sweet"))) == (3, 13)
    assert at(smap.key(("fruit", "apple", "texture"))) == (4, 1)


def test_numeric_looking_bare_keys() -> None:
    text = "1234 = 1\n3.14 = 2\n1979-05-27 = 3\n-_- = 4\n"
    smap = assert_maps_every_path(text)
    assert at(smap.key(("1234",))) == (1, 1)
    assert at(smap.key(("3", "14"))) == (2, 3)
    assert at(smap.value(("3", "14"))) == (2, 8)
    assert at(smap.value(("1979-05-27",))) == (3, 14)
    assert at(smap.key(("-_-",))) == (4, 1)


def test_no_spaces_around_equals() -> None:
    smap = assert_maps_every_path('a=1\nb="x"\nc.d=[1,2]\ne={f=1,g={h=2}}\n')
    assert at(smap.value(("a",))) == (1, 3)
    assert at(smap.key(("b",))) == (2, 1)
    assert at(smap.value(("c", "d", 1))) == (3, 8)
    assert at(smap.key(("e", "g", "h"))) == (4, 11)
    assert at(smap.value(("e", "g", "h"))) == (4, 13)


# -- strings ----------------------------------------------------------------------------------


def test_multi_line_strings_and_quote_edge_cases() -> None:
    text = (
        'a = """\nline # not a comment\nq = "not a key"\n\\"""  """\n'  # \""" is no end
        "b = '''He said \"hi\" '' and [x] = 1'''\n"
        'c = """x"""""\n'  # content x""
        'd = """""y"""\n'  # content ""y
        "e = ''''z''''\n"
        'f = """\\\n   folded \\\n"""\n'
        'g = "a\\"b # c"\n'
        "h = 'C:\\path'\n"
        'i = ""\n'
    )
    smap = assert_maps_every_path(text)
    assert at(smap.value(("a",))) == (1, 5)
    assert at(smap.key(("b",))) == (5, 1)
    assert at(smap.value(("b",))) == (5, 5)
    assert at(smap.value(("c",))) == (6, 5)
    assert at(smap.value(("d",))) == (7, 5)
    assert at(smap.value(("e",))) == (8, 5)
    assert at(smap.value(("f",))) == (9, 5)
    assert at(smap.key(("g",))) == (12, 1)
    assert at(smap.value(("h",))) == (13, 5)
    assert at(smap.value(("i",))) == (14, 5)
    assert smap.key(("q",)) is None


# -- values -----------------------------------------------------------------------------------


def test_numbers_booleans_and_dates() -> None:
    text = (
        "f = [6.626e-34, -0.0, +inf, nan, 0xDEAD_BEEF, 0o755, 0b1101, 1_000]\n"
        "odt1 = 1979-05-27 07:32:00Z\n"
        "odt2 = 1979-05-27T00:32:00.999999-07:00\n"
        "lt = 07:32:00\n"
        "ld = 1979-05-27\n"
        "dates = [1979-05-27 07:32:00, 1979-05-28]\n"
        "t = true\n"
    )
    smap = assert_maps_every_path(text)
    assert [at(smap.value(("f", i))) for i in range(8)] == [
        (1, 6),
        (1, 17),
        (1, 23),
        (1, 29),
        (1, 34),
        (1, 47),
        (1, 54),
        (1, 62),
    ]
    assert at(smap.value(("odt1",))) == (2, 8)
    assert at(smap.value(("odt2",))) == (3, 8)
    assert at(smap.value(("lt",))) == (4, 6)
    assert at(smap.value(("dates", 1))) == (6, 31)
    assert at(smap.value(("t",))) == (7, 5)


def test_nested_arrays_and_inline_tables() -> None:
    text = (
        "nested = [[1, 2], [[3]], ['a', \"b\"], [ { x = 1 } ], []]\n"
        "deep = [{a = 1}, {b = {c = [1, {d = 2}]}},]\n"
        'inl = { a.b = 1, "c d" = 2, e = { f = [ ] } }\n'
        "empty = {}\n"
    )
    smap = assert_maps_every_path(text)
    assert at(smap.value(("nested", 0))) == (1, 11)
    assert at(smap.value(("nested", 0, 1))) == (1, 15)
    assert at(smap.value(("nested", 1))) == (1, 19)
    assert at(smap.value(("nested", 1, 0))) == (1, 20)
    assert at(smap.value(("nested", 1, 0, 0))) == (1, 21)
    assert at(smap.value(("nested", 2, 1))) == (1, 32)
    assert at(smap.value(("nested", 3, 0))) == (1, 40)
    assert at(smap.key(("nested", 3, 0, "x"))) == (1, 42)
    assert at(smap.value(("nested", 4))) == (1, 53)
    assert at(smap.key(("deep", 1, "b", "c", 1, "d"))) == (2, 33)
    assert at(smap.value(("deep", 1, "b", "c", 1, "d"))) == (2, 37)
    assert at(smap.key(("inl", "a"))) == (3, 9)
    assert at(smap.key(("inl", "a", "b"))) == (3, 11)
    assert at(smap.key(("inl", "c d"))) == (3, 18)
    assert at(smap.value(("inl", "e", "f"))) == (3, 39)
    assert at(smap.value(("empty",))) == (4, 9)


def test_multi_line_array_with_comments_and_trailing_comma() -> None:
    text = (
        "multi = [  # comment [ ] { } = ,\n"
        '  "x", # "y", z\n'
        "  # [[not.a.header]]\n"
        "  'z' ,\n"
        '  """p\n'
        'q""",\n'
        "  [ 1 ],\n"
        '  ["s"]\n'
        "]\n"
        "after = 1\n"
    )
    smap = assert_maps_every_path(text)
    assert at(smap.value(("multi", 0))) == (2, 3)
    assert at(smap.value(("multi", 1))) == (4, 3)
    assert at(smap.value(("multi", 2))) == (5, 3)
    assert at(smap.value(("multi", 3))) == (7, 3)
    assert at(smap.value(("multi", 3, 0))) == (7, 5)
    assert at(smap.value(("multi", 4, 0))) == (8, 4)
    assert at(smap.key(("after",))) == (10, 1)


# -- tables -----------------------------------------------------------------------------------


def test_header_spacing_and_quoted_header_keys() -> None:
    text = '[ a . b ]\nc = 1\n[h."y.z".\'w\']\n[[ "quoted aot" ]]\n[ [ "x" ] ]\n'
    # (the last line is not a header: ``[[`` must be written together; tomllib rejects it)
    smap = SourceMap.from_text(text)
    assert at(smap.key(("a", "b"))) == (1, 1)
    assert at(smap.key(("a", "b", "c"))) == (2, 1)
    assert at(smap.key(("h", "y.z", "w"))) == (3, 1)
    assert at(smap.key(("quoted aot", 0))) == (4, 1)
    assert_maps_every_path(text.rsplit("[ [", 1)[0])


def test_explicit_table_after_implicit_creation_wins() -> None:
    smap = assert_maps_every_path("[a.b]\nc = 1\n[a]\nd = 2\n")
    assert at(smap.key(("a", "b"))) == (1, 1)
    assert at(smap.key(("a",))) == (3, 1)
    assert at(smap.key(("a", "d"))) == (4, 1)


def test_sub_tables_and_arrays_under_latest_array_element() -> None:
    text = """\
[[fruits]]
name = "apple"
[fruits.physical]
color = "red"
[[fruits.varieties]]
name = "red delicious"
[[fruits.varieties]]
name = "granny smith"
[[fruits]]
name = "banana"
[[fruits.varieties]]
name = "plantain"
[fruits.varieties.extra]
x = 1
"""
    smap = assert_maps_every_path(text)
    assert at(smap.key(("fruits", 0, "physical"))) == (3, 1)
    assert at(smap.value(("fruits", 0, "physical", "color"))) == (4, 9)
    assert at(smap.key(("fruits", 0, "varieties", 0))) == (5, 1)
    assert at(smap.key(("fruits", 0, "varieties", 1))) == (7, 1)
    assert at(smap.key(("fruits", 1))) == (9, 1)
    assert at(smap.key(("fruits", 1, "varieties", 0))) == (11, 1)
    assert at(smap.key(("fruits", 1, "varieties", 0, "extra"))) == (13, 1)
    assert at(smap.key(("fruits", 1, "varieties", 0, "extra", "x"))) == (14, 1)


# -- text details -----------------------------------------------------------------------------


def test_crlf_line_endings() -> None:
    text = "# c\r\na = 1\r\n[t]\r\nx = '''\r\nml\r\n'''\r\nl = [\r\n  1,\r\n]\r\n"
    smap = assert_maps_every_path(text)
    assert at(smap.value(("a",))) == (2, 5)
    assert at(smap.key(("t",))) == (3, 1)
    assert at(smap.value(("t", "x"))) == (4, 5)
    assert at(smap.value(("t", "l", 0))) == (8, 3)
    assert smap.line_text(2) == "a = 1"
    assert smap.line_text(9) == "]"


def test_tabs_and_unicode_columns_count_code_points() -> None:
    text = (
        "\ttab\t=\t1\n"
        '"Quảng Trị" = { "Hội đồng" = "ສະຫວັນ", n = 1 }\n'
        '"ທດສອບ" = "ລາວ"  # ຄຳເຫັນ\n'
        'names = ["Đông Hà", "ວຽງຈັນ", "x"]\n'
    )
    smap = assert_maps_every_path(text)
    assert at(smap.key(("tab",))) == (1, 2)
    assert at(smap.value(("tab",))) == (1, 8)
    assert at(smap.key(("Quảng Trị", "Hội đồng"))) == (2, 17)
    assert at(smap.value(("Quảng Trị", "Hội đồng"))) == (2, 30)
    assert at(smap.key(("Quảng Trị", "n"))) == (2, 40)
    assert at(smap.value(("ທດສອບ",))) == (3, 11)
    assert at(smap.value(("names", 1))) == (4, 21)
    assert at(smap.value(("names", 2))) == (4, 31)
    position = smap.value(("Quảng Trị", "Hội đồng"))
    assert position is not None
    assert smap.line_text(position.line)[position.column - 1 :].startswith('"ສະຫວັນ"')


def test_line_text_range() -> None:
    smap = SourceMap.from_text("a = 1\nb = 2")
    assert smap.line_text(1) == "a = 1"
    assert smap.line_text(2) == "b = 2"
    assert smap.line_text(0) == ""
    assert smap.line_text(3) == ""
    assert SourceMap.from_text("").line_text(1) == ""
    assert SourceMap.from_text("x = 1\n").line_text(2) == ""


def test_locate_falls_back() -> None:
    smap = SourceMap.from_text(EXAMPLE)
    assert at(smap.locate(("visits", 0, "id"))) == (7, 6)  # the value
    assert at(smap.locate(("visits", 0, "participants", 0))) == (11, 3)
    assert at(smap.locate(("visits", 0, "missing", 3))) == (6, 1)  # nearest ancestor
    assert at(smap.locate(("visits", 7, "id"))) == (6, 1)
    assert at(smap.locate(("nowhere",))) == (1, 1)
    assert at(smap.locate(())) == (1, 1)
    assert smap.value(()) is None


def test_unknown_and_odd_paths_do_not_raise() -> None:
    smap = SourceMap.from_text(EXAMPLE)
    assert smap.key(("visits", 0, "id", "deeper")) is None
    assert smap.value(("visits", 0.5)) is None  # type: ignore[arg-type]
    odd: Any = (["unhashable"],)
    assert smap.key(odd) is None
    assert smap.value(odd) is None
    assert smap.locate(odd) == Position(1, 1)
    assert smap.locate(None) == Position(1, 1)  # type: ignore[arg-type]
    assert smap.line_text("2") == ""  # type: ignore[arg-type]


# -- broken text ------------------------------------------------------------------------------


def test_rejected_text_maps_what_it_can() -> None:
    text = 'a = 1\nb = "unterminated\nc = [1, 2\n[t\nd = 4\n}]]]\n= 5\n"""open\n'
    smap = SourceMap.from_text(text)
    assert at(smap.value(("a",))) == (1, 5)
    for path in smap.paths():
        assert smap.locate(path).line >= 1


def test_garbage_inputs_do_not_raise() -> None:
    samples = [
        "",
        "\n\n\n",
        "[",
        "[[",
        "]]]]",
        "{{{{",
        "}}}}",
        "= = =",
        "a = ",
        "a = [",
        "a = {",
        "a = [}",
        "a = {]",
        "a = { b = [ { c = ",
        "[a.]\n[.b]\n[[]]\n[]",
        '"""',
        "'''",
        '"\\',
        '"""\\"""\\"""\\"""',
        "\x00\x01\ufeff\u2028",
        "a.b.c",
        "a = 1 = 2 = 3",
        "x = [[1], [[2]], [[[",
        "[[a]\n[a]]\n",
        "\r\r\r",
        "a = '\n'",
        'a = "\\uD800" \n"\\UFFFFFFFF" = 1',
        " " * 10_000 + "\x00",
    ]
    for text in samples:
        smap = SourceMap.from_text(text)
        for path in smap.paths():
            smap.locate(path)
        smap.locate(("a",))
        smap.line_text(1)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    smap = SourceMap.from_text(text)
    for path in smap.paths():
        position = smap.locate(path)
        assert 1 <= position.line <= text.count("\n") + 1
        assert position.column >= 1
        smap.line_text(position.line)
    smap.locate(("a", 0, "b"))


_TOML_CHARS = st.sampled_from(list("[]{}=.,\"'#\n\r\t \\abc123-_:+eT"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_TOML_CHARS, st.sampled_from(["[[", "]]", '"""', "'''", "\r\n"]))))
def test_toml_like_noise_never_raises(pieces: list[str]) -> None:
    text = "".join(pieces)
    smap = SourceMap.from_text(text)
    for path in smap.paths():
        smap.locate(path)


# -- valid TOML from random data --------------------------------------------------------------

_KEYS = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("abcxyz019_-. \"'\\\t#=[]{}")),
        st.sampled_from(list("ảịồĐươạ")),
        st.sampled_from(list("ສະຫວັນລາວ")),
        st.characters(codec="utf-8"),
    ),
    max_size=8,
)
_SCALARS = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=st.sampled_from(list("\"'\\\n\r\t #[]{}=,aĐລ")), max_size=12),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=7))])),
    st.times(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=25,
)
_DOCUMENTS = st.dictionaries(_KEYS, _VALUES, max_size=6)


def _starts_value(char: str, value: Any) -> bool:
    """Whether *char* can be the first character of *value* as written in TOML."""
    if isinstance(value, str):
        return char in "\"'"
    if isinstance(value, bool):
        return char == ("t" if value else "f")
    if isinstance(value, int | float):
        return char in "0123456789+-" or (char in "in" and not math.isfinite(value))
    if isinstance(value, dt.date | dt.time):
        return char.isdigit()
    if isinstance(value, list):
        return char == "["
    return char in "[{"  # a table: its header, or an inline table


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS, st.booleans())
def test_valid_toml_maps_every_value(document: dict[str, Any], multiline: bool) -> None:
    text = tomli_w.dumps(document, multiline_strings=multiline)
    data = tomllib.loads(text)
    smap = SourceMap.from_text(text)
    paths = all_paths(data)
    assert set(paths) == set(smap.paths())
    for path in paths:
        position = smap.value(path)
        assert position is not None, path
        char = smap.line_text(position.line)[position.column - 1]
        assert _starts_value(char, _get(data, path)), (path, char)
        key = smap.key(path)
        assert key is not None, path
        if isinstance(path[-1], str):
            written = smap.line_text(key.line)[key.column - 1 :]
            assert written.startswith(("[", '"', "'", path[-1])), (path, written)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS, st.sampled_from(["\r\n", "\n"]), st.sampled_from(["", "  ", "\t"]))
def test_valid_toml_with_crlf_and_indentation(
    document: dict[str, Any], newline: str, indent: str
) -> None:
    lines = tomli_w.dumps(document).split("\n")
    # Indent every line that starts a statement or header (not continuation lines of strings).
    text = newline.join(
        indent + line if line[:1].isalnum() or line[:1] in "[\"'" else line for line in lines
    )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # indenting inside a multi-line string's continuation can break it; skip
    smap = SourceMap.from_text(text)
    assert set(all_paths(data)) == set(smap.paths())


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS, st.data())
def test_damaged_valid_toml_never_raises(document: dict[str, Any], data: st.DataObject) -> None:
    text = tomli_w.dumps(document)
    cut = data.draw(st.integers(min_value=0, max_value=len(text)))
    insert = data.draw(st.sampled_from(["", "[", "]", "{", "}", '"', "'''", "=", "\n", "[["]))
    damaged = text[:cut] + insert + text[cut + data.draw(st.integers(0, 3)) :]
    smap = SourceMap.from_text(damaged)
    for path in smap.paths():
        smap.locate(path)


def test_project_examples_map_every_path() -> None:
    examples = ROOT / "examples"
    for file in sorted(examples.glob("*.toml")):
        text = file.read_text(encoding="utf-8")
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            continue
        assert_maps_every_path(text)


def test_many_array_of_tables_elements() -> None:
    block = (
        '[[visits]]\nid = "v"\ntags = ["a", "b"]\n'
        '  [[visits.participants]]\n  name = "N"\n  [[visits.participants]]\n  name = "M"\n'
    )
    text = "format = 1\n" + block * 2000
    smap = SourceMap.from_text(text)
    first = 2 + 7 * 1999  # the line of the last [[visits]]
    assert at(smap.key(("visits", 1999))) == (first, 1)
    assert at(smap.value(("visits", 1999, "tags", 1))) == (first + 2, 14)
    assert at(smap.key(("visits", 1999, "participants", 1, "name"))) == (first + 6, 3)
    assert smap.key(("visits", 2000)) is None


# -- valid TOML in every style: a random writer -----------------------------------------------

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_COMMENTS = ["", "", "  # note", ' # "q" [x] = {y}', "\t#ຄຳເຫັນ ''' \"\"\""]


class _Writer:
    """Writes data as TOML, choosing among all the ways TOML allows (with hypothesis data)."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data
        self.lines: list[str] = []

    def pick(self, options: list[str]) -> str:
        return self.data.draw(st.sampled_from(options))

    def flip(self) -> bool:
        return self.data.draw(st.booleans())

    def space(self) -> str:
        return self.pick(["", " ", "  ", "\t"])

    def key(self, key: str) -> str:
        if key and set(key) <= _BARE and self.flip():
            return key
        if all(c >= " " and c not in "'\x7f" for c in key) and self.flip():
            return f"'{key}'"
        return self.basic(key)

    def basic(self, text: str) -> str:
        out = []
        for c in text:
            if c in '"\\':
                out.append("\\" + c)
            elif c < " " or c == "\x7f":
                out.append({"\n": "\\n", "\t": "\\t"}.get(c, f"\\u{ord(c):04x}"))
            else:
                out.append(c)
        return '"' + "".join(out) + '"'

    def string(self, text: str, inline: bool) -> str:
        styles = ["basic"]
        plain = all((c >= " " and c != "\x7f") or c == "\t" for c in text)
        if plain and "'" not in text:
            styles.append("literal")
        if not inline:
            styles.append("ml-basic")
            printable = all((c >= " " and c != "\x7f") or c in "\t\n" for c in text)
            if printable and "'''" not in text and not text.endswith("'"):
                styles.append("ml-literal")
        style = self.pick(styles)
        if style == "literal":
            return f"'{text}'"
        if style == "ml-literal":
            return "'''\n" + text + "'''"
        if style == "ml-basic":
            body = self.basic(text)[1:-1].replace("\\n", "\n")
            return '"""\n' + body + '"""'
        return self.basic(text)

    def scalar(self, value: Any, inline: bool) -> str:
        if isinstance(value, str):
            return self.string(value, inline)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return hex(value) if value >= 0 and self.flip() else str(value)
        if isinstance(value, float):
            if math.isnan(value):
                return self.pick(["nan", "+nan", "-nan"])
            if math.isinf(value):
                return ("-" if value < 0 else self.pick(["", "+"])) + "inf"
            return repr(value)
        if isinstance(value, dt.datetime):
            return value.isoformat(sep=self.pick(["T", " "]))
        assert isinstance(value, dt.date | dt.time)
        return value.isoformat()

    def value(self, value: Any, inline: bool, indent: str) -> str:
        if isinstance(value, dict):
            items = [self.item(k, v, inline=True, indent=indent) for k, v in value.items()]
            if not items:
                return "{" + self.space() + "}"
            return "{" + self.space() + ("," + self.space()).join(items) + self.space() + "}"
        if isinstance(value, list):
            multi = not inline and self.flip()
            if not value:
                return "[" + ("\n" + indent if multi else self.space()) + "]"
            parts: list[str] = []
            inner = indent + "  "
            for element in value:
                text = self.value(element, inline, inner)
                if multi:
                    parts.append("\n" + inner + text + self.space() + "," + self.pick(_COMMENTS))
                else:
                    parts.append(self.space() + text + self.space() + ",")
            closing = "\n" + indent + "]" if multi else "]"
            text = "".join(parts)
            if not multi and self.flip():
                text = text[:-1]  # no trailing comma
            return "[" + text + closing
        return self.scalar(value, inline)

    def item(self, key: str, value: Any, inline: bool, indent: str) -> str:
        """``key = value``, or a dotted ``key.sub = value`` for a non-empty table."""
        if isinstance(value, dict) and value and self.flip():
            sub_key, sub_value = self.data.draw(st.sampled_from(list(value.items())))
            if len(value) == 1:
                dot = self.space() + "." + self.space()
                return self.key(key) + dot + self.item(sub_key, sub_value, inline, indent)
        eq = self.space() + "=" + self.space()
        return self.key(key) + eq + self.value(value, inline, indent)

    def table(self, body: dict[str, Any], header: list[str], indent: str) -> None:
        deferred: list[tuple[str, Any]] = []
        for key, value in body.items():
            is_table = isinstance(value, dict)
            is_aot = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
            if (is_table or is_aot) and self.flip():
                deferred.append((key, value))
            else:
                line = indent + self.item(key, value, inline=False, indent=indent)
                self.lines.append(line + self.pick(_COMMENTS))
        for key, value in deferred:
            path = [*header, self.key(key)]
            dotted = (self.space() + "." + self.space()).join(path)
            inner = indent + self.pick(["", "  "])
            if isinstance(value, dict):
                self.lines.append(inner + "[" + self.space() + dotted + self.space() + "]")
                self.table(value, path, inner)
            else:
                for element in value:
                    self.lines.append(inner + "[[" + self.space() + dotted + self.space() + "]]")
                    self.table(element, path, inner)
            if self.flip():
                self.lines.append(self.pick(["", "# ---", "   "]))


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(_DOCUMENTS, st.data(), st.sampled_from(["\n", "\r\n"]))
def test_valid_toml_in_all_styles_maps_every_value(
    document: dict[str, Any], data: st.DataObject, newline: str
) -> None:
    writer = _Writer(data)
    writer.table(document, [], "")
    text = newline.join(writer.lines) + newline
    parsed = tomllib.loads(text)
    smap = SourceMap.from_text(text)
    paths = all_paths(parsed)
    assert set(paths) == set(smap.paths())
    for path in paths:
        position = smap.value(path)
        assert position is not None, path
        char = smap.line_text(position.line)[position.column - 1]
        key = smap.key(path)
        assert key is not None, path
        if not (isinstance(_get(parsed, path), dict) and position == key):
            # (a table created by a dotted key is at that key)
            assert _starts_value(char, _get(parsed, path)), (path, char)
        if isinstance(path[-1], str):
            written = smap.line_text(key.line)[key.column - 1 :]
            assert written.startswith(("[", '"', "'", path[-1])), (path, written)


def test_absurd_nesting_stops_the_scan_without_raising() -> None:
    smap = SourceMap.from_text("a = 1\nb = " + "[" * 100_000 + "\nc = 2\n")
    assert at(smap.value(("a",))) == (1, 5)
    assert at(smap.value(("b",))) == (2, 5)
    assert at(smap.value(("b", 0, 0))) == (2, 7)
    assert at(smap.locate(("b",) + (0,) * 1000)) is not None
    assert smap.key(("c",)) is None  # the scan stopped at the depth limit
    dotted = SourceMap.from_text("x = 1\n" + "k." * 50_000 + "k = 1\n[" + "t." * 50_000 + "t]\n")
    assert at(dotted.value(("x",))) == (1, 5)


def test_deep_but_reasonable_nesting_is_mapped() -> None:
    text = "a = " + "[" * 20 + "1" + "]" * 20 + "\n[" + ".".join("t" * 12) + "]\nk = 2\n"
    smap = assert_maps_every_path(text)
    assert at(smap.value(("a",) + (0,) * 20)) == (1, 25)
    assert at(smap.value(("t",) * 12 + ("k",))) == (3, 5)


# -- a text made of blocks --------------------------------------------------------------------


def split_into_blocks(text: str, keys: tuple[str, ...]) -> tuple[Block, tuple[ArrayBlocks, ...]]:
    """`text` cut before each `[[key]]` header (and its leading comment lines) of `keys`."""
    lines = text.splitlines(keepends=True)
    cuts: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        for key in keys:
            if stripped == f"[[{key}]]":
                start = number
                while start > 0 and lines[start - 1].lstrip().startswith("#"):
                    start -= 1
                cuts.append((start, key))
    head = "".join(lines[: cuts[0][0]])
    arrays: list[tuple[str, list[Block], Block]] = []
    for index, (start, key) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else len(lines)
        if not arrays or arrays[-1][0] != key:
            arrays.append((key, [], Block("")))
        arrays[-1][1].append(Block("".join(lines[start:end])))
    return Block(head), tuple((key, tuple(tables), gap) for key, tables, gap in arrays)


def test_a_text_made_of_blocks_is_mapped_like_the_whole_text() -> None:
    text = (ROOT / "examples" / "quang-tri-salavan.toml").read_text(encoding="utf-8")
    blocks = split_into_blocks(text, ("visits", "actions", "waivers"))
    smap = BlockSourceMap(*blocks)
    whole = SourceMap.from_text(text)
    assert smap.text == text
    paths = all_paths(tomllib.loads(text))
    extra: list[Path] = [("visits", 99), ("visits", 1, "nothing"), ("nothing",), ("visits", "x")]
    for path in [*paths, *extra]:
        assert smap.key(path) == whole.key(path), path
        assert smap.value(path) == whole.value(path), path
        assert smap.locate(path) == whole.locate(path), path
    assert set(smap.paths()) == set(paths)
    assert smap.line_text(whole.locate(("actions", 1, "id")).line) == 'id = "delegate-training"'
    assert smap.key([1]) is None  # type: ignore[arg-type]  # unhashable: never raises


def test_an_element_may_start_inside_a_line() -> None:
    head, first, second = "a = 1\n  ", '[[v]]\nid = "x"\n  ', '[[v]]  # two\nid = "y"\n'
    smap = BlockSourceMap(Block(head), (("v", (Block(first), Block(second)), Block("")),))
    whole = SourceMap.from_text(head + first + second)
    for path in [("v",), ("v", 0), ("v", 0, "id"), ("v", 1), ("v", 1, "id"), ("a",)]:
        assert smap.key(path) == whole.key(path), path
        assert smap.value(path) == whole.value(path), path
    assert at(smap.key(("v", 1))) == (4, 3)


def test_a_schedule_split_at_its_tables_is_mapped_like_the_whole_text(tmp_path: FilePath) -> None:
    import sys

    root = ROOT
    if str(root) not in sys.path:  # benchmarks/ is not an installed package
        sys.path.insert(0, str(root))
    from benchmarks.generate import generate

    files = [*sorted((root / "examples").glob("*.toml")), *generate(5, 2, 60, tmp_path)]
    for file in files:
        text = file.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        arrays = {k: len(v) for k, v in data.items() if isinstance(v, list) and v}
        smap = BlockSourceMap.split(text, arrays)
        assert smap is not None, file
        whole = SourceMap.from_text(text)
        for path in all_paths(data):
            assert smap.key(path) == whole.key(path), (file, path)
            assert smap.value(path) == whole.value(path), (file, path)


@pytest.mark.parametrize(
    "text",
    [
        "[[v]]\na = 1\n[[w]]\nb = 1\n[[v]]\na = 2\n",  # an array split by another
        "[[v]]\na = 1\n[t]\nb = 1\n",  # another table among the array's
        "[[v]]\na = 1\n[[w.x]]\nb = 1\n",  # another array's sub-table
        '[[v]]\na = """\n[[v]]\n"""\n',  # a header-like line in a string
        "x = [\n  [1],\n]\n[[v]]\na = [\n[1]]\n",  # an array's line starting with [
        '[[v]]\na = 1\n[[ "v" ]]\na = 2\n[["\\u0076"]]\n',  # a header not found as written
    ],
)
def test_a_text_laid_out_otherwise_is_not_split(text: str) -> None:
    data = tomllib.loads(text)
    arrays = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    assert BlockSourceMap.split(text, arrays) is None


def test_quoted_headers_and_comments_after_them_are_split() -> None:
    text = 'a = 1\n[["v"]]  # first\nx = 1\n  [[v.p]]\n  n = 2\n[[ v ]]\nx = 2\n'
    smap = BlockSourceMap.split(text, {"v": 2})
    assert smap is not None
    whole = SourceMap.from_text(text)
    for path in all_paths(tomllib.loads(text)):
        assert smap.key(path) == whole.key(path), path
        assert smap.value(path) == whole.value(path), path
