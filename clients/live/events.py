"""What a live call reports while it runs: typed events for the pack, the same as log lines.

Every attempt, wait, budget movement and outcome of a live call is one frozen event. The
client hands each to an injected observer (the runtime turns them into pack events) and
logs it under the event's tag as a structlog event with the same fields, so the log and
the pack cannot tell different stories. Observers are synchronous on purpose: recording
an event must never block or reorder the call it describes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import msgspec
import structlog

__all__ = [
    "AttemptFailed",
    "AttemptStarted",
    "BudgetAlert",
    "BudgetReserved",
    "BudgetSettled",
    "CallFailed",
    "CallSucceeded",
    "LiveEvent",
    "Observer",
    "RateLimitWaited",
    "RetryScheduled",
    "emit",
    "ignore",
]

log = structlog.get_logger()


class _Event(msgspec.Struct, frozen=True, kw_only=True, tag_field="event"):
    pass


class AttemptStarted(_Event, frozen=True, kw_only=True, tag="client.attempt_started"):
    """A request is about to be sent (``attempt`` counts from 1)."""

    model_id: str
    attempt: int
    prompt_hash: str
    url: str


class AttemptFailed(_Event, frozen=True, kw_only=True, tag="client.attempt_failed"):
    """An attempt failed; ``transient`` says whether the retry predicate allows another."""

    model_id: str
    attempt: int
    cause: str
    status_code: int | None
    transient: bool
    detail: str


class RetryScheduled(_Event, frozen=True, kw_only=True, tag="client.retry_scheduled"):
    """The next attempt waits ``wait_s``: the provider's Retry-After if it sent one, else backoff."""

    model_id: str
    attempt: int
    wait_s: float
    cause: str
    status_code: int | None
    retry_after_s: float | None


class RateLimitWaited(_Event, frozen=True, kw_only=True, tag="client.rate_limit_wait"):
    """A request waits ``wait_s`` for the model's rate limit: ``rpm``, ``tpm`` or the
    provider's (its headers or a Retry-After). Reported when the wait begins."""

    model_id: str
    wait_s: float
    limit: Literal["rpm", "tpm", "provider"]


class CallSucceeded(_Event, frozen=True, kw_only=True, tag="client.call_succeeded"):
    model_id: str
    attempts: int
    latency_ms: int
    response_id: str
    returned_model: str
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float


class CallFailed(_Event, frozen=True, kw_only=True, tag="client.call_failed"):
    """The call gave up; ``error`` is the exception class the caller receives."""

    model_id: str
    attempts: int
    error: str
    cause: str
    detail: str


class BudgetReserved(_Event, frozen=True, kw_only=True, tag="budget.reserved"):
    model_id: str
    run_id: str
    reservation_id: str
    amount_usd: float


class BudgetSettled(_Event, frozen=True, kw_only=True, tag="budget.settled"):
    """A reservation was settled: ``usage`` (the provider's count), ``no_charge`` (an error
    status, which providers do not bill) or ``worst_case`` (the outcome is unknown)."""

    model_id: str
    run_id: str
    reservation_id: str
    amount_usd: float
    basis: Literal["usage", "no_charge", "worst_case"]


class BudgetAlert(_Event, frozen=True, kw_only=True, tag="budget.alert"):
    """Spend in a UTC day or month crossed ``alert_threshold_pct`` of its limit (once per period)."""

    period: Literal["day", "month"]
    period_id: str
    committed_usd: float
    limit_usd: float
    threshold_pct: float


LiveEvent = (
    AttemptStarted
    | AttemptFailed
    | RetryScheduled
    | RateLimitWaited
    | CallSucceeded
    | CallFailed
    | BudgetReserved
    | BudgetSettled
    | BudgetAlert
)

Observer = Callable[[LiveEvent], None]

_WARNINGS = frozenset(
    {"client.attempt_failed", "client.retry_scheduled", "client.call_failed", "budget.alert"}
)


def ignore(_event: LiveEvent) -> None:
    """The observer of callers that only want the log."""


def emit(observer: Observer, event: LiveEvent) -> None:
    """Hand ``event`` to the observer and log it under its tag with the same fields."""
    observer(event)
    name = type(event).__struct_config__.tag
    assert isinstance(name, str)  # every event class above sets a string tag
    fields = msgspec.structs.asdict(event)
    if name in _WARNINGS:
        log.warning(name, **fields)
    else:
        log.info(name, **fields)
