"""The live client over httpx.MockTransport: what it records, spends, retries and hides."""

from __future__ import annotations

import pickle
import traceback
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import anyio
import httpx
import msgspec
import pytest
from structlog.testing import capture_logs

from clients.live.budget import BudgetLedger
from clients.live.client import LiveClient
from clients.live.events import (
    BudgetSettled,
    CallFailed,
    CallSucceeded,
    LiveEvent,
    RateLimitWaited,
)
from clients.live.http import ProviderClients
from clients.live.keys import ApiKey, load_api_keys
from clients.live.ratelimit import RateLimiters
from clients.live.retry import RetryPolicy
from clients.recording import RecordingClient
from orchestrator.core.calls import ChatMessage, ChatRequest
from orchestrator.core.canonical import encode_pretty
from orchestrator.core.config import BudgetConfig, ModelRegistry, RetrySettings
from orchestrator.core.errors import BudgetExhausted, ConfigError, PilotError, ProviderError
from tests.clients.conftest import (
    PLANTED_DEEPSEEK_KEY,
    PLANTED_OPENAI_KEY,
    FakeTime,
    chat_completion,
    planted_keys,
    project_registry,
)

Handler = Callable[[httpx.Request], httpx.Response]


def ask(model: str = "gpt-5.2", max_tokens: int = 1000) -> ChatRequest:
    return ChatRequest(
        model=model,
        messages=(
            ChatMessage(role="system", content="You advise; answer with JSON."),
            ChatMessage(role="user", content="The outlook, please."),
        ),
        temperature=0.2,
        max_tokens=max_tokens,
    )


def client(
    handler: Handler,
    fake_time: FakeTime,
    ledger: BudgetLedger,
    events: list[LiveEvent] | None = None,
    registry: ModelRegistry | None = None,
    **options: Any,
) -> LiveClient:
    settings: dict[str, Any] = {
        "observer": events.append if events is not None else lambda _e: None,
        "clock": fake_time,
        "monotonic": fake_time.monotonic,
        "sleep": fake_time.sleep,
        "jitter": lambda: 0.0,
        **options,
    }
    return LiveClient(
        registry=registry or project_registry(),
        keys=planted_keys(),
        http=ProviderClients(transport=httpx.MockTransport(handler)),
        limiters=RateLimiters(monotonic=fake_time.monotonic, sleep=fake_time.sleep),
        ledger=ledger,
        run_id="L2-test",
        **settings,
    )


