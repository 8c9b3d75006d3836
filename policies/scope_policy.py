"""The capability scope as a link of the policy chain: on the Proposal and the Critique."""

from __future__ import annotations

from orchestrator.core.config import CapabilityScope
from orchestrator.core.messages import Critique, Message, Proposal
from policies.chain import RunFacts
from policies.findings import PolicyOutcome
from policies.scope import check_critique, check_proposal

__all__ = ["ScopePolicy"]


class ScopePolicy:
    name = "scope"

    def __init__(self, scope: CapabilityScope) -> None:
        self._scope = scope

    def evaluate(self, message: Message, facts: RunFacts) -> PolicyOutcome | None:
        match message:
            case Proposal(proposal=proposal):
                report = check_proposal(proposal, self._scope)
            case Critique(body=body, content=content, format=fmt):
                # Free text is scanned whole: labels may hide instructions between sections.
                if body is None or fmt == "free_text":
                    fields = [("critique", content)]
                else:
                    fields = [("critique.rationale", body.rationale)]
                    fields += [
                        (f"critique.suggested_changes[{i}]", change)
                        for i, change in enumerate(body.suggested_changes)
                    ]
                report = check_critique(fields, self._scope)
            case _:
                return None
        return PolicyOutcome(policy=self.name, allowed=report.result == "PASS", scope=report)
