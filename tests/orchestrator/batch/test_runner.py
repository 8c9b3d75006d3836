"""Batches in-process: governed runs with bounded concurrency, stops, failures, resume, shards."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import anyio
import msgspec
import pytest
from structlog.testing import capture_logs

from orchestrator.batch import (
    BatchOptions,
    BatchResult,
    Shard,
    Stop,
    prepare_batch,
    run_batch,
)
from orchestrator.core.calls import ChatRequest, ChatResponse, ModelClient, Role
from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.errors import ConfigError, UsageError
from orchestrator.core.fileio import TEMP_PREFIX
from orchestrator.evidence.verify import verify_pack
from orchestrator.runtime.run import PreparedRun, RunOptions
from tests.orchestrator.batch.factories import DRIFT, ENTRIES, SUITE, mixed_suite

pytestmark = pytest.mark.anyio


def options(out: Path, **changes: Any) -> BatchOptions:
    return BatchOptions(**{"suite": SUITE, "out": out, "fixtures": DRIFT / "baseline", **changes})


async def make(batch_options: BatchOptions, **kwargs: Any) -> BatchResult:
    return await run_batch(prepare_batch(batch_options), signals=False, **kwargs)


def statuses(result: BatchResult) -> list[str]:
    return [run.status for run in result.runs]


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(f"{TEMP_PREFIX}*")] if folder.exists() else []


class Gate:
    """A client factory: every run gets a client that yields to the others on each call,
    counts the calls in flight, then answers from the run's own fixture."""

    def __init__(self, on_call: Any = None) -> None:
        self.active = 0
        self.peak = 0
        self.runs: list[str] = []
        self.on_call = on_call

    def __call__(self, prepared: PreparedRun) -> ModelClient:
        self.runs.append(prepared.plan.run_id)
        assert prepared.replay is not None
        return _GatedClient(self, prepared.replay)


class _GatedClient:
    def __init__(self, gate: Gate, inner: ModelClient) -> None:
        self.gate, self.inner = gate, inner

    async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        gate = self.gate
        gate.active += 1
        gate.peak = max(gate.peak, gate.active)
        try:
            if gate.on_call is not None:
                await gate.on_call()
            for _ in range(5):
                await anyio.lowlevel.checkpoint()
            return await self.inner.complete(request, role=role)
        finally:
            gate.active -= 1


async def test_a_replay_batch_makes_one_verified_pack_per_run(tmp_path: Path) -> None:
    """Ten runs (five entries, two samples): COMPLETE packs that verify, records in suite order
    naming each pack and the hash of its index, the suite file in its inputs manifest."""
    result = await make(options(tmp_path / "out", samples=2))
    assert result.exit_code == 0
    assert [(r.entry_id, r.sample) for r in result.runs] == [
        (e, n) for e in ENTRIES for n in (0, 1)
    ]
    for run in result.runs:
        assert run.pack is not None
        pack = tmp_path / "out" / run.pack
        assert verify_pack(pack).ok
        assert run.pack_sha256 == sha256_prefixed((pack / "evidence_pack.json").read_bytes())
        assert (run.status, run.resumed) == ("COMPLETE", False)
    manifest = (tmp_path / "out" / "calm.sample-1" / "run_manifest.json").read_text()
    assert "config/suites/l2-drift-baseline.toml" in manifest


async def test_the_summary_does_not_depend_on_concurrency_or_folder(tmp_path: Path) -> None:
    """The same batch made one at a time and eight at a time writes byte-identical summaries."""
    one = await make(options(tmp_path / "one", concurrency=1))
    eight = await make(options(tmp_path / "eight", concurrency=8))
    written = [result.write_summary() for result in (one, eight)]
    assert [p.name for p in written[0]] == ["batch.json", "batch.md"]
    assert [p.read_bytes() for p in written[0]] == [p.read_bytes() for p in written[1]]


async def test_at_most_concurrency_runs_are_in_flight(tmp_path: Path) -> None:
    """With --concurrency 3, ten runs overlap three at a time, never more; each run gets its
    own client from the factory."""
    gate = Gate()
    result = await make(options(tmp_path / "out", samples=2, concurrency=3), clients=gate)
    assert statuses(result) == ["COMPLETE"] * 10
    assert gate.peak == 3
    assert len(set(gate.runs)) == 10


