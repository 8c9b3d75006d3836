"""Observations for drift tests: synthetic ones, and ones read from the CI replay fixtures."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec

from agents.parsing import parse_proposal
from clients.transcripts import ChatCompletion, load_transcript
from orchestrator.core.canonical import encode_compact, sha256_prefixed
from orchestrator.core.contract import OutputItem
from orchestrator.core.suites import replay_fixture_name
from orchestrator.drift import Observation
from tests.helpers import FIXTURES

DRIFT_FIXTURES = FIXTURES / "drift" / "l2-drift-baseline"
ENTRIES = ("calm", "risk-off-shock", "inflation-surprise", "liquidity-squeeze", "event-week")
PROMPT = "sha256:" + "a" * 64


def free_text(text: str, **identity: Any) -> Observation:
    """A free-text answer: its text is compared as is, its structure is the scenario count."""
    return _observation(text, **identity)


def _observation(
    content: str,
    *,
    outputs: tuple[OutputItem, ...] | None = None,
    entry_id: str = "e",
    prompt_hash: str = PROMPT,
    returned_model: str = "model-a",
    fingerprint: str | None = "fp-1",
    pack: str = "pack",
) -> Observation:
    """An observation of ``content``: typed when ``outputs`` are given."""
    return Observation(
        entry_id=entry_id,
        pack_id=pack,
        pack_sha256=sha256_prefixed(pack.encode()),
        prompt_hash=prompt_hash,
        output_hash=sha256_prefixed(content.encode()),
        model_id="model-a",
        returned_model=returned_model,
        system_fingerprint=fingerprint,
        format="free_text" if outputs is None else "typed",
        raw_content=content,
        outputs=outputs or (),
    )


def outlook_items(
    *,
    regime: str = "calm, low volatility",
    triggers: Sequence[tuple[str, str]] = (("ntt-vix", "VIX above 20"),),
    scenarios: Sequence[tuple[str, float | None]] = (("scn-a", 0.6), ("scn-b", 0.4)),
    level: str = "LOW",
    prose: str = "Growth is near trend and inflation is close to target.",
) -> list[dict[str, Any]]:
    """The six typed outputs, with the structural fields as given.

    The macro drivers are 300 fixed words, so that a small structural edit moves the token
    distance by little and tests can tell structure from text.
    """
    return [
        {
            "type": "ScenarioReport",
            "horizon": "4 weeks",
            "scenarios": [
                {"id": i, "name": i, "description": prose, "probability": p, "rationale": prose}
                for i, p in scenarios
            ],
        },
        {"type": "RegimeClassification", "regime": regime, "confidence": 0.6, "rationale": prose},
        {
            "type": "NoTradeTriggers",
            "triggers": [{"id": i, "condition": c, "rationale": prose} for i, c in triggers],
        },
        {"type": "RiskContext", "summary": prose, "risks": []},
        {"type": "MacroOutlook", "summary": prose, "drivers": [f"w{i}" for i in range(300)]},
        {"type": "UncertaintyAssessment", "level": level, "drivers": [], "rationale": prose},
    ]


def typed(items: list[dict[str, Any]], **identity: Any) -> Observation:
    """A typed answer holding ``items``."""
    content = encode_compact({"outputs": items}).decode()
    return _observation(content, outputs=msgspec.convert(items, tuple[OutputItem, ...]), **identity)


def from_fixture(path: Path, entry_id: str) -> Observation:
    """The proposer answer recorded in a replay fixture, as a pack of it would give it.

    The pack id and hash stand in for the pack's: the transcript id and the fixture's hash.
    """
    transcript = load_transcript(path)
    run = next(r for r in transcript.runs if r.role == "proposer")
    completion = msgspec.convert(run.response, ChatCompletion)
    content = completion.choices[0].message.content or ""
    proposal = parse_proposal(content)
    return Observation(
        entry_id=entry_id,
        pack_id=transcript.transcript_id,
        pack_sha256=sha256_prefixed(path.read_bytes()),
        prompt_hash=run.prompt_hash,
        output_hash=sha256_prefixed(content.encode()),
        model_id=run.model_id,
        returned_model=completion.model or run.model_id,
        system_fingerprint=completion.system_fingerprint,
        format=proposal.format,
        raw_content=content,
        outputs=msgspec.convert(proposal.items, tuple[OutputItem, ...]),
    )


def fixture_set(folder: str, sample: int = 0) -> dict[str, Observation]:
    """One observation per suite entry from a CI fixture set."""
    return {
        e: from_fixture(DRIFT_FIXTURES / folder / replay_fixture_name(e, sample), e)
        for e in ENTRIES
    }


def baseline_samples(k: int = 3) -> dict[str, list[Observation]]:
    """The k baseline samples per suite entry from the CI fixtures."""
    sets = [fixture_set("baseline", n) for n in range(k)]
    return {e: [s[e] for s in sets] for e in ENTRIES}
