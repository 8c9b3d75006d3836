"""The retry layer: what is transient, how long to wait, when to give up and why."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import anyio
import httpx
import pytest
from structlog.testing import capture_logs

from clients.live.events import AttemptFailed, LiveEvent, RetryScheduled
from clients.live.retry import (
    RetryPolicy,
    RetryRunner,
    is_transient,
    parse_duration,
    parse_retry_after,
)
from orchestrator.core.config import RetrySettings
from orchestrator.core.errors import DeadlineExceeded, ProviderError
from tests.clients.conftest import FakeTime

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def status_error(status: int, retry_after: float | None = None) -> ProviderError:
    return ProviderError(
        f"m-1: HTTP {status}",
        model_id="m-1",
        status_code=status,
        cause="http_status",
        retry_after_s=retry_after,
    )


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (status_error(408), True),
        (status_error(409), True),
        (status_error(429), True),
        (status_error(500), True),
        (status_error(503), True),
        (status_error(599), True),
        (status_error(400), False),
        (status_error(401), False),
        (status_error(403), False),
        (status_error(404), False),
        (status_error(422), False),
        (ProviderError("x", model_id="m", cause="connect"), True),
        (ProviderError("x", model_id="m", cause="timeout"), True),
        (ProviderError("x", model_id="m", cause="transport"), True),
        (ProviderError("x", model_id="m", cause="malformed_body"), True),
        (ProviderError("x", model_id="m", cause="finish_reason"), False),
        (ProviderError("x", model_id="m", cause="refusal"), False),
        (ProviderError("x", model_id="m", cause="empty_answer"), False),
        (httpx.ReadTimeout("slow"), True),
        (httpx.ConnectError("refused"), True),
        (httpx.RemoteProtocolError("cut"), True),
        (ValueError("a bug"), False),
    ],
)
def test_is_transient(exc: BaseException, transient: bool) -> None:
    """Connection trouble, timeouts, broken bodies, 408/409/429/5xx retry; the rest never."""
    assert is_transient(exc) is transient


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"retry-after": "Sat, 10 Jan 2026 12:00:30 GMT"}, 30.0),
        ({"retry-after": "Sat, 10 Jan 2026 11:59:00 GMT"}, 0.0),
        ({"retry-after": "soon"}, None),
        ({"retry-after-ms": "inf"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str], seconds: float | None) -> None:
    """retry-after-ms first, then Retry-After in seconds or as an HTTP date from now."""
    assert parse_retry_after(httpx.Headers(headers), NOW) == seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1s", 1.0), ("6m0s", 360.0), ("20ms", 0.02), ("1h2m3.5s", 3723.5), ("0.5", 0.5), ("x", None)],
)
def test_parse_duration(text: str, seconds: float | None) -> None:
    """x-ratelimit-reset-* durations in OpenAI's notation."""
    assert parse_duration(text) == seconds


def test_policy_floor_is_openai_pythons() -> None:
    """Defaults: 3 attempts, 0.5 s doubling to 8 s, less up to a quarter of jitter."""
    policy = RetryPolicy.from_settings(RetrySettings())
    assert policy.attempts == 3
    waits = [policy.backoff(n, jitter=0.0) for n in range(1, 7)]
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert policy.backoff(1, jitter=0.999) == pytest.approx(0.375, abs=0.001)


def test_registry_delay_can_only_slow_it_down() -> None:
    """retry_delay_seconds = 5 starts at 5 s; 0.1 s is raised to the 0.5 s floor."""
    slow = RetryPolicy.from_settings(RetrySettings(retry_delay_seconds=5))
    assert [slow.backoff(n, 0.0) for n in (1, 2, 3)] == [5.0, 8.0, 8.0]
    assert RetryPolicy.from_settings(RetrySettings(retry_delay_seconds=0.1)).initial_wait_s == 0.5


def runner(fake_time: FakeTime, events: list[LiveEvent], deadline: float = 1800) -> RetryRunner:
    return RetryRunner(
        RetryPolicy.from_settings(RetrySettings(call_deadline_seconds=deadline)),
        observer=events.append,
        sleep=fake_time.sleep,
        monotonic=fake_time.monotonic,
        jitter=lambda: 0.0,
    )


