"""What the forms hand the domain: typed drafts of the tables a planner writes, and the one
place where a draft is checked before it is written.

A draft holds what a form shows, typed (dates as dates, a partial date as its text, lists as
tuples); `table()` is the TOML table it writes, with the keys in the file format's order and
empty values left out. `visit_problems`, `participant_problems` and `waiver_problems` are the
checks the forms run as the planner types and again on submit; the editor refuses what they
refuse (`EditError`). One module per thing edited: visits (with their participants and
agenda), actions, waivers, the partnership and its parties, agreements and their rules.
"""

from schedules.drafts.actions import ActionDraft
from schedules.drafts.agreements import (
    RULE_FIELDS,
    AgreementDraft,
    RuleDraft,
    agreement_problems,
    rule_problems,
)
from schedules.drafts.base import Draft, DraftProblem, table_of
from schedules.drafts.partnership import (
    PartnershipDraft,
    PartyDraft,
    partnership_problems,
    party_problems,
)
from schedules.drafts.visits import (
    AgendaItemDraft,
    ParticipantDraft,
    VisitDraft,
    participant_problems,
    second_head,
    visit_problems,
)
from schedules.drafts.waivers import WaiverDraft, until_problem, waiver_problems
from schedules.edit_error import EditError

__all__ = [
    "RULE_FIELDS",
    "ActionDraft",
    "AgendaItemDraft",
    "AgreementDraft",
    "Draft",
    "DraftProblem",
    "EditError",
    "ParticipantDraft",
    "PartnershipDraft",
    "PartyDraft",
    "RuleDraft",
    "VisitDraft",
    "WaiverDraft",
    "agreement_problems",
    "participant_problems",
    "partnership_problems",
    "party_problems",
    "rule_problems",
    "second_head",
    "table_of",
    "until_problem",
    "visit_problems",
    "waiver_problems",
]
