"""What the forms hand the domain: typed drafts of visits, participants, actions and waivers,
and the one place where a draft is checked before it is written."""

from __future__ import annotations

__all__ = ["EditError"]


class EditError(Exception):
    """An edit that cannot be made; the message says why in planner and TOML terms."""
