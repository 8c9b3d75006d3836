"""Rate limits: even spacing per rpm, a minute of tokens, FIFO order, provider headers."""

from __future__ import annotations

import anyio
import msgspec
import pytest

from clients.live.ratelimit import RateLimiter, RateLimiters, estimate_rate_tokens
from orchestrator.core.config import ModelEntry
from tests.clients.conftest import FakeTime


def limiter(fake_time: FakeTime, rpm: int | None = None, tpm: int | None = None) -> RateLimiter:
    return RateLimiter(
        model_id="m-1", rpm=rpm, tpm=tpm, monotonic=fake_time.monotonic, sleep=fake_time.sleep
    )


@pytest.mark.anyio
async def test_requests_are_spaced_evenly_in_arrival_order(fake_time: FakeTime) -> None:
    """At 60 rpm five concurrent requests go at 0, 1, 2, 3 and 4 s, first come first served."""
    limit = limiter(fake_time, rpm=60)
    slots: list[tuple[int, float]] = []

    async def request(number: int) -> None:
        arrived = fake_time.t - 1000.0
        slots.append((number, arrived + (await limit.acquire(tokens=10)).seconds))

    async with anyio.create_task_group() as group:
        for number in range(5):
            group.start_soon(request, number)
    assert sorted(slots) == [(0, 0.0), (1, 1.0), (2, 2.0), (3, 3.0), (4, 4.0)]


@pytest.mark.anyio
async def test_slots_are_booked_first_come_first_served() -> None:
    """Callers arriving at the same instant are served in arrival order, 1 s apart, no race."""

    async def instant(_seconds: float) -> None:
        await anyio.lowlevel.checkpoint()

    limit = RateLimiter(model_id="m", rpm=60, tpm=1000, monotonic=lambda: 0.0, sleep=instant)
    waits: list[float] = []

    async def request() -> None:
        waits.append((await limit.acquire(tokens=100)).seconds)

    async with anyio.create_task_group() as group:
        for _ in range(4):
            group.start_soon(request)
    assert waits == [0.0, 1.0, 2.0, 3.0]


@pytest.mark.anyio
async def test_tokens_allow_a_minute_then_pace(fake_time: FakeTime) -> None:
    """1,000 tpm: a 600-token request goes at once, the next waits for the bucket (12 s)."""
    limit = limiter(fake_time, tpm=1000)
    assert (await limit.acquire(600)).seconds == 0.0
    waited = await limit.acquire(600)
    assert waited.limit == "tpm"
    assert waited.seconds == pytest.approx(12.0)


@pytest.mark.anyio
async def test_a_request_larger_than_a_minute_waits_for_a_full_bucket(fake_time: FakeTime) -> None:
    """A request estimated above the tpm limit is not refused: it waits until the bucket is full."""
    limit = limiter(fake_time, tpm=1000)
    await limit.acquire(500)
    waited = await limit.acquire(5000)
    assert waited.seconds == pytest.approx(30.0)


@pytest.mark.anyio
async def test_provider_headers_tighten_the_limit(fake_time: FakeTime) -> None:
    """remaining-requests 0 with a 2 s reset holds the next request for 2 s."""
    limit = limiter(fake_time, rpm=6000)
    limit.observe({"x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "2s"})
    waited = await limit.acquire(1)
    assert (waited.seconds, waited.limit) == (2.0, "provider")


@pytest.mark.anyio
async def test_an_exhausted_provider_bucket_waits_only_for_the_refill(fake_time: FakeTime) -> None:
    """remaining 0 of 60 per minute, 60 s to full: one request refills in 1 s, not 60 s."""
    limit = limiter(fake_time)
    limit.observe(
        {
            "x-ratelimit-limit-requests": "60",
            "x-ratelimit-remaining-requests": "0",
            "x-ratelimit-reset-requests": "60s",
        }
    )
    waited = await limit.acquire(1)
    assert waited.seconds == pytest.approx(1.0)
    assert waited.limit == "provider"


@pytest.mark.anyio
async def test_remaining_tokens_hold_a_larger_request(fake_time: FakeTime) -> None:
    """A request needing more tokens than the provider has left waits for its reset."""
    limit = limiter(fake_time)
    limit.observe({"x-ratelimit-remaining-tokens": "100", "x-ratelimit-reset-tokens": "1m30s"})
    assert (await limit.acquire(50)).seconds == 0.0
    waited = await limit.acquire(80)
    assert waited.seconds == pytest.approx(90.0)


@pytest.mark.anyio
async def test_a_lower_provider_limit_replaces_the_registrys(fake_time: FakeTime) -> None:
    """x-ratelimit-limit-requests below the registry's rpm lowers it; above, it is ignored."""
    limit = limiter(fake_time, rpm=600)
    limit.observe({"x-ratelimit-limit-requests": "6000"})
    assert limit.rpm == 600
    limit.observe({"x-ratelimit-limit-requests": "60"})
    assert limit.rpm == 60
    await limit.acquire(1)
    assert (await limit.acquire(1)).seconds == pytest.approx(1.0)


@pytest.mark.anyio
async def test_pause_holds_every_caller(fake_time: FakeTime) -> None:
    """A 429's Retry-After pauses the model for the next caller too."""
    limit = limiter(fake_time)
    limit.pause_until(5.0)
    waited = await limit.acquire(1)
    assert (waited.seconds, waited.limit) == (5.0, "provider")


@pytest.mark.anyio
async def test_a_cancelled_waiter_gives_its_slot_back() -> None:
    """A caller cancelled while waiting frees its slot for the next one."""
    now = [0.0]

    async def never(_seconds: float) -> None:
        await anyio.sleep_forever()

    limit = RateLimiter(model_id="m", rpm=60, tpm=None, monotonic=lambda: now[0], sleep=never)
    await limit.acquire(1)  # the first goes at once
    with anyio.move_on_after(0):
        await limit.acquire(1)  # booked for 1 s, then cancelled
    now[0] = 1.0
    assert (await limit.acquire(1)).seconds == 0.0


def test_limiters_are_shared_per_model() -> None:
    """One limiter per model id for the whole process."""
    limiters = RateLimiters()
    entry = msgspec.convert(
        {"provider": "openai", "model_id": "m", "max_output_tokens": 1, "rate_limit_rpm": 5},
        ModelEntry,
    )
    assert limiters.for_model(entry) is limiters.for_model(entry)
    assert limiters.for_model(entry).rpm == 5


def test_token_estimate_counts_four_characters_a_token_plus_the_answer() -> None:
    """The tpm estimate: ceil(characters / 4) for the prompt, plus max_tokens."""
    assert estimate_rate_tokens(prompt_chars=401, max_tokens=1000) == 1101
