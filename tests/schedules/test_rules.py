"""The rules engine: every check code of SPEC's table fires when it should, and not on a near miss.

Each case is a schedule written as TOML text: a common head (the partnership and its parties)
plus the agreements, visits, actions and waivers of the case.
"""

from __future__ import annotations

import datetime as dt
import textwrap
import unicodedata
from dataclasses import dataclass

import pytest

import schedules
from schedules.diagnostics import Diagnostic, ExitCode, Severity, exit_code

HEAD = """\
[partnership]
id = "quang-tri-salavan"
title = "Quảng Trị – Salavan"

[parties.quang-tri]
name = "Quảng Trị"
country = "VN"

[parties.salavan]
name = "Salavan"
country = "LA"
"""

PARTIES_WITHOUT_COUNTRY = """\
[partnership]
id = "quang-tri-salavan"
title = "Quảng Trị – Salavan"

[parties.quang-tri]
name = "Quảng Trị"

[parties.salavan]
name = "Salavan"
"""

THREE_PARTIES = """\
[partnership]
id = "three-provinces"
title = "Three provinces"

[parties.a]
name = "A"

[parties.b]
name = "B"

[parties.c]
name = "C"
"""


@dataclass
class Checked:
    """A schedule as checked: its text and what the checks found."""

    text: str
    diagnostics: list[Diagnostic]

    def line_of(self, needle: str, after: str | None = None) -> int:
        """The 1-based line holding `needle` (the first one after the line holding `after`)."""
        lines = self.text.splitlines()
        start = 0
        if after is not None:
            start = next(i for i, line in enumerate(lines) if after in line) + 1
        return next(i + 1 for i in range(start, len(lines)) if needle in lines[i])

    def codes(self) -> list[str]:
        return [d.code for d in self.diagnostics]

    def only(self, code: str) -> Diagnostic:
        found = [d for d in self.diagnostics if d.code == code]
        assert len(found) == 1, f"expected one {code}, got {self.diagnostics}"
        return found[0]

    def of(self, code: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.code == code]


def check_text(
    body: str, as_of: str = "2024-01-01", head: str = HEAD, path: str = "plan.toml"
) -> Checked:
    """Load the head plus `body` as one schedule file and check it as of `as_of`."""
    text = head + "\n" + textwrap.dedent(body)
    document = schedules.load_text(text, path)
    assert document.problems == [], document.problems
    return Checked(text, schedules.check([document], dt.date.fromisoformat(as_of)))


def check_files(files: dict[str, str], as_of: str = "2024-01-01") -> list[Diagnostic]:
    """Several schedule files checked together (for double-booking across files)."""
    documents = [schedules.load_text(text, path) for path, text in files.items()]
    for document in documents:
        assert document.problems == [], document.problems
    return schedules.check(documents, dt.date.fromisoformat(as_of))


def visit(
    ident: str,
    host: str,
    dates: str,
    *,
    kind: str = "talks",
    status: str = "held",
    extra: str = "",
) -> str:
    """A `[[visits]]` table; `dates` is `start = …` / `when = "…"` lines."""
    return (
        f'\n[[visits]]\nid = "{ident}"\nkind = "{kind}"\nhost = "{host}"\n'
        f'status = "{status}"\n{dates}\n{extra}'
    )


def raw_visit(ident: str, host: str, *lines: str) -> str:
    """A `[[visits]]` table of kind talks with exactly these other lines."""
    body = "\n".join(lines)
    return f'\n[[visits]]\nid = "{ident}"\nkind = "talks"\nhost = "{host}"\n{body}\n'


def agreement(
    rules: str, *, signed: str = "2017-06-08", window: str = "", ident: str = "mou"
) -> str:
    return f'\n[[agreements]]\nid = "{ident}"\nsigned = {signed}\n{window}\n{rules}'


ALTERNATE = """
  [[agreements.rules]]
  id = "talks-rotate"
  kind = "alternate"
  visits = ["talks"]
  order = ["quang-tri", "salavan"]
"""


def interval(max_: str = "P2Y", more: str = "", ident: str = "talks-interval") -> str:
    return f"""
  [[agreements.rules]]
  id = "{ident}"
  kind = "interval"
  visits = ["talks"]
  max = "{max_}"
  {more}
"""


def rule_codes(checked: Checked) -> list[str]:
    return [d.code for d in checked.diagnostics if d.code not in ("holiday", "status")]


# --- alternation ------------------------------------------------------------------------------


def test_alternation_fires_on_the_later_visit_naming_previous_and_expected_host() -> None:
    checked = check_text(
        agreement(ALTERNATE)
        + visit("talks-2018", "quang-tri", "start = 2018-07-05")
        + visit("talks-2020", "quang-tri", "start = 2020-07-01")
    )
    found = checked.only("alternation")
    assert found.severity is Severity.ERROR
    assert found.visit == "talks-2020"
    assert found.rule == "talks-rotate"
    assert found.date == dt.date(2020, 7, 1)
    assert found.line == checked.line_of('host = "quang-tri"', after='id = "talks-2020"')
    assert found.column == 1
    assert "`talks-2018`" in found.message and "`salavan`" in found.message


def test_alternation_near_miss_the_other_party_hosts() -> None:
    checked = check_text(
        agreement(ALTERNATE)
        + visit("talks-2018", "quang-tri", "start = 2018-07-05")
        + visit("talks-2020", "salavan", "start = 2020-07-01")
        + visit("talks-2022", "quang-tri", 'when = "2022"', status="planned")
    )
    assert checked.of("alternation") == []


def test_alternation_orders_by_earliest_start_not_by_file_order() -> None:
    checked = check_text(
        agreement(ALTERNATE)
        + visit("talks-2020", "salavan", "start = 2020-07-01")
        + visit("talks-2018", "quang-tri", "start = 2018-07-05")
    )
    assert checked.of("alternation") == []


