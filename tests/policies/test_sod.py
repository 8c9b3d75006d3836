"""Separation of duties on identities: models, providers, answering models, references."""

from __future__ import annotations

from typing import Literal

import pytest

from orchestrator.core.messages import CritiqueRequest
from policies.chain import RunFacts
from policies.identity import Endpoint
from policies.sod import SoDPolicy
from tests.policies.builders import (
    OPENAI,
    OUTPUT_HASH,
    PROPOSER_CALL,
    RUN,
    critique,
    facts,
    model,
    proposal,
    request,
)


def check(message: object, run: RunFacts, rule: str) -> tuple[str, str]:
    outcome = SoDPolicy().evaluate(message, run)  # type: ignore[arg-type]
    assert outcome is not None
    found = next(c for c in outcome.checks if c.rule == rule)
    assert outcome.allowed == all(c.result != "FAIL" for c in outcome.checks)
    return found.result, found.reason


# --- configured identities: sod.distinct_models before any call ----------------------------

DISTINCT = [
    ("case", {"critic": model("GPT-5.2-PRO", "deepseek")}, "Proposer (gpt-5.2-pro) =="),
    ("trailing-space", {"critic": model("gpt-5.2-pro ", "deepseek")}, "Proposer (gpt-5.2-pro) =="),
    ("cyrillic", {"critic": model("g\u0440t-5.2-pro", "deepseek")}, "Proposer (gpt-5.2-pro) =="),
    ("greek", {"critic": model("gpt-5.2-pr\u03bf", "deepseek")}, "Proposer (gpt-5.2-pro) =="),
    (
        "zero-width",
        {"critic": model("gpt-5.2\u200b-pro", "deepseek")},
        "Proposer (gpt-5.2-pro) ==",
    ),
    (
        "alias-by-api-model",
        {"critic": model("independent-reviewer", "deepseek", api_model="gpt-5.2-pro")},
        "both 'gpt-5.2-pro'",
    ),
    (
        "proposer-alias-of-critic",
        {"proposer": model("house-analyst", api_model="deepseek-reasoner")},
        "Proposer (house-analyst) == Critic (deepseek-r1) by wire model 'deepseek-reasoner'",
    ),
    (
        "router-namespace",
        {"critic": model("openai/gpt-5.2-pro", "openrouter")},
        "registry id 'gpt-5.2-pro' and registry id 'openai/gpt-5.2-pro' name one model",
    ),
    (
        "router-namespace-wire-model",
        {"critic": model("reviewer", "openrouter", api_model="OpenAI/GPT-5.2-Pro")},
        "registry id 'gpt-5.2-pro' and wire model 'OpenAI/GPT-5.2-Pro' name one model",
    ),
    (
        "snapshot-of-proposer",
        {"critic": model("gpt-5.2-pro-2025-12-11", "deepseek")},
        "registry id 'gpt-5.2-pro' and registry id 'gpt-5.2-pro-2025-12-11' name one model",
    ),
    (
        "fallback-clash",
        {"fallbacks": (model("Deepseek-R1 "),)},
        "Fallback proposer (Deepseek-R1 ) == Critic (deepseek-r1)",
    ),
    (
        "fallback-alias",
        {"fallbacks": (model("cheap-fallback", api_model="deepseek-reasoner"),)},
        "Fallback proposer (cheap-fallback) == Critic (deepseek-r1)",
    ),
]


@pytest.mark.parametrize(
    ("changes", "needle"),
    [pytest.param(changes, needle, id=name) for name, changes, needle in DISTINCT],
)
def test_same_model_under_another_spelling_blocks(changes: dict[str, object], needle: str) -> None:
    """Case, spaces, look-alikes, aliases, snapshots and fallbacks: one model cannot review itself."""
    result, reason = check(request(), facts(**changes), "sod.distinct_models")  # type: ignore[arg-type]
    assert result == "FAIL"
    assert needle in reason
    assert reason.endswith("a model may not review itself")


def test_distinct_models_pass_with_the_reason_the_golden_pack_holds() -> None:
    """Different models pass, worded as before (the golden pack is unchanged)."""
    assert check(request(), facts(), "sod.distinct_models") == (
        "PASS",
        "Proposer (gpt-5.2-pro) != Critic (deepseek-r1); fallback(s) gpt-5.2 != Critic",
    )


