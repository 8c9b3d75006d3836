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
    ├── IntegrityError ......... exit 5  an evidence pack does not verify
    └── Aborted ................ exit 130 the operator aborted

Messages are one sentence a user can act on. They name the file, field or model, and
never contain a secret.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

__all__ = [
    "Aborted",
    "BudgetExhausted",
    "BudgetScope",
    "ConfigError",
    "DeadlineExceeded",
    "EvidenceWriteError",
    "GovernanceBlock",
    "IntegrityError",
    "PilotError",
    "ProviderCause",
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


ProviderCause = Literal[
    "provider",  # raised above the client (an agent's own check)
    "connect",  # the connection could not be opened
    "timeout",  # connect, read, write or pool timeout
    "transport",  # the connection broke (reset, truncated body, protocol error)
    "http_status",  # the provider answered with an error status
    "malformed_body",  # a 2xx answer whose body does not decode
    "finish_reason",  # stopped for length or content filter
    "refusal",  # the model refused
    "empty_answer",  # no content
    "not_json",  # structured output asked for, the answer is not a JSON object
    "response_too_large",  # the body exceeded the client's size cap
    "retry_after_too_long",  # the provider asked to wait longer than the retry cap
]


class ProviderError(RuntimeFailure):
    """A model provider failed after retries, or answered unusably.

    ``cause`` says what went wrong in one word (the retry predicate reads it together with
    ``status_code``); ``retry_after_s`` is the wait the provider asked for, if it did;
    ``attempts`` is how many requests were sent before giving up.
    """

    def __init__(
        self,
        message: str,
        *,
        model_id: str,
        status_code: int | None = None,
        cause: ProviderCause = "provider",
        retry_after_s: float | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.model_id = model_id
        self.status_code = status_code
        self.cause: ProviderCause = cause
        self.retry_after_s = retry_after_s
        self.attempts = attempts


BudgetScope = Literal["price", "run", "day", "month", "ledger"]


class BudgetExhausted(RuntimeFailure):
    """A call would exceed the per-run, daily or monthly budget, or has no price.

    ``scope`` names the limit that refused the call; ``needed_usd`` is the worst case that
    was asked for and ``left_usd`` what that limit still allowed.
    """

    def __init__(
        self,
        message: str,
        *,
        scope: BudgetScope = "price",
        needed_usd: float | None = None,
        left_usd: float | None = None,
    ) -> None:
        super().__init__(message)
        self.scope: BudgetScope = scope
        self.needed_usd = needed_usd
        self.left_usd = left_usd


class DeadlineExceeded(RuntimeFailure):
    """The run did not finish within its deadline."""


class EvidenceWriteError(RuntimeFailure):
    """The evidence pack could not be written."""


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
