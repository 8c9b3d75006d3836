"""The policy chain: every policy in order, any reject rejects, reasons gathered, none lost."""

from __future__ import annotations

from orchestrator.core.messages import Message
from policies.chain import PolicyChain, RunFacts
from policies.findings import PolicyOutcome, RuleCheck, ScopeReport, Violation
from policies.routing import RoutingPolicy
from policies.sod import SoDPolicy
from tests.policies.builders import facts, model, proposal, request


class Recorder:
    """A policy that records what it saw and answers as scripted."""

    def __init__(self, name: str, outcome: PolicyOutcome | None, seen: list[str]) -> None:
        self.name = name
        self.outcome = outcome
        self.seen = seen

    def evaluate(self, message: Message, run: RunFacts) -> PolicyOutcome | None:
        self.seen.append(self.name)
        return self.outcome


def fail(policy: str, rule: str, reason: str) -> PolicyOutcome:
    check = RuleCheck(rule=rule, result="FAIL", reason=reason)
    return PolicyOutcome(policy=policy, allowed=False, checks=(check,))


def test_every_policy_runs_in_order_even_after_a_reject() -> None:
    """A reject does not stop the chain: every policy's outcome is recorded, in order."""
    seen: list[str] = []
    chain = PolicyChain(
        [
            Recorder("first", fail("first", "first.rule", "no"), seen),
            Recorder("silent", None, seen),
            Recorder("last", PolicyOutcome(policy="last", allowed=True), seen),
        ]
    )
    verdict = chain.evaluate(request(), facts())
    assert seen == ["first", "silent", "last"]
    assert [o.policy for o in verdict.outcomes] == ["first", "last"]
    assert (verdict.allowed, verdict.reasons) == (False, ("first.rule: no",))
    assert verdict.message_kind == "proposal_request"


def test_scope_violations_become_reasons_with_their_location() -> None:
    """A scope report's violations are listed as 'rule at location: detail'."""
    report = ScopeReport(
        result="FAIL",
        subject="proposal",
        format="typed",
        scope_id="L2",
        scope_version="1",
        checked_outputs=(),
        violations=(
            Violation(rule="scope.invalid_output", location="outputs[0].type", detail="dup"),
        ),
        notes=(),
        scenario_count=None,
    )
    outcome = PolicyOutcome(policy="scope", allowed=False, scope=report)
    verdict = PolicyChain([Recorder("scope", outcome, [])]).evaluate(proposal(), facts())
    assert verdict.reasons == ("scope.invalid_output at outputs[0].type: dup",)


def test_a_reject_without_details_still_says_who_rejected() -> None:
    """No reject is silent: a bare reject is reported as '<policy>: rejected'."""
    outcome = PolicyOutcome(policy="odd", allowed=False)
    verdict = PolicyChain([Recorder("odd", outcome, [])]).evaluate(request(), facts())
    assert verdict.reasons == ("odd: rejected",)


def test_the_real_chain_allows_a_clean_request() -> None:
    """Routing and SoD on a well-formed request: allowed, both outcomes recorded."""
    verdict = PolicyChain([RoutingPolicy(), SoDPolicy()]).evaluate(request(), facts())
    assert verdict.allowed
    assert [o.policy for o in verdict.outcomes] == ["routing", "sod"]


def test_the_real_chain_rejects_a_disguised_self_review() -> None:
    """A critic that is the proposer in another spelling is rejected with the SoD reason."""
    run = facts(critic=model("GPT-5.2-Pro", provider="deepseek"))
    verdict = PolicyChain([RoutingPolicy(), SoDPolicy()]).evaluate(request(), run)
    assert not verdict.allowed
    assert verdict.reasons[0].startswith(
        "sod.distinct_models: Proposer (gpt-5.2-pro) == Critic (GPT-5.2-Pro)"
    )
