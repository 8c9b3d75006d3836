"""A local OpenAI-compatible provider: live mode end to end without a key or a network.

It serves ``POST /v1/chat/completions`` and ``POST /v1/responses`` (also without ``/v1``,
as DeepSeek's base URL has none) on 127.0.0.1 and answers from a transcript fixture: the
request body is turned back into the canonical request (:func:`rebuild_request`) and
looked up by prompt hash, exactly as replay does; a request with no recording is a 400
naming the hash and the nearest recorded run's differences. Answers come in the shape of
the endpoint asked (a chat completion, or a Responses object).

Like a real provider it insists on an ``Authorization: Bearer <key>`` header (any key:
it is never checked against anything, never logged, never stored), enforces a
requests-per-minute limit (a 429 with ``retry-after-ms`` and ``Retry-After``, and
``x-ratelimit-*`` headers on every answer), and can be told to misbehave: per request
number (:class:`Fault` script) or per request (header ``x-fake-fault: <kind>``) it answers
429, 500, 503, 400, 401 or 404, stalls past any timeout, resets the connection, sends
malformed JSON or a truncated body.

It is built on the standard library's ``http.server`` in a thread rather than a web
framework: it needs no dependency, and it gives direct access to the socket, which the
faults need (an RST, a body shorter than its Content-Length) and frameworks hide.
"""

from __future__ import annotations

import json
import math
import socket
import struct
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Final, Literal, Self, cast, get_args

import msgspec
import structlog

from clients.live.wire import RebuiltRequest, fill_holes, rebuild_request
from clients.replay import request_differences
from clients.transcripts import RecordedRun, Transcript
from orchestrator.core.calls import canonical_request, prompt_hash
from orchestrator.core.config import ModelRegistry

__all__ = [
    "FAULT_HEADER",
    "FakeProvider",
    "Fault",
    "FaultKind",
    "ReceivedRequest",
    "wire_model_ids",
]

log = structlog.get_logger()

FAULT_HEADER: Final = "x-fake-fault"

FaultKind = Literal[
    "429", "500", "503", "400", "401", "404", "slow", "reset", "malformed", "truncated"
]
_FAULT_KINDS: Final = frozenset(get_args(FaultKind))

_ERRORS: Final[dict[int, tuple[str, str]]] = {
    400: ("invalid_request_error", "the fake provider was told to reject this request"),
    401: ("invalid_api_key", "the fake provider was told to reject the API key"),
    404: ("not_found_error", "the fake provider was told that this model does not exist"),
    429: ("rate_limit_exceeded", "rate limit reached for requests"),
    500: ("server_error", "the fake provider was told to fail"),
    503: ("server_error", "the fake provider was told it is overloaded"),
}


class Fault(msgspec.Struct, frozen=True, kw_only=True):
    """One misbehaviour. ``retry_after_s`` adds ``retry-after-ms`` and ``Retry-After``
    (seconds, or an HTTP date when ``http_date``) to an error status."""

    kind: FaultKind
    retry_after_s: float | None = None
    http_date: bool = False


class ReceivedRequest(msgspec.Struct, frozen=True, kw_only=True):
    """A request as received: its number, path and JSON body. Headers are never kept."""

    number: int
    path: str
    body: Any
    status: int


def wire_model_ids(registry: ModelRegistry) -> dict[str, str]:
    """Wire model names to registry ids, to rebuild canonical requests from bodies."""
    return {entry.wire_model: entry.model_id for entry in registry.models.values()}


class _Gcra:
    """The provider's requests-per-minute limit: GCRA, tolerating a burst of ``burst``
    requests, as token-bucket limiters of real providers do (a client's timing jitters)."""

    def __init__(self, rpm: int, burst: int) -> None:
        self.interval = 60.0 / rpm
        self.tolerance = (burst - 1) * self.interval
        self.burst = burst
        self.tat = float("-inf")

    def admit(self, now: float) -> float:
        """0.0 when admitted (and booked), else the seconds until it would be."""
        tat = max(self.tat, now)
        earliest = tat - self.tolerance
        if earliest > now:
            return earliest - now
        self.tat = tat + self.interval
        return 0.0

    def headers(self, rpm: int, now: float) -> dict[str, str]:
        left = max(
            math.floor((now + self.tolerance + self.interval - max(self.tat, now)) / self.interval),
            0,
        )
        full_in = max(self.tat - now, 0.0)
        return {
            "x-ratelimit-limit-requests": str(rpm),
            "x-ratelimit-remaining-requests": str(min(left, self.burst)),
            "x-ratelimit-reset-requests": _duration(full_in),
        }


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{math.ceil(seconds * 1000)}ms"
    return f"{seconds:.3f}s"


