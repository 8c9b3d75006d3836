"""What a policy reports: violations, warnings, and one check's result."""

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = ["CheckResult", "Violation"]

CheckResult = Literal["PASS", "FAIL", "WARN", "NOT_EVALUATED"]


class Violation(msgspec.Struct, frozen=True, kw_only=True):
    """One broken rule.

    ``rule`` is a stable dotted id (``scope.forbidden_output_type``,
    ``scope.forbidden_intent.order``); ``location`` says where (``outputs[2].type``,
    ``outputs[0].scenarios[1].rationale``, ``free_text line 7``); ``detail`` is one sentence.
    """

    rule: str
    location: str
    detail: str
