"""Live batches in-process: every run of the drift suite against fake providers on 127.0.0.1,
on one live session (HTTP clients, rate limiters, budget ledger), each pack with its calls."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest

from clients.fake_provider import FakeProvider
from clients.live.budget import BudgetLedger
from clients.live.http import ProviderClients
from clients.live.ratelimit import RateLimiters
from orchestrator.batch import BatchOptions, BatchResult, BatchRun, prepare_batch
from orchestrator.batch.live import batch_banner, batch_cost, run_live_batch
from orchestrator.core.clock import SystemClock
from orchestrator.core.config import load_config
from orchestrator.evidence.verify import verify_pack
from orchestrator.runtime.preflight import cost_bounds
from orchestrator.runtime.run import RunOptions
from tests.fake_providers import no_wait
from tests.orchestrator.batch.factories import ENTRIES, SUITE

pytestmark = pytest.mark.anyio


class Opened:
    """Counts the HTTP clients the runs open: sessions (ProviderClients) and the
    ``httpx.AsyncClient`` each makes."""

    def __init__(self) -> None:
        self.sessions = 0
        self.clients = 0


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Opened:
    counts = Opened()

    class Counted(ProviderClients):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            counts.sessions += 1

        def _new_client(self) -> httpx.AsyncClient:
            counts.clients += 1
            return super()._new_client()

    monkeypatch.setattr("orchestrator.runtime.live.ProviderClients", Counted)
    return counts


def options(config_dir: Path, tmp_path: Path, **changes: Any) -> BatchOptions:
    run = RunOptions(
        mode="live", allow_network=True, config_dir=config_dir, state_dir=tmp_path / "state"
    )
    return BatchOptions(**{"suite": SUITE, "out": tmp_path / "out", "run": run, **changes})


def events(pack: Path) -> list[dict[str, Any]]:
    lines = (pack / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["event"] for line in lines]


def calls(pack: Path, kind: str) -> list[dict[str, Any]]:
    """The client events of ``kind`` (``budget.settled``, ...) a pack recorded."""
    return [e["call"] for e in events(pack) if e["type"] == "call" and e["call"]["event"] == kind]


def pack_of(tmp_path: Path, run: BatchRun) -> Path:
    assert run.pack is not None  # every run of these batches writes its pack
    return tmp_path / "out" / run.pack


def ledger(tmp_path: Path, config_dir: Path) -> BudgetLedger:
    budget = load_config(config_dir).registry.budget
    return BudgetLedger.in_state_dir(tmp_path / "state", budget, clock=SystemClock())


async def test_a_live_batch_shares_one_session_and_records_each_run_s_calls(
    tmp_path: Path,
    config_dir: Path,
    drift_providers: tuple[FakeProvider, FakeProvider],
    opened: Opened,
) -> None:
    """Five live runs: HTTP clients opened once (one per provider), every pack COMPLETE,
    verifying and holding its own two calls, and the ledger holding every run's settlements."""
    result = await run_live_batch(prepare_batch(options(config_dir, tmp_path)), signals=False)
    assert [(r.entry_id, r.status) for r in result.runs] == [(e, "COMPLETE") for e in ENTRIES]
    assert (opened.sessions, opened.clients) == (1, 2)
    openai, deepseek = drift_providers
    assert (len(openai.received), len(deepseek.received)) == (5, 5)
    with ledger(tmp_path, config_dir) as book:
        assert book.summary().unsettled == ()
        for run in result.runs:
            pack = pack_of(tmp_path, run)
            assert verify_pack(pack).ok
            assert len(calls(pack, "client.call_succeeded")) == 2
            settled = calls(pack, "budget.settled")
            assert {s["run_id"] for s in settled} == {run.run_id}
            assert len(settled) == 2
            # The pack's settlements are exactly what the shared ledger holds for its run.
            assert run.run_id is not None
            assert book.run_committed_usd(run.run_id) == pytest.approx(
                sum(s["amount_usd"] for s in settled), abs=1e-6
            )
            index = json.loads((pack / "evidence_pack.json").read_text(encoding="utf-8"))
            assert (index["mode"], index["network_used"]) == ("live", True)


