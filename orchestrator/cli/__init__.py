"""The ``pilot`` command line (cyclopts): one small module per command, registered lazily.

``entry`` is the console script; ``main`` runs the app in-process and returns the exit code
(SPEC §10), mapped from the error tree in one place (:mod:`orchestrator.cli.app`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from orchestrator.cli.app import app, main
    from orchestrator.cli.script import entry

__all__ = ["app", "entry", "main"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {"orchestrator.cli.app": ("app", "main"), "orchestrator.cli.script": ("entry",)},
)
