"""The one retry layer of live calls: tenacity, driven by a named predicate.

Below it nothing retries (the HTTP transport is built with ``retries=0``); above it the
runtime may fall back to another model, which is a decision, not a retry.

- :func:`is_transient` decides: connection errors, timeouts, broken transfers, a 2xx body
  that does not decode, and HTTP 408, 409, 429 and 5xx. Every other status is final.
- The wait is the provider's ``retry-after-ms`` / ``Retry-After`` (seconds or an HTTP date)
  when it sent one, else capped exponential backoff with jitter: openai-python's policy
  (0.5 s doubling to 8 s, minus up to a quarter) as a floor, so the registry's
  ``retry_delay_seconds`` can only make it slower.
- A Retry-After beyond the cap fails at once and says so; so does a wait that would pass
  the call's total deadline; an attempt still running at the deadline is cancelled.

Sleep, clocks and the jitter source are injected: tests run every retry with zero waits.
"""

from __future__ import annotations

import email.utils
import math
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Final, TypeVar

import anyio
import httpx
import msgspec
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_any,
)
from tenacity.stop import stop_base

from clients.live.events import AttemptFailed, Observer, RetryScheduled, emit
from orchestrator.core.config import RetrySettings
from orchestrator.core.errors import DeadlineExceeded, ProviderError
from orchestrator.core.patterns import lazy_pattern

__all__ = [
    "TRANSIENT_STATUS",
    "RetryPolicy",
    "RetryRunner",
    "is_transient",
    "parse_duration",
    "parse_retry_after",
]

T = TypeVar("T")

TRANSIENT_STATUS: Final = frozenset({408, 409, 429})
_TRANSIENT_CAUSES: Final = frozenset({"connect", "timeout", "transport", "malformed_body"})

# openai-python's defaults (src/openai/_constants.py): the floor of this policy.
_FLOOR_INITIAL_S: Final = 0.5
_FLOOR_MAX_S: Final = 8.0


def is_transient(exc: BaseException) -> bool:
    """Whether another attempt may succeed where this one failed."""
    if isinstance(exc, ProviderError):
        if exc.cause == "http_status":
            status = exc.status_code or 0
            return status in TRANSIENT_STATUS or 500 <= status <= 599
        return exc.cause in _TRANSIENT_CAUSES
    return isinstance(exc, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError)


