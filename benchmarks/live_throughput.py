"""Live-client throughput under a binding rate limit, and the client's cost per call.

The fake provider runs in its own process (its own interpreter, as a real provider would
be), answers the bundled sample's proposer request through the Responses API after
``--latency`` seconds, and enforces ``--rpm`` itself (GCRA with a burst of 5 requests,
429 beyond it). The client spaces requests evenly with no burst at all.

1. **Throughput**: ``--calls`` calls through :class:`LiveClient` from ``--workers``
   concurrent tasks, with the registry's ``rate_limit_rpm`` equal to the provider's, each
   call reserving and settling in a real budget ledger. The limit allows the calls to
   finish no earlier than ``(calls - burst) * 60 / rpm + latency``: the wall time is
   reported against that, with the 429s the provider sent (the client must cause none)
   and the process's peak RSS.
2. **Overhead**: the same request sent one at a time, alternately through
   :class:`LiveClient` and as a raw ``httpx`` POST of the same bytes on the same kind of
   client, against a provider with the same latency and no limit; median per call and the
   ratio. The same is done with no latency, which shows the client's own cost per call.

Run: ``uv run python benchmarks/live_throughput.py`` (about half a minute). The last line
printed is ``wall_over_allowed=<float> provider_429s=<int> overhead_ratio=<float> ...``,
with the machine's load average: the provider and the client share its CPUs, and a
starved provider process sees requests late and bunched, which its limit answers with 429.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anyio
import msgspec

from clients.live.budget import BudgetLedger
from clients.live.client import LiveClient
from clients.live.events import AttemptFailed, LiveEvent
from clients.live.http import ProviderClients
from clients.live.keys import ApiKey
from clients.live.ratelimit import RateLimiters
from clients.live.wire import build_body, encode_body
from clients.transcripts import load_transcript, recorded_request
from orchestrator.core.calls import ChatRequest
from orchestrator.core.clock import SystemClock
from orchestrator.core.config import BudgetConfig, ModelRegistry, load_registry
from orchestrator.core.errors import PilotError

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "fixtures" / "l2_market_outlook_sample.json"
MODEL = "gpt-5.2-pro"
# The provider's burst tolerance: 5 requests, 100 ms at the default rate.
BURST = 5
KEY = {"OPENAI_API_KEY": ApiKey("OPENAI_API_KEY", "sk-benchmark-not-a-real-key-000000")}

_PROVIDER = """
import json, sys
from pathlib import Path
from clients.fake_provider import FakeProvider
from clients.transcripts import load_transcript, recorded_request
import structlog, logging
structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
rpm = int(sys.argv[2]) or None
fake = FakeProvider(load_transcript(Path(sys.argv[1])), rpm=rpm, burst=int(sys.argv[4]),
                    latency_s=float(sys.argv[3]))
