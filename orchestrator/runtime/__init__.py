"""The runtime: plan a run, pre-flight it, supervise the actors, bundle the evidence; the
live session live and record runs share.

The facade is lazy: importing a runtime name does not load the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from orchestrator.runtime.bundler import EvidenceBundler
    from orchestrator.runtime.live import LiveSession, open_session
    from orchestrator.runtime.run import (
        PreparedRun,
        RunOptions,
        RunResult,
        conduct,
        execute,
        plan_run,
        prepare,
    )
    from orchestrator.runtime.supervisor import Supervisor

__all__ = [
    "EvidenceBundler",
    "LiveSession",
    "PreparedRun",
    "RunOptions",
    "RunResult",
    "Supervisor",
    "conduct",
    "execute",
    "open_session",
    "plan_run",
    "prepare",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "orchestrator.runtime.bundler": ("EvidenceBundler",),
        "orchestrator.runtime.live": ("LiveSession", "open_session"),
        "orchestrator.runtime.run": (
            "PreparedRun",
            "RunOptions",
            "RunResult",
            "conduct",
            "execute",
            "plan_run",
            "prepare",
        ),
        "orchestrator.runtime.supervisor": ("Supervisor",),
    },
)
