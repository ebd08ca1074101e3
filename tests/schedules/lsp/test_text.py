"""What the cursor is on: the table, the key and the token, from the text around it."""

from __future__ import annotations

from schedules.lsp.ids import Target, target_at
from schedules.lsp.text import Lines, place_at

TEXT = """\
[parties.quang-tri]
name = "Quảng Trị"

[[agreements]]
id = "mou-2023"

  [[agreements.rules]]
  id = "talks-rotate"
  kind = "alternate"
  order = [
    "quang-tri",
    "salavan",  # the second host
  ]

[[visits]]
id = "talks-2023"
host = "salavan"
participants = [{ name = "Lê Quang Chiến", party = "quang-tri" }]
when = "2025-Q3"

[[waivers]]
rule = "talks-rotate"
"""


def _target(needle: str, after: str = "", offset: int = 1) -> Target | None:
    start = TEXT.index(needle, TEXT.index(after) if after else 0) + offset
    line = TEXT.count("\n", 0, start)
    column = start - (TEXT.rfind("\n", 0, start) + 1)
    return target_at(place_at(Lines(TEXT), line, column))


def test_ids_where_they_are_defined() -> None:
    assert _target("quang-tri]") == Target("party", "quang-tri", definition=True)
    assert _target('"talks-rotate"') == Target("rule", "talks-rotate", definition=True)
    assert _target('"mou-2023"') == Target("agreement", "mou-2023", definition=True)
    assert _target('"talks-2023"') == Target("visit", "talks-2023", definition=True)


def test_references_in_arrays_spanning_lines_and_in_inline_tables() -> None:
    assert _target('"salavan"', after="order") == Target("party", "salavan")
    assert _target('"quang-tri"', after="party =") == Target("party", "quang-tri")
    assert _target('"talks-rotate"', after="[[waivers]]") == Target("rule-or-code", "talks-rotate")
    assert _target('"2025-Q3"') == Target("partial-date", "2025-Q3")


def test_nothing_on_keys_free_text_and_comments() -> None:
    assert _target("host =", offset=0) is None  # the key itself
    assert _target('"Lê Quang') is None  # a name is not an id
    assert _target("the second host") is None
    assert _target('"alternate"') is None  # a kind: completion offers values, hover has none
