"""Per-model rate limits, shared by every run in the process.

Each model gets one :class:`RateLimiter` with a budget of requests per minute (``rpm``) and
of tokens per minute (``tpm``), both as GCRA (the generic cell rate algorithm, a token
bucket kept as one "theoretical arrival time"): requests are spaced evenly at the rpm rate,
with no burst, so no window of any length ever sees more than the limit allows; tokens
may burst up to one minute's worth. A caller books its slot when it arrives and then
sleeps until it, with no await in between: slots are handed out strictly in arrival order
(fair), and concurrent callers never race for the same one.

Providers report their own view in ``x-ratelimit-{limit,remaining,reset}-{requests,tokens}``
headers; :meth:`RateLimiter.observe` only ever tightens the local limits with them: a lower
per-minute limit replaces the registry's, and a request needing more than the provider has
left waits for the missing part to refill (at the per-minute rate, and never longer than
the reset). A 429's Retry-After pauses the model for every caller
(:meth:`RateLimiter.pause_until`).

Token counts are estimates made before the call, the way OpenAI documents its own limiter
does it: about four characters a token for the prompt, plus the requested maximum output.
"""

from __future__ import annotations

import functools
import math
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
    """What the provider last said is left, refilling continuously at its per-minute limit.

    Providers refill their buckets continuously (``reset`` is the time until *full*), so a
    request that needs more than is left waits for just the missing part to refill, and
    never longer than the reset; without a known limit it waits for the reset.
    """

    def __init__(self) -> None:
        self.left: float | None = None
        self.at = float("-inf")
        self.per_second: float | None = None
        self.capacity = math.inf
        self.reset_at = float("-inf")

    def available(self, now: float) -> float:
        if self.left is None or now >= self.reset_at:
            return math.inf
        if self.per_second is None:
            return self.left
        return min(self.left + (now - self.at) * self.per_second, self.capacity)

    def earliest(self, cost: float, now: float) -> float:
        missing = cost - self.available(now)
        if missing <= 0:
            return now
        if self.per_second is None:
            return self.reset_at
        return min(now + missing / self.per_second, self.reset_at)

    def book(self, cost: float, at: float) -> None:
        available = self.available(at)
        if math.isinf(available):
            self.left = None
        else:
            self.left, self.at = max(available - cost, 0.0), at

    def tighten(self, left: float, reset_in: float, limit: int | None, now: float) -> None:
        # Responses arrive out of order: an older, higher count never loosens the window.
        if left >= self.available(now):
            return
        self.left, self.at, self.reset_at = left, now, now + reset_in
        self.per_second = limit / 60.0 if limit else None
        self.capacity = float(limit) if limit else math.inf


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

    async def acquire(
        self, tokens: int, *, before_wait: Callable[[Wait], None] | None = None
    ) -> Wait:
        """Wait for a slot for one request of about ``tokens`` tokens; FIFO among callers.

        ``before_wait`` hears about a wait before it starts (a progress line can show it).
        """
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
        if before_wait is not None:
            before_wait(Wait(wait, limit))
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
                limit = _int(headers.get(f"x-ratelimit-limit-{kind}"))
                window.tighten(float(left), reset, limit, now)


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