async def test_a_first_stop_lets_the_running_run_finish_and_starts_no_other(tmp_path: Path) -> None:
    """Stopped during the first run: it completes with its pack, the others are NOT_RUN, the
    batch is interrupted (130); resume then makes exactly the missing runs."""
    stop = Stop()

    async def request_stop() -> None:
        if stop.requested is None:
            stop.request("SIGINT")

    result = await make(
        options(tmp_path / "out", concurrency=1), clients=Gate(request_stop), stop=stop
    )
    assert statuses(result) == ["COMPLETE"] + ["NOT_RUN"] * 4
    assert (result.interrupted, result.exit_code) == ("SIGINT", 130)
    assert result.runs[1].reasons == ("not run: the batch was stopped (SIGINT)",)
    assert [p.name for p in result.write_summary()] == ["batch.json", "batch.md"]

    gate = Gate()
    resumed = await make(options(tmp_path / "out", resume=True), clients=gate)
    assert statuses(resumed) == ["COMPLETE"] * 5
    assert [run.resumed for run in resumed.runs] == [True, False, False, False, False]
    assert len(gate.runs) == 4
    assert resumed.runs[0] == msgspec.structs.replace(result.runs[0], resumed=True)
    assert [p.name for p in resumed.write_summary()] == ["batch.2.json", "batch.2.md"]


async def test_a_second_stop_cancels_running_runs_and_leaves_no_pack(tmp_path: Path) -> None:
    """Asked twice while two runs wait on their model: both are cancelled, nothing is written,
    nothing temporary is left, every run is NOT_RUN."""
    stop = Stop()

    async def stop_twice_and_hang() -> None:
        stop.request("SIGINT")
        stop.request("SIGINT")
        await anyio.Event().wait()

    out = tmp_path / "out"
    result = await make(options(out, concurrency=2), clients=Gate(stop_twice_and_hang), stop=stop)
    assert statuses(result) == ["NOT_RUN"] * 5
    assert stop.cancelled
    assert result.exit_code == 130
    assert not out.exists() or list(out.iterdir()) == []
    assert leftovers(tmp_path) == []


async def test_a_run_that_cannot_be_prepared_fails_alone(tmp_path: Path) -> None:
    """An unreadable fixture fails its run without a pack (FAILED, the file named); the other
    runs complete; the batch exits 3."""
    fixtures = tmp_path / "fixtures"
    shutil.copytree(DRIFT / "baseline", fixtures)
    broken = fixtures / "inflation-surprise.sample-0.json"
    broken.chmod(0o644)
    broken.write_text("not json", encoding="utf-8")
    result = await make(options(tmp_path / "out", fixtures=fixtures))
    assert statuses(result) == ["COMPLETE", "COMPLETE", "FAILED", "COMPLETE", "COMPLETE"]
    failed = result.runs[2]
    assert failed.pack is None
    assert "inflation-surprise.sample-0.json" in failed.reasons[0]
    assert result.exit_code == 3
    assert not (tmp_path / "out" / "inflation-surprise.sample-0").exists()


async def test_a_blocked_run_is_recorded_with_its_pack_and_exits_2(
    config_dir: Path, tmp_path: Path
) -> None:
    """A run the scope policy blocks has its BLOCKED pack and reasons; the batch exits 2."""
    fixtures = tmp_path / "fixtures"
    suite = mixed_suite(config_dir, fixtures)
    batch = BatchOptions(
        suite=suite,
        out=tmp_path / "out",
        fixtures=fixtures,
        run=RunOptions(config_dir=config_dir),
    )
    result = await make(batch)
    assert statuses(result) == ["COMPLETE", "BLOCKED"]
    blocked = result.runs[1]
    assert blocked.pack == "blocked.sample-0"
    assert blocked.exit_code == 2
    assert any("OrderParameters" in reason for reason in blocked.reasons)
    assert verify_pack(tmp_path / "out" / "blocked.sample-0").ok
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"fixtures": None}, UsageError, "a replay batch needs --fixtures DIR"),
        (
            {"fixtures": DRIFT / "week-2", "samples": 2},
            ConfigError,
            "lacks the fixtures calm.sample-1.json, ",
        ),
        (
            {"samples": 2, "run": RunOptions(clock="2026-01-05T06:00:00+00:00")},
            UsageError,
            "--clock with more than one sample",
        ),
        ({"suite": "nope"}, ConfigError, "unknown suite 'nope'"),
        (
            {"run": RunOptions(mode="live", allow_network=True)},
            UsageError,
            "--mode live calls the providers; a batch of it takes no --fixtures",
        ),
        (
            {"fixtures": None, "run": RunOptions(mode="live")},
            UsageError,
            "--mode live makes real API calls and requires --allow-network",
        ),
        (
            {"run": RunOptions(clock="yesterday")},
            UsageError,
            "--clock: 'yesterday' is not an ISO-8601",
        ),
    ],
)
def test_bad_batches_fail_before_anything_runs(
    tmp_path: Path, changes: dict[str, Any], error: type[Exception], message: str
) -> None:
    """Missing or incomplete fixtures, a fixed clock over samples, an unknown suite, fixtures
    or no --allow-network for real calls, a bad clock: one sentence, and nothing is created."""
    with pytest.raises(error, match=message):
        prepare_batch(options(tmp_path / "out", **changes))
    assert not (tmp_path / "out").exists()


