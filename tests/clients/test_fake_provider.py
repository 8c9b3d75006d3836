"""The fake provider over real sockets: answers by prompt hash, its rate limit, every fault."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest
from structlog.testing import capture_logs

import clients.fake_provider as fake_provider_module
from clients.fake_provider import FAULT_HEADER, FakeProvider, Fault, FaultKind, wire_model_ids
from clients.live.budget import BudgetLedger
from clients.live.client import LiveClient
from clients.live.events import LiveEvent, RetryScheduled
from clients.live.http import ProviderClients
from clients.live.ratelimit import RateLimiters
from clients.recording import RecordingClient
from clients.replay import ReplayClient
from clients.transcripts import (
    RecordedRun,
    Transcript,
    load_transcript,
    recorded_request,
    write_transcript,
)
from orchestrator.core.calls import Role, prompt_hash
from orchestrator.core.config import ModelRegistry
from orchestrator.core.errors import ProviderError
from tests.clients.conftest import PLANTED_OPENAI_KEY, FakeTime, planted_keys, project_registry
from tests.helpers import SAMPLE

SAMPLE_TRANSCRIPT = load_transcript(SAMPLE)


def run_for(role: Role) -> RecordedRun:
    return next(run for run in SAMPLE_TRANSCRIPT.runs if run.role == role)


@pytest.fixture
def provider(fake_time: FakeTime, request: pytest.FixtureRequest) -> Iterator[FakeProvider]:
    """A fake provider on a free port, on the tests' fake clock; options via indirect params."""
    options: dict[str, Any] = getattr(request, "param", {})
    registry = project_registry()
    with FakeProvider(
        SAMPLE_TRANSCRIPT,
        model_ids=wire_model_ids(registry),
        monotonic=fake_time.monotonic,
        wall=fake_time.now,
        **options,
    ) as fake:
        yield fake


@pytest.fixture
async def http() -> AsyncIterator[ProviderClients]:
    """Real HTTP clients for the test, closed after it."""
    async with ProviderClients() as clients:
        yield clients


def live(
    fake: FakeProvider,
    fake_time: FakeTime,
    ledger: BudgetLedger,
    http: ProviderClients,
    events: list[LiveEvent] | None = None,
    registry: ModelRegistry | None = None,
) -> LiveClient:
    return LiveClient(
        registry=registry or project_registry(fake.base_url),
        keys=planted_keys(),
        http=http,
        limiters=RateLimiters(monotonic=fake_time.monotonic, sleep=fake_time.sleep),
        ledger=ledger,
        run_id="L2-fake",
        observer=events.append if events is not None else lambda _e: None,
        clock=fake_time,
        monotonic=fake_time.monotonic,
        sleep=fake_time.sleep,
        jitter=lambda: 0.0,
    )


@pytest.mark.anyio
@pytest.mark.parametrize("role", ["proposer", "critic"])
async def test_answers_as_replay_does(
    provider: FakeProvider,
    fake_time: FakeTime,
    ledger: BudgetLedger,
    http: ProviderClients,
    role: Role,
) -> None:
    """Through the Responses API (proposer) and DeepSeek (critic): replay's answer."""
    request = recorded_request(run_for(role))
    answer = await live(provider, fake_time, ledger, http).complete(request, role=role)
    replayed = ReplayClient(SAMPLE_TRANSCRIPT).lookup(request, role=role)
    assert answer.content == replayed.content
    assert (answer.meta.response_id, answer.meta.usage.prompt_tokens) == (
        replayed.meta.response_id,
        replayed.meta.usage.prompt_tokens,
    )
    path = provider.received[0].path
    assert path == ("/v1/responses" if role == "proposer" else "/v1/chat/completions")


