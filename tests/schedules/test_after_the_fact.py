"""After a memorandum ends or a deadline passes: `agreement-lapsed`, commitments kept only by
held visits, and wording that does not advise a day that is gone (each firing and its near miss).
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_rules import HEAD, agreement, check_text, commitment, interval, visit

import schedules
from schedules.diagnostics import Severity
from schedules.planning import next_visits

ALTERNATE_2023 = """
  [[agreements.rules]]
  id = "rotate-2023"
  kind = "alternate"
  visits = ["talks"]
  order = ["quang-tri", "salavan"]
"""

MOU_2023 = agreement(
    ALTERNATE_2023 + interval(ident="interval-2023"),
    signed="2023-04-04",
    window="valid_until = 2025-12-31",
    ident="mou-2023",
)
TALKS_2023 = visit("talks-2023", "salavan", "start = 2023-04-04")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- agreement-lapsed -------------------------------------------------------------------------


def test_agreement_lapsed_once_the_last_one_has_ended_names_who_hosts_next() -> None:
    checked = check_text(MOU_2023 + TALKS_2023, as_of="2026-01-01")
    found = checked.only("agreement-lapsed")
    assert found.severity is Severity.WARNING
    assert found.date == day("2025-12-31")
    assert found.line == checked.line_of('id = "mou-2023"') - 1  # its [[agreements]] line
    assert "`mou-2023` ended 2025-12-31" in found.message
    # Salavan hosted in 2023: Quảng Trị's turn if the rotation continues
    assert "`quang-tri` hosts next" in found.message
    # the rule checks of the ended agreement do not reach past its end
    assert checked.of("agreement-expiring") == []


def test_agreement_lapsed_is_reported_on_the_agreement_that_ended_last() -> None:
    older = agreement(
        interval(ident="interval-2017"),
        signed="2017-06-08",
        window="valid_until = 2023-04-04",
        ident="mou-2017",
    )
    checked = check_text(older + MOU_2023 + TALKS_2023, as_of="2026-01-01")
    found = checked.only("agreement-lapsed")
    assert found.line == checked.line_of('id = "mou-2023"') - 1
    assert found.date == day("2025-12-31")


def test_agreement_lapsed_without_a_rotation_names_no_host() -> None:
    only_interval = agreement(
        interval(), signed="2023-04-04", window="valid_until = 2025-12-31", ident="mou-2023"
    )
    found = check_text(only_interval + TALKS_2023, as_of="2026-01-01").only("agreement-lapsed")
    assert "hosts next" not in found.message


@pytest.mark.parametrize("as_of", ["2025-12-31", "2025-07-01"])
def test_agreement_lapsed_near_miss_still_in_force_on_its_last_day(as_of: str) -> None:
    checked = check_text(MOU_2023 + TALKS_2023, as_of=as_of)
    assert checked.of("agreement-lapsed") == []
    # on its last days it is expiring instead, as SPEC says (within 180 days, no successor)
    assert len(checked.of("agreement-expiring")) == (1 if as_of == "2025-12-31" else 0)


def test_agreement_lapsed_near_miss_a_successor_or_an_open_ended_agreement() -> None:
    successor = agreement(interval(ident="interval-2026"), signed="2026-06-01", ident="mou-2026")
    # signed later, not yet in force on the as-of date: a memorandum is still to come
    assert check_text(MOU_2023 + successor, as_of="2026-01-01").of("agreement-lapsed") == []
    open_ended = agreement(interval(), signed="2023-04-04", ident="mou-open")
    assert check_text(open_ended + TALKS_2023, as_of="2030-01-01").of("agreement-lapsed") == []


def test_agreement_lapsed_needs_agreements_with_rules() -> None:
    no_rules = (
        '\n[[agreements]]\nid = "friendship"\nsigned = 2017-01-01\nvalid_until = 2019-12-31\n'
    )
    assert check_text(no_rules, as_of="2026-01-01").of("agreement-lapsed") == []
    assert check_text("", as_of="2026-01-01").of("agreement-lapsed") == []


def test_agreement_lapsed_can_be_waived_by_its_code() -> None:
    waiver = (
        '\n[[waivers]]\nrule = "agreement-lapsed"\nfrom = 2025-01-01\nuntil = 2026-12-31\n'
        'reason = "The 2026 memorandum is being negotiated"\n'
    )
    (found,) = check_text(MOU_2023 + TALKS_2023 + waiver, as_of="2026-01-01").of("agreement-lapsed")
    assert found.waived and found.reason == "The 2026 memorandum is being negotiated"


# --- commitment: only a held visit keeps it once the period is over ----------------------------


def test_commitment_over_with_only_a_planned_visit_is_an_error_naming_the_plan() -> None:
    body = agreement(commitment("2025")) + visit(
        "talks-2025", "quang-tri", 'when = "2025"', status="planned"
    )
    found = check_text(body, as_of="2026-12-01").only("commitment")
    assert found.severity is Severity.ERROR and found.date == day("2025-12-31")
    assert "`talks-2025` is still only planned" in found.message
    assert "a plan is not a kept promise once the period is over" in found.message


def test_commitment_over_names_confirmed_plans_and_visits_hosted_by_someone_else() -> None:
    body = (
        agreement(commitment("2025"))
        + visit("talks-2025", "quang-tri", "start = 2025-09-01", status="confirmed")
        + visit("talks-sl", "salavan", "start = 2025-03-01")
    )
    found = check_text(body, as_of="2026-01-01").only("commitment")
    assert "`talks-2025` is still only confirmed" in found.message
    assert "`talks-sl` (hosted by `salavan`)" in found.message


def test_commitment_near_miss_held_visit_keeps_it() -> None:
    body = agreement(commitment("2025")) + visit("talks-2025", "quang-tri", "start = 2025-09-01")
    assert check_text(body, as_of="2026-12-01").of("commitment") == []


def test_commitment_near_miss_a_plan_is_enough_while_the_period_lasts() -> None:
    body = agreement(commitment("2025")) + visit(
        "talks-2025", "quang-tri", 'when = "2025"', status="planned"
    )
    assert check_text(body, as_of="2025-12-31").of("commitment") == []


def test_next_says_overdue_not_planned_for_a_commitment_with_only_a_stale_plan() -> None:
    body = agreement(commitment("2025")) + visit(
        "talks-2025", "quang-tri", 'when = "2025"', status="planned"
    )
    schedule = schedules.load_text(HEAD + body).schedule
    assert schedule is not None
    (entry,) = next_visits(schedule, day("2026-12-01"))
    assert (entry.state, entry.planned) == ("overdue", "talks-2025")
    assert entry.note is not None and "still only planned" in entry.note
    (entry,) = next_visits(schedule, day("2025-06-01"))
    assert entry.state == "planned"


# --- wording after the fact -------------------------------------------------------------------


def test_possible_interval_breach_after_its_deadline_is_told_in_the_past() -> None:
    body = (
        agreement(interval(), signed="2023-04-04", ident="mou-2023")
        + TALKS_2023
        + visit("talks-2025", "quang-tri", 'when = "2025"', status="planned")
    )
    (found,) = check_text(body, as_of="2026-12-01").of("interval")
    assert found.severity is Severity.WARNING and found.date == day("2025-04-04")
    assert "may have come after the deadline 2025-04-04, which has passed" in found.message
    assert "agree dates by" not in found.message


def test_possible_interval_breach_before_its_deadline_still_advises_a_date() -> None:
    body = (
        agreement(interval(), signed="2023-04-04", ident="mou-2023")
        + TALKS_2023
        + visit("talks-2025", "quang-tri", 'when = "2025"', status="planned")
    )
    (found,) = check_text(body, as_of="2025-04-04").of("interval")
    assert "may come after the deadline 2025-04-04" in found.message
    assert "agree dates by 2025-04-04" in found.message
