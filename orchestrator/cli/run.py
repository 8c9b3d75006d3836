"""``pilot run``: one governed run, its evidence pack, and a summary."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from cyclopts import Parameter, validators

from orchestrator.cli.options import ConfigDir
from orchestrator.cli.output import emit
from orchestrator.cli.progress import CallProgress
from orchestrator.cli.summary import run_lines
from orchestrator.core import interrupts
from orchestrator.core.errors import UsageError
from orchestrator.runtime.run import (
    DEFAULT_DEADLINE_S,
    PreparedRun,
    RunOptions,
    RunResult,
    conduct,
    prepare,
)

__all__ = ["RunFlags", "RunSettings", "confirm", "confirm_network", "run"]


@Parameter(name="*")
@dataclass(frozen=True, kw_only=True)
class RunSettings:
    """How a governed run is made: the options ``pilot run``, ``pilot batch`` and the drift
    commands share."""

    mode: Literal["dry", "replay", "record", "live"] = "replay"
    """dry (no calls: prompts, SoD, worst-case cost), replay (from a fixture, the default),
    record (real calls, written to --record-to) or live (real calls); record and live need
    --allow-network and API keys in the environment."""

    clock: str | None = None
    """Fixed ISO-8601 start time (replay defaults to the fixture's recorded_at)."""

    config_dir: ConfigDir = None

    allow_network: bool = False
    """Permit real API calls (record and live)."""

    yes: bool = False
    """Do not wait for ENTER after the network banner (scheduled runs)."""

    deadline: Annotated[float, Parameter(validator=validators.Number(gt=0))] = DEFAULT_DEADLINE_S
    """Seconds a whole run may take (more than 0; inf for none)."""

    signing_key: Path | None = None
    """Ed25519 PEM (PKCS#8) private key that signs the pack (default: $PILOT_SIGNING_KEY)."""

    state_dir: Path | None = None
    """Where the budget ledger lives (default: $PILOT_STATE_DIR, else the user state dir)."""

    def options(self, **per_run: Any) -> RunOptions:
        """These settings as run options, with ``per_run`` (fixture, scenario, out, ...) added."""
        return RunOptions(
            mode=self.mode,
            clock=self.clock,
            config_dir=self.config_dir,
            allow_network=self.allow_network,
            yes=self.yes,
            deadline_s=self.deadline,
            signing_key=self.signing_key,
            state_dir=self.state_dir,
            **per_run,
        )


@Parameter(name="*")
@dataclass(frozen=True, kw_only=True)
class RunFlags:
    """What one governed run needs to know."""

    fixture: Path | None = None
    """Transcript to replay (default: the bundled sample) or to check coverage against in
    dry mode."""

    scenario: str | None = None
    """Scenario id from config/scenarios (default: the fixture's scenario)."""

    out: Path | None = None
    """The evidence pack directory to create; it must not exist (default:
    evidence_packs/L2_MARKET_OUTLOOK_<date>_<id> under the working directory)."""

    record_to: Path | None = None
    """With --mode record: the fixture file to write (new; replays to the same outputs)."""

    settings: RunSettings = field(default_factory=RunSettings)


def run(flags: RunFlags = RunFlags()) -> int:
    """One governed run; writes an evidence pack and prints a summary."""
    prepared = prepare(
        flags.settings.options(
            fixture=flags.fixture, scenario=flags.scenario, out=flags.out, record_to=flags.record_to
        )
    )
    if prepared.live is not None:
        confirm_network(prepared, yes=flags.settings.yes)
        result = anyio.run(_conduct_live, prepared)
    else:
        result = anyio.run(conduct, prepared)
    held = result.write()
    # The pack is written: from here on the run's status is the exit status.
    interrupts.ignore()
    emit(run_lines(result, interrupted=held.name))
    return result.outcome.exit_code


def confirm_network(prepared: PreparedRun, *, yes: bool) -> None:
    """The run's guardrail banner, confirmed (:func:`confirm`)."""
    # Imported for network runs only: the banner reads the budget ledger (SQLite, httpx).
    from orchestrator.runtime.live import preview

    assert prepared.live is not None  # only network runs are confirmed
    lines = preview(
        prepared.plan,
        prepared.config.registry,
        prepared.request.request,
        prepared.live,
        clock=prepared.clock,
    )
    confirm(lines, mode=prepared.plan.mode, yes=yes, start="the run")


def confirm(banner: list[str], *, mode: str, yes: bool, start: str) -> None:
    """The guardrail banner on stderr; then ENTER on a terminal, or --yes without one.
    ``start`` names what ENTER starts."""
    sys.stderr.write("\n".join(banner) + "\n")
    sys.stderr.flush()
    if yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(f"--mode {mode} without a terminal needs --yes to confirm the banner")
    # Ctrl-C here is exit 130 with nothing called and nothing written.
    input(f"Press ENTER to start {start} (Ctrl-C aborts): ")


async def _conduct_live(prepared: PreparedRun) -> RunResult:
    """The run, with a progress line on a terminal while it waits for the models."""
    if not sys.stderr.isatty():
        return await conduct(prepared)
    progress = CallProgress(sys.stderr)
    async with anyio.create_task_group() as tg:
        tg.start_soon(progress.tick)
        result = await conduct(prepared, on_call=progress.observe)
        tg.cancel_scope.cancel()
    progress.clear()
    return result