def test_a_variant_is_another_model() -> None:
    """gpt-5.2-pro and gpt-5.2 are different models (the provider rule is separate)."""
    result, _ = check(
        request(), facts(critic=model("gpt-5.2", "x"), fallbacks=()), "sod.distinct_models"
    )
    assert result == "PASS"


# --- providers: sod.provider_diversity ------------------------------------------------------

DIVERSITY = [
    (
        "same-name-case",
        {"critic": model("deepseek-r1", "OpenAI")},
        "provider 'openai' (spelt 'OpenAI')",
    ),
    ("same-name-spaces", {"critic": model("deepseek-r1", " open ai ")}, "spelt ' open ai '"),
    ("same-name-cyrillic", {"critic": model("deepseek-r1", "\u043epenai")}, "provider 'openai'"),
    (
        "same-endpoint-other-name",
        {
            "critic": model("deepseek-r1", "independent-labs"),
            "endpoints": {"gpt-5.2-pro": OPENAI, "gpt-5.2": OPENAI, "deepseek-r1": OPENAI},
        },
        "the endpoint host api.openai.com and key OPENAI_API_KEY",
    ),
    (
        "same-host-other-key",
        {
            "critic": model("deepseek-r1", "independent-labs"),
            "endpoints": {
                "gpt-5.2-pro": OPENAI,
                "gpt-5.2": OPENAI,
                "deepseek-r1": Endpoint(host="api.openai.com", key_env="SECOND_ACCOUNT_KEY"),
            },
        },
        "the endpoint host api.openai.com (providers",
    ),
    (
        "fallback-shares-critic-provider",
        {"fallbacks": (model("deepseek-chat", "deepseek"),)},
        "deepseek-chat and critic deepseek-r1 share provider 'deepseek'",
    ),
]


@pytest.mark.parametrize(
    ("changes", "needle"),
    [pytest.param(changes, needle, id=name) for name, changes, needle in DIVERSITY],
)
def test_provider_diversity_fails_on_names_and_endpoints(
    changes: dict[str, object], needle: str
) -> None:
    """One provider by name (any spelling) or by endpoint host fails diversity."""
    result, reason = check(request(), facts(**changes), "sod.provider_diversity")  # type: ignore[arg-type]
    assert result == "FAIL"
    assert needle in reason
    assert reason.endswith("layer L2 requires different providers")


def test_provider_diversity_passes_and_can_be_off() -> None:
    """Different providers on different hosts pass; a layer may not ask for diversity."""
    assert check(request(), facts(), "sod.provider_diversity") == (
        "PASS",
        "proposer provider 'openai' != critic provider 'deepseek'",
    )
    off = facts(critic=model("deepseek-r1", "openai"), diversity=False)
    assert check(request(), off, "sod.provider_diversity")[0] == "NOT_EVALUATED"


# --- the model that answered: sod.distinct_models on Proposal and Critique -------------------

ANSWERED_PROPOSAL = [
    (
        "exact",
        "gpt-5.2-pro",
        "gpt-5.2-pro",
        "PASS",
        "proposal by gpt-5.2-pro, critic is deepseek-r1",
    ),
    ("case-and-space", "gpt-5.2-pro", "GPT-5.2-Pro ", "PASS", "(answered as 'GPT-5.2-Pro ')"),
    ("dated-snapshot", "gpt-5.2-pro", "gpt-5.2-pro-2025-12-11", "PASS", "answered as"),
    ("compact-snapshot", "gpt-5.2", "gpt-5.2-20251211", "PASS", "proposal by gpt-5.2 ("),
    (
        "base-for-variant",
        "gpt-5.2-pro",
        "gpt-5.2",
        "FAIL",
        "not the configured proposer 'gpt-5.2-pro'",
    ),
    ("variant-for-base", "gpt-5.2", "gpt-5.2-pro", "FAIL", "not the configured proposer 'gpt-5.2'"),
    (
        "variant-snapshot",
        "gpt-5.2",
        "gpt-5.2-pro-2025-12-11",
        "FAIL",
        "not the configured proposer",
    ),
    ("critic-answered", "gpt-5.2-pro", "deepseek-reasoner", "FAIL", "not the configured proposer"),
    ("lookalike", "gpt-5.2-pro", "g\u0440t-5.2-pro", "FAIL", "not the configured proposer"),
    (
        "unconfigured-model",
        "o3",
        "o3",
        "FAIL",
        "the proposal came from o3, not from the configured",
    ),
]


