"""The one exception tree of the pilot.

Every error the product raises on purpose is a ``PilotError``. Foreign exceptions
(httpx, msgspec, tomllib, OS) are translated once, at the boundary where they occur,
with ``raise X(...) from exc``. The CLI maps the branches to exit codes in one place
(:func:`exit_code_for`)::

    PilotError
    ├── ConfigError ............ exit 1  bad or missing config, registry, scope, scenario, fixture
    │   └── UsageError ......... exit 1  bad command line, --out exists, network gate
    ├── GovernanceBlock ........ exit 2  a policy rejected a message (pack written, BLOCKED)
    │   ├── SoDViolation
    │   └── ScopeViolation
    ├── RuntimeFailure ......... exit 3  the run could not finish (pack written, FAILED)
    │   ├── ReplayMiss
    │   ├── ProviderError
    │   ├── BudgetExhausted
    │   ├── DeadlineExceeded
    │   └── EvidenceWriteError
    ├── DriftDetected .......... exit 4  a drift check flagged a scenario (report written)
    ├── IntegrityError ......... exit 5  an evidence pack or a drift baseline does not verify
    └── Aborted ................ exit 130 the operator aborted

Messages are one sentence a user can act on. They name the file, field or model, and
never contain a secret.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "Aborted",
    "BudgetExhausted",
    "ConfigError",
    "DeadlineExceeded",
    "DriftDetected",
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


class PilotError(Exception):
    """Root of every error the pilot raises on purpose."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(PilotError):
    """A configuration, registry, scope, scenario or fixture file is missing or invalid."""

    exit_code = 1

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class UsageError(ConfigError):
    """The command line asks for something the pilot will not do."""


class GovernanceBlock(PilotError):
    """A governance policy rejected the run."""

    exit_code = 2


class SoDViolation(GovernanceBlock):
    """Separation of duties does not hold."""


class ScopeViolation(GovernanceBlock):
    """An output is outside the layer's capability scope."""


class RuntimeFailure(PilotError):
    """The run started but could not finish."""

    exit_code = 3


class ReplayMiss(RuntimeFailure):
    """A replayed request has no recorded match in the transcript."""

    def __init__(self, message: str, *, prompt_hash: str, differences: tuple[str, ...]) -> None:
        super().__init__(message)
        self.prompt_hash = prompt_hash
        self.differences = differences


class ProviderError(RuntimeFailure):
    """A model provider failed after retries, or answered unusably."""

    def __init__(self, message: str, *, model_id: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.model_id = model_id
        self.status_code = status_code


class BudgetExhausted(RuntimeFailure):
    """A call would exceed the per-run, daily or monthly budget."""


class DeadlineExceeded(RuntimeFailure):
    """The run did not finish within its deadline."""


class EvidenceWriteError(RuntimeFailure):
    """The evidence pack could not be written."""


class DriftDetected(PilotError):
    """A drift check flagged at least one scenario for review; its report is written."""

    exit_code = 4


class IntegrityError(PilotError):
    """An evidence pack does not verify."""

    exit_code = 5


class Aborted(PilotError):
    """The operator aborted the run."""

    exit_code = 130


def exit_code_for(exc: BaseException) -> int:
    """The documented exit code for an exception (SPEC §10); unexpected errors are runtime failures."""
    if isinstance(exc, PilotError):
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return Aborted.exit_code
    return RuntimeFailure.exit_code
