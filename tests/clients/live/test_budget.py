"""The budget ledger: reservations against run, day and month limits, across processes."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from structlog.testing import capture_logs

from clients.live.budget import LEDGER_FILE, BudgetLedger, default_state_dir
from clients.live.events import BudgetAlert, LiveEvent
from orchestrator.core.config import BudgetConfig, ModelEntry
from orchestrator.core.errors import BudgetExhausted, ConfigError
from tests.clients.conftest import FakeTime
from tests.helpers import PROJECT

BUDGET = BudgetConfig(
    daily_cost_limit_usd=1.0, monthly_cost_limit_usd=2.5, per_run_cost_limit_usd=0.5
)


def open_ledger(path: Path, fake_time: FakeTime, budget: BudgetConfig = BUDGET) -> BudgetLedger:
    return BudgetLedger(path / LEDGER_FILE, budget, clock=fake_time)


def test_reserve_then_settle_to_the_real_cost(tmp_path: Path, fake_time: FakeTime) -> None:
    """An open reservation counts at its worst case; settled, at what the call cost."""
    with open_ledger(tmp_path, fake_time) as ledger:
        held = ledger.reserve(run_id="r1", model_id="m", amount_usd=0.3, lease_s=600)
        today = ledger.summary().today
        assert (today.reserved_usd, today.settled_usd, today.left_usd) == (0.3, 0.0, 0.7)
        assert ledger.settle(held, cost_usd=0.012345, basis="usage") == 0.012345
        summary = ledger.summary()
    assert (summary.today.committed_usd, summary.today.left_usd) == (0.012345, 0.987655)
    assert summary.unsettled == ()
    assert summary.today.period_id == "2026-01-10"
    assert summary.month.period_id == "2026-01"


@pytest.mark.parametrize(
    ("runs", "amount", "scope", "message"),
    [
        (["r1", "r1"], 0.3, "run", r"run r1 has \$0.20 left of its per-run limit of \$0.50"),
        (["r1", "r2", "r3"], 0.4, "day", r"today \(2026-01-10, UTC\) has \$0.20 left of the daily"),
    ],
)
def test_a_reservation_beyond_a_limit_is_refused(
    tmp_path: Path, fake_time: FakeTime, runs: list[str], amount: float, scope: str, message: str
) -> None:
    """The refusal names the limit, what the call needed and what was left."""
    with open_ledger(tmp_path, fake_time) as ledger:
        for run in runs[:-1]:
            ledger.reserve(run_id=run, model_id="m", amount_usd=amount, lease_s=600)
        with pytest.raises(BudgetExhausted, match=message) as refused:
            ledger.reserve(run_id=runs[-1], model_id="gpt-x", amount_usd=amount, lease_s=600)
    assert refused.value.scope == scope
    assert refused.value.needed_usd == amount
    assert "a call to gpt-x may cost up to" in refused.value.message


def test_the_month_spans_days(tmp_path: Path, fake_time: FakeTime) -> None:
    """A new UTC day has its full daily limit, but the month keeps counting."""
    with open_ledger(tmp_path, fake_time) as ledger:
        for day in range(3):
            for run in ("a", "b"):
                held = ledger.reserve(
                    run_id=f"{day}{run}", model_id="m", amount_usd=0.4, lease_s=60
                )
                ledger.settle(held, cost_usd=0.4, basis="usage")
            fake_time.advance(86400)
        with pytest.raises(BudgetExhausted, match=r"monthly limit of \$2\.50") as refused:
            ledger.reserve(run_id="late", model_id="m", amount_usd=0.2, lease_s=60)
        summary = ledger.summary()
    assert refused.value.scope == "month"
    assert summary.today.committed_usd == 0.0
    assert summary.month.committed_usd == 2.4


def test_model_without_a_price_fails_closed() -> None:
    """A model with no price cannot be budgeted: BudgetExhausted before any reservation."""
    entry = msgspec.convert(
        {"provider": "openai", "model_id": "free?", "max_output_tokens": 10}, ModelEntry
    )
    with pytest.raises(BudgetExhausted, match=r"'free\?' has no price") as refused:
        entry.cost(100, 100)
    assert refused.value.scope == "price"


def test_an_expired_lease_still_counts_at_its_worst_case(
    tmp_path: Path, fake_time: FakeTime
) -> None:
    """A crashed process's reservation expires but stays charged: expiry never makes room."""
    with open_ledger(tmp_path, fake_time) as ledger:
        held = ledger.reserve(run_id="crashed", model_id="m", amount_usd=0.5, lease_s=30)
        fake_time.advance(31)
        ledger.reserve(run_id="next", model_id="m", amount_usd=0.5, lease_s=30)
        summary = ledger.summary()
        assert [(r.run_id, r.expired) for r in summary.unsettled] == [
            ("crashed", True),
            ("next", False),
        ]
        with pytest.raises(BudgetExhausted, match="daily limit"):
            ledger.reserve(run_id="third", model_id="m", amount_usd=0.01, lease_s=30)
        # A slow call that settles after its lease replaces the worst case as usual.
        ledger.settle(held, cost_usd=0.1, basis="usage")
        assert ledger.summary().today.committed_usd == 0.6