def test_an_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    """--out naming a file is a usage error."""
    (tmp_path / "out").write_text("x")
    with pytest.raises(UsageError, match="exists and is not a folder"):
        prepare_batch(options(tmp_path / "out"))


async def test_packs_in_the_folder_need_resume(tmp_path: Path) -> None:
    """A second batch into a folder holding its packs is refused without --resume, untouched."""
    await make(options(tmp_path / "out"))
    before = sorted(p.name for p in (tmp_path / "out").iterdir())
    with pytest.raises(
        UsageError, match=r"already holds 5 pack\(s\) of this batch .* pass --resume"
    ):
        prepare_batch(options(tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == before


async def test_resume_skips_verified_packs_and_redoes_a_tampered_one(tmp_path: Path) -> None:
    """A pack edited after the fact is kept, moved aside, and its run made again; verified
    packs are not run again."""
    out = tmp_path / "out"
    first = await make(options(out))
    tampered = out / "calm.sample-0" / "operator_output.md"
    tampered.chmod(0o644)
    tampered.write_text("# all clear\n", encoding="utf-8")
    with capture_logs() as logs:
        gate = Gate()
        resumed = await make(options(out, resume=True), clients=gate)
    assert len(gate.runs) == 1
    assert [run.resumed for run in resumed.runs] == [False, True, True, True, True]
    calm = resumed.runs[0]
    assert calm.set_aside == "calm.sample-0.unverified-1"
    assert calm.pack_sha256 == first.runs[0].pack_sha256
    assert verify_pack(out / "calm.sample-0").ok
    assert (
        out / "calm.sample-0.unverified-1" / "operator_output.md"
    ).read_text() == "# all clear\n"
    assert any(e["event"] == "batch.pack_set_aside" for e in logs)


async def test_resume_refuses_packs_of_other_inputs(tmp_path: Path) -> None:
    """Resuming with another fixture set names the packs and fields that differ; nothing moves."""
    out = tmp_path / "out"
    await make(options(out))
    with pytest.raises(UsageError, match=r"calm\.sample-0 \(fixture, transcript_id\)") as caught:
        prepare_batch(options(out, fixtures=DRIFT / "week-2", resume=True))
    assert "and 2 more; choose another --out" in caught.value.message
    assert sorted(p.name for p in out.iterdir()) == [f"{e}.sample-0" for e in sorted(ENTRIES)]


async def test_shards_into_one_folder_make_every_run_once(tmp_path: Path) -> None:
    """Shards 1/3, 2/3, 3/3 into the same folder: five packs, each made by one shard; each
    shard has its own summary; the whole suite resumed afterwards runs nothing."""
    out = tmp_path / "out"
    made: list[str] = []
    for index in (1, 2, 3):
        result = await make(options(out, shard=Shard(index=index, count=3)))
        made += [run.pack for run in result.runs if run.pack]
        assert next(p.name for p in result.write_summary()) == f"batch-shard-{index}-of-3.json"
    assert sorted(made) == sorted(f"{e}.sample-0" for e in ENTRIES)
    gate = Gate()
    whole = await make(options(out, resume=True), clients=gate)
    assert gate.runs == []
    assert all(run.resumed for run in whole.runs)


@pytest.mark.usefixtures("debug_logs")
async def test_one_log_event_per_run(tmp_path: Path) -> None:
    """Off a terminal a batch logs one batch.run event per run at info level; the runtime's
    own run.started and run.finished are debug events."""
    with capture_logs() as logs:
        await make(options(tmp_path / "out"))
    info = [e["event"] for e in logs if e["log_level"] == "info"]
    assert info == ["batch.started"] + ["batch.run"] * 5 + ["batch.finished"]
    assert {e["log_level"] for e in logs if e["event"].startswith("run.")} == {"debug"}
    runs = [e for e in logs if e["event"] == "batch.run"]
    assert sorted(e["entry"] for e in runs) == sorted(ENTRIES)
    assert [e["done"] for e in runs] == [1, 2, 3, 4, 5]