def parse_retry_after(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds the provider asks to wait: ``retry-after-ms``, else ``Retry-After``.

    ``Retry-After`` may be seconds (integer or, leniently, decimal) or an HTTP date, which
    is measured from ``now`` (the injected wall clock). A date in the past means no wait.
    Unparseable or non-finite values count as absent.
    """
    milliseconds = _number(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return max(milliseconds / 1000, 0.0)
    raw = headers.get("retry-after")
    if raw is None:
        return None
    seconds = _number(raw)
    if seconds is not None:
        return max(seconds, 0.0)
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max((when - now).total_seconds(), 0.0)


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


_DURATION_PART: Final = lazy_pattern(r"(\d+(?:\.\d+)?)(ms|h|m|s)")
_UNIT_SECONDS: Final = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str | None) -> float | None:
    """Seconds in an ``x-ratelimit-reset-*`` value such as ``"1s"``, ``"6m0s"`` or ``"20ms"``."""
    if not text:
        return None
    text = text.strip()
    parts = _DURATION_PART.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        return _number(text)
    return sum(float(n) * _UNIT_SECONDS[u] for n, u in parts)


class RetryPolicy(msgspec.Struct, frozen=True, kw_only=True):
    """Attempts, backoff, the Retry-After cap and the total deadline of one model's call."""

    attempts: int
    initial_wait_s: float
    max_wait_s: float
    retry_after_cap_s: float
    deadline_s: float

    @classmethod
    def from_settings(cls, settings: RetrySettings) -> RetryPolicy:
        initial = max(settings.retry_delay_seconds, _FLOOR_INITIAL_S)
        return cls(
            attempts=settings.max_retries_per_model + 1,
            initial_wait_s=initial,
            max_wait_s=max(_FLOOR_MAX_S, initial),
            retry_after_cap_s=settings.retry_after_cap_seconds,
            deadline_s=settings.call_deadline_seconds,
        )

    def backoff(self, retry: int, jitter: float) -> float:
        """The wait before retry number ``retry`` (1, 2, …); ``jitter`` is uniform in [0, 1).

        Doubling from ``initial_wait_s`` up to ``max_wait_s``, less up to a quarter, so that
        clients failing together do not come back together.
        """
        base = min(self.initial_wait_s * 2.0 ** min(retry - 1, 30), self.max_wait_s)
        return base * (1.0 - 0.25 * jitter)


class _Outcome:
    """What the retry loop learnt about one call, for the error it finally raises."""

    def __init__(self) -> None:
        self.attempt = 0
        self.deadline_wait: float | None = None


class _PastDeadline(stop_base):
    """Stops when the coming wait would end after the call's deadline."""

    def __init__(self, deadline: float, monotonic: Callable[[], float], outcome: _Outcome) -> None:
        self.deadline = deadline
        self.monotonic = monotonic
        self.outcome = outcome

    def __call__(self, retry_state: RetryCallState) -> bool:
        if self.monotonic() + retry_state.upcoming_sleep <= self.deadline:
            return False
        self.outcome.deadline_wait = retry_state.upcoming_sleep
        return True


class RetryRunner:
    """Runs one call's attempts under a :class:`RetryPolicy`, reporting every wait."""

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        observer: Observer,
        sleep: Callable[[float], Awaitable[None]],
        monotonic: Callable[[], float],
        jitter: Callable[[], float],
    ) -> None:
        self.policy = policy
        self.observer = observer
        self.sleep = sleep
        self.monotonic = monotonic
        self.jitter = jitter

    async def run(self, model_id: str, attempt: Callable[[int], Awaitable[T]]) -> T:
        """``attempt(n)`` until it returns, fails for good, or the policy gives up.

        Raises the final :class:`ProviderError` (its ``attempts`` set), a ``ProviderError``
        with cause ``retry_after_too_long``, or :class:`DeadlineExceeded`.
        """
        policy, outcome = self.policy, _Outcome()
        deadline = self.monotonic() + policy.deadline_s

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            if isinstance(exc, ProviderError) and exc.retry_after_s is not None:
                return exc.retry_after_s
            return policy.backoff(state.attempt_number, self.jitter())

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            assert isinstance(exc, ProviderError)  # only ProviderErrors are retried
            emit(
                self.observer,
                RetryScheduled(
                    model_id=model_id,
                    attempt=state.attempt_number,
                    wait_s=round(state.upcoming_sleep, 3),
                    cause=exc.cause,
                    status_code=exc.status_code,
                    retry_after_s=exc.retry_after_s,
                ),
            )

        retrying = AsyncRetrying(
            sleep=self.sleep,
            stop=stop_any(
                stop_after_attempt(policy.attempts),
                _PastDeadline(deadline, self.monotonic, outcome),
            ),
            wait=wait,
            retry=retry_if_exception(self._retryable),
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            async for state in retrying:
                with state:
                    outcome.attempt = state.retry_state.attempt_number
                    return await self._bounded(model_id, attempt, outcome.attempt, deadline)
        except ProviderError as exc:
            raise self._final(model_id, exc, outcome) from exc
        raise AssertionError("tenacity ended without an outcome")  # pragma: no cover

    def _retryable(self, exc: BaseException) -> bool:
        if not isinstance(exc, ProviderError) or not is_transient(exc):
            return False
        return exc.retry_after_s is None or exc.retry_after_s <= self.policy.retry_after_cap_s

    async def _bounded(
        self, model_id: str, attempt: Callable[[int], Awaitable[T]], number: int, deadline: float
    ) -> T:
        try:
            with anyio.move_on_after(max(deadline - self.monotonic(), 0.0)):
                return await attempt(number)
        except ProviderError as exc:
            exc.attempts = number
            emit(
                self.observer,
                AttemptFailed(
                    model_id=model_id,
                    attempt=number,
                    cause=exc.cause,
                    status_code=exc.status_code,
                    transient=is_transient(exc),
                    detail=exc.message,
                ),
            )
            raise
        raise DeadlineExceeded(
            f"{model_id}: attempt {number} was still running at the call deadline of "
            f"{self.policy.deadline_s:g} s"
        )

    def _final(self, model_id: str, exc: ProviderError, outcome: _Outcome) -> Exception:
        policy, attempts = self.policy, outcome.attempt
        if not is_transient(exc):
            return exc
        after = f"after {attempts} attempt{'s' if attempts != 1 else ''}"
        if exc.retry_after_s is not None and exc.retry_after_s > policy.retry_after_cap_s:
            return ProviderError(
                f"{exc.message}; the provider asked to wait {exc.retry_after_s:g} s, more than "
                f"the retry cap of {policy.retry_after_cap_s:g} s, so the call gave up {after}",
                model_id=model_id,
                status_code=exc.status_code,
                cause="retry_after_too_long",
                retry_after_s=exc.retry_after_s,
                attempts=attempts,
            )
        if outcome.deadline_wait is not None:
            return DeadlineExceeded(
                f"{exc.message}; gave up {after}: waiting {outcome.deadline_wait:.1f} s more "
                f"would pass the call deadline of {policy.deadline_s:g} s"
            )
        return ProviderError(
            f"{exc.message}; gave up {after}",
            model_id=model_id,
            status_code=exc.status_code,
            cause=exc.cause,
            retry_after_s=exc.retry_after_s,
            attempts=attempts,
        )
