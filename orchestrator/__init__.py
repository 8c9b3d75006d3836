"""The orchestrator: supervisor, run assembly, evidence bundler and the ``pilot`` CLI.

The package root re-exports only the error tree, which every other package uses; the
runtime lives in its modules (``orchestrator.runtime.run``, ``orchestrator.runtime.supervisor``, …) so
that importing a foundation module never drags in the whole runtime.
"""

from orchestrator.core.errors import (
    Aborted,
    BudgetExhausted,
    ConfigError,
    DeadlineExceeded,
    EvidenceWriteError,
    GovernanceBlock,
    IntegrityError,
    PilotError,
    ProviderError,
    ReplayMiss,
    RuntimeFailure,
    ScopeViolation,
    SoDViolation,
    UsageError,
    exit_code_for,
)

__all__ = [
    "Aborted",
    "BudgetExhausted",
    "ConfigError",
    "DeadlineExceeded",
    "EvidenceWriteError",
    "GovernanceBlock",
    "IntegrityError",
    "PilotError",
    "ProviderError",
    "ReplayMiss",
    "RuntimeFailure",
    "ScopeViolation",
    "SoDViolation",
    "UsageError",
    "exit_code_for",
]
