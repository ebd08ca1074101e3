"""The rules engine: every check of SPEC.md over validated schedules, one module per check family.

Each rule sorts its counted visits once (O(n log n)); double-booking sweeps each person's
visits in date order across all files checked together. The check pipeline that runs them over
files, places and orders what they find is `schedules.workspace.check_documents`.
"""

from schedules.rules.agreements import EXPIRY_WARNING
from schedules.rules.bookings import Booking, bookings, double_bookings
from schedules.rules.engine import check_schedule
from schedules.rules.holidays import Holiday, holiday_names, public_holidays
from schedules.rules.interval import DEFAULT_HORIZON
from schedules.rules.seen import (
    Counted,
    commitment_kept,
    commitment_visits,
    continued,
    continuing_host,
    counted_visits,
    held_by,
    interval_deadline,
    interval_earliest,
    lapsed_agreement,
    next_host,
    normalise_name,
    rotation_order,
    rule_sees,
    visit_dates,
    visit_days,
)
from schedules.rules.waivers import apply_waivers

__all__ = [
    "DEFAULT_HORIZON",
    "EXPIRY_WARNING",
    "Booking",
    "Counted",
    "Holiday",
    "apply_waivers",
    "bookings",
    "check_schedule",
    "commitment_kept",
    "commitment_visits",
    "continued",
    "continuing_host",
    "counted_visits",
    "double_bookings",
    "held_by",
    "holiday_names",
    "interval_deadline",
    "interval_earliest",
    "lapsed_agreement",
    "next_host",
    "normalise_name",
    "public_holidays",
    "rotation_order",
    "rule_sees",
    "visit_dates",
    "visit_days",
]