def test_alert_once_per_period(tmp_path: Path, fake_time: FakeTime) -> None:
    """Crossing alert_threshold_pct of the daily limit raises one event and one log line."""
    events: list[LiveEvent] = []
    ledger = BudgetLedger(tmp_path / LEDGER_FILE, BUDGET, clock=fake_time)
    with ledger, capture_logs() as logs:
        for run in ("a", "b", "c"):
            ledger.reserve(
                run_id=run, model_id="m", amount_usd=0.3, lease_s=60, observer=events.append
            )
    alerts = [e for e in events if isinstance(e, BudgetAlert)]
    assert [(a.period, a.period_id, a.committed_usd) for a in alerts] == [
        ("day", "2026-01-10", 0.9)
    ]
    alert_logs = [log for log in logs if log["event"] == "budget.alert"]
    assert [log["log_level"] for log in alert_logs] == ["warning"]


def test_ledger_file_is_private_and_reopens(tmp_path: Path, fake_time: FakeTime) -> None:
    """The ledger is created owner-only, and a second handle sees the first one's spend."""
    with BudgetLedger.in_state_dir(tmp_path / "state", BUDGET, clock=fake_time) as first:
        first.reserve(run_id="r", model_id="m", amount_usd=0.25, lease_s=60)
    path = tmp_path / "state" / LEDGER_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with BudgetLedger.in_state_dir(tmp_path / "state", BUDGET, clock=fake_time) as second:
        assert second.summary().today.reserved_usd == 0.25
        assert second.run_committed_usd("r") == 0.25


def test_a_newer_schema_is_refused(tmp_path: Path, fake_time: FakeTime) -> None:
    """A ledger written by a newer version is a ConfigError naming both versions."""
    path = tmp_path / LEDGER_FILE
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 7")
    with pytest.raises(ConfigError, match="schema version 7; this version of the pilot reads"):
        open_ledger(tmp_path, fake_time)


def test_a_foreign_database_is_refused(tmp_path: Path, fake_time: FakeTime) -> None:
    """A SQLite file that is not a ledger is not adopted."""
    path = tmp_path / LEDGER_FILE
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(ConfigError, match="is not a budget ledger"):
        open_ledger(tmp_path, fake_time)


def test_a_ledger_that_cannot_be_written_fails_closed(tmp_path: Path, fake_time: FakeTime) -> None:
    """When the ledger cannot record a reservation, there is no reservation and no call."""
    ledger = open_ledger(tmp_path, fake_time)
    ledger._db.close()  # what a vanished or broken database looks like from here
    with pytest.raises(BudgetExhausted, match="cannot be updated") as refused:
        ledger.reserve(run_id="r", model_id="m", amount_usd=0.1, lease_s=60)
    assert refused.value.scope == "ledger"


def test_state_dir_from_the_environment(tmp_path: Path) -> None:
    """PILOT_STATE_DIR wins; without it, the platform's user state directory."""
    assert default_state_dir({"PILOT_STATE_DIR": str(tmp_path)}) == tmp_path
    assert default_state_dir({}).name == "market-outlook-pilot"


# Each worker process opens the ledger once per thread (25 connections), waits for "go" on
# stdin so that both processes start together, then reserves from all threads at once.
_WORKER = """
import json, sys, threading
from datetime import UTC, datetime
from pathlib import Path
from clients.live.budget import BudgetLedger
from orchestrator.core.clock import FixedClock
from orchestrator.core.config import BudgetConfig
from orchestrator.core.errors import BudgetExhausted

path, name = Path(sys.argv[1]), sys.argv[2]
budget = BudgetConfig(daily_cost_limit_usd=1.0, monthly_cost_limit_usd=100.0,
                      per_run_cost_limit_usd=100.0)
clock = FixedClock(datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
ledgers = [BudgetLedger(path, budget, clock=clock) for _ in range(25)]
results = []
start = threading.Barrier(25)

def reserve(index):
    start.wait()
    try:
        ledgers[index].reserve(run_id=f"{name}-{index}", model_id="m", amount_usd=0.1,
                               lease_s=600)
        results.append("granted")
    except BudgetExhausted:
        results.append("refused")

threads = [threading.Thread(target=reserve, args=(i,)) for i in range(25)]
print("ready", flush=True)
sys.stdin.readline()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps({"granted": results.count("granted"), "refused": results.count("refused")}))
"""


def test_no_overshoot_across_two_processes(tmp_path: Path) -> None:
    """50 concurrent reservations from two processes, room for 10: 10 granted, 40 refused."""
    path = tmp_path / LEDGER_FILE
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(path), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=PROJECT,
        )
        for name in ("p1", "p2")
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            ready = worker.stdout.readline().strip()
            assert ready == "ready", worker.communicate(timeout=120)[1]
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        # The last line is the result; the budget alert may have been logged before it.
        outputs = [worker.communicate(timeout=120) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:  # a failed assertion above: leave no process behind
                worker.kill()
                worker.communicate()
    assert [worker.returncode for worker in workers] == [0, 0], [err for _, err in outputs]
    counts = [json.loads(out.splitlines()[-1]) for out, _ in outputs]
    assert sum(c["granted"] for c in counts) == 10
    assert sum(c["refused"] for c in counts) == 40
    with sqlite3.connect(path) as db:
        committed = db.execute("SELECT SUM(charge_micros), COUNT(*) FROM reservations").fetchone()
    assert committed == (1_000_000, 10)