class FakeProvider:
    """The server; a context manager that starts it on a free port and stops it.

    ``monotonic`` and ``wall`` are its clocks (tests share a fake clock with the client);
    ``rpm`` and ``burst`` are its rate limit; ``latency_s`` delays every answer; ``faults``
    maps request numbers (from 1) to faults.
    """

    def __init__(
        self,
        transcript: Transcript,
        *,
        model_ids: Mapping[str, str] | None = None,
        rpm: int | None = None,
        burst: int = 5,
        latency_s: float = 0.0,
        faults: Mapping[int, Fault] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        monotonic: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
        stall_s: float = 60.0,
    ) -> None:
        self.transcript = transcript
        self.model_ids = dict(model_ids or {})
        self.rpm = rpm
        self.latency_s = latency_s
        self.faults = dict(faults or {})
        self.monotonic = monotonic
        self.wall = wall
        self.stall_s = stall_s
        self.received: list[ReceivedRequest] = []
        self.rate_limited = 0
        self._limit = _Gcra(rpm, burst) if rpm else None
        self._by_hash = {run.prompt_hash: run for run in transcript.runs}
        self._count = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> None:
        # A short poll interval: stop() waits for the serving loop to notice, up to one poll.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), name="fake-provider", daemon=True
        )
        self._thread.start()
        log.info("fake_provider.started", url=self.base_url, rpm=self.rpm, runs=len(self._by_hash))

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        log.info("fake_provider.stopped", requests=self._count, rate_limited=self.rate_limited)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- what the handler asks ------------------------------------------------------------

    def _next_number(self) -> int:
        with self._lock:
            self._count += 1
            return self._count

    def _record(self, number: int, path: str, body: Any, status: int) -> None:
        with self._lock:
            self.received.append(
                ReceivedRequest(number=number, path=path, body=body, status=status)
            )

    def _admit(self) -> tuple[float, dict[str, str]]:
        if self._limit is None or self.rpm is None:
            return 0.0, {}
        with self._lock:
            now = self.monotonic()
            wait = self._limit.admit(now)
            if wait:
                self.rate_limited += 1
            return wait, self._limit.headers(self.rpm, now)

    def _lookup(self, rebuilt: RebuiltRequest) -> RecordedRun | None:
        if not rebuilt.holes:
            return self._by_hash.get(prompt_hash(rebuilt.request))
        for run in self.transcript.runs:
            if prompt_hash(fill_holes(rebuilt, run.request)) == run.prompt_hash:
                return run
        return None

    def _miss_message(self, rebuilt: RebuiltRequest) -> str:
        runs = self.transcript.runs
        if not runs:
            digest = prompt_hash(rebuilt.request)
            return f"no recorded answer for prompt hash {digest}: the transcript is empty"
        # Holes are filled from each candidate, so that only real differences are named.
        candidates = []
        for run in runs:
            request = fill_holes(rebuilt, run.request)
            candidates.append(
                (request_differences(canonical_request(request), run.request), request, run)
            )
        differences, request, nearest = min(candidates, key=lambda c: len(c[0]))
        return (
            f"no recorded answer for prompt hash {prompt_hash(request)}; the nearest recorded "
            f"run {nearest.run_id!r} differs in {'; '.join(differences) or 'no field'}"
        )


