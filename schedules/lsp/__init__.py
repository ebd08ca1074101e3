"""`visits lsp`: a Language Server Protocol server for editors, on standard input and output.

pygls is an optional extra (`visits[lsp]`): this module imports it only when the server starts,
and says how to install it when it is missing.
"""

from __future__ import annotations

import sys

from schedules.diagnostics import ExitCode
from schedules.i18n import N_

INSTALL_HINT = N_(
    "visits lsp: the language server needs pygls, which is not installed.\n"
    "Install it with the `lsp` extra:  pip install 'visits[lsp]'\n"
    "(in a clone of the repository:  pip install -e '.[lsp]')\n"
)


def run_lsp() -> int:
    """Serve on stdin/stdout until the editor shuts the server down."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        from schedules.i18n import _

        sys.stderr.write(_(INSTALL_HINT))
        return ExitCode.INPUT_ERROR
    from schedules.lsp.server import serve

    return serve()