fake.start()
print(fake.base_url, flush=True)
sys.stdin.read()
fake.stop()
print(json.dumps({"requests": len(fake.received), "rate_limited": fake.rate_limited}))
"""


class Provider:
    """The fake provider in a subprocess; its statistics when it stops."""

    def __init__(self, rpm: int | None, latency: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _PROVIDER, str(SAMPLE), str(rpm or 0), str(latency), str(BURST)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=PROJECT,
        )
        assert self.process.stdout is not None
        self.base_url = self.process.stdout.readline().strip()
        self.stats: dict[str, int] = {}

    def stop(self) -> dict[str, int]:
        out, _ = self.process.communicate("", timeout=60)
        self.stats = json.loads(out.strip().splitlines()[-1])
        return self.stats


def proposer_request() -> ChatRequest:
    return recorded_request(next(r for r in load_transcript(SAMPLE).runs if r.role == "proposer"))


def registry(base_url: str, rpm: int | None) -> ModelRegistry:
    loaded = load_registry(PROJECT / "config" / "model_registry.toml")
    providers = {
        name: msgspec.structs.replace(entry, base_url=base_url)
        for name, entry in loaded.providers.items()
    }
    model = msgspec.structs.replace(loaded.model(MODEL), rate_limit_rpm=rpm)
    return msgspec.structs.replace(
        loaded, providers=providers, models={**loaded.models, MODEL: model}
    )


def client(
    base_url: str,
    rpm: int | None,
    http: ProviderClients,
    ledger: BudgetLedger,
    events: list[LiveEvent],
) -> LiveClient:
    return LiveClient(
        registry=registry(base_url, rpm),
        keys=KEY,
        http=http,
        limiters=RateLimiters(),
        ledger=ledger,
        run_id="benchmark",
        observer=events.append,
    )


def ledger_in(folder: str) -> BudgetLedger:
    roomy = BudgetConfig(
        daily_cost_limit_usd=1e6, monthly_cost_limit_usd=1e7, per_run_cost_limit_usd=1e6
    )
    return BudgetLedger(Path(folder) / "budget.sqlite3", roomy, clock=SystemClock())


async def throughput(calls: int, workers: int, rpm: int, latency: float) -> dict[str, Any]:
    provider = Provider(rpm, latency)
    events: list[LiveEvent] = []
    request = proposer_request()
    remaining = iter(range(calls))
    with tempfile.TemporaryDirectory() as folder, ledger_in(folder) as ledger:
        async with ProviderClients() as http:
            live = client(provider.base_url, rpm, http, ledger, events)

            failed: list[str] = []

            async def worker() -> None:
                for _ in remaining:
                    try:
                        await live.complete(request, role="proposer")
                    except PilotError as exc:  # counted and shown, not fatal to the run
                        failed.append(exc.message)

            started = time.perf_counter()
            async with anyio.create_task_group() as group:
                for _ in range(workers):
                    group.start_soon(worker)
            wall = time.perf_counter() - started
        settled = ledger.summary().today.settled_usd
    stats = provider.stop()
    allowed = (calls - BURST) * 60 / rpm + latency
    client_429s = sum(isinstance(e, AttemptFailed) and e.status_code == 429 for e in events)
    return {
        "calls": calls,
        "workers": workers,
        "rpm": rpm,
        "latency_s": latency,
        "wall_s": round(wall, 3),
        "allowed_s": round(allowed, 3),
        "wall_over_allowed": round(wall / allowed, 4),
        "provider_requests": stats["requests"],
        "provider_429s": stats["rate_limited"],
        "client_saw_429s": client_429s,
        "failed_calls": len(failed),
        "ledger_settled_usd": round(settled, 6),
    }


async def overhead(calls: int, latency: float) -> dict[str, Any]:
    provider = Provider(None, latency)
    request = proposer_request()
    events: list[LiveEvent] = []
    live_times: list[float] = []
    raw_times: list[float] = []
    with tempfile.TemporaryDirectory() as folder, ledger_in(folder) as ledger:
        async with ProviderClients() as http:
            live = client(provider.base_url, None, http, ledger, events)
            model = live.registry.model(MODEL)
            body = encode_body(build_body(request, model))
            url = provider.base_url + "/responses"
            headers = {
                "content-type": "application/json",
                "authorization": f"Bearer {KEY['OPENAI_API_KEY'].reveal()}",
            }
            raw = http.for_provider("raw")
            for _ in range(10):  # warm both paths: connections, imports, the ledger
                await live.complete(request, role="proposer")
                (await raw.post(url, content=body, headers=headers)).raise_for_status()
            for _ in range(calls):
                started = time.perf_counter()
                await live.complete(request, role="proposer")
                live_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                response = await raw.post(url, content=body, headers=headers)
                response.raise_for_status()
                raw_times.append(time.perf_counter() - started)
    provider.stop()
    live_ms, raw_ms = statistics.median(live_times) * 1e3, statistics.median(raw_times) * 1e3
    return {
        "latency_s": latency,
        "calls": calls,
        "live_ms_median": round(live_ms, 3),
        "raw_httpx_ms_median": round(raw_ms, 3),
        "ratio": round(live_ms / raw_ms, 3),
        "client_cost_ms": round(live_ms - raw_ms, 3),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--rpm", type=int, default=3000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--overhead-calls", type=int, default=200)
    args = parser.parse_args()
    import logging

    import structlog

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    bound = await throughput(args.calls, args.workers, args.rpm, args.latency)
    print(json.dumps({"throughput": bound}))
    with_latency = await overhead(args.overhead_calls, args.latency)
    print(json.dumps({"overhead": with_latency}))
    bare = await overhead(args.overhead_calls, 0.0)
    print(json.dumps({"overhead_no_latency": bare}))
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_rss_mb": round(peak_rss_mb, 1)}))
    print(
        f"wall_over_allowed={bound['wall_over_allowed']} provider_429s={bound['provider_429s']} "
        f"overhead_ratio={with_latency['ratio']} peak_rss_mb={peak_rss_mb:.1f} "
        f"load_average={os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    anyio.run(main)
