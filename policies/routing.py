"""Routing: who may send which message to whom. Agents only ever talk to the supervisor."""

from __future__ import annotations

from typing import Final

from orchestrator.core.messages import Message
from policies.chain import RunFacts
from policies.findings import PolicyOutcome, RuleCheck

__all__ = ["RoutingPolicy"]

_ROUTES: Final[dict[str, tuple[str, str]]] = {
    "proposal_request": ("supervisor", "proposer"),
    "proposal": ("proposer", "supervisor"),
    "critique_request": ("supervisor", "critic"),
    "critique": ("critic", "supervisor"),
}


class RoutingPolicy:
    name = "routing"

    def evaluate(self, message: Message, facts: RunFacts) -> PolicyOutcome:
        kind = str(type(message).__struct_config__.tag)
        route = (message.sender, message.recipient)
        expected = _ROUTES.get(kind)
        if message.run_id != facts.run_id:
            check = RuleCheck(
                rule="routing.run_id",
                result="FAIL",
                reason=f"{kind} belongs to run {message.run_id!r}, not {facts.run_id!r}",
            )
        elif expected is not None and route != expected:
            check = RuleCheck(
                rule="routing.route",
                result="FAIL",
                reason=f"{kind} may only go {expected[0]} → {expected[1]}, not {route[0]} → {route[1]}",
            )
        elif expected is None and message.recipient != "supervisor":
            check = RuleCheck(
                rule="routing.route",
                result="FAIL",
                reason=f"{kind} may only be sent to the supervisor",
            )
        else:
            check = RuleCheck(
                rule="routing.route", result="PASS", reason=f"{route[0]} → {route[1]}"
            )
        return PolicyOutcome(policy=self.name, allowed=check.result != "FAIL", checks=(check,))