def _handler_for(provider: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(_Handler):
        fake = provider

    return Handler


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-provider/1"
    # Headers and body go out in two writes; with Nagle's algorithm on, the body would wait
    # for the client's delayed ACK (40 ms on Linux) on every answer.
    disable_nagle_algorithm = True
    fake: FakeProvider
    # The request being answered (number, path, body) until it is recorded.
    _pending: tuple[int, str, Any] | None = None

    def log_message(self, format: str, *args: Any) -> None:
        # Request lines carry no secrets, but per-request logging would drown the tests.
        return

    def do_GET(self) -> None:
        self._error(404, "not_found_error", f"no GET endpoint {self.path}")

    def do_POST(self) -> None:
        fake = self.fake
        number = fake._next_number()
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw) if raw else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        self._pending = (number, self.path, body)
        self._note(self._serve(number, body))

    def _note(self, status: int) -> None:
        """Record the request once, before its answer goes out: a client that has read the
        answer must find its request in ``received`` (recording after the write raced it)."""
        if self._pending is not None:
            number, path, body = self._pending
            self._pending = None
            self.fake._record(number, path, body, status)

    def _serve(self, number: int, body: Any) -> int:
        fake = self.fake
        path = self.path.split("?", 1)[0]
        if path.removeprefix("/v1") not in ("/chat/completions", "/responses"):
            return self._error(404, "not_found_error", f"unknown endpoint {path}")
        scheme, _, key = (self.headers.get("authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            return self._error(
                401, "invalid_api_key", "missing Authorization header (expected: Bearer <key>)"
            )
        fault = fake.faults.get(number)
        requested = self.headers.get(FAULT_HEADER)
        if requested in _FAULT_KINDS:
            fault = Fault(kind=cast(FaultKind, requested))
        wait, limit_headers = fake._admit()
        if wait:
            headers = {**limit_headers, **_retry_headers(wait, http_date=False, now=fake.wall())}
            return self._error(
                429, "rate_limit_exceeded", "rate limit reached for requests", headers
            )
        if fault is not None:
            return self._fault(fault, limit_headers)
        if not isinstance(body, dict):
            return self._error(
                400, "invalid_request_error", "the body is not a JSON object", limit_headers
            )
        try:
            rebuilt = rebuild_request(path, body, fake.model_ids)
        except ValueError as exc:
            return self._error(400, "invalid_request_error", str(exc), limit_headers)
        run = fake._lookup(rebuilt)
        if run is None:
            miss = fake._miss_message(rebuilt)
            return self._error(400, "invalid_request_error", miss, limit_headers)
        if fake.latency_s:
            time.sleep(fake.latency_s)
        answer = _responses_object(run) if path.endswith("/responses") else _chat_completion(run)
        return self._json(200, answer, limit_headers)

    # --- faults -------------------------------------------------------------------------

    def _fault(self, fault: Fault, headers: dict[str, str]) -> int:
        kind = fault.kind
        if kind.isdigit():
            status = int(kind)
            if fault.retry_after_s is not None:
                headers = {
                    **headers,
                    **_retry_headers(
                        fault.retry_after_s, http_date=fault.http_date, now=self.fake.wall()
                    ),
                }
            code, message = _ERRORS[status]
            return self._error(status, code, message, headers)
        if kind == "slow":
            # Held until the client gives up (its read timeout) or the server stops.
            self._note(0)
            self.fake._stopping.wait(self.fake.stall_s)
            self.close_connection = True
            return 0
        if kind == "reset":
            # SO_LINGER with a zero timeout turns close() into a TCP RST.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self._note(0)
            self.connection.close()
            self.close_connection = True
            return 0
        if kind == "malformed":
            return self._raw(200, b'{"id": "chatcmpl-broken", "choices": [{"message": ', headers)
        # truncated: a Content-Length the body never reaches, then the connection closes.
        payload = b'{"id": "chatcmpl-cut", "object": "chat.completion", "choices": []}'
        self._note(200)
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload) * 2))
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()
        self.close_connection = True
        return 200

    # --- writing ------------------------------------------------------------------------

    def _error(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> int:
        kind = "invalid_request_error" if status < 500 else "server_error"
        body = {"error": {"message": message, "type": kind, "param": None, "code": code}}
        return self._json(status, body, headers or {})

    def _json(self, status: int, body: Any, headers: Mapping[str, str]) -> int:
        return self._raw(status, json.dumps(body).encode("utf-8"), headers)

    def _raw(self, status: int, payload: bytes, headers: Mapping[str, str]) -> int:
        self._note(status)
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)
        return status


def _retry_headers(seconds: float, *, http_date: bool, now: datetime) -> dict[str, str]:
    if http_date:
        return {"retry-after": format_datetime(now + timedelta(seconds=seconds), usegmt=True)}
    return {
        "retry-after-ms": str(math.ceil(seconds * 1000)),
        "retry-after": str(math.ceil(seconds)),
    }


def _recorded_completion(run: RecordedRun) -> dict[str, Any]:
    completion: dict[str, Any] = msgspec.to_builtins(run.response)
    return completion


def _chat_completion(run: RecordedRun) -> dict[str, Any]:
    return {"object": "chat.completion", **_recorded_completion(run)}


def _responses_object(run: RecordedRun) -> dict[str, Any]:
    """A recorded chat completion in the shape of the Responses API."""
    completion = _recorded_completion(run)
    choice = completion["choices"][0]
    message = choice.get("message", {})
    usage = completion.get("usage", {})
    output: list[dict[str, Any]] = []
    if message.get("reasoning_content"):
        output.append(
            {
                "type": "reasoning",
                "id": f"rs_{run.run_id}",
                "summary": [{"type": "summary_text", "text": message["reasoning_content"]}],
            }
        )
    output.append(
        {
            "type": "message",
            "id": f"msg_{run.run_id}",
            "role": "assistant",
            "status": "completed",
            "content": [
                {"type": "output_text", "text": message.get("content") or "", "annotations": []}
            ],
        }
    )
    finish = choice.get("finish_reason")
    incomplete = {"length": "max_output_tokens", "content_filter": "content_filter"}.get(
        finish or ""
    )
    return {
        "id": completion["id"],
        "object": "response",
        "status": "incomplete" if incomplete else "completed",
        "incomplete_details": {"reason": incomplete} if incomplete else None,
        "model": completion.get("model") or run.model_id,
        "output": output,
        "usage": {
            "input_tokens": usage.get("prompt_tokens", 0),
            "output_tokens": usage.get("completion_tokens", 0),
            "total_tokens": usage.get("total_tokens", 0),
            "input_tokens_details": usage.get("prompt_tokens_details", {"cached_tokens": 0}),
            "output_tokens_details": usage.get(
                "completion_tokens_details", {"reasoning_tokens": 0}
            ),
        },
    }