@pytest.mark.anyio
async def test_a_request_is_recorded_before_its_answer_goes_out(
    provider: FakeProvider,
    fake_time: FakeTime,
    ledger: BudgetLedger,
    http: ProviderClients,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A client that has read an answer finds its request in ``received`` (no race)."""
    seen_at_send: list[int] = []
    send = fake_provider_module._Handler.send_response

    def counting(handler: Any, code: int, message: str | None = None) -> None:
        seen_at_send.append(len(provider.received))
        send(handler, code, message)

    monkeypatch.setattr(fake_provider_module._Handler, "send_response", counting)
    await live(provider, fake_time, ledger, http).complete(
        recorded_request(run_for("critic")), role="critic"
    )
    assert seen_at_send == [1]
    assert [r.status for r in provider.received] == [200]


@pytest.mark.anyio
async def test_a_request_without_recording_is_a_400_naming_the_hash(
    provider: FakeProvider, fake_time: FakeTime, ledger: BudgetLedger, http: ProviderClients
) -> None:
    """An unrecorded request: a 400 naming its prompt hash and the nearest run, never retried."""
    request = msgspec.structs.replace(recorded_request(run_for("proposer")), max_tokens=77)
    with pytest.raises(ProviderError, match=f"HTTP 400 .*{prompt_hash(request)}.*max_tokens"):
        await live(provider, fake_time, ledger, http).complete(request, role="proposer")
    assert len(provider.received) == 1


RETRIED = [
    (Fault(kind="500"), "http_status"),
    (Fault(kind="503"), "http_status"),
    (Fault(kind="429"), "http_status"),
    (Fault(kind="reset"), "transport"),
    (Fault(kind="malformed"), "malformed_body"),
    (Fault(kind="truncated"), "transport"),
]


@pytest.mark.anyio
@pytest.mark.parametrize(("fault", "cause"), RETRIED, ids=[f.kind for f, _ in RETRIED])
async def test_transient_faults_are_retried(
    fake_time: FakeTime, ledger: BudgetLedger, http: ProviderClients, fault: Fault, cause: str
) -> None:
    """One transient fault, then the answer: two requests, one backoff wait, one report."""
    events: list[LiveEvent] = []
    registry = project_registry()
    with FakeProvider(
        SAMPLE_TRANSCRIPT,
        model_ids=wire_model_ids(registry),
        faults={1: fault},
        monotonic=fake_time.monotonic,
    ) as fake:
        client = live(fake, fake_time, ledger, http, events)
        answer = await client.complete(recorded_request(run_for("proposer")), role="proposer")
    assert answer.meta.attempts == 2
    assert [r.number for r in fake.received] == [1, 2]
    scheduled = [e for e in events if isinstance(e, RetryScheduled)]
    # The shipped registry's retry_delay_seconds is 5: the first backoff.
    assert [(e.cause, e.wait_s) for e in scheduled] == [(cause, 5.0)]


@pytest.mark.anyio
async def test_slow_beyond_the_read_timeout_is_retried(
    fake_time: FakeTime, ledger: BudgetLedger, http: ProviderClients
) -> None:
    """A provider that stalls past the model's read timeout is given up on and retried."""
    registry = project_registry()
    with FakeProvider(
        SAMPLE_TRANSCRIPT, model_ids=wire_model_ids(registry), faults={1: Fault(kind="slow")}
    ) as fake:
        registry = project_registry(fake.base_url)
        quick = msgspec.structs.replace(registry.model("gpt-5.2-pro"), read_timeout_s=0.05)
        registry = msgspec.structs.replace(
            registry, models={**registry.models, "gpt-5.2-pro": quick}
        )
        events: list[LiveEvent] = []
        client = live(fake, fake_time, ledger, http, events, registry=registry)
        answer = await client.complete(recorded_request(run_for("proposer")), role="proposer")
    assert answer.meta.attempts == 2
    assert [e.cause for e in events if isinstance(e, RetryScheduled)] == ["timeout"]


@pytest.mark.anyio
@pytest.mark.parametrize("status", [400, 401, 404])
async def test_client_errors_are_never_retried(
    fake_time: FakeTime, ledger: BudgetLedger, http: ProviderClients, status: int
) -> None:
    """400, 401 and 404 fail at once: one request, the status in the error, no wait."""
    kinds: dict[int, FaultKind] = {400: "400", 401: "401", 404: "404"}
    with (
        FakeProvider(
            SAMPLE_TRANSCRIPT,
            model_ids=wire_model_ids(project_registry()),
            faults={1: Fault(kind=kinds[status])},
        ) as fake,
        pytest.raises(ProviderError, match=f"HTTP {status} ") as caught,
    ):
        await live(fake, fake_time, ledger, http).complete(
            recorded_request(run_for("proposer")), role="proposer"
        )
    assert caught.value.status_code == status
    assert len(fake.received) == 1
    assert fake_time.sleeps == []


@pytest.mark.anyio
async def test_exhausted_retries_end_in_a_provider_error(
    fake_time: FakeTime, ledger: BudgetLedger, http: ProviderClients
) -> None:
    """Three 503s: three requests, then a ProviderError saying so."""
    faults = {n: Fault(kind="503") for n in (1, 2, 3)}
    with (
        FakeProvider(
            SAMPLE_TRANSCRIPT, faults=faults, model_ids=wire_model_ids(project_registry())
        ) as fake,
        pytest.raises(ProviderError, match=r"HTTP 503 .*gave up after 3 attempts"),
    ):
        await live(fake, fake_time, ledger, http).complete(
            recorded_request(run_for("proposer")), role="proposer"
        )
    assert len(fake.received) == 3
    assert fake_time.sleeps == [5.0, 8.0]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("fault", "wait"),
    [
        (Fault(kind="429", retry_after_s=2.5), 2.5),
        (Fault(kind="503", retry_after_s=4), 4.0),
        (Fault(kind="429", retry_after_s=30, http_date=True), 30.0),
    ],
    ids=["retry-after-ms", "503-retry-after", "http-date"],
)
async def test_waits_honour_the_providers_headers(
    fake_time: FakeTime, ledger: BudgetLedger, http: ProviderClients, fault: Fault, wait: float
) -> None:
    """retry-after-ms, Retry-After in seconds or as an HTTP date: waited exactly."""
    with FakeProvider(
        SAMPLE_TRANSCRIPT,
        faults={1: fault},
        model_ids=wire_model_ids(project_registry()),
        monotonic=fake_time.monotonic,
        wall=fake_time.now,
    ) as fake:
        await live(fake, fake_time, ledger, http).complete(
            recorded_request(run_for("proposer")), role="proposer"
        )
    assert fake_time.sleeps == [wait]