def test_alternation_default_order_is_the_parties_in_file_order() -> None:
    rule = ALTERNATE.replace('  order = ["quang-tri", "salavan"]\n', "")
    checked = check_text(
        agreement(rule)
        + visit("v1", "salavan", "start = 2018-07-05")
        + visit("v2", "salavan", "start = 2020-07-01")
    )
    found = checked.only("alternation")
    assert found.visit == "v2" and "`quang-tri`" in found.message


THREE_ROTATE = """
  [[agreements.rules]]
  id = "rotate"
  kind = "alternate"
  visits = ["talks"]
"""


def test_three_party_rotation_in_turn_is_clean() -> None:
    checked = check_text(
        agreement(THREE_ROTATE)
        + visit("v1", "a", "start = 2018-01-10")
        + visit("v2", "b", "start = 2019-01-10")
        + visit("v3", "c", "start = 2020-01-10")
        + visit("v4", "a", "start = 2021-01-10"),
        head=THREE_PARTIES,
    )
    assert checked.of("alternation") == []


def test_three_party_rotation_skipping_a_party_fires() -> None:
    checked = check_text(
        agreement(THREE_ROTATE)
        + visit("v1", "a", "start = 2018-01-10")
        + visit("v2", "c", "start = 2019-01-10"),
        head=THREE_PARTIES,
    )
    found = checked.only("alternation")
    assert found.visit == "v2" and "`b`" in found.message and "`v1`" in found.message


def test_three_party_rotation_follows_an_explicit_order() -> None:
    rule = THREE_ROTATE + '  order = ["c", "b", "a"]\n'
    clean = check_text(
        agreement(rule)
        + visit("v1", "a", "start = 2018-01-10")
        + visit("v2", "c", "start = 2019-01-10")
        + visit("v3", "b", "start = 2020-01-10"),
        head=THREE_PARTIES,
    )
    assert clean.of("alternation") == []
    broken = check_text(
        agreement(rule)
        + visit("v1", "a", "start = 2018-01-10")
        + visit("v2", "b", "start = 2019-01-10"),
        head=THREE_PARTIES,
    )
    assert broken.only("alternation").visit == "v2"


@pytest.mark.parametrize(
    "skipped",
    [
        'status = "postponed"',
        'status = "cancelled"',
        'status = "held"\nformal = false',
    ],
)
def test_postponed_cancelled_and_informal_visits_do_not_take_a_turn(skipped: str) -> None:
    middle = raw_visit("middle", "salavan", skipped, "start = 2019-05-01")
    checked = check_text(
        agreement(ALTERNATE)
        + visit("v1", "quang-tri", "start = 2018-07-05")
        + middle
        + visit("v2", "salavan", "start = 2020-07-01"),
        as_of="2018-01-01",
    )
    assert checked.of("alternation") == []
    # had it counted, salavan would have hosted twice in a row
    counted = check_text(
        agreement(ALTERNATE)
        + visit("v1", "quang-tri", "start = 2018-07-05")
        + visit("middle", "salavan", "start = 2019-05-01")
        + visit("v2", "salavan", "start = 2020-07-01")
    )
    assert counted.only("alternation").visit == "v2"


def test_visits_of_other_kinds_do_not_take_a_turn() -> None:
    checked = check_text(
        agreement(ALTERNATE)
        + visit("v1", "quang-tri", "start = 2018-07-05")
        + visit("w", "salavan", "start = 2019-05-01", kind="working-visit")
        + visit("v2", "salavan", "start = 2020-07-01")
    )
    assert checked.of("alternation") == []


def test_alternation_sees_the_last_visit_before_the_agreement_window() -> None:
    # the rotation continues from one memorandum to the next
    checked = check_text(
        agreement(ALTERNATE, signed="2023-04-04")
        + visit("talks-2016", "salavan", "start = 2016-07-05")
        + visit("talks-2018", "quang-tri", "start = 2018-07-05")
        + visit("talks-2023", "quang-tri", "start = 2023-05-01")
    )
    found = checked.only("alternation")
    assert found.visit == "talks-2023" and "`talks-2018`" in found.message
    clean = check_text(
        agreement(ALTERNATE, signed="2023-04-04")
        + visit("talks-2016", "quang-tri", "start = 2016-07-05")
        + visit("talks-2018", "quang-tri", "start = 2018-07-05")
        + visit("talks-2023", "salavan", "start = 2023-05-01")
    )
    # only the last visit before the window is seen: 2016 → 2018 is not this agreement's business
    assert clean.of("alternation") == []


# --- interval: max --------------------------------------------------------------------------


def test_interval_definite_breach_is_an_error_dated_at_the_deadline() -> None:
    checked = check_text(
        agreement(interval())
        + visit("talks-2018", "quang-tri", "start = 2018-07-05\nend = 2018-07-07")
        + visit("talks-2023", "salavan", "start = 2023-04-04")
    )
    found = checked.only("interval")
    assert found.severity is Severity.ERROR
    assert found.visit == "talks-2023" and found.rule == "talks-interval"
    assert found.date == dt.date(2020, 7, 5)
    assert found.line == checked.line_of("start = 2023-04-04")
    assert "2020-07-05" in found.message and "`talks-2018`" in found.message


def test_interval_near_miss_on_the_deadline_itself() -> None:
    on_time = check_text(
        agreement(interval())
        + visit("a", "quang-tri", "start = 2018-07-05")
        + visit("b", "salavan", "start = 2020-07-05"),
        as_of="2020-08-01",
    )
    assert on_time.of("interval") == []
    late = check_text(
        agreement(interval())
        + visit("a", "quang-tri", "start = 2018-07-05")
        + visit("b", "salavan", "start = 2020-07-06"),
        as_of="2020-08-01",
    )
    assert late.only("interval").date == dt.date(2020, 7, 5)


