"""Routing: every message goes through the supervisor, on its own run, by its fixed route."""

from __future__ import annotations

import msgspec
import pytest

from orchestrator.core.messages import Message, RunFailed
from policies.routing import RoutingPolicy
from tests.policies.builders import RUN, critique, facts, proposal, request


def verdict(message: Message) -> tuple[bool, str, str, str]:
    outcome = RoutingPolicy().evaluate(message, facts())
    (check,) = outcome.checks
    return outcome.allowed, check.rule, check.result, check.reason


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        (request(), "supervisor → proposer"),
        (proposal(), "proposer → supervisor"),
        (critique(), "critic → supervisor"),
        (
            RunFailed(
                run_id=RUN,
                sender="critic",
                recipient="supervisor",
                error="ProviderError",
                detail="x",
                exit_code=3,
            ),
            "critic → supervisor",
        ),
    ],
    ids=["request", "proposal", "critique", "run-failed"],
)
def test_fixed_routes_pass(message: Message, reason: str) -> None:
    """Each kind on its route passes and says which route it took."""
    assert verdict(message) == (True, "routing.route", "PASS", reason)


def test_a_proposal_sent_straight_to_the_critic_fails() -> None:
    """Agents never talk to each other: proposer → critic is refused."""
    message = msgspec.structs.replace(proposal(), recipient="critic")
    assert verdict(message) == (
        False,
        "routing.route",
        "FAIL",
        "proposal may only go proposer → supervisor, not proposer → critic",
    )


def test_a_critique_claiming_to_be_from_the_proposer_fails() -> None:
    """The sender is part of the route: a proposer cannot speak as the critic."""
    message = msgspec.structs.replace(critique(), sender="proposer")
    assert verdict(message)[:3] == (False, "routing.route", "FAIL")


def test_an_unrouted_kind_may_only_go_to_the_supervisor() -> None:
    """A failure report addressed to an agent is refused."""
    message = RunFailed(
        run_id=RUN, sender="critic", recipient="proposer", error="E", detail="x", exit_code=3
    )
    assert verdict(message) == (
        False,
        "routing.route",
        "FAIL",
        "run_failed may only be sent to the supervisor",
    )


def test_a_message_of_another_run_fails() -> None:
    """A message carrying another run id is refused before its route is looked at."""
    message = msgspec.structs.replace(proposal(), run_id="L2-ffffffffffffffff", recipient="critic")
    allowed, rule, result, reason = verdict(message)
    assert (allowed, rule, result) == (False, "routing.run_id", "FAIL")
    assert reason == f"proposal belongs to run 'L2-ffffffffffffffff', not {RUN!r}"
