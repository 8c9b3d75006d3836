"""The runtime: plan a run, pre-flight it, supervise the actors, bundle the evidence.

The facade is lazy: importing a runtime name does not load the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from orchestrator.runtime.bundler import EvidenceBundler
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
    "PreparedRun",
    "RunOptions",
    "RunResult",
    "Supervisor",
    "conduct",
    "execute",
    "plan_run",
    "prepare",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "orchestrator.runtime.bundler": ("EvidenceBundler",),
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