def test_interval_tolerance_extends_the_deadline() -> None:
    rules = interval(more='tolerance = "P3M"')
    within = check_text(
        agreement(rules)
        + visit("a", "quang-tri", "start = 2018-07-05")
        + visit("b", "salavan", "start = 2020-10-05"),
        as_of="2020-11-01",
    )
    assert within.of("interval") == []
    beyond = check_text(
        agreement(rules)
        + visit("a", "quang-tri", "start = 2018-07-05")
        + visit("b", "salavan", "start = 2020-10-06"),
        as_of="2020-11-01",
    )
    assert beyond.only("interval").date == dt.date(2020, 10, 5)


def test_interval_partial_date_that_may_be_late_is_a_warning() -> None:
    checked = check_text(
        agreement(interval())
        + visit("talks-2023", "salavan", "start = 2023-04-04")
        + visit("talks-2025", "quang-tri", 'when = "2025"', status="planned")
    )
    found = checked.only("interval")
    assert found.severity is Severity.WARNING
    assert found.visit == "talks-2025" and found.date == dt.date(2025, 4, 4)
    assert found.line == checked.line_of('when = "2025"')
    assert "may come after the deadline 2025-04-04" in found.message


def test_interval_partial_date_that_ends_before_the_deadline_is_clean() -> None:
    checked = check_text(
        agreement(interval())
        + visit("talks-2023", "salavan", "start = 2023-04-04")
        + visit("talks-2025", "quang-tri", 'when = "2025-Q1"', status="planned")
    )
    assert checked.of("interval") == []


def test_interval_partial_date_that_starts_after_the_deadline_is_an_error() -> None:
    checked = check_text(
        agreement(interval())
        + visit("talks-2023", "salavan", "start = 2023-04-04")
        + visit("talks-2025", "quang-tri", 'when = "2025-Q3"', status="planned")
    )
    found = checked.only("interval")
    assert found.severity is Severity.ERROR and found.date == dt.date(2025, 4, 4)


def test_interval_overdue_is_an_error_on_the_last_visit() -> None:
    checked = check_text(
        agreement(interval(), signed="2018-04-11")
        + visit("visit-2018", "salavan", "start = 2018-04-09\nend = 2018-04-11"),
        as_of="2023-12-01",
    )
    found = checked.only("interval")
    assert found.severity is Severity.ERROR
    assert found.visit == "visit-2018" and found.date == dt.date(2020, 4, 9)
    assert found.line == checked.line_of("start = 2018-04-09")
    assert found.message.startswith("overdue")


def test_interval_due_soon_warns_within_the_default_90_day_horizon() -> None:
    body = agreement(interval()) + visit("a", "quang-tri", "start = 2018-04-09")
    due_soon = check_text(body, as_of="2020-01-10")  # 2020-01-10 + 90 days = 2020-04-09
    found = due_soon.only("interval")
    assert found.severity is Severity.WARNING and found.date == dt.date(2020, 4, 9)
    assert found.message.startswith("due soon")
    assert check_text(body, as_of="2020-01-09").of("interval") == []
    # on the deadline itself it is due soon, the day after overdue
    assert check_text(body, as_of="2020-04-09").only("interval").severity is Severity.WARNING
    assert check_text(body, as_of="2020-04-10").only("interval").severity is Severity.ERROR


def test_interval_horizon_is_configurable() -> None:
    body = agreement(interval(more='horizon = "P30D"')) + visit(
        "a", "quang-tri", "start = 2018-04-09"
    )
    assert check_text(body, as_of="2020-01-10").of("interval") == []
    assert check_text(body, as_of="2020-03-10").only("interval").severity is Severity.WARNING


def test_interval_next_visit_planned_means_not_overdue() -> None:
    checked = check_text(
        agreement(interval())
        + visit("a", "quang-tri", "start = 2018-04-09")
        + visit("b", "salavan", "start = 2020-03-01", status="planned"),
        as_of="2020-02-01",
    )
    assert checked.of("interval") == []


@pytest.mark.parametrize("status", ["postponed", "cancelled"])
def test_interval_postponed_or_cancelled_next_visit_does_not_count(status: str) -> None:
    checked = check_text(
        agreement(interval())
        + visit("a", "quang-tri", "start = 2018-04-09")
        + visit("b", "salavan", "start = 2020-03-01", status=status),
        as_of="2020-06-01",
    )
    found = checked.only("interval")
    assert found.visit == "a" and found.message.startswith("overdue")


def test_interval_informal_visit_does_not_count() -> None:
    checked = check_text(
        agreement(interval())
        + visit("a", "quang-tri", "start = 2018-04-09")
        + visit("b", "salavan", "start = 2020-03-01", extra="formal = false\n"),
        as_of="2020-06-01",
    )
    assert checked.only("interval").visit == "a"


# --- interval: min --------------------------------------------------------------------------


def test_interval_min_fires_on_a_visit_too_soon_dated_at_its_start() -> None:
    checked = check_text(
        agreement(interval(more='min = "P6M"'))
        + visit("a", "quang-tri", "start = 2023-04-04")
        + visit("b", "salavan", "start = 2023-06-01")
    )
    found = checked.only("interval")
    assert found.severity is Severity.ERROR
    assert found.visit == "b" and found.date == dt.date(2023, 6, 1)
    assert found.line == checked.line_of("start = 2023-06-01")
    assert "less than P6M" in found.message and "2023-10-04" in found.message


def test_interval_min_near_miss_exactly_min_apart() -> None:
    checked = check_text(
        agreement(interval(more='min = "P6M"'))
        + visit("a", "quang-tri", "start = 2023-04-04")
        + visit("b", "salavan", "start = 2023-10-04")
    )
    assert checked.of("interval") == []


def test_interval_min_with_a_partial_date_is_a_warning() -> None:
    checked = check_text(
        agreement(interval(more='min = "P6M"'))
        + visit("a", "quang-tri", "start = 2023-04-04")
        + visit("b", "salavan", 'when = "2023-10"', status="planned"),
        as_of="2023-05-01",
    )
    found = checked.only("interval")
    assert found.severity is Severity.WARNING and found.date == dt.date(2023, 10, 1)


