"""The schedule file as pydantic models: strict, unknown keys are errors.

Cross-field and cross-reference rules (end before start, dangling ids...) are checked in
`schedules.validate`, which can point at the exact key; these models check shapes and types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, Literal, Self, TypeAlias, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Tag,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from schedules import tables
from schedules.dates import Duration, PartialDate
from schedules.tables import (
    AGENDA_TABLE_TAG,
    AGENDA_TEXT_TAG,
    COUNTED_STATUSES,
    COUNTRY_PATTERN,
    RULE_KINDS,
    SLUG_PATTERN,
    TIME_PATTERN,
    VisitStatus,
    agenda_tag,
)

__all__ = [
    "AGENDA_TABLE_TAG",
    "AGENDA_TEXT_TAG",
    "COUNTED_STATUSES",
    "COUNTRY_PATTERN",
    "RULE_KINDS",
    "SLUG_PATTERN",
    "TIME_PATTERN",
    "VisitStatus",
    "agenda_tag",
]
# For the JSON Schema: exactly what `PartialDate.parse` and `Duration.parse` accept (a real
# month and day, 29 February in leap years only, from year 0001; durations in either case).
_MONTH_DAY = (
    r"(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8])"
)
_LEAP_YEAR = r"(?!0000)(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
PARTIAL_DATE_PATTERN = (
    rf"^\s*(?:(?!0000)[0-9]{{4}}(?:-Q[1-4]|-(?:0[1-9]|1[0-2])|-(?:{_MONTH_DAY}))?"
    rf"|{_LEAP_YEAR}-02-29)\s*$"
)
DURATION_PATTERN = (
    r"^\s*(?:[Pp](?=[0-9])(?:[0-9]+[Yy])?(?:[0-9]+[Mm])?(?:[0-9]+[Ww])?(?:[0-9]+[Dd])?"
    r"|[0-9]+[ \t\n\r\f\v]*[YyMmWwDd])\s*$"
)


class _FromText:
    """Validate a TOML string into a value with `parse`; describe it in JSON Schema."""

    def __init__(self, parse: Callable[[str], Any], pattern: str, description: str) -> None:
        self.parse = parse
        self.pattern = pattern
        self.description = description

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            self.parse,
            core_schema.str_schema(strict=True),
            serialization=core_schema.to_string_ser_schema(),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": self.pattern, "description": self.description}


PartialDateText: TypeAlias = Annotated[
    PartialDate,
    _FromText(
        PartialDate.parse,
        PARTIAL_DATE_PATTERN,
        'A year ("2025"), quarter ("2025-Q3"), month ("2025-07") or day ("2025-07-05")',
    ),
]
DurationText: TypeAlias = Annotated[
    Duration,
    _FromText(
        Duration.parse,
        DURATION_PATTERN,
        'An ISO 8601 duration ("P2Y", "P18M", "P1Y6M", "P90D") or a short form ("2y", "18m")',
    ),
]
Slug: TypeAlias = Annotated[str, Field(pattern=SLUG_PATTERN)]
NonEmpty: TypeAlias = Annotated[str, Field(min_length=1)]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, defer_build=True)


class Partnership(_Table, tables.Partnership):
    id: Slug = Field(description="The partnership's id: lowercase letters, digits and '-'.")
    title: NonEmpty
    notes: str | None = None


class Party(_Table, tables.Party):
    name: NonEmpty = Field(description="The party's full name.")
    country: Annotated[str, Field(pattern=COUNTRY_PATTERN)] | None = Field(
        None,
        description='ISO 3166-1 alpha-2 country code ("VN", "LA"); enables the public-holiday '
        "check.",
    )
    short: str | None = Field(None, description="A short label for tables and timelines.")


class _Rule(_Table, tables.Rule):
    id: NonEmpty = Field(description="Unique among the rules of the file; waivers refer to it.")
    visits: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="The visit kinds this rule counts."
    )
    description: str | None = Field(None, description="The agreement's own words.")


class AlternateRule(_Rule, tables.AlternateRule):
    """The parties take turns hosting."""

    kind: Literal["alternate"]
    order: list[NonEmpty] | None = Field(
        None, description="The rotation order of party ids; default: the parties in file order."
    )


class IntervalRule(_Rule, tables.IntervalRule):
    """Consecutive counted visits are at most `max` (and at least `min`) apart."""

    kind: Literal["interval"]
    max: DurationText = Field(
        description="The longest allowed time from one counted visit to the next."
    )
    tolerance: DurationText | None = Field(
        None, description="Grace added to `max` before a gap is a breach."
    )
    min: DurationText | None = Field(
        None, description="The shortest allowed time between consecutive counted visits."
    )
    horizon: DurationText | None = Field(
        None, description='How far ahead "due soon" warns; default 90 days.'
    )


class CommitmentRule(_Rule, tables.CommitmentRule):
    """A promise: `host` hosts one of these visits within the period `when`."""

    kind: Literal["commitment"]
    host: NonEmpty
    when: PartialDateText


class QuotaRule(_Rule, tables.QuotaRule):
    """Between `min` and `max` visits per calendar period."""

    kind: Literal["quota"]
    min: Annotated[int, Field(ge=0)] | None = None
    max: Annotated[int, Field(ge=0)] | None = None
    per: Literal["year", "quarter", "month"]


class DelegationRule(_Rule, tables.DelegationRule):
    """Limits on each counted visit: people per guest delegation, days per visit."""

    kind: Literal["delegation"]
    max_people: Annotated[int, Field(ge=1)] | None = Field(
        None, description="The most participants of one guest party in one visit."
    )
    max_days: Annotated[int, Field(ge=1)] | None = Field(
        None,
        description="The longest visit, in days from start to end inclusive (exact dates only).",
    )


Rule: TypeAlias = Annotated[
    AlternateRule | IntervalRule | CommitmentRule | QuotaRule | DelegationRule,
    Field(discriminator="kind"),
]
AnyRule: TypeAlias = AlternateRule | IntervalRule | CommitmentRule | QuotaRule | DelegationRule
RULE_MODELS: dict[str, type[AnyRule]] = {
    "alternate": AlternateRule,
    "interval": IntervalRule,
    "commitment": CommitmentRule,
    "quota": QuotaRule,
    "delegation": DelegationRule,
}
assert tuple(RULE_MODELS) == RULE_KINDS


class Agreement(_Table, tables.Agreement):
    id: NonEmpty
    title: str | None = None
    signed: dt.date
    valid_from: dt.date | None = Field(None, description="Default: the date it was signed.")
    valid_until: dt.date | None = Field(None, description="Open-ended when absent.")
    source: str | None = None
    rules: list[Rule] = []

    def open_ended(self) -> Self:
        return self.model_copy(update={"valid_until": None})


class AgendaItem(_Table, tables.AgendaItem):
    item: NonEmpty
    day: Annotated[int, Field(ge=1)] | None = None
    time: Annotated[str, Field(pattern=TIME_PATTERN)] | None = Field(
        None, description="Local time, HH:MM."
    )
    lead: str | None = Field(None, description="The party id that leads this item.")


AgendaEntry: TypeAlias = Annotated[
    Annotated[NonEmpty, Tag(AGENDA_TEXT_TAG)] | Annotated[AgendaItem, Tag(AGENDA_TABLE_TAG)],
    Discriminator(agenda_tag),
]


class Participant(_Table, tables.Participant):
    name: NonEmpty
    party: NonEmpty
    title: str | None = None
    role: Literal["head", "member", "staff"] = "member"
    id: str | None = Field(
        None, description="Identity across visits and files; wins over the name."
    )


class Visit(_Table, tables.Visit):
    id: NonEmpty
    kind: Slug = Field(
        description='A lowercase slug that rules refer to ("talks", "working-visit").'
    )
    title: str | None = None
    host: NonEmpty
    guests: list[NonEmpty] | None = Field(None, description="Default: every other party.")
    formal: bool = Field(True, description="Informal visits count for no rule.")
    status: VisitStatus = "planned"
    start: dt.date | None = None
    end: dt.date | None = Field(None, description="Default: the start date.")
    when: PartialDateText | None = Field(
        None, description="A partial date, instead of start/end, while the dates are not agreed."
    )
    place: str | None = None
    agenda: list[AgendaEntry] = []
    outcome: str | None = None
    source: str | None = None
    participants: list[Participant] = []


class Action(_Table, tables.Action):
    id: NonEmpty
    text: NonEmpty
    owner: NonEmpty = Field(description="The party id that must act.")
    visit: str | None = Field(None, description="The visit it came from.")
    due: dt.date | None = None
    status: Literal["open", "done", "dropped"] = "open"


class Waiver(_Table, tables.Waiver):
    rule: NonEmpty = Field(description="A rule id, or a built-in check code.")
    from_: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None
    visit: str | None = Field(None, description="Only diagnostics about this visit.")
    reason: NonEmpty


class Schedule(_Table, tables.Schedule):
    """One partnership's schedule file."""

    model_config = ConfigDict(title="visits schedule file")

    format: Literal[1] = 1
    partnership: Partnership
    parties: dict[str, Party]
    agreements: list[Agreement] = []
    visits: list[Visit] = []
    actions: list[Action] = []
    waivers: list[Waiver] = []

    # the same as the tables' own, of the models' types
    def visit(self, visit_id: str) -> Visit | None:
        return cast("Visit | None", super().visit(visit_id))

    def rules(self) -> list[tuple[Agreement, AnyRule]]:
        return cast("list[tuple[Agreement, AnyRule]]", super().rules())