async def test_the_runs_of_a_batch_share_the_rate_limit(
    tmp_path: Path, config_dir: Path, drift_providers: tuple[FakeProvider, FakeProvider]
) -> None:
    """The proposer at 1 request a minute: on one frozen clock, the runs' proposer calls wait
    60, 120, 180 and 240 s for the shared limiter, and each pack records its own wait."""
    registry = config_dir / "model_registry.toml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("rate_limit_rpm = 500", "rate_limit_rpm = 1"), "utf-8")
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        await no_wait(seconds)

    limiters = RateLimiters(monotonic=lambda: 0.0, sleep=sleep)
    batch = prepare_batch(options(config_dir, tmp_path))
    result = await run_live_batch(batch, signals=False, limiters=limiters)
    assert result.exit_code == 0
    waits = []
    for run in result.runs:
        proposer = [
            w["wait_s"]
            for w in calls(pack_of(tmp_path, run), "client.rate_limit_wait")
            if w["model_id"] == "gpt-5.2-pro"
        ]
        waits.append(proposer[0] if proposer else 0.0)
        assert len(proposer) <= 1
    assert sorted(waits) == [0.0, 60.0, 120.0, 180.0, 240.0]
    assert [s for s in slept if s >= 60] == sorted(w for w in waits if w)


async def test_a_budget_for_one_run_fails_the_rest_without_overshooting(
    tmp_path: Path, config_dir: Path, drift_providers: tuple[FakeProvider, FakeProvider]
) -> None:
    """A daily limit with room for the dearest proposer call but not for two runs' spend:
    the first run completes (and its pack holds the budget alert), the others end FAILED
    "budget exhausted" with nothing sent, exit 3, and the ledger stays within the limit."""
    planned = prepare_batch(options(config_dir, tmp_path, concurrency=1))
    limit = 0.0
    for item in planned.pending:
        prepared = planned.plan(item)
        costs, _ = cost_bounds(prepared.plan, prepared.request.request)
        limit = max(limit, costs[0].worst_case_usd)
    registry = config_dir / "model_registry.toml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("daily_cost_limit_usd = 50.00", f"daily_cost_limit_usd = {limit}")
    registry.write_text(text, encoding="utf-8")

    batch = prepare_batch(options(config_dir, tmp_path, concurrency=1))
    result: BatchResult = await run_live_batch(batch, signals=False)
    assert [r.status for r in result.runs] == ["COMPLETE"] + ["FAILED"] * 4
    assert result.exit_code == 3
    for run in result.runs[1:]:
        assert any("budget exhausted" in reason for reason in run.reasons), run.reasons
        assert verify_pack(pack_of(tmp_path, run)).ok
    openai, deepseek = drift_providers
    assert (len(openai.received), len(deepseek.received)) == (1, 1)
    alerts = [len(calls(pack_of(tmp_path, r), "budget.alert")) for r in result.runs]
    assert alerts == [1, 0, 0, 0, 0]
    with ledger(tmp_path, config_dir) as book:
        today = book.summary().today
    assert 0 < today.committed_usd <= limit


def test_the_banner_prices_every_run_still_to_make(
    tmp_path: Path, config_dir: Path, drift_providers: tuple[FakeProvider, FakeProvider]
) -> None:
    """The batch's worst case is the sum of its runs' (two samples: each entry twice), the
    dearest run is named, and a budget below it is said to fail the runs that find no room."""
    batch = prepare_batch(options(config_dir, tmp_path, samples=2))
    worst = []
    for item in batch.pending:
        prepared = batch.plan(item)
        worst.append(cost_bounds(prepared.plan, prepared.request.request)[1])
    cost = batch_cost(batch)
    assert (cost.runs, cost.dearest_run_usd) == (10, max(worst))
    assert cost.total_usd == pytest.approx(sum(worst), abs=1e-6)
    with ledger(tmp_path, config_dir) as book:
        budget = book.summary()
    lines = batch_banner(batch, batch.plan(batch.pending[0]), cost, budget)
    assert lines[0] == (
        f"NETWORK MODE ENABLED (live): this batch (10 runs of suite {SUITE}, at most 8 at "
        "once) makes real API calls."
    )
    assert f"  worst case for the batch: {cost.total_usd:.4f} USD (10 runs, each at most" in (
        "\n".join(lines)
    )
    assert not any("exceeds" in line for line in lines)
    short = msgspec.structs.replace(budget.today, left_usd=cost.total_usd / 2)
    tight = msgspec.structs.replace(budget, today=short)
    warned = batch_banner(batch, batch.plan(batch.pending[0]), cost, tight)
    assert any("ends FAILED (budget exhausted)" in line for line in warned)


async def test_the_samples_of_a_live_batch_have_their_own_run_ids(
    tmp_path: Path, config_dir: Path, drift_providers: tuple[FakeProvider, FakeProvider]
) -> None:
    """Three samples of each entry started together: fifteen run ids and pack ids, so no two
    runs share a per-run budget or an evidence pack id."""
    batch = prepare_batch(options(config_dir, tmp_path, samples=3))
    result = await run_live_batch(batch, signals=False)
    assert result.exit_code == 0
    assert len({run.run_id for run in result.runs}) == 15
    assert len({run.evidence_pack_id for run in result.runs}) == 15
