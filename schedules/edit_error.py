"""`EditError`, on its own: the session and the app catch it without importing the drafts
(the forms' module), which the app needs only once a form opens."""

from __future__ import annotations


class EditError(Exception):
    """An edit that cannot be made; the message says why in planner and TOML terms."""