# --- interval and agreement validity windows --------------------------------------------------


def test_interval_sees_the_last_visit_before_the_window() -> None:
    # the Sơn La – Hủa Phăn case: the visit ends the day the minutes are signed
    checked = check_text(
        agreement(interval(), signed="2018-04-11")
        + visit("visit-2018", "salavan", "start = 2018-04-09\nend = 2018-04-11"),
        as_of="2019-01-01",
    )
    assert checked.of("interval") == []  # not yet due
    assert check_text(checked.text.split(HEAD, 1)[1], as_of="2021-01-01").only("interval")


def test_interval_breach_with_deadline_before_the_window_is_not_reported() -> None:
    checked = check_text(
        agreement(interval(), signed="2023-04-04")
        + visit("talks-2018", "quang-tri", "start = 2018-07-05")
        + visit("talks-2023", "salavan", "start = 2023-04-04")
    )
    assert checked.of("interval") == []


def test_interval_breach_with_deadline_after_the_window_is_not_reported() -> None:
    window = "valid_until = 2019-12-31"
    overdue = check_text(
        agreement(interval(), signed="2017-06-08", window=window)
        + visit("talks-2018", "quang-tri", "start = 2018-07-05"),
        as_of="2023-12-01",
    )
    assert overdue.of("interval") == []
    late = check_text(
        agreement(interval(), signed="2017-06-08", window=window)
        + visit("talks-2018", "quang-tri", "start = 2018-07-05")
        + visit("talks-2023", "salavan", "start = 2023-04-04"),
        as_of="2023-12-01",
    )
    assert late.of("interval") == []


def test_interval_valid_from_overrides_signed() -> None:
    checked = check_text(
        agreement(interval(), signed="2017-01-01", window="valid_from = 2021-01-01")
        + visit("talks-2018", "quang-tri", "start = 2018-07-05")
        + visit("talks-2023", "salavan", "start = 2023-04-04")
    )
    assert checked.of("interval") == []


def test_two_agreements_each_judge_their_own_window() -> None:
    # the Quảng Trị – Salavan history: the 2020 breach belongs to the 2017 memorandum only
    body = (
        agreement(
            interval(ident="talks-interval"), signed="2017-06-08", window="valid_until = 2023-04-04"
        )
        + agreement(interval(ident="talks-interval-2023"), signed="2023-04-04", ident="mou-2023")
        + visit("talks-2018", "quang-tri", "start = 2018-07-05\nend = 2018-07-07")
        + visit("talks-2023", "salavan", "start = 2023-04-04")
        + visit("talks-2025", "quang-tri", 'when = "2025"', status="planned")
    )
    checked = check_text(body, as_of="2023-12-01")
    found = sorted((d.rule, d.severity.value, d.date) for d in checked.of("interval"))
    assert found == [
        ("talks-interval", "error", dt.date(2020, 7, 5)),
        ("talks-interval-2023", "warning", dt.date(2025, 4, 4)),
    ]


# --- commitment -------------------------------------------------------------------------------


def commitment(when: str = "2018", host: str = "quang-tri") -> str:
    return f"""
  [[agreements.rules]]
  id = "talks-in-qt"
  kind = "commitment"
  visits = ["talks"]
  host = "{host}"
  when = "{when}"
"""


def test_commitment_broken_is_an_error_naming_the_visit_hosted_elsewhere() -> None:
    checked = check_text(
        agreement(commitment("2018")) + visit("talks-2018", "salavan", "start = 2018-07-05"),
        as_of="2019-01-01",
    )
    found = checked.only("commitment")
    assert found.severity is Severity.ERROR
    assert found.rule == "talks-in-qt" and found.visit is None
    assert found.date == dt.date(2018, 12, 31)
    assert found.line == checked.line_of("[[agreements.rules]]")
    assert found.column == 3
    assert "`talks-2018`" in found.message and "`salavan`" in found.message


def test_commitment_met_is_clean() -> None:
    checked = check_text(
        agreement(commitment("2018")) + visit("talks-2018", "quang-tri", "start = 2018-07-05"),
        as_of="2019-01-01",
    )
    assert checked.of("commitment") == []


def test_commitment_not_yet_due_and_nothing_planned_is_a_warning() -> None:
    checked = check_text(agreement(commitment("2025")), as_of="2024-01-01")
    found = checked.only("commitment")
    assert found.severity is Severity.WARNING and found.date == dt.date(2025, 12, 31)
    assert "planned yet" in found.message


@pytest.mark.parametrize("when", ['when = "2025"', 'when = "2025-Q2"', "start = 2025-12-31"])
def test_commitment_planned_inside_the_period_is_clean(when: str) -> None:
    checked = check_text(
        agreement(commitment("2025")) + visit("talks-2025", "quang-tri", when, status="planned"),
        as_of="2024-01-01",
    )
    assert checked.of("commitment") == []


def test_commitment_partial_visit_straddling_the_period_does_not_meet_it() -> None:
    checked = check_text(
        agreement(commitment("2025-Q3"))
        + visit("t", "quang-tri", 'when = "2025"', status="planned"),
        as_of="2024-01-01",
    )
    assert checked.only("commitment").severity is Severity.WARNING


@pytest.mark.parametrize(
    "skipped", ['status = "postponed"', 'status = "cancelled"', 'status = "held"\nformal = false']
)
def test_commitment_not_met_by_postponed_cancelled_or_informal_visits(skipped: str) -> None:
    body = agreement(commitment("2018")) + raw_visit(
        "t", "quang-tri", skipped, "start = 2018-07-05"
    )
    assert check_text(body, as_of="2019-01-01").only("commitment").severity is Severity.ERROR