def answering(*responses: httpx.Response | Exception) -> tuple[list[httpx.Request], Handler]:
    """A handler giving these responses (or raising these errors) in turn."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        outcome = responses[min(len(seen), len(responses)) - 1]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return seen, handler


def ok(**changes: Any) -> httpx.Response:
    return httpx.Response(200, json=chat_completion(**changes))


@pytest.mark.anyio
async def test_an_answer_records_what_the_provider_said(
    fake_time: FakeTime, ledger: BudgetLedger
) -> None:
    """Returned model, id, fingerprint, usage details, attempts and the settled cost."""
    events: list[LiveEvent] = []
    seen, handler = answering(ok())
    response = await client(handler, fake_time, ledger, events).complete(ask(), role="proposer")
    meta = response.meta
    assert (meta.model, meta.response_id, meta.system_fingerprint) == (
        "gpt-5.2-2026-01-01",
        "chatcmpl-1",
        "fp_1",
    )
    assert (meta.usage.cached_tokens, meta.usage.reasoning_tokens) == (200, 300)
    assert meta.attempts == 1
    assert meta.cost_usd == pytest.approx(1000 / 1000 * 0.010 + 500 / 1000 * 0.040)
    assert meta.call_id.startswith("proposer-")
    assert seen[0].url == "https://api.openai.com/v1/chat/completions"
    assert seen[0].headers["authorization"] == f"Bearer {PLANTED_OPENAI_KEY}"
    assert ledger.summary().today.settled_usd == meta.cost_usd
    assert isinstance(events[-1], CallSucceeded)


@pytest.mark.anyio
async def test_the_responses_model_is_called_on_its_endpoint(
    fake_time: FakeTime, ledger: BudgetLedger
) -> None:
    """gpt-5.2-pro goes to /responses with max_output_tokens and no temperature."""
    answer = {
        "id": "resp_1",
        "status": "completed",
        "model": "gpt-5.2-pro",
        "output": [{"type": "message", "content": [{"type": "output_text", "text": "{}"}]}],
        "usage": {"input_tokens": 10, "output_tokens": 5, "total_tokens": 15},
    }
    seen, handler = answering(httpx.Response(200, json=answer))
    response = await client(handler, fake_time, ledger).complete(
        ask("gpt-5.2-pro"), role="proposer"
    )
    assert response.content == "{}"
    body = msgspec.json.decode(seen[0].content)
    assert seen[0].url.path == "/v1/responses"
    assert (body["max_output_tokens"], "temperature" in body) == (1000, False)


class TrackedStream(httpx.AsyncByteStream):
    """A response body that remembers whether it was closed."""

    open_streams = 0

    def __init__(self, data: bytes) -> None:
        self.data = data
        TrackedStream.open_streams += 1

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data

    async def aclose(self) -> None:
        TrackedStream.open_streams -= 1


@pytest.mark.anyio
async def test_the_connection_is_released_before_each_wait(
    fake_time: FakeTime, ledger: BudgetLedger
) -> None:
    """Every response is closed before the retry sleeps, and the answer's before returning."""
    TrackedStream.open_streams = 0
    statuses = iter([503, 502, 200])
    waits_with_open_streams: list[int] = []

    def handler(_request: httpx.Request) -> httpx.Response:
        status = next(statuses)
        body = msgspec.json.encode(chat_completion() if status == 200 else {"error": "busy"})
        return httpx.Response(status, stream=TrackedStream(body))

    async def sleep(seconds: float) -> None:
        waits_with_open_streams.append(TrackedStream.open_streams)
        await fake_time.sleep(seconds)

    live = client(handler, fake_time, ledger, sleep=sleep)
    await live.complete(ask(), role="proposer")
    assert waits_with_open_streams == [0, 0]
    assert TrackedStream.open_streams == 0


@pytest.mark.anyio
async def test_each_attempt_is_settled_by_what_can_be_known(
    fake_time: FakeTime, ledger: BudgetLedger
) -> None:
    """An error status costs nothing, an unreadable answer its worst case, an answer its usage."""
    events: list[LiveEvent] = []
    _, handler = answering(
        httpx.Response(503, json={"error": {"message": "overloaded"}}),
        httpx.Response(200, content=b'{"id": "x", "choices": ['),
        httpx.ConnectError("refused"),
        ok(),
    )
    policy = RetryPolicy.from_settings(RetrySettings(max_retries_per_model=3))
    await client(handler, fake_time, ledger, events, policy=policy).complete(ask(), role="proposer")
    settled = [(e.basis, e.amount_usd) for e in events if isinstance(e, BudgetSettled)]
    assert [basis for basis, _ in settled] == ["no_charge", "worst_case", "no_charge", "usage"]
    assert settled[0][1] == 0.0
    assert settled[1][1] > settled[3][1] > 0.0
    assert ledger.summary().today.committed_usd == pytest.approx(settled[1][1] + settled[3][1])


@pytest.mark.anyio
async def test_exhausted_retries_report_the_last_cause(
    fake_time: FakeTime, ledger: BudgetLedger
) -> None:
    """Three read timeouts: a ProviderError naming the timeout and the attempts, and an event."""
    events: list[LiveEvent] = []
    seen, handler = answering(httpx.ReadTimeout("slow"))
    with pytest.raises(ProviderError, match=r"read timeout .*gave up after 3 attempts") as caught:
        await client(handler, fake_time, ledger, events).complete(ask(), role="proposer")
    assert (len(seen), caught.value.cause) == (3, "timeout")
    failed = events[-1]
    assert isinstance(failed, CallFailed)
    assert (failed.attempts, failed.cause) == (3, "timeout")


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("status", "said"), [(400, "bad request"), (401, "wrong key"), (404, "no such model")]
)
async def test_client_errors_are_final_and_quote_the_provider(
    fake_time: FakeTime, ledger: BudgetLedger, status: int, said: str
) -> None:
    """400/401/404: one request, and the error quotes the provider's message."""
    seen, handler = answering(httpx.Response(status, json={"error": {"message": said}}))
    with pytest.raises(ProviderError, match=f"HTTP {status} .*: {said}") as caught:
        await client(handler, fake_time, ledger).complete(ask(), role="proposer")
    assert len(seen) == 1
    assert caught.value.status_code == status


