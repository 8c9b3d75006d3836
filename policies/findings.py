"""What policies report, as data: violations, rule checks, scope reports and verdicts.

A leaf: it imports nothing from the project, so the evidence schema, the supervisor and
the review all read verdicts through these Structs without importing a policy.
"""

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = ["CheckResult", "PolicyOutcome", "RuleCheck", "ScopeReport", "Verdict", "Violation"]

CheckResult = Literal["PASS", "FAIL", "WARN", "NOT_EVALUATED"]


class Violation(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One broken rule.

    ``rule`` is a stable dotted id (``scope.forbidden_output_type``,
    ``scope.forbidden_intent.order``); ``location`` says where (``outputs[2].type``,
    ``outputs[0].scenarios[1].rationale``, ``free_text``); ``detail`` is one sentence.
    ``span`` is ``(start, end)``, character offsets into the text of the field named by
    ``location`` as it was given, when the finding is a stretch of that text. It is left out
    of the encoding when absent, so violations written before spans existed re-encode byte
    for byte.
    """

    rule: str
    location: str
    detail: str
    span: tuple[int, int] | None = None


class ScopeReport(msgspec.Struct, frozen=True, kw_only=True):
    """The scope policy's finding on one message."""

    result: Literal["PASS", "FAIL"]
    subject: Literal["proposal", "critique"]
    format: Literal["typed", "free_text"]
    scope_id: str
    scope_version: str
    checked_outputs: tuple[str, ...]
    violations: tuple[Violation, ...]
    notes: tuple[str, ...]
    scenario_count: int | None


class RuleCheck(msgspec.Struct, frozen=True, kw_only=True):
    """One rule of one policy: its result and why."""

    rule: str
    result: CheckResult
    reason: str
    warnings: tuple[str, ...] = ()


class PolicyOutcome(msgspec.Struct, frozen=True, kw_only=True):
    policy: str
    allowed: bool
    checks: tuple[RuleCheck, ...] = ()
    scope: ScopeReport | None = None


class Verdict(msgspec.Struct, frozen=True, kw_only=True):
    """The chain's answer for one message: allowed, or rejected with reasons."""

    message_kind: str
    allowed: bool
    outcomes: tuple[PolicyOutcome, ...]
    reasons: tuple[str, ...]