@pytest.mark.parametrize(
    ("model_id", "answered", "result", "needle"),
    [pytest.param(m, a, r, n, id=name) for name, m, a, r, n in ANSWERED_PROPOSAL],
)
def test_the_proposal_must_be_answered_by_its_configured_model(
    model_id: str, answered: str, result: str, needle: str
) -> None:
    """The response's model is the configured proposer (or fallback), snapshots allowed."""
    got, reason = check(proposal(model_id, answered), facts(), "sod.distinct_models")
    assert got == result
    assert needle in reason


ANSWERED_CRITIQUE = [
    ("registry-id", "deepseek-r1", "PASS", "Proposer (gpt-5.2-pro) != Critic (deepseek-r1)"),
    ("wire-model", "deepseek-reasoner", "PASS", "(answered as 'deepseek-reasoner')"),
    ("wire-snapshot", "deepseek-reasoner-2025-01-20", "PASS", "answered as"),
    ("proposer-answered", "gpt-5.2-pro", "FAIL", "not the configured critic 'deepseek-r1'"),
    ("fallback-answered", "gpt-5.2", "FAIL", "not the configured critic"),
    ("other-model", "deepseek-chat", "FAIL", "which is not the configured critic"),
]


@pytest.mark.parametrize(
    ("answered", "result", "needle"),
    [pytest.param(a, r, n, id=name) for name, a, r, n in ANSWERED_CRITIQUE],
)
def test_the_critique_must_be_answered_by_the_configured_critic(
    answered: str, result: str, needle: str
) -> None:
    """The critique's responding model is the critic, by registry id or wire model."""
    run = facts(proposal=proposal())
    got, reason = check(critique(answered=answered), run, "sod.distinct_models")
    assert got == result
    assert needle in reason


def test_critic_answering_as_the_proposals_model_blocks() -> None:
    """Defence in depth: the critique may not come from the name the proposal came from."""
    critic = model("deepseek-r1", "deepseek")
    run = facts(critic=critic, proposal=proposal(answered="deepseek-r1"))
    result, reason = check(critique(answered="deepseek-r1"), run, "sod.distinct_models")
    assert result == "FAIL"
    assert reason == "the critique was answered by model 'deepseek-r1', as the proposal was"


def test_critique_from_another_configured_model_blocks() -> None:
    """A critique whose model id is not the configured critic fails before its answer is read."""
    run = facts(proposal=proposal())
    result, reason = check(critique(model_id="gpt-5.2"), run, "sod.distinct_models")
    assert result == "FAIL"
    assert reason.startswith("the critique must come from deepseek-r1 (not gpt-5.2)")


# --- the critique's format and reference: sod.critic_references_proposal -------------------

FREE_TEXT = "**Decision:** APPROVE\n\n**Evidence IDs:** [proposer-519f21bb0faf]"