def failing(*errors: BaseException) -> tuple[list[int], Callable[[int], Awaitable[str]]]:
    calls: list[int] = []

    async def attempt(number: int) -> str:
        calls.append(number)
        if number <= len(errors):
            raise errors[number - 1]
        return "answer"

    return calls, attempt


@pytest.mark.anyio
async def test_transient_errors_are_retried_with_backoff(fake_time: FakeTime) -> None:
    """Two 503s then an answer: three attempts, waits 0.5 s and 1 s, each reported."""
    events: list[LiveEvent] = []
    calls, attempt = failing(status_error(503), status_error(503))
    with capture_logs() as logs:
        assert await runner(fake_time, events).run("m-1", attempt) == "answer"
    assert calls == [1, 2, 3]
    assert fake_time.sleeps == [0.5, 1.0]
    scheduled = [e for e in events if isinstance(e, RetryScheduled)]
    assert [(e.attempt, e.wait_s, e.status_code) for e in scheduled] == [
        (1, 0.5, 503),
        (2, 1.0, 503),
    ]
    assert [log["event"] for log in logs].count("client.retry_scheduled") == 2


@pytest.mark.anyio
async def test_exhausted_retries_name_the_cause(fake_time: FakeTime) -> None:
    """Three 500s: a ProviderError saying HTTP 500 and how many attempts were made."""
    events: list[LiveEvent] = []
    _, attempt = failing(*(status_error(500) for _ in range(5)))
    with pytest.raises(ProviderError, match=r"HTTP 500; gave up after 3 attempts") as caught:
        await runner(fake_time, events).run("m-1", attempt)
    assert (caught.value.attempts, caught.value.status_code) == (3, 500)
    assert sum(isinstance(e, AttemptFailed) for e in events) == 3


@pytest.mark.anyio
@pytest.mark.parametrize("status", [400, 401, 404])
async def test_client_errors_are_never_retried(fake_time: FakeTime, status: int) -> None:
    """400, 401 and 404 end the call at once, with no wait."""
    calls, attempt = failing(status_error(status))
    with pytest.raises(ProviderError, match=f"HTTP {status}$"):
        await runner(fake_time, []).run("m-1", attempt)
    assert calls == [1]
    assert fake_time.sleeps == []


@pytest.mark.anyio
async def test_retry_after_is_honoured(fake_time: FakeTime) -> None:
    """The provider's Retry-After replaces the backoff."""
    _, attempt = failing(status_error(429, retry_after=7.25))
    await runner(fake_time, []).run("m-1", attempt)
    assert fake_time.sleeps == [7.25]


@pytest.mark.anyio
async def test_retry_after_beyond_the_cap_fails_fast(fake_time: FakeTime) -> None:
    """A Retry-After longer than the cap is not waited for, and the error says so."""
    calls, attempt = failing(status_error(429, retry_after=300))
    with pytest.raises(
        ProviderError, match=r"wait 300 s, more than the retry cap of 120 s"
    ) as caught:
        await runner(fake_time, []).run("m-1", attempt)
    assert caught.value.cause == "retry_after_too_long"
    assert calls == [1]
    assert fake_time.sleeps == []


@pytest.mark.anyio
async def test_a_wait_past_the_deadline_ends_the_call(fake_time: FakeTime) -> None:
    """When the next wait would pass the total deadline, DeadlineExceeded, without waiting."""
    _, attempt = failing(status_error(503, retry_after=8), status_error(503, retry_after=8))
    with pytest.raises(DeadlineExceeded, match=r"8\.0 s more would pass the call deadline of 10 s"):
        await runner(fake_time, [], deadline=10).run("m-1", attempt)
    assert fake_time.sleeps == [8]


@pytest.mark.anyio
async def test_an_attempt_running_at_the_deadline_is_cancelled(fake_time: FakeTime) -> None:
    """An attempt still running when the deadline arrives is cancelled: DeadlineExceeded."""

    async def attempt(number: int) -> str:
        if number == 1:
            raise status_error(503, retry_after=10)
        await anyio.sleep_forever()
        raise AssertionError("unreachable")

    with pytest.raises(DeadlineExceeded, match="attempt 2 was still running"):
        await runner(fake_time, [], deadline=10).run("m-1", attempt)
