"""A table whose rows are keyed by the id of what they show (an action, a rule)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from tui.state import PartnershipView


class KeyedTable(DataTable[Text]):
    """Rows keyed by id: the id under the cursor, and moving the cursor to an id."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)

    @property
    def selected_key(self) -> str | None:
        """The id of the row under the cursor."""
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return key.value

    def select(self, key: str) -> bool:
        """Move the cursor to the row of `key`; False when there is none."""
        try:
            row = self.get_row_index(key)
        except RowDoesNotExist:
            return False
        self.move_cursor(row=row, animate=False, scroll=True)
        return True

    def needs_rows(self, old: PartnershipView | None, view: PartnershipView | None) -> bool:
        """Whether a new view can change the rows: not when it is the same file at the same
        generation, nor before the table is mounted."""
        same = (
            old is not None
            and view is not None
            and (old.path, old.generation) == (view.path, view.generation)
        )
        return self.is_mounted and not same