@pytest.mark.anyio
async def test_unusable_answer_is_settled_then_refused(
    fake_time: FakeTime, ledger: BudgetLedger
) -> None:
    """An answer cut short is paid for (its usage) and then fails, without a retry."""
    seen, handler = answering(
        ok(choices=[{"finish_reason": "length", "message": {"content": '{"outp'}}])
    )
    with pytest.raises(ProviderError, match="finish_reason 'length'"):
        await client(handler, fake_time, ledger).complete(ask(), role="proposer")
    assert len(seen) == 1
    assert ledger.summary().today.settled_usd > 0


@pytest.mark.anyio
async def test_a_budget_refusal_sends_nothing(fake_time: FakeTime, tmp_path: Path) -> None:
    """When the worst case does not fit the budget, no request leaves the machine."""
    tight = BudgetConfig(
        daily_cost_limit_usd=0.01, monthly_cost_limit_usd=1.0, per_run_cost_limit_usd=1.0
    )
    seen, handler = answering(ok())
    with (
        BudgetLedger(tmp_path / "b.sqlite3", tight, clock=fake_time) as ledger,
        pytest.raises(BudgetExhausted, match="daily limit"),
    ):
        await client(handler, fake_time, ledger).complete(ask(), role="proposer")
    assert seen == []


@pytest.mark.anyio
async def test_a_model_without_a_price_is_never_called(
    fake_time: FakeTime, ledger: BudgetLedger
) -> None:
    """No price, no call: BudgetExhausted before any request."""
    registry = project_registry()
    free = msgspec.structs.replace(registry.model("gpt-5.2"), cost_per_1k_output=None)
    registry = msgspec.structs.replace(registry, models={**registry.models, "gpt-5.2": free})
    seen, handler = answering(ok())
    events: list[LiveEvent] = []
    live = client(handler, fake_time, ledger, events, registry=registry)
    with pytest.raises(BudgetExhausted, match="no price"):
        await live.complete(ask(), role="critic")
    assert seen == []
    assert [(type(e).__name__, getattr(e, "attempts", None)) for e in events] == [("CallFailed", 0)]


@pytest.mark.anyio
async def test_an_oversized_answer_is_not_read(fake_time: FakeTime, ledger: BudgetLedger) -> None:
    """An answer beyond the size cap fails without being read to the end."""
    _, handler = answering(ok(content="x" * 5000))
    live = client(handler, fake_time, ledger, max_response_bytes=1024)
    with pytest.raises(ProviderError, match="larger than 1024 bytes") as caught:
        await live.complete(ask(), role="proposer")
    assert caught.value.cause == "response_too_large"