def test_commitment_ignores_visits_outside_the_agreement_window() -> None:
    checked = check_text(
        agreement(commitment("2025"), signed="2023-04-04", window="valid_until = 2025-06-30")
        + visit("t", "quang-tri", "start = 2025-09-01"),
        as_of="2026-01-01",
    )
    assert checked.only("commitment").severity is Severity.ERROR


# --- quota ------------------------------------------------------------------------------------


def quota(min_: int | None = 1, max_: int | None = None, per: str = "year") -> str:
    bounds = (f"min = {min_}\n  " if min_ is not None else "") + (
        f"max = {max_}\n" if max_ is not None else ""
    )
    return f"""
  [[agreements.rules]]
  id = "exchange"
  kind = "quota"
  visits = ["talks"]
  {bounds}
  per = "{per}"
"""


def test_quota_ended_period_with_too_few_held_visits_is_an_error() -> None:
    checked = check_text(
        agreement(quota(min_=1), signed="2023-01-01")
        + visit("t", "quang-tri", "start = 2024-02-01"),
        as_of="2024-06-01",
    )
    found = checked.only("quota")
    assert found.severity is Severity.ERROR
    assert found.rule == "exchange" and found.date == dt.date(2023, 1, 1)
    assert found.line == checked.line_of("[[agreements.rules]]")
    assert found.message.startswith("2023:")


def test_quota_near_miss_one_held_visit_in_each_period() -> None:
    checked = check_text(
        agreement(quota(min_=1), signed="2023-01-01")
        + visit("t1", "quang-tri", "start = 2023-05-01")
        + visit("t2", "salavan", "start = 2024-02-01"),
        as_of="2024-06-01",
    )
    assert checked.of("quota") == []


def test_quota_planned_visits_of_an_ended_period_are_not_held() -> None:
    checked = check_text(
        agreement(quota(min_=1), signed="2023-01-01")
        + visit("t1", "quang-tri", "start = 2023-05-01", status="planned")
        + visit("t2", "salavan", "start = 2024-02-01"),
        as_of="2024-06-01",
    )
    assert checked.only("quota").date == dt.date(2023, 1, 1)


def test_quota_more_than_max_is_a_warning_listing_the_visits() -> None:
    checked = check_text(
        agreement(quota(min_=None, max_=2), signed="2023-01-01")
        + visit("t1", "quang-tri", "start = 2023-02-01")
        + visit("t2", "salavan", "start = 2023-05-01")
        + visit("t3", "quang-tri", "start = 2023-09-01"),
        as_of="2023-12-01",
    )
    found = checked.only("quota")
    assert found.severity is Severity.WARNING and found.date == dt.date(2023, 1, 1)
    assert all(f"`{v}`" in found.message for v in ("t1", "t2", "t3"))


def test_quota_max_near_miss() -> None:
    checked = check_text(
        agreement(quota(min_=None, max_=2), signed="2023-01-01")
        + visit("t1", "quang-tri", "start = 2023-02-01")
        + visit("t2", "salavan", "start = 2023-05-01"),
        as_of="2023-12-01",
    )
    assert checked.of("quota") == []


def test_quota_current_period_below_min_is_a_warning() -> None:
    checked = check_text(agreement(quota(min_=1), signed="2024-01-01"), as_of="2024-06-01")
    found = checked.only("quota")
    assert found.severity is Severity.WARNING and found.date == dt.date(2024, 1, 1)


def test_quota_current_period_planned_visit_is_enough() -> None:
    checked = check_text(
        agreement(quota(min_=1), signed="2024-01-01")
        + visit("t", "quang-tri", 'when = "2024-Q4"', status="planned"),
        as_of="2024-06-01",
    )
    assert checked.of("quota") == []


def test_quota_visit_whose_partial_date_spans_periods_counts_for_none() -> None:
    checked = check_text(
        agreement(quota(min_=1, per="quarter"), signed="2024-01-01")
        + visit("t", "quang-tri", 'when = "2024"', status="planned"),
        as_of="2024-02-01",
    )
    found = checked.only("quota")
    assert found.severity is Severity.WARNING and found.message.startswith("2024-Q1")


def test_quota_periods_and_names_per_month() -> None:
    checked = check_text(
        agreement(quota(min_=1, per="month"), signed="2024-01-15")
        + visit("t", "quang-tri", "start = 2024-02-10"),
        as_of="2024-03-05",
    )
    assert [(d.severity.value, d.date) for d in checked.of("quota")] == [
        ("error", dt.date(2024, 1, 1)),
        ("warning", dt.date(2024, 3, 1)),
    ]
    assert checked.of("quota")[0].message.startswith("2024-01")


def test_quota_ignores_visits_outside_the_agreement_window() -> None:
    checked = check_text(
        agreement(quota(min_=1), signed="2023-04-04")
        + visit("before", "quang-tri", "start = 2023-02-01")
        + visit("t", "salavan", "start = 2024-02-01"),
        as_of="2024-06-01",
    )
    found = checked.only("quota")
    assert found.severity is Severity.ERROR and found.date == dt.date(2023, 1, 1)


def test_quota_periods_stop_at_the_end_of_the_window() -> None:
    checked = check_text(
        agreement(quota(min_=1), signed="2022-01-01", window="valid_until = 2022-12-31")
        + visit("t", "quang-tri", "start = 2022-03-01"),
        as_of="2025-06-01",
    )
    assert checked.of("quota") == []


@pytest.mark.parametrize(
    "skipped", ['status = "postponed"', 'status = "cancelled"', 'status = "held"\nformal = false']
)
def test_quota_does_not_count_postponed_cancelled_or_informal(skipped: str) -> None:
    body = agreement(quota(min_=1), signed="2023-01-01") + raw_visit(
        "t", "quang-tri", skipped, "start = 2023-07-05"
    )
    assert check_text(body, as_of="2023-12-01").only("quota").severity is Severity.WARNING


# --- status -----------------------------------------------------------------------------------


