"""Drafts of follow-up actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from schedules.drafts.base import Draft


@dataclass(frozen=True)
class ActionDraft(Draft):
    id: str
    text: str
    owner: str | None
    visit: str | None = None
    due: dt.date | None = None
    status: str | None = None
