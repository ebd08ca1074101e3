"""What the editor says when an edit or a save cannot be made, in planner and TOML terms and in
the reader's language: one sentence for each kind of table, so that translations need no
grammar of their own."""

from __future__ import annotations

from schedules.dates import toml_quoted
from schedules.i18n import N_, _

_NO_SUCH = {
    "visits": N_("there is no visit with id {id} in this file"),
    "actions": N_("there is no action with id {id} in this file"),
    "waivers": N_("there is no waiver with id {id} in this file"),
    "agreements": N_("there is no agreement with id {id} in this file"),
}
_CANNOT_ADD = {
    "visits": N_("cannot add the visit: {why}"),
    "actions": N_("cannot add the action: {why}"),
    "waivers": N_("cannot add the waiver: {why}"),
    "agreements": N_("cannot add the agreement: {why}"),
}
_CANNOT_CHANGE = {
    "visits": N_("cannot change the visit: {why}"),
    "actions": N_("cannot change the action: {why}"),
    "waivers": N_("cannot change the waiver: {why}"),
    "agreements": N_("cannot change the agreement: {why}"),
}
_CANNOT_DELETE = {
    "visits": N_("cannot delete the visit: {why}"),
    "actions": N_("cannot delete the action: {why}"),
    "waivers": N_("cannot delete the waiver: {why}"),
    "agreements": N_("cannot delete the agreement: {why}"),
}


def no_such(key: str, ident: str) -> str:
    """No table of the array `key` (`visits`) has the id `ident`."""
    return _(_NO_SUCH[key]).format(id=toml_quoted(ident))


def cannot_add(key: str, why: object) -> str:
    return _(_CANNOT_ADD[key]).format(why=why)


def cannot_change(key: str, why: object) -> str:
    return _(_CANNOT_CHANGE[key]).format(why=why)


def cannot_delete(key: str, why: object) -> str:
    return _(_CANNOT_DELETE[key]).format(why=why)


def changed_on_disk(shown: str, *, gone: bool) -> str:
    """The file changed (or went) since it was loaded: what the planner can do."""
    if gone:
        return _(
            "{file} was deleted or moved since it was loaded: reload it, save under another "
            "name, or overwrite it"
        ).format(file=shown)
    return _(
        "{file} was changed on disk since it was loaded: reload it, save under another name, "
        "or overwrite it"
    ).format(file=shown)


def cannot_save(file: object, reason: str | None) -> str:
    """Writing failed for `reason` (None: out of memory); the file on disk is as it was."""
    if reason is None:
        return _(
            "cannot save {file}: out of memory while writing it; the file on disk is as it was "
            "and your edits are kept (close other programs and save again)"
        ).format(file=file)
    return _("cannot save {file}: {reason}").format(file=file, reason=reason)
