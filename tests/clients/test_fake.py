"""The deterministic fake model: answers as a function of the snapshot, samples, drift, fingerprint."""

from __future__ import annotations

import json
from typing import Any

import pytest

from agents.parsing import parse_proposal
from clients.fake import FakeModelClient, Variant
from clients.fake_outlooks import classify
from orchestrator.core.calls import ChatRequest
from orchestrator.core.config import load_config, load_scope, scope_path
from orchestrator.core.suites import load_suite
from orchestrator.runtime.plan import critic_request, proposer_request
from policies.scope import check_proposal
from tests.helpers import PROJECT

CONFIG = PROJECT / "config"
SUITE = load_suite(CONFIG, "l2-drift-baseline")
MODELS = load_config(CONFIG).registry


def request_for(entry_id: str) -> ChatRequest:
    request, _ = proposer_request(SUITE.entry(entry_id).scenario, MODELS.model("gpt-5.2-pro"))
    return request


def outputs(entry_id: str, client: FakeModelClient | None = None) -> dict[str, Any]:
    """The proposal's outputs by type."""
    answer = (client or FakeModelClient()).answer(request_for(entry_id), role="proposer")
    return {item["type"]: item for item in json.loads(answer.content)["outputs"]}


def structure(by_type: dict[str, Any]) -> tuple[Any, ...]:
    return (
        by_type["RegimeClassification"]["regime"],
        by_type["RegimeClassification"]["confidence"],
        [(t["id"], t["condition"]) for t in by_type["NoTradeTriggers"]["triggers"]],
        [(s["id"], s["probability"]) for s in by_type["ScenarioReport"]["scenarios"]],
        [(r["id"], r["severity"]) for r in by_type["RiskContext"]["risks"]],
        by_type["UncertaintyAssessment"]["level"],
    )


def test_each_situation_gets_its_own_outlook() -> None:
    """The five suite snapshots give five regimes, trigger sets and probability vectors."""
    readings = [structure(outputs(entry.id)) for entry in SUITE.entries]
    assert len({r[0] for r in readings}) == 5
    assert len({json.dumps(r[2]) for r in readings}) == 5
    assert len({json.dumps(r[3]) for r in readings}) == 5


def test_prose_quotes_the_snapshot() -> None:
    """Numbers from the snapshot appear in the answer, and the entry's horizon is used."""
    calm = outputs("calm")
    assert "VIX at 12.8" in calm["RegimeClassification"]["rationale"]
    assert outputs("event-week")["ScenarioReport"]["horizon"] == "2 weeks"


@pytest.mark.parametrize(
    ("snapshot", "situation"),
    [
        ({"vix": "30", "sofr_ois_spread_bps": "40"}, "risk-off-shock"),
        ({"vix": "29.9", "sofr_ois_spread_bps": "25"}, "liquidity-squeeze"),
        ({"sofr_ois_spread_bps": "24", "cpi_surprise_pp": "0.3"}, "inflation-surprise"),
        ({"scheduled_events": "a; b; c"}, "event-week"),
        ({"scheduled_events": "a; b", "vix": "n/a"}, "calm"),
        ({}, "calm"),
    ],
)
def test_situation_rules_most_severe_first(snapshot: dict[str, str], situation: str) -> None:
    """The documented thresholds, checked in order; unreadable numbers read as calm."""
    assert classify(snapshot) == situation


def test_samples_reword_prose_but_keep_structure() -> None:
    """Samples 0-3 differ pairwise in wording and agree on every structural field."""
    answers = [outputs("inflation-surprise", FakeModelClient(sample=n)) for n in range(4)]
    assert all(structure(a) == structure(answers[0]) for a in answers)
    prose = [a["MacroOutlook"]["summary"] for a in answers]
    assert len(set(prose)) == 4


def test_drifted_model_changes_regime_trigger_and_probabilities() -> None:
    """The drifted variant reads the same snapshot differently: regime, first trigger, top two."""
    normal = structure(outputs("calm"))
    drifted = structure(outputs("calm", FakeModelClient("drifted")))
    assert drifted[0] != normal[0]
    assert drifted[2][0] != normal[2][0]
    assert drifted[2][1:] == normal[2][1:]
    assert [p for _, p in drifted[3]] == [normal[3][1][1], normal[3][0][1], normal[3][2][1]]


def test_fingerprint_is_what_the_fake_is_told() -> None:
    """The fake reports the system_fingerprint it was given, and its content does not change."""
    request = request_for("calm")
    usual = FakeModelClient().answer(request, role="proposer")
    other = FakeModelClient(system_fingerprint="fake-fp-2").answer(request, role="proposer")
    assert (usual.meta.system_fingerprint, other.meta.system_fingerprint) == (
        "fake-fp-1",
        "fake-fp-2",
    )
    assert usual.content == other.content


def test_negative_sample_is_refused() -> None:
    """Samples count from 0."""
    with pytest.raises(ValueError, match="sample must be 0 or more"):
        FakeModelClient(sample=-1)


def test_critique_cites_ids_of_the_proposal_it_reviews() -> None:
    """The critic's evidence ids are the proposal's first scenario and trigger, never invented."""
    scenario = SUITE.entry("liquidity-squeeze").scenario
    proposal = FakeModelClient().answer(request_for("liquidity-squeeze"), role="proposer")
    review, _ = critic_request(
        scenario,
        MODELS.model("deepseek-r1"),
        proposal_text=proposal.content,
        output_hash="sha256:" + "0" * 64,
        proposer_call_id=proposal.meta.call_id,
    )
    critique = json.loads(FakeModelClient().answer(review, role="critic").content)
    assert critique["evidence_ids"] == ["scn-backstop", "ntt-funding", proposal.meta.call_id]


@pytest.mark.parametrize("variant", ["normal", "drifted"])
@pytest.mark.parametrize("sample", [0, 3])
def test_every_fake_outlook_passes_the_capability_scope(variant: Variant, sample: int) -> None:
    """No situation, wording or drift trips the scope policy or its content scan."""
    scope = load_scope(scope_path(CONFIG, "L2"))
    for entry in SUITE.entries:
        answer = FakeModelClient(variant, sample=sample).answer(
            request_for(entry.id), role="proposer"
        )
        report = check_proposal(parse_proposal(answer.content), scope)
        assert (entry.id, report.result, report.violations) == (entry.id, "PASS", ())