def test_status_held_in_the_future_is_an_error() -> None:
    checked = check_text(visit("t", "quang-tri", "start = 2024-03-01"), as_of="2024-01-01")
    found = checked.only("status")
    assert found.severity is Severity.ERROR
    assert found.visit == "t" and found.date == dt.date(2024, 3, 1)
    assert found.line == checked.line_of('status = "held"')


def test_status_held_on_the_as_of_day_is_fine() -> None:
    assert check_text(visit("t", "quang-tri", "start = 2024-01-01")).of("status") == []


def test_status_planned_visit_that_has_passed_is_a_warning() -> None:
    body = visit("t", "quang-tri", "start = 2023-05-01\nend = 2023-05-03", status="planned")
    found = check_text(body, as_of="2023-05-04").only("status")
    assert found.severity is Severity.WARNING and found.date == dt.date(2023, 5, 1)
    assert "held, postponed or cancelled" in found.message
    assert check_text(body, as_of="2023-05-03").of("status") == []


def test_status_planned_partial_date_passes_after_its_last_day() -> None:
    body = visit("t", "quang-tri", 'when = "2023"', status="planned")
    assert check_text(body, as_of="2023-12-31").of("status") == []
    found = check_text(body, as_of="2024-01-01").only("status")
    assert found.severity is Severity.WARNING and found.date == dt.date(2023, 1, 1)


def test_status_default_planned_points_at_the_visit() -> None:
    body = '\n[[visits]]\nid = "t"\nkind = "talks"\nhost = "quang-tri"\nstart = 2023-05-01\n'
    checked = check_text(body, as_of="2024-01-01")
    found = checked.only("status")
    assert found.line == checked.line_of("[[visits]]")


def test_status_confirmed_with_a_partial_date_is_a_warning() -> None:
    checked = check_text(
        visit("t", "quang-tri", 'when = "2024-Q2"', status="confirmed"), as_of="2024-01-01"
    )
    found = checked.only("status")
    assert found.severity is Severity.WARNING and found.date == dt.date(2024, 4, 1)
    assert "partial date" in found.message
    exact = check_text(visit("t", "quang-tri", "start = 2024-05-06", status="confirmed"))
    assert exact.of("status") == []


@pytest.mark.parametrize("status", ["postponed", "cancelled"])
def test_status_postponed_or_cancelled_in_the_past_is_fine(status: str) -> None:
    checked = check_text(visit("t", "quang-tri", "start = 2023-05-01", status=status))
    assert checked.of("status") == []


# --- holiday ----------------------------------------------------------------------------------


def test_holiday_tet_in_vietnam_for_a_visit_hosted_in_vietnam() -> None:
    checked = check_text(
        visit("t", "quang-tri", "start = 2025-01-28\nend = 2025-01-30", status="planned")
    )
    found = checked.of("holiday")
    assert [d.date for d in found] == [
        dt.date(2025, 1, 28),
        dt.date(2025, 1, 29),
        dt.date(2025, 1, 30),
    ]
    assert all(d.severity is Severity.WARNING and d.visit == "t" for d in found)
    assert all(d.line == checked.line_of("start = 2025-01-28") for d in found)
    assert "Lunar New Year" in found[1].message and "(VN)" in found[1].message
    assert "2025-01-29" in found[1].message


def test_holiday_pi_mai_in_laos_for_a_lao_guest() -> None:
    checked = check_text(
        visit(
            "t",
            "quang-tri",
            "start = 2025-04-14\nend = 2025-04-15",
            status="confirmed",
            extra='guests = ["salavan"]\n',
        )
    )
    found = checked.of("holiday")
    assert [d.date for d in found] == [dt.date(2025, 4, 14), dt.date(2025, 4, 15)]
    assert "Lao New Year" in found[0].message and "(LA)" in found[0].message


def test_holiday_near_miss_the_week_after_tet() -> None:
    checked = check_text(
        visit("t", "quang-tri", "start = 2025-02-03\nend = 2025-02-05", status="planned")
    )
    assert checked.of("holiday") == []


@pytest.mark.parametrize(
    ("dates", "status"),
    [
        ("start = 2025-01-29", "held"),
        ("start = 2025-01-29", "postponed"),
        ('when = "2025-01"', "planned"),
    ],
)
def test_holiday_not_for_held_postponed_or_partial_visits(dates: str, status: str) -> None:
    checked = check_text(visit("t", "quang-tri", dates, status=status), as_of="2025-06-01")
    assert checked.of("holiday") == []


def test_holiday_needs_a_country() -> None:
    checked = check_text(
        visit("t", "quang-tri", "start = 2025-01-29", status="planned"),
        head=PARTIES_WITHOUT_COUNTRY,
    )
    assert checked.of("holiday") == []


# --- double-booking ---------------------------------------------------------------------------


def person(name: str, party: str = "quang-tri", ident: str | None = None) -> str:
    id_line = f'id = "{ident}"\n' if ident else ""
    return f'\n  [[visits.participants]]\n  name = "{name}"\n  party = "{party}"\n  {id_line}'


def test_double_booking_same_id_overlapping_dates_reported_on_the_later_visit() -> None:
    checked = check_text(
        visit("v1", "quang-tri", "start = 2025-03-01\nend = 2025-03-03", status="planned")
        + person("Lê Quang Chiến", ident="le-quang-chien")
        + visit("v2", "salavan", "start = 2025-03-03\nend = 2025-03-04", status="planned")
        + person("Lê Quang Chiến", ident="le-quang-chien")
    )
    found = checked.only("double-booking")
    assert found.severity is Severity.ERROR
    assert found.visit == "v2" and found.date == dt.date(2025, 3, 3)
    assert found.line == checked.line_of("[[visits.participants]]", after='id = "v2"')
    assert "Lê Quang Chiến" in found.message and "`v1`" in found.message


