"""Checks on one value of a form, as you type it: each returns what is wrong, in words of the
reader's language, or None."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.validation import ValidationResult, Validator

from schedules.dates import parse_day
from schedules.i18n import _
from schedules.messages import WordedError
from schedules.model import SLUG_PATTERN


class Check(Validator):
    """A validator from a function that returns what is wrong with a value, or None."""

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self.rule = rule

    def validate(self, value: str) -> ValidationResult:
        message = self.rule(value)
        return self.success() if message is None else self.failure(message, value)


def reason(error: ValueError) -> str:
    """Why a value was refused, in the reader's language."""
    return error.said.text() if isinstance(error, WordedError) else str(error)


def required(what: str) -> Callable[[str], str | None]:
    """A check that a field is filled in; `what` is the field in words (`_("the id")`)."""

    def rule(value: str) -> str | None:
        return _("{what} is required").format(what=what) if not value.strip() else None

    return rule


_SLUG = re.compile(SLUG_PATTERN)


def slug(value: str) -> str | None:
    if value and _SLUG.match(value) is None:
        return _('use lowercase letters, digits and "-" only (like "talks" or "working-visit")')
    return None


def day_or_blank(value: str) -> str | None:
    """For an optional date field: blank, or a full date."""
    if not value.strip():
        return None
    try:
        parse_day(value)
    except ValueError as error:
        return reason(error)
    return None


def whole_number(value: str) -> str | None:
    if value.strip() and not value.strip().isdigit():
        return _("write a whole number, like 2")
    return None