REFERENCES = [
    ("typed-right-ref", "typed", {}, "PASS", f"proposal_ref is {OUTPUT_HASH}"),
    (
        "typed-wrong-ref",
        "typed",
        {"ref": "sha256:" + "e" * 64},
        "FAIL",
        "is not the proposal's output hash",
    ),
    (
        "typed-run-id-as-ref",
        "typed",
        {"ref": PROPOSER_CALL, "evidence": (PROPOSER_CALL,)},
        "FAIL",
        "is not the proposal's output hash",
    ),
    (
        "free-text-in-typed-scenario",
        "typed",
        {"fmt": "free_text", "ref": "", "evidence": (PROPOSER_CALL,), "content": FREE_TEXT},
        "FAIL",
        (
            "the scenario requires a typed critique whose proposal_ref is the output hash; "
            "the critic answered in free-text form"
        ),
    ),
    (
        "free-text-run-id",
        "free_text",
        {"fmt": "free_text", "ref": "", "evidence": (PROPOSER_CALL,), "content": FREE_TEXT},
        "PASS",
        f"the critique cites proposer run {PROPOSER_CALL}",
    ),
    (
        "free-text-output-hash",
        "free_text",
        {
            "fmt": "free_text",
            "ref": OUTPUT_HASH,
            "evidence": (),
            "content": f"Proposal ref: {OUTPUT_HASH}",
        },
        "PASS",
        "the critique cites proposer run",
    ),
    (
        "free-text-wrong-ref-outweighs-run-id",
        "free_text",
        {
            "fmt": "free_text",
            "ref": "sha256:" + "e" * 64,
            "evidence": (PROPOSER_CALL,),
            "content": FREE_TEXT,
        },
        "FAIL",
        "refers to the proposal as 'sha256:eeee",
    ),
    (
        "free-text-wrong-hash-in-text",
        "free_text",
        {
            "fmt": "free_text",
            "ref": "",
            "evidence": (PROPOSER_CALL,),
            "content": FREE_TEXT + "\nReviewed output sha256:abcdef0123",
        },
        "FAIL",
        "refers to the proposal as 'sha256:abcdef0123'",
    ),
    (
        "free-text-wrong-run-ref",
        "free_text",
        {"fmt": "free_text", "ref": "proposer-000000000000", "evidence": (PROPOSER_CALL,)},
        "FAIL",
        "refers to the proposal as 'proposer-000000000000'",
    ),
    (
        "free-text-cites-nothing",
        "free_text",
        {"fmt": "free_text", "ref": "", "evidence": ("scn-base",)},
        "FAIL",
        "cites neither proposer run",
    ),
    (
        "typed-in-free-text-scenario",
        "free_text",
        {},
        "FAIL",
        "the scenario requires a free-text critique; the critic answered in typed form",
    ),
    ("unparseable", "typed", {"body": False}, "FAIL", "no parseable critique to check"),
]


@pytest.mark.parametrize(
    ("scenario_format", "changes", "result", "needle"),
    [pytest.param(f, c, r, n, id=name) for name, f, c, r, n in REFERENCES],
)
def test_the_scenario_fixes_the_critique_format_and_a_wrong_ref_fails(
    scenario_format: Literal["typed", "free_text"],
    changes: dict[str, object],
    result: str,
    needle: str,
) -> None:
    """Typed scenarios need the output hash; free text may cite the run, never a wrong ref."""
    run = facts(proposal=proposal(), critique_format=scenario_format)
    got, reason = check(critique(**changes), run, "sod.critic_references_proposal")  # type: ignore[arg-type]
    assert got == result
    assert needle in reason


# --- the policy on each message -------------------------------------------------------------


def test_unparseable_decision_fails_and_is_never_an_approval() -> None:
    """A critique without a body fails sod.critic_decision with the parser's reason."""
    run = facts(proposal=proposal())
    result, reason = check(critique(body=False), run, "sod.critic_decision")
    assert result == "FAIL"
    assert reason == (
        "the critic's decision could not be parsed (no decision line); "
        "it is not read as an approval"
    )


def test_critic_engaged_before_any_proposal_fails() -> None:
    """A critique request with no proposal on record breaks rule 3."""
    review = CritiqueRequest(
        run_id=RUN,
        sender="supervisor",
        recipient="critic",
        model_id="deepseek-r1",
        prompt_hash="sha256:" + "4" * 64,
        proposal_ref=OUTPUT_HASH,
        proposer_call_id=PROPOSER_CALL,
        request=request().request,
    )
    result, reason = check(review, facts(), "sod.critic_references_proposal")
    assert (result, reason) == ("FAIL", "critic model deepseek-r1 was engaged before any proposal")


def test_each_message_gets_its_rules() -> None:
    """Request: models and providers; proposal: answering model; critique: all four plus decision."""
    policy = SoDPolicy()
    rules = {
        "request": policy.evaluate(request(), facts()),
        "proposal": policy.evaluate(proposal(), facts()),
        "critique": policy.evaluate(critique(), facts(proposal=proposal())),
    }
    assert {k: [c.rule for c in v.checks] for k, v in rules.items() if v} == {
        "request": ["sod.distinct_models", "sod.provider_diversity"],
        "proposal": ["sod.distinct_models"],
        "critique": [
            "sod.distinct_models",
            "sod.critic_decision",
            "sod.critic_references_proposal",
            "sod.evidence_ids",
        ],
    }
    assert all(v is not None and v.allowed for v in rules.values())
