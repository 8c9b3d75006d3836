"""Per-model rate limits, shared by every run in the process.

Each model gets one :class:`RateLimiter` with a budget of requests per minute (``rpm``) and
of tokens per minute (``tpm``), both as GCRA (the generic cell rate algorithm, a token
bucket kept as one "theoretical arrival time"): requests are spaced evenly at the rpm rate,
with no burst, so no window of any length ever sees more than the limit allows; tokens
may burst up to one minute's worth. A caller books its slot when it arrives and then
sleeps until it, with no await in between: slots are handed out strictly in arrival order
(fair), and concurrent callers never race for the same one.

Providers report their own view in ``x-ratelimit-{limit,remaining,reset}-{requests,tokens}``
headers; :meth:`RateLimiter.observe` only ever tightens the local limits with them (a lower
per-minute limit, or no more requests or tokens until a reset), and a 429's Retry-After
pauses the model for every caller (:meth:`RateLimiter.pause_until`).

Token counts are estimates made before the call, the way OpenAI documents its own limiter
does it: about four characters a token for the prompt, plus the requested maximum output.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Final, Literal, NamedTuple

import anyio

from clients.live.retry import parse_duration
from orchestrator.core.config import ModelEntry

__all__ = [
    "LimitKind",
    "RateLimiter",
    "RateLimiters",
    "Wait",
    "estimate_rate_tokens",
    "process_rate_limiters",
]

LimitKind = Literal["rpm", "tpm", "provider"]

_CHARS_PER_TOKEN: Final = 4


def estimate_rate_tokens(prompt_chars: int, max_tokens: int) -> int:
    """Tokens a request counts against a tokens-per-minute limit, estimated before sending."""
    return -(-prompt_chars // _CHARS_PER_TOKEN) + max_tokens


class Wait(NamedTuple):
    """How long an acquisition waited, and which limit made it wait."""

    seconds: float
    limit: LimitKind | None


class _Bucket:
    """GCRA state: ``interval`` seconds per unit, up to ``capacity`` units at once."""

    def __init__(self, per_minute: float, capacity: float) -> None:
        self.interval = 60.0 / per_minute
        self.capacity = capacity
        self.tat = float("-inf")

    def earliest(self, cost: float, now: float) -> float:
        return max(now, self.tat + (cost - self.capacity) * self.interval)

    def book(self, cost: float, at: float) -> float:
        self.tat = max(self.tat, at) + cost * self.interval
        return self.tat


class _ProviderWindow:
    """What the provider last said is left until its reset."""

    def __init__(self) -> None:
        self.left: float | None = None
        self.reset_at = float("-inf")

    def earliest(self, cost: float, now: float) -> float:
        if self.left is not None and now < self.reset_at and cost > self.left:
            return self.reset_at
        return now

    def book(self, cost: float, at: float) -> None:
        if at >= self.reset_at:
            self.left = None
        elif self.left is not None:
            self.left = max(self.left - cost, 0.0)

    def tighten(self, left: float, reset_in: float, now: float) -> None:
        # Responses arrive out of order: an older, higher count never loosens the window.
        if self.left is None or now >= self.reset_at or left <= self.left:
            self.left, self.reset_at = left, now + reset_in


class RateLimiter:
    """The request and token limits of one model."""

    def __init__(
        self,
        *,
        model_id: str,
        rpm: int | None,
        tpm: int | None,
        monotonic: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]],
    ) -> None:
        self.model_id = model_id
        self.rpm = rpm
        self.tpm = tpm
        self._monotonic = monotonic
        self._sleep = sleep
        self._requests = _Bucket(rpm, 1.0) if rpm else None
        self._tokens = _Bucket(tpm, float(tpm)) if tpm else None
        self._provider_requests = _ProviderWindow()
        self._provider_tokens = _ProviderWindow()
        self._paused_until = float("-inf")

    async def acquire(self, tokens: int) -> Wait:
        """Wait for a slot for one request of about ``tokens`` tokens; FIFO among callers."""
        now = self._monotonic()
        # A request larger than a minute's tokens waits for a full bucket, then goes: the
        # provider, not this estimate, has the last word on it.
        cost = min(float(tokens), self._tokens.capacity) if self._tokens else float(tokens)
        candidates: list[tuple[float, LimitKind]] = [
            (self._provider_requests.earliest(1.0, now), "provider"),
            (self._provider_tokens.earliest(cost, now), "provider"),
            (self._paused_until, "provider"),
        ]
        if self._requests:
            candidates.append((self._requests.earliest(1.0, now), "rpm"))
        if self._tokens:
            candidates.append((self._tokens.earliest(cost, now), "tpm"))
        at, limit = now, None
        for when, kind in candidates:
            if when > at:
                at, limit = when, kind
        booked = self._book(cost, at)
        wait = at - now
        if limit is None:
            return Wait(0.0, None)
        try:
            await self._sleep(wait)
        except anyio.get_cancelled_exc_class():
            self._unbook(cost, booked)
            raise
        return Wait(wait, limit)

    def _book(self, cost: float, at: float) -> tuple[float | None, float | None]:
        requests = self._requests.book(1.0, at) if self._requests else None
        tokens = self._tokens.book(cost, at) if self._tokens else None
        self._provider_requests.book(1.0, at)
        self._provider_tokens.book(cost, at)
        return requests, tokens

    def _unbook(self, cost: float, booked: tuple[float | None, float | None]) -> None:
        # A cancelled waiter gives its slot back if nobody booked after it.
        requests, tokens = booked
        if self._requests and requests == self._requests.tat:
            self._requests.tat -= self._requests.interval
        if self._tokens and tokens == self._tokens.tat:
            self._tokens.tat -= cost * self._tokens.interval

    def pause_until(self, seconds_from_now: float) -> None:
        """No request before ``seconds_from_now`` (a provider's Retry-After)."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds_from_now)

    def observe(self, headers: Mapping[str, str]) -> None:
        """Tighten the limits from a response's ``x-ratelimit-*`` headers."""
        now = self._monotonic()
        limit = _int(headers.get("x-ratelimit-limit-requests"))
        if limit and (self.rpm is None or limit < self.rpm):
            self.rpm = limit
            self._requests = self._requests or _Bucket(limit, 1.0)
            self._requests.interval = 60.0 / limit
        limit = _int(headers.get("x-ratelimit-limit-tokens"))
        if limit and (self.tpm is None or limit < self.tpm):
            self.tpm = limit
            self._tokens = self._tokens or _Bucket(limit, float(limit))
            self._tokens.interval, self._tokens.capacity = 60.0 / limit, float(limit)
        for kind, window in (
            ("requests", self._provider_requests),
            ("tokens", self._provider_tokens),
        ):
            left = _int(headers.get(f"x-ratelimit-remaining-{kind}"))
            reset = parse_duration(headers.get(f"x-ratelimit-reset-{kind}"))
            if left is not None and reset is not None:
                window.tighten(float(left), reset, now)


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


class RateLimiters:
    """One limiter per model id, for the whole process: every run shares them.

    The first registry entry seen for a model fixes its configured limits for the life of
    the process; headers can only tighten them afterwards.
    """

    def __init__(
        self,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    ) -> None:
        self._monotonic = monotonic
        self._sleep = sleep
        self._limiters: dict[str, RateLimiter] = {}

    def for_model(self, model: ModelEntry) -> RateLimiter:
        limiter = self._limiters.get(model.model_id)
        if limiter is None:
            limiter = RateLimiter(
                model_id=model.model_id,
                rpm=model.rate_limit_rpm,
                tpm=model.rate_limit_tpm,
                monotonic=self._monotonic,
                sleep=self._sleep,
            )
            self._limiters[model.model_id] = limiter
        return limiter


@functools.cache
def process_rate_limiters() -> RateLimiters:
    """The process's limiters on the system clock: what live runs share."""
    return RateLimiters()