def test_double_booking_near_miss_the_next_day() -> None:
    checked = check_text(
        visit("v1", "quang-tri", "start = 2025-03-01\nend = 2025-03-03", status="planned")
        + person("Lê Quang Chiến", ident="le-quang-chien")
        + visit("v2", "salavan", "start = 2025-03-04", status="planned")
        + person("Lê Quang Chiến", ident="le-quang-chien")
    )
    assert checked.of("double-booking") == []


@pytest.mark.parametrize(
    "other_name",
    [
        unicodedata.normalize("NFD", "Lê Quang Chiến"),
        "lê QUANG chiến",
        "  Lê   Quang\tChiến ",
        unicodedata.normalize("NFD", "LÊ QUANG CHIẾN"),
    ],
)
def test_double_booking_names_compare_normalised(other_name: str) -> None:
    checked = check_text(
        visit("v1", "quang-tri", "start = 2025-03-01", status="planned")
        + person("Lê Quang Chiến")
        + visit("v2", "salavan", "start = 2025-03-01", status="planned")
        + person(other_name.replace("\t", "\\t"))
    )
    assert checked.only("double-booking").visit == "v2"


def test_double_booking_different_people_are_not_confused() -> None:
    checked = check_text(
        visit("v1", "quang-tri", "start = 2025-03-01", status="planned")
        + person("Lê Quang Chiến")
        + visit("v2", "salavan", "start = 2025-03-01", status="planned")
        + person("Lê Quang Chiền")  # a different tone mark: a different name
    )
    assert checked.of("double-booking") == []


def test_double_booking_id_wins_over_the_name() -> None:
    same_name_other_person = check_text(
        visit("v1", "quang-tri", "start = 2025-03-01", status="planned")
        + person("Nguyễn Văn An", ident="nguyen-van-an-1")
        + visit("v2", "salavan", "start = 2025-03-01", status="planned")
        + person("Nguyễn Văn An", ident="nguyen-van-an-2")
    )
    assert same_name_other_person.of("double-booking") == []
    same_person_spelled_differently = check_text(
        visit("v1", "quang-tri", "start = 2025-03-01", status="planned")
        + person("Sỹ Hênh Hom Sôm Bắt", party="salavan", ident="sy-henh")
        + visit("v2", "salavan", "start = 2025-03-01", status="planned")
        + person("Sy Henh Hom Som Bat", party="salavan", ident="sy-henh")
    )
    assert same_person_spelled_differently.only("double-booking").visit == "v2"


@pytest.mark.parametrize(
    ("dates", "status", "extra"),
    [
        ("start = 2025-03-01", "postponed", ""),
        ("start = 2025-03-01", "cancelled", ""),
        ('when = "2025-03"', "planned", ""),
        ("start = 2025-03-01", "planned", "formal = false\n"),
    ],
)
def test_double_booking_only_between_counted_visits_with_exact_dates(
    dates: str, status: str, extra: str
) -> None:
    checked = check_text(
        visit("v1", "quang-tri", "start = 2025-03-01", status="planned")
        + person("Lê Quang Chiến")
        + visit("v2", "salavan", dates, status=status, extra=extra)
        + person("Lê Quang Chiến")
    )
    assert checked.of("double-booking") == []


def test_double_booking_across_files_is_reported_on_the_later_visit() -> None:
    first = (
        HEAD
        + visit("v1", "quang-tri", "start = 2025-03-10\nend = 2025-03-12", status="planned")
        + person("Lê Quang Chiến", ident="le-quang-chien")
    )
    second = (
        HEAD.replace('id = "quang-tri-salavan"', 'id = "quang-tri-savannakhet"')
        + visit("w1", "salavan", "start = 2025-03-01\nend = 2025-03-11", status="planned")
        + person("Lê Quang Chiến", ident="le-quang-chien")
    )
    for files in ({"a.toml": first, "b.toml": second}, {"b.toml": second, "a.toml": first}):
        found = [d for d in check_files(files) if d.code == "double-booking"]
        assert len(found) == 1
        assert (found[0].path, found[0].visit, found[0].date) == (
            "a.toml",
            "v1",
            dt.date(2025, 3, 10),
        )
        assert "b.toml" in found[0].message and "`w1`" in found[0].message
        assert found[0].line == first.splitlines().index("  [[visits.participants]]") + 1


def test_double_booking_not_across_files_when_apart() -> None:
    first = HEAD + visit("v1", "quang-tri", "start = 2025-03-10", status="planned") + person("X Y")
    second = HEAD + visit("w1", "salavan", "start = 2025-03-11", status="planned") + person("X Y")
    assert [
        d for d in check_files({"a.toml": first, "b.toml": second}) if d.code == "double-booking"
    ] == []


# --- action-overdue ---------------------------------------------------------------------------


def action(status: str = "open", due: str = "2023-12-31") -> str:
    return f"""
[[actions]]
id = "hall-funding"
text = "Reply to Salavan about the meeting hall"
owner = "quang-tri"
visit = "talks-2023"
due = {due}
status = "{status}"
"""


TALKS_2023 = visit("talks-2023", "salavan", "start = 2023-04-04")


def test_action_overdue_is_a_warning_dated_at_due() -> None:
    checked = check_text(TALKS_2023 + action(), as_of="2024-01-01")
    found = checked.only("action-overdue")
    assert found.severity is Severity.WARNING
    assert found.date == dt.date(2023, 12, 31) and found.visit == "talks-2023"
    assert found.line == checked.line_of("due = 2023-12-31")
    assert "`hall-funding`" in found.message


@pytest.mark.parametrize(
    ("status", "as_of"), [("open", "2023-12-31"), ("done", "2024-06-01"), ("dropped", "2024-06-01")]
)
def test_action_not_overdue_on_its_day_or_when_closed(status: str, as_of: str) -> None:
    assert check_text(TALKS_2023 + action(status), as_of=as_of).of("action-overdue") == []


# --- agreement-expiring -----------------------------------------------------------------------


