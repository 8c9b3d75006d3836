"""The live model client: one governed HTTP call per :meth:`LiveClient.complete`.

For each request the client picks the model's API and dialect from the registry, builds
the wire body once, and then, for every attempt the retry policy allows:

1. reserves the call's worst case in the budget ledger (refused: the call is not sent);
2. waits for the model's rate limit (shared by every run in the process), last, so that
   requests leave spaced as the limiter spaced them;
3. sends the request and reads the whole answer inside the response's context, so the
   connection is back in the pool before any retry wait;
4. settles the reservation, also when the attempt fails or is cancelled: to the provider's
   usage for an answer, to nothing for an error status or a connection never made, and to
   the worst case when nobody can know whether the provider billed (a timeout while
   waiting for the answer, a broken or undecodable body);
5. rejects answers that are no use (cut short, refused, empty) only after settling them.

The worst case is an upper bound, never an estimate (:func:`worst_case_usd`). Every step
is reported as a typed event to the observer and logged.
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from typing import Final, NamedTuple

import anyio
import httpx
import msgspec

from clients.live.budget import BudgetLedger, Reservation, SettleBasis
from clients.live.events import (
    AttemptStarted,
    BudgetReserved,
    BudgetSettled,
    CallFailed,
    CallSucceeded,
    Observer,
    RateLimitWaited,
    emit,
    ignore,
)
from clients.live.http import ProviderClients, timeout_for
from clients.live.keys import ApiKey, ApiKeys, BearerAuth
from clients.live.ratelimit import RateLimiters, Wait, estimate_rate_tokens
from clients.live.retry import RetryPolicy, RetryRunner, parse_retry_after
from clients.live.wire import (
    build_body,
    decode_answer,
    encode_body,
    endpoint_path,
    unusable,
    worst_case_usd,
)
from orchestrator.core.calls import ChatRequest, ChatResponse, Role, prompt_hash
from orchestrator.core.clock import Clock, SystemClock
from orchestrator.core.config import ModelEntry, ModelRegistry
from orchestrator.core.errors import ConfigError, PilotError, ProviderCause, ProviderError
from orchestrator.core.redaction import redact

__all__ = ["MAX_RESPONSE_BYTES", "LiveClient"]

MAX_RESPONSE_BYTES: Final = 32 * 1024 * 1024
_SHOWN: Final = 500
# Failures before the request left the machine: the provider cannot have billed them.
_UNSENT: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# The lease outlives the call's own deadline: a live process settles long before it ends.
_LEASE_MARGIN_S: Final = 300.0


class _ErrorDetail(msgspec.Struct, frozen=True, kw_only=True):
    message: str | None = None
    type: str | None = None
    code: str | int | None = None


class _ErrorBody(msgspec.Struct, frozen=True, kw_only=True):
    error: _ErrorDetail | str | None = None


_error_decoder = msgspec.json.Decoder(_ErrorBody)


class _Target(NamedTuple):
    """Everything fixed about one call before its first attempt."""

    model: ModelEntry
    url: str
    key: ApiKey
    client: httpx.AsyncClient
    timeout: httpx.Timeout
    body: bytes
    worst_case_usd: float
    rate_tokens: int
    prompt_hash: str
    call_id: str


class _Sent(NamedTuple):
    status: int
    reason: str
    headers: httpx.Headers
    data: bytes
    latency_ms: int


class LiveClient:
    """A :class:`ModelClient` that calls the providers, for one run.

    ``http``, ``limiters`` and ``ledger`` are the process's (shared by every run);
    ``run_id`` is what the per-run budget limit counts against; ``observer`` is the run's
    and hears everything its calls report, the ledger's alerts included. ``clock`` is the
    wall clock (HTTP-date Retry-After, ledger periods); ``monotonic``, ``sleep`` and
    ``jitter`` drive waits and latency, and tests replace them so that no test waits for
    real.
    """

    def __init__(
        self,
        *,
        registry: ModelRegistry,
        keys: ApiKeys,
        http: ProviderClients,
        limiters: RateLimiters,
        ledger: BudgetLedger,
        run_id: str,
        observer: Observer = ignore,
        policy: RetryPolicy | None = None,
        clock: Clock | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
        jitter: Callable[[], float] = random.random,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        self.registry = registry
        self.keys = keys
        self.http = http
        self.limiters = limiters
        self.ledger = ledger
        self.run_id = run_id
        self.observer = observer
        self.policy = policy or RetryPolicy.from_settings(registry.retry)
        self.clock = clock or SystemClock()
        self.monotonic = monotonic
        self.sleep = sleep
        self.jitter = jitter
        self.max_response_bytes = max_response_bytes

    async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        runner = RetryRunner(
            self.policy,
            observer=self.observer,
            sleep=self.sleep,
            monotonic=self.monotonic,
            jitter=self.jitter,
        )
        attempts = 0
        model_id = request.model
        try:
            # Inside the try: a call refused before its first attempt (no price, no key)
            # is reported like any other failed call.
            target = self._target(request, role)

            async def attempt(number: int) -> ChatResponse:
                nonlocal attempts
                attempts = number
                return await self._attempt(request, target, number)

            response = await runner.run(model_id, attempt)
        except PilotError as exc:
            emit(
                self.observer,
                CallFailed(
                    model_id=model_id,
                    attempts=attempts,
                    error=type(exc).__name__,
                    cause=exc.cause if isinstance(exc, ProviderError) else type(exc).__name__,
                    detail=exc.message,
                ),
            )
            raise
        meta = response.meta
        emit(
            self.observer,
            CallSucceeded(
                model_id=model_id,
                attempts=attempts,
                latency_ms=meta.latency_ms,
                response_id=meta.response_id,
                returned_model=meta.model,
                prompt_tokens=meta.usage.prompt_tokens,
                completion_tokens=meta.usage.completion_tokens,
                cost_usd=meta.cost_usd if isinstance(meta.cost_usd, float) else 0.0,
            ),
        )
        return response

    def _target(self, request: ChatRequest, role: Role) -> _Target:
        model = self.registry.model(request.model)
        provider = self.registry.provider(model)
        key = self.keys.get(provider.api_key_env)
        if key is None:
            raise ConfigError(
                f"no API key for {model.model_id}: {provider.api_key_env} was not loaded "
                "before the run"
            )
        base = httpx.URL(provider.base_url)
        if base.scheme not in ("http", "https") or not base.host:
            raise ConfigError(
                f"model {model.model_id} has base_url {provider.base_url!r}, not an http(s) URL"
            )
        body = encode_body(build_body(request, model))
        digest = prompt_hash(request)
        prompt_chars = sum(len(m.content) for m in request.messages)
        return _Target(
            model=model,
            url=provider.base_url.rstrip("/") + endpoint_path(model),
            key=key,
            client=self.http.for_provider(model.provider),
            timeout=timeout_for(model, self.http.settings),
            body=body,
            # Fails closed (BudgetExhausted) for a model without a price, before any call.
            worst_case_usd=worst_case_usd(request, model, body),
            rate_tokens=estimate_rate_tokens(prompt_chars, request.max_tokens),
            prompt_hash=digest,
            call_id=f"{role}-{digest.removeprefix('sha256:')[:12]}",
        )

    async def _attempt(self, request: ChatRequest, target: _Target, number: int) -> ChatResponse:
        model = target.model
        reservation = await anyio.to_thread.run_sync(self._reserve, target)
        emit(
            self.observer,
            BudgetReserved(
                model_id=model.model_id,
                run_id=self.run_id,
                reservation_id=reservation.reservation_id,
                amount_usd=reservation.amount_usd,
            ),
        )
        # A request that never left (cancelled while queued for the rate limit) costs nothing.
        settle: tuple[float, SettleBasis] = (0.0, "no_charge")
        limiter = self.limiters.for_model(model)
        try:
            # The rate limit's slot is the last wait before sending, so that requests reach
            # the provider spaced as the limiter spaced them.
            await limiter.acquire(target.rate_tokens, before_wait=self._waiting(model))
            emit(
                self.observer,
                AttemptStarted(
                    model_id=model.model_id,
                    attempt=number,
                    prompt_hash=target.prompt_hash,
                    url=target.url,
                ),
            )
            # Until the provider has answered, nobody knows whether it will bill the call.
            settle = (target.worst_case_usd, "worst_case")
            sent = await self._send(target)
            limiter.observe(sent.headers)
            if not 200 <= sent.status <= 299:
                settle = (0.0, "no_charge")
                raise self._status_error(target, sent)
            try:
                decoded = decode_answer(
                    model,
                    sent.data,
                    call_id=target.call_id,
                    latency_ms=sent.latency_ms,
                    registry_id=model.model_id,
                )
            except msgspec.DecodeError as exc:
                raise ProviderError(
                    f"{model.model_id}: HTTP {sent.status} from {target.url} with a body that is "
                    f"not a {model.api} response ({exc})",
                    model_id=model.model_id,
                    status_code=sent.status,
                    cause="malformed_body",
                ) from exc
            usage = decoded.response.meta.usage
            cost = model.cost(usage.prompt_tokens, usage.completion_tokens)
            settle = (cost, "usage")
            problem = unusable(decoded, request, model)
            if problem is not None:
                raise problem
            meta = msgspec.structs.replace(decoded.response.meta, attempts=number, cost_usd=cost)
            return msgspec.structs.replace(decoded.response, meta=meta)
        except ProviderError as exc:
            if isinstance(exc.__cause__, _UNSENT):
                settle = (0.0, "no_charge")
            raise
        finally:
            with anyio.CancelScope(shield=True):
                await self._settle(reservation, *settle)

    def _waiting(self, model: ModelEntry) -> Callable[[Wait], None]:
        def report(wait: Wait) -> None:
            assert wait.limit is not None  # only real waits are reported
            emit(
                self.observer,
                RateLimitWaited(
                    model_id=model.model_id, wait_s=round(wait.seconds, 3), limit=wait.limit
                ),
            )

        return report

    def _reserve(self, target: _Target) -> Reservation:
        return self.ledger.reserve(
            run_id=self.run_id,
            model_id=target.model.model_id,
            amount_usd=target.worst_case_usd,
            lease_s=self.policy.deadline_s + _LEASE_MARGIN_S,
            observer=self.observer,
        )

    async def _settle(self, reservation: Reservation, cost: float, basis: SettleBasis) -> None:
        def settle() -> float:
            return self.ledger.settle(
                reservation, cost_usd=cost, basis=basis, observer=self.observer
            )

        settled = await anyio.to_thread.run_sync(settle)
        emit(
            self.observer,
            BudgetSettled(
                model_id=reservation.model_id,
                run_id=reservation.run_id,
                reservation_id=reservation.reservation_id,
                amount_usd=settled,
                basis=basis,
            ),
        )

    async def _send(self, target: _Target) -> _Sent:
        name = target.model.model_id
        started = self.monotonic()
        try:
            async with target.client.stream(
                "POST",
                target.url,
                content=target.body,
                headers={"content-type": "application/json", "accept": "application/json"},
                auth=BearerAuth(target.key),
                timeout=target.timeout,
            ) as response:
                data = await self._read(response, name)
                latency_ms = round((self.monotonic() - started) * 1000)
                return _Sent(
                    response.status_code, response.reason_phrase, response.headers, data, latency_ms
                )
        except httpx.HTTPError as exc:
            raise _transport_error(name, target, exc) from exc

    async def _read(self, response: httpx.Response, name: str) -> bytes:
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_response_bytes:
                raise ProviderError(
                    f"{name}: the answer is larger than {self.max_response_bytes} bytes",
                    model_id=name,
                    status_code=response.status_code,
                    cause="response_too_large",
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _status_error(self, target: _Target, sent: _Sent) -> ProviderError:
        name = target.model.model_id
        retry_after = parse_retry_after(sent.headers, self.clock.now())
        if sent.status == 429 and retry_after is not None:
            self.limiters.for_model(target.model).pause_until(retry_after)
        said = _provider_message(sent.data, target.key)
        message = f"{name}: HTTP {sent.status} {sent.reason} from {target.url}"
        if said:
            message += f": {said}"
        if sent.status in (401, 403):
            message += f" (check the key in {target.key.env})"
        return ProviderError(
            message,
            model_id=name,
            status_code=sent.status,
            cause="http_status",
            retry_after_s=retry_after,
        )


def _transport_error(name: str, target: _Target, exc: httpx.HTTPError) -> ProviderError:
    """An httpx failure as the ProviderError the retry predicate understands."""
    said = _scrub(str(exc), target.key)
    cause: ProviderCause
    match exc:
        case httpx.TimeoutException():
            kind = {
                httpx.ConnectTimeout: "connect",
                httpx.ReadTimeout: "read",
                httpx.WriteTimeout: "write",
                httpx.PoolTimeout: "connection-pool",
            }.get(type(exc), "network")
            message, cause = f"{kind} timeout talking to {target.url}", "timeout"
        case httpx.ConnectError():
            message, cause = f"cannot connect to {target.url} ({said})", "connect"
        case httpx.DecodingError():
            message, cause = (
                f"the answer from {target.url} cannot be decoded ({said})",
                "malformed_body",
            )
        case _:
            message = f"the connection to {target.url} broke ({type(exc).__name__}: {said})"
            cause = "transport"
    return ProviderError(f"{name}: {message}", model_id=name, cause=cause)


def _provider_message(data: bytes, key: ApiKey) -> str:
    """What the provider said about an error, shortened and scrubbed of secrets."""
    try:
        error = _error_decoder.decode(data).error
    except msgspec.DecodeError:
        error = data.decode("utf-8", "replace").strip() or None
    if isinstance(error, _ErrorDetail):
        error = error.message
    if not error:
        return ""
    text = error if len(error) <= _SHOWN else error[:_SHOWN] + "…"
    return _scrub(text, key)


def _scrub(text: str, key: ApiKey) -> str:
    # Providers echo keys back in masked form; the planted key itself must never pass.
    return redact(text.replace(key.reveal(), "[REDACTED:api_key]"))[0]
