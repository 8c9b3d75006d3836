"""Each package's public names: pinned, and each one resolves through its lazy facade."""

from __future__ import annotations

import importlib

import pytest

PUBLIC = {
    "orchestrator": [],
    "orchestrator.core": [
        "calls",
        "canonical",
        "clock",
        "config",
        "contract",
        "decoding",
        "errors",
        "exports",
        "fileio",
        "interrupts",
        "mailbox",
        "messages",
        "redaction",
        "resources",
        "strict_json",
        "suites",
        "version",
    ],
    "orchestrator.evidence": [
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
    ],
    "orchestrator.runtime": [
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
    ],
    "orchestrator.batch": [
        "BatchItem",
        "BatchOptions",
        "BatchResult",
        "BatchRun",
        "BatchSummary",
        "ClientFactory",
        "LogProgress",
        "Observed",
        "PreparedBatch",
        "Progress",
        "Shard",
        "Stop",
        "batch_instant",
        "batch_items",
        "compare_with_baseline",
        "observe",
        "pack_name",
        "prepare_batch",
        "report_files",
        "run_batch",
        "run_live_batch",
        "take_baseline",
    ],
    "orchestrator.review": [
        "Console",
        "PackView",
        "ReviewOptions",
        "ReviewResult",
        "TerminalConsole",
        "load_pack",
        "render_report",
        "review_pack",
    ],
    "orchestrator.drift": [
        "Baseline",
        "BaselineEntry",
        "BaselineSample",
        "DriftReport",
        "DriftSettings",
        "Observation",
        "ScenarioDrift",
        "build_baseline",
        "check_drift",
        "load_baseline",
        "observation_from_pack",
        "read_observation",
        "report_html",
        "report_json",
        "report_markdown",
        "write_baseline",
    ],
    "orchestrator.cli": ["app", "entry", "main"],
    "agents": ["Agent", "CriticAgent", "ParsedCritique", "ProposerAgent", "parse_critique"],
    "clients": [
        "CallMeta",
        "ChatMessage",
        "ChatRequest",
        "ChatResponse",
        "FakeModelClient",
        "FakeProvider",
        "LiveClient",
        "ModelClient",
        "RecordingClient",
        "ReplayClient",
        "Role",
        "Transcript",
        "Usage",
        "canonical_request",
        "load_transcript",
        "prompt_hash",
        "write_transcript",
    ],
    "policies": [
        "CheckResult",
        "Policy",
        "PolicyChain",
        "PolicyOutcome",
        "RoutingPolicy",
        "RuleCheck",
        "RunFacts",
        "ScopePolicy",
        "ScopeReport",
        "SoDPolicy",
        "Verdict",
        "Violation",
        "check_critique",
        "check_proposal",
        "typed_outputs",
    ],
}


@pytest.mark.parametrize("package", sorted(PUBLIC))
def test_public_names_are_pinned_and_resolve(package: str) -> None:
    """``__all__`` is exactly the pinned list, and every name in it can be fetched."""
    module = importlib.import_module(package)
    assert module.__all__ == PUBLIC[package]
    for name in module.__all__:
        assert getattr(module, name) is not None, name


def test_a_misspelt_name_is_an_attribute_error() -> None:
    """The lazy facades do not invent names."""
    module = importlib.import_module("policies")
    with pytest.raises(AttributeError, match="ScopPolicy"):
        _ = module.ScopPolicy