EXPIRING = agreement(
    interval(), signed="2023-04-04", window="valid_until = 2025-12-31", ident="mou-2023"
)


def test_agreement_expiring_within_180_days_is_a_warning() -> None:
    checked = check_text(EXPIRING, as_of="2025-07-05")  # 179 days before
    found = checked.only("agreement-expiring")
    assert found.severity is Severity.WARNING and found.date == dt.date(2025, 12, 31)
    assert found.line == checked.line_of("valid_until = 2025-12-31")
    assert "`mou-2023`" in found.message


@pytest.mark.parametrize("as_of", ["2025-07-03", "2026-01-01"])
def test_agreement_expiring_near_miss_too_early_or_already_ended(as_of: str) -> None:
    assert check_text(EXPIRING, as_of=as_of).of("agreement-expiring") == []


def test_agreement_expiring_not_when_a_successor_follows() -> None:
    successor = agreement(interval(ident="next"), signed="2026-01-01", ident="mou-2026")
    assert check_text(EXPIRING + successor, as_of="2025-10-01").of("agreement-expiring") == []


def test_agreement_without_rules_does_not_expire_loudly() -> None:
    body = '\n[[agreements]]\nid = "friendship"\nsigned = 2023-04-04\nvalid_until = 2025-12-31\n'
    assert check_text(body, as_of="2025-10-01").of("agreement-expiring") == []


# --- waivers ----------------------------------------------------------------------------------


BREACH = (
    agreement(interval())
    + visit("talks-2018", "quang-tri", "start = 2018-07-05")
    + visit("talks-2023", "salavan", "start = 2023-04-04")
)


def waiver(rule: str, start: str = "2020-01-01", until: str = "2022-12-31", extra: str = "") -> str:
    return (
        f'\n[[waivers]]\nrule = "{rule}"\nfrom = {start}\nuntil = {until}\n{extra}'
        'reason = "COVID-19: cross-border visits suspended"\n'
    )


def test_waiver_by_rule_id() -> None:
    checked = check_text(BREACH + waiver("talks-interval"))
    found = checked.only("interval")
    assert found.waived and found.reason == "COVID-19: cross-border visits suspended"
    assert exit_code(checked.diagnostics) is ExitCode.OK
    unwaived = check_text(BREACH)
    assert exit_code(unwaived.diagnostics) is ExitCode.FAILED


def test_waiver_by_check_code() -> None:
    checked = check_text(BREACH + waiver("interval"))
    assert checked.only("interval").waived


def test_waiver_of_a_built_in_check() -> None:
    body = visit("t", "quang-tri", "start = 2025-01-29", status="planned")
    checked = check_text(body + waiver("holiday", "2025-01-01", "2025-02-28"))
    assert [d.waived for d in checked.of("holiday")] == [True]
    other_year = check_text(body + waiver("holiday", "2026-01-01", "2026-02-28"))
    assert [d.waived for d in other_year.of("holiday")] == [False]


def test_waiver_date_outside_is_not_waived() -> None:
    checked = check_text(BREACH + waiver("talks-interval", "2020-01-01", "2020-07-04"))
    assert not checked.only("interval").waived
    assert exit_code(checked.diagnostics) is ExitCode.FAILED
    # both ends are inclusive
    assert (
        check_text(BREACH + waiver("talks-interval", "2020-07-05", "2020-07-05"))
        .only("interval")
        .waived
    )


def test_waiver_matching_by_visit() -> None:
    matching = check_text(BREACH + waiver("talks-interval", extra='visit = "talks-2023"\n'))
    assert matching.only("interval").waived
    other = check_text(BREACH + waiver("talks-interval", extra='visit = "talks-2018"\n'))
    assert not other.only("interval").waived


def test_waiver_of_another_rule_does_not_apply() -> None:
    body = BREACH.replace("[[agreements.rules]]", ALTERNATE.strip() + "\n  [[agreements.rules]]", 1)
    checked = check_text(body + waiver("talks-rotate"))
    assert not checked.only("interval").waived


def test_waived_status_error_does_not_fail_the_check() -> None:
    checked = check_text(
        visit("t", "quang-tri", "start = 2024-03-01")
        + waiver("status", "2024-01-01", "2024-12-31"),
        as_of="2024-01-01",
    )
    assert checked.only("status").waived
    assert exit_code(checked.diagnostics) is ExitCode.OK
    assert exit_code(checked.diagnostics, strict=True) is ExitCode.OK


def test_waiver_applies_to_double_booking_in_the_file_it_is_reported_in() -> None:
    body = (
        visit("v1", "quang-tri", "start = 2025-03-01", status="planned")
        + person("Lê Quang Chiến")
        + visit("v2", "salavan", "start = 2025-03-01", status="planned")
        + person("Lê Quang Chiến")
    )
    checked = check_text(
        body + waiver("double-booking", "2025-03-01", "2025-03-01", 'visit = "v2"\n')
    )
    assert checked.only("double-booking").waived


# --- the ends of the calendar -----------------------------------------------------------------


def test_rules_at_the_end_of_the_calendar_do_not_crash() -> None:
    body = agreement(
        quota(min_=None, max_=0) + interval() + commitment("9999"), signed="9999-01-01"
    ) + visit("last", "quang-tri", "start = 9999-12-30\nend = 9999-12-31", status="planned")
    checked = check_text(body, as_of="9999-12-31")
    assert [d.date for d in checked.of("quota")] == [dt.date(9999, 1, 1)]
    # the deadline would be past 9999-12-31: it is never missed
    assert all(d.severity is Severity.WARNING for d in checked.of("interval"))


def test_agreement_expiring_at_the_end_of_the_calendar() -> None:
    body = agreement(interval(), signed="9999-01-01", window="valid_until = 9999-12-31")
    found = check_text(body, as_of="9999-12-30").only("agreement-expiring")
    assert found.date == dt.date(9999, 12, 31)