def test_missing_keys_are_named_before_any_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every missing key variable is named, with the models that need it."""
    registry = project_registry()
    with pytest.raises(ConfigError, match=r"set OPENAI_API_KEY \(for gpt-5.2-pro\) and DEEPSEEK"):
        load_api_keys(registry, ["gpt-5.2-pro", "deepseek-r1"], {"OPENAI_API_KEY": "  "})


def test_a_key_never_shows_itself() -> None:
    """repr and str name the variable only; pickling is refused."""
    key = ApiKey("OPENAI_API_KEY", PLANTED_OPENAI_KEY)
    assert PLANTED_OPENAI_KEY not in repr(key) + str(key) + repr({"k": key})
    with pytest.raises(TypeError, match="never pickled"):
        pickle.dumps(key)


def test_a_base_url_that_is_not_http_is_a_config_error(
    fake_time: FakeTime, ledger: BudgetLedger
) -> None:
    """A provider URL without http(s) is refused before anything is sent."""
    registry = project_registry("ftp://example.com/v1")
    _, handler = answering(ok())
    with pytest.raises(ConfigError, match="not an http"):
        client(handler, fake_time, ledger, registry=registry)._target(ask(), "proposer")


def _leaks(text: str) -> list[str]:
    return [key for key in (PLANTED_OPENAI_KEY, PLANTED_DEEPSEEK_KEY) if key in text]


@pytest.mark.anyio
async def test_a_planted_key_appears_nowhere(
    fake_time: FakeTime, ledger: BudgetLedger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys from the environment never reach errors, tracebacks, logs, events or recordings."""
    monkeypatch.setenv("OPENAI_API_KEY", PLANTED_OPENAI_KEY)
    monkeypatch.setenv("DEEPSEEK_API_KEY", PLANTED_DEEPSEEK_KEY)
    keys = load_api_keys(project_registry(), ["gpt-5.2", "deepseek-r1"])
    echo = f"Incorrect API key provided: {PLANTED_OPENAI_KEY}. Find your key at https://..."
    outcomes: list[httpx.Response | Exception] = [
        httpx.Response(401, json={"error": {"message": echo}}),
        httpx.ConnectError("[Errno 111] Connection refused"),
        httpx.Response(200, content=b"{not json"),
        ok(content=f'{{"note": "the key is {PLANTED_OPENAI_KEY}"}}'),
    ]
    events: list[LiveEvent] = []
    texts: list[str] = []
    with capture_logs() as logs:
        for outcome in outcomes:
            _, handler = answering(outcome)
            live = client(handler, fake_time, ledger, events)
            live.keys = keys
            recorder = RecordingClient(live, clock=fake_time)
            try:
                await recorder.complete(ask(), role="proposer")
            except PilotError as exc:
                texts.append("".join(traceback.format_exception(exc)))
            texts.append(
                encode_pretty(recorder.transcript(transcript_id="t", scenario="s")).decode()
            )
            texts.append(repr(live.__dict__))
    texts += [repr(log) for log in logs]
    texts += [msgspec.json.encode(event).decode() for event in events]
    assert texts
    assert [leak for text in texts for leak in _leaks(text)] == []


@pytest.mark.anyio
async def test_a_rate_limit_wait_is_reported_before_it_starts(
    fake_time: FakeTime, ledger: BudgetLedger
) -> None:
    """At 1,000 rpm the second call waits 60 ms, and says so before its attempt starts."""
    events: list[LiveEvent] = []
    _, handler = answering(ok())
    live = client(handler, fake_time, ledger, events)
    for _ in range(2):
        await live.complete(ask(), role="proposer")
    kinds = [type(e).__name__ for e in events]
    waited = next(e for e in events if isinstance(e, RateLimitWaited))
    assert (waited.wait_s, waited.limit) == (0.06, "rpm")
    assert kinds.index("RateLimitWaited") < len(kinds) - 1 - kinds[::-1].index("AttemptStarted")


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("where", "basis"), [("rate limit", "no_charge"), ("answer", "worst_case")]
)
async def test_cancellation_settles_what_may_have_been_spent(
    fake_time: FakeTime, ledger: BudgetLedger, where: str, basis: str
) -> None:
    """Cancelled in the rate limit's queue: nothing was sent. Waiting for the answer: worst case."""
    events: list[LiveEvent] = []
    waiting = anyio.Event()

    async def hang(_seconds: float) -> None:
        waiting.set()
        await anyio.sleep_forever()

    class Hanging(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            waiting.set()
            await anyio.sleep_forever()
            raise AssertionError("unreachable")

    live = client(lambda _r: httpx.Response(200), fake_time, ledger, events)
    if where == "rate limit":
        live.limiters = RateLimiters(monotonic=fake_time.monotonic, sleep=hang)
        live.limiters.for_model(live.registry.model("gpt-5.2")).pause_until(5.0)
    else:
        live.http = ProviderClients(transport=Hanging())

    async def call() -> None:
        await live.complete(ask(), role="proposer")

    async with anyio.create_task_group() as group:
        group.start_soon(call)
        await waiting.wait()
        group.cancel_scope.cancel()
    settled = [e for e in events if isinstance(e, BudgetSettled)]
    assert [e.basis for e in settled] == [basis]
    assert ledger.summary().unsettled == ()
