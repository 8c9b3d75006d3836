"""The evidence pack: one schema for every file, the builder, writer, signing and verification.

Every artifact is derived from the hash-chained event stream by pure functions
(:mod:`~orchestrator.evidence.build`); the writer and ``pilot verify`` share them. The facade
is lazy: verifying a pack does not load the writer's dependencies, nor signing ``cryptography``
unless a key is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from orchestrator.evidence.build import BuiltPack, build_artifacts
    from orchestrator.evidence.events import AnyEvent, EventChain
    from orchestrator.evidence.records import Preflight, RunOutcome, RunPlan
    from orchestrator.evidence.schema import PackIndex, ReviewAddendum
    from orchestrator.evidence.signing import Signer, load_signer
    from orchestrator.evidence.verify import PackReport, verify_pack, verify_path
    from orchestrator.evidence.writer import check_out_dir, write_pack

__all__ = [
    "AnyEvent",
    "BuiltPack",
    "EventChain",
    "PackIndex",
    "PackReport",
    "Preflight",
    "ReviewAddendum",
    "RunOutcome",
    "RunPlan",
    "Signer",
    "build_artifacts",
    "check_out_dir",
    "load_signer",
    "verify_pack",
    "verify_path",
    "write_pack",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "orchestrator.evidence.build": ("BuiltPack", "build_artifacts"),
        "orchestrator.evidence.events": ("AnyEvent", "EventChain"),
        "orchestrator.evidence.records": ("Preflight", "RunOutcome", "RunPlan"),
        "orchestrator.evidence.schema": ("PackIndex", "ReviewAddendum"),
        "orchestrator.evidence.signing": ("Signer", "load_signer"),
        "orchestrator.evidence.verify": ("PackReport", "verify_pack", "verify_path"),
        "orchestrator.evidence.writer": ("check_out_dir", "write_pack"),
    },
)