@pytest.mark.anyio
async def test_rpm_limit_answers_429_with_both_headers() -> None:
    """Past its rpm the provider answers 429 with retry-after-ms and Retry-After."""
    with FakeProvider(SAMPLE_TRANSCRIPT, rpm=60, burst=1, monotonic=lambda: 0.0) as limited:
        async with httpx.AsyncClient(base_url=limited.base_url) as http:
            headers = {"authorization": "Bearer sk-anything"}
            first = await http.post("/chat/completions", json={}, headers=headers)
            second = await http.post("/chat/completions", json={}, headers=headers)
    assert first.status_code == 400  # admitted; its empty body is then rejected
    assert first.headers["x-ratelimit-limit-requests"] == "60"
    assert second.status_code == 429
    assert (second.headers["retry-after-ms"], second.headers["retry-after"]) == ("1000", "1")
    assert limited.rate_limited == 1


@pytest.mark.anyio
async def test_the_client_paces_itself_under_the_providers_limit(
    fake_time: FakeTime, ledger: BudgetLedger, http: ProviderClients
) -> None:
    """Registry rpm equal to the provider's: ten calls, zero 429s, spaced at the limit."""
    registry = project_registry()
    with FakeProvider(
        SAMPLE_TRANSCRIPT,
        rpm=500,
        model_ids=wire_model_ids(registry),
        monotonic=fake_time.monotonic,
    ) as fake:
        client = live(fake, fake_time, ledger, http)
        for _ in range(10):
            await client.complete(recorded_request(run_for("proposer")), role="proposer")
    assert fake.rate_limited == 0
    assert fake_time.t - 1000.0 == pytest.approx(9 * 60 / 500)


@pytest.mark.anyio
async def test_authorization_is_required_and_never_kept(provider: FakeProvider) -> None:
    """No Bearer header: 401. With one: nothing of it in logs or in what the fake keeps."""
    async with httpx.AsyncClient(base_url=provider.base_url) as http:
        missing = await http.post("/responses", json={})
        with capture_logs() as logs:
            await http.post(
                "/responses",
                json={},
                headers={"authorization": f"Bearer {PLANTED_OPENAI_KEY}", FAULT_HEADER: "503"},
            )
    assert missing.status_code == 401
    assert "Bearer" in missing.json()["error"]["message"]
    kept = msgspec.json.encode(provider.received).decode() + repr(logs)
    assert PLANTED_OPENAI_KEY not in kept
    assert [r.status for r in provider.received] == [401, 503]


@pytest.mark.anyio
async def test_a_fault_can_be_asked_for_by_header(provider: FakeProvider) -> None:
    """x-fake-fault: <kind> makes one request misbehave, for trying things by hand."""
    async with httpx.AsyncClient(base_url=provider.base_url) as http:
        response = await http.post(
            "/chat/completions", json={}, headers={"authorization": "Bearer k", FAULT_HEADER: "404"}
        )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found_error"


def test_unknown_endpoint_is_404(provider: FakeProvider) -> None:
    """Only the chat and responses endpoints exist."""
    response = httpx.post(
        f"{provider.base_url}/embeddings", json={}, headers={"authorization": "Bearer k"}
    )
    assert response.status_code == 404


def test_record_then_serve_a_transcript_of_its_own(tmp_path: Path) -> None:
    """Any transcript serves: runs are indexed by the prompt hash they were recorded under."""
    transcript = Transcript(
        transcript_id="empty", recorded_at="2026-01-10T12:00:00+00:00", scenario="s", runs=()
    )
    with FakeProvider(transcript) as fake:
        response = httpx.post(
            f"{fake.base_url}/chat/completions",
            json={"model": "m", "messages": [], "max_completion_tokens": 5},
            headers={"authorization": "Bearer k"},
        )
    assert response.status_code == 400
    assert "the transcript is empty" in response.json()["error"]["message"]


@pytest.mark.anyio
async def test_recorded_live_answers_replay_the_same(
    provider: FakeProvider,
    fake_time: FakeTime,
    ledger: BudgetLedger,
    http: ProviderClients,
    tmp_path: Path,
) -> None:
    """Record live calls, write the fixture, replay it: same content, ids and usage."""
    recorder = RecordingClient(live(provider, fake_time, ledger, http), clock=fake_time)
    roles: tuple[Role, ...] = ("proposer", "critic")
    recorded = [
        (role, await recorder.complete(recorded_request(run_for(role)), role=role))
        for role in roles
    ]
    fixture = tmp_path / "recorded.json"
    write_transcript(fixture, recorder.transcript(transcript_id="rec", scenario="s"))
    replay = ReplayClient(load_transcript(fixture))
    for role, answer in recorded:
        replayed = await replay.complete(recorded_request(run_for(role)), role=role)
        assert replayed.content == answer.content
        assert replayed.meta.usage == answer.meta.usage
        assert replayed.meta.response_id == answer.meta.response_id
