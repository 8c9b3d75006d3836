"""One governed run, from options to evidence pack.

:func:`prepare` does everything that can fail before the run (config, fixture, models,
network gate, output folder): its errors are exit 1 and leave nothing behind.
:func:`execute` runs the supervisor with the bundler on its event stream and always
writes a pack, whether the run completes, is blocked or fails.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import msgspec
import structlog

from agents.base import Agent
from agents.critic import CriticAgent
from agents.proposer import ProposerAgent
from clients.live.events import LiveEvent, Observer
from clients.replay import ReplayClient
from clients.transcripts import Transcript, read_transcript, write_transcript
from orchestrator.core.calls import ModelClient
from orchestrator.core.clock import Clock, FixedClock, SystemClock, parse_instant
from orchestrator.core.config import (
    ConfigBundle,
    ModelEntry,
    ModelRegistry,
    load_config,
    load_scenario,
)
from orchestrator.core.errors import ConfigError, UsageError
from orchestrator.core.interrupts import Held, checkpoint, deferred
from orchestrator.core.messages import CritiqueRequest, ProposalRequest
from orchestrator.core.resources import bundled_fixture, find_config_dir
from orchestrator.core.suites import ResolvedEntry
from orchestrator.core.version import PRODUCT_VERSION
from orchestrator.evidence.build import BuiltPack
from orchestrator.evidence.records import InputRef, Mode, Preflight, RunOutcome, RunPlan
from orchestrator.evidence.signing import Signer, load_signer
from orchestrator.evidence.writer import check_out_dir, write_pack
from orchestrator.runtime.bundler import EvidenceBundler
from orchestrator.runtime.plan import make_run_id, proposer_request
from orchestrator.runtime.preflight import preflight
from orchestrator.runtime.settings import LiveSettings
from orchestrator.runtime.supervisor import Supervisor
from policies.chain import PolicyChain, RunFacts
from policies.identity import resolve_endpoints
from policies.routing import RoutingPolicy
from policies.scan.vocabulary import vocabulary_dir, vocabulary_files
from policies.scope_policy import ScopePolicy
from policies.sod import SoDPolicy

if TYPE_CHECKING:
    from orchestrator.runtime.live import LiveSession

__all__ = [
    "DEFAULT_SCENARIO",
    "PreparedRun",
    "RunOptions",
    "RunResult",
    "conduct",
    "execute",
    "input_ref",
    "plan_run",
    "prepare",
]

log = structlog.get_logger()

LAYER_ID: Final = "L2"
DEFAULT_SCENARIO: Final = "market-outlook-daily"
DEFAULT_DEADLINE_S: Final = 600.0


class RunOptions(msgspec.Struct, frozen=True, kw_only=True):
    mode: Mode = "replay"
    fixture: Path | None = None
    scenario: str | None = None
    out: Path | None = None
    clock: str | None = None
    config_dir: Path | None = None
    allow_network: bool = False
    yes: bool = False
    deadline_s: float = DEFAULT_DEADLINE_S
    signing_key: Path | None = None
    record_to: Path | None = None
    state_dir: Path | None = None


@dataclass(frozen=True)
class PreparedRun:
    plan: RunPlan
    config: ConfigBundle
    out_dir: Path
    clock: Clock
    request: ProposalRequest
    replay: ReplayClient | None
    deadline_s: float
    signer: Signer | None = None
    live: LiveSettings | None = None


@dataclass(frozen=True)
class RunResult:
    """A finished run and its pack, built but not yet written (see :meth:`write`)."""

    plan: RunPlan
    outcome: RunOutcome
    pack: Path
    built: BuiltPack
    preflight: Preflight | None = None
    recording: Transcript | None = None
    record_to: Path | None = None

    @property
    def sod_result(self) -> str:
        return self.built.sod_result

    @property
    def scope_result(self) -> str:
        return self.built.scope_result

    @property
    def critic_decision(self) -> str | None:
        return self.built.critic_decision

    def write(self, *, announce: bool = True) -> Held:
        """Write the pack atomically, with SIGINT, SIGTERM and SIGHUP held until it is done.

        An interrupted run thus either has its whole pack or none; the returned :class:`Held`
        says whether a signal arrived meanwhile. ``announce=False`` logs ``run.finished`` at
        debug level only (a batch logs one line per run of its own).
        """
        with deferred() as held:
            write_pack(self.pack, self.built.files)
            if self.recording is not None and self.record_to is not None:
                write_transcript(self.record_to, self.recording)
        log.log(
            _announced(announce),
            "run.finished",
            run_id=self.plan.run_id,
            status=self.outcome.status,
            pack=str(self.pack),
        )
        return held


def _announced(announce: bool) -> int:
    return logging.INFO if announce else logging.DEBUG


def _network_gate(options: RunOptions) -> None:
    """Real calls need --allow-network; record needs somewhere to record to."""
    network = options.mode in ("record", "live")
    if network and not options.allow_network:
        raise UsageError(f"--mode {options.mode} makes real API calls and requires --allow-network")
    if options.mode == "record":
        if options.record_to is None:
            raise UsageError("--mode record needs --record-to FILE, the fixture to write")
    elif options.record_to is not None:
        raise UsageError("--record-to goes with --mode record")
    if options.mode == "live" and options.fixture is not None:
        raise UsageError("--mode live calls the providers; it takes no --fixture")


def input_ref(path: Path, root: Path, sha256: str) -> InputRef:
    """A file the run read, named relative to the checkout (never a machine path)."""
    return InputRef(name=_checkout_name(path, root), sha256=sha256)


@functools.lru_cache(maxsize=64)
def _checkout_name(path: Path, root: Path) -> str:
    # Resolving walks every path component with lstat(); a batch names the same few config
    # files in every run, which made this a tenth of a replayed run's time.
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def prepare(
    options: RunOptions,
    *,
    entry: ResolvedEntry | None = None,
    config: ConfigBundle | None = None,
    folder_probed: bool = False,
) -> PreparedRun:
    """Plan the run (:func:`plan_run`) and check that its pack (and the fixture it records)
    can be written; ``folder_probed`` says that the pack's parent folder was found
    writable already (a batch's folder, probed once for all its runs)."""
    prepared = plan_run(options, entry=entry, config=config)
    check_out_dir(prepared.out_dir, probe=not folder_probed)
    record_to = options.record_to
    if record_to is not None and (record_to.exists() or record_to.is_symlink()):
        raise UsageError(f"--record-to {record_to} already exists; a fixture is never overwritten")
    return prepared


def plan_run(
    options: RunOptions,
    *,
    entry: ResolvedEntry | None = None,
    config: ConfigBundle | None = None,
) -> PreparedRun:
    """Everything fixed before the run, without looking at where its pack or its recording
    will go.

    ``entry`` is a suite entry to run in place of a scenario id: its resolved scenario
    (the entry's variables and snapshot combined with its scenario file), and its suite
    file joins the inputs manifest. ``config`` is the configuration of
    ``options.config_dir``, when the caller has loaded it already (a batch loads it once).
    """
    _network_gate(options)
    if entry is not None and options.scenario is not None:
        raise UsageError(
            f"suite entry {entry.id!r} brings its own scenario; a scenario id cannot be given too"
        )
    # A bad key fails here, before anything runs; without one nothing loads cryptography.
    signer = load_signer(options.signing_key)
    if config is None:
        config_dir = options.config_dir or find_config_dir()
        config = load_config(config_dir, LAYER_ID)
    else:
        config_dir = Path(config.config_dir)
    fixture_path = options.fixture
    if fixture_path is None and options.mode == "replay" and entry is None:
        fixture_path = bundled_fixture()
    transcript, fixture_sha256 = read_transcript(fixture_path) if fixture_path else (None, "")
    if entry is not None:
        loaded = entry.scenario
    else:
        scenario_id = options.scenario or (transcript.scenario if transcript else DEFAULT_SCENARIO)
        loaded = load_scenario(config_dir, scenario_id)
    # The plan (and the run id) carry the scenario's content, not where it was read from.
    scenario = msgspec.structs.replace(loaded, path="", sha256="")
    clock = _clock(options, transcript)
    started_at = clock.now().isoformat()
    proposer, fallbacks, critic = config.registry.layer_models(LAYER_ID)
    request, digest = proposer_request(scenario, proposer)
    scope = config.scope
    run_id = make_run_id(
        layer_id=LAYER_ID,
        proposer=proposer.model_id,
        critic=critic.model_id,
        scope_id=scope.scope_id,
        scope_version=scope.scope.version,
        scenario=scenario,
        started_at=started_at,
    )
    root = config_dir.parent
    inputs = [
        input_ref(Path(config.registry.path), root, config.registry.sha256),
        input_ref(Path(scope.path), root, scope.sha256),
        # The scanner's vocabularies decide verdicts as much as the scope does.
        *(
            input_ref(path, root, digest)
            for path, digest in vocabulary_files(vocabulary_dir(scope))
        ),
        input_ref(Path(loaded.path), root, loaded.sha256),
    ]
    if entry is not None:
        inputs.append(input_ref(Path(entry.suite_path), root, entry.suite_sha256))
    plan = RunPlan(
        run_id=run_id,
        layer_id=LAYER_ID,
        layer_name=config.registry.layer(LAYER_ID).description or LAYER_ID,
        mode=options.mode,
        started_at=started_at,
        scenario=scenario,
        proposer=proposer,
        fallbacks=fallbacks,
        critic=critic,
        provider_diversity=config.registry.layer(LAYER_ID).provider_diversity,
        scope_id=scope.scope_id,
        scope_version=scope.scope.version,
        registry_version=config.registry.version,
        inputs=tuple(inputs),
        fixture=InputRef(name=fixture_path.name, sha256=fixture_sha256) if fixture_path else None,
        transcript_id=transcript.transcript_id if transcript else None,
        per_run_limit_usd=config.registry.budget.run_limit_usd,
        product_version=PRODUCT_VERSION,
    )
    out_dir = options.out or Path("evidence_packs") / (
        f"{LAYER_ID}_MARKET_OUTLOOK_{plan.date}_{plan.short_id}"
    )
    live = None
    if options.mode in ("record", "live"):
        live = _live_settings(options, config, (proposer, *fallbacks, critic))
    message = ProposalRequest(
        run_id=run_id,
        sender="supervisor",
        recipient="proposer",
        scenario_id=scenario.id,
        model_id=proposer.model_id,
        prompt_hash=digest,
        request=request,
    )
    return PreparedRun(
        plan=plan,
        config=config,
        out_dir=out_dir,
        clock=clock,
        request=message,
        replay=ReplayClient(transcript) if transcript else None,
        deadline_s=options.deadline_s,
        signer=signer,
        live=live,
    )


def _live_settings(
    options: RunOptions, config: ConfigBundle, models: tuple[ModelEntry, ...]
) -> LiveSettings:
    """Keys and state for a run that calls the providers; a missing key is exit 1 here,
    before anything runs."""
    # Imported for live and record runs only: a replay never loads httpx and the ledger.
    from clients.live.keys import load_api_keys

    keys = load_api_keys(config.registry, [m.model_id for m in models])
    return LiveSettings(keys=keys, state_dir=options.state_dir, record_to=options.record_to)


def _clock(options: RunOptions, transcript: Transcript | None) -> Clock:
    if options.clock is not None:
        return FixedClock(parse_instant(options.clock, source="--clock"))
    if transcript is not None and options.mode in ("replay", "dry"):
        return FixedClock(parse_instant(transcript.recorded_at, source="fixture recorded_at"))
    return SystemClock()


def run_facts(plan: RunPlan, registry: ModelRegistry) -> RunFacts:
    """What the policies may know of a run before its first message."""
    models = (plan.proposer, *plan.fallbacks, plan.critic)
    return RunFacts(
        run_id=plan.run_id,
        layer_id=plan.layer_id,
        proposer=plan.proposer,
        fallbacks=plan.fallbacks,
        critic=plan.critic,
        provider_diversity=plan.provider_diversity,
        endpoints=resolve_endpoints(registry, models),
        critique_format=plan.scenario.output_format,
    )


def policy_chain(prepared: PreparedRun) -> PolicyChain:
    scope = prepared.config.scope
    return PolicyChain([RoutingPolicy(), SoDPolicy(), ScopePolicy(scope)])


async def conduct(
    prepared: PreparedRun,
    client: ModelClient | None = None,
    *,
    proposer: Agent[ProposalRequest] | None = None,
    critic: Agent[CritiqueRequest] | None = None,
    on_call: Observer | None = None,
    session: LiveSession | None = None,
    announce: bool = True,
) -> RunResult:
    """Run the supervisor with the bundler on its event stream; build the pack, whatever the
    outcome, without writing it.

    ``client`` replaces the mode's model client and ``proposer``/``critic`` the agents (tests,
    benchmarks); ``on_call`` also sees what a live call reports (a progress display).
    ``session`` is the live session a live or record run builds its client on (a batch's,
    shared by its runs); without one the run opens its own. Blocks and failures are
    outcomes, not exceptions. ``announce=False`` logs ``run.started`` at debug level only (a
    batch logs one line per run of its own).
    """
    plan = prepared.plan
    structlog.contextvars.bind_contextvars(run_id=plan.run_id)
    bundler = EvidenceBundler(prepared.signer)
    supervisor = Supervisor(
        plan=plan,
        chain=policy_chain(prepared),
        facts=run_facts(plan, prepared.config.registry),
        record=bundler.record,
        clock=prepared.clock,
        deadline_s=prepared.deadline_s,
    )
    supervisor.started(plan)
    log.log(_announced(announce), "run.started", mode=plan.mode, scenario=plan.scenario.id)
    checkpoint("run")
    report: Preflight | None = None
    recording: Transcript | None = None
    if plan.mode == "dry":
        outcome, report = _dry(supervisor, prepared)
    elif client is None and prepared.live is not None:
        # Imported for live and record runs only: a replay never loads httpx and the ledger.
        from orchestrator.runtime.live import live_client

        async with live_client(
            plan,
            prepared.config.registry,
            prepared.live,
            clock=prepared.clock,
            observer=_both(supervisor.call_event, on_call),
            session=session,
        ) as (live, recorder):
            outcome = await _exchange(supervisor, prepared, live, proposer, critic)
        if recorder is not None:
            recording = recorder.transcript(
                transcript_id=f"{plan.run_id}-recording", scenario=plan.scenario.id
            )
    else:
        given = client or prepared.replay
        if given is None:
            raise ConfigError(f"--mode {plan.mode} needs a fixture or a model client")
        outcome = await _exchange(supervisor, prepared, given, proposer, critic)
    supervisor.finished(outcome, report)
    return RunResult(
        plan=plan,
        outcome=outcome,
        pack=prepared.out_dir,
        built=bundler.build(),
        preflight=report,
        recording=recording,
        record_to=prepared.live.record_to if prepared.live is not None else None,
    )


def _both(record: Observer, also: Observer | None) -> Observer:
    if also is None:
        return record

    def observe(event: LiveEvent) -> None:
        record(event)
        also(event)

    return observe


async def _exchange(
    supervisor: Supervisor,
    prepared: PreparedRun,
    client: ModelClient,
    proposer: Agent[ProposalRequest] | None,
    critic: Agent[CritiqueRequest] | None,
) -> RunOutcome:
    plan = prepared.plan
    return await supervisor.run(
        prepared.request,
        proposer or ProposerAgent(client, model_id=plan.proposer.model_id),
        critic or CriticAgent(client, model_id=plan.critic.model_id),
    )


async def execute(
    prepared: PreparedRun,
    client: ModelClient | None = None,
    *,
    proposer: Agent[ProposalRequest] | None = None,
    critic: Agent[CritiqueRequest] | None = None,
) -> RunResult:
    """:func:`conduct` the run and write its pack."""
    result = await conduct(prepared, client, proposer=proposer, critic=critic)
    result.write()
    return result


def _dry(supervisor: Supervisor, prepared: PreparedRun) -> tuple[RunOutcome, Preflight]:
    outcome = supervisor.preflight(prepared.request)
    report = preflight(
        prepared.plan, prepared.request.request, prepared.request.prompt_hash, prepared.replay
    )
    if outcome.status == "COMPLETE" and not report.within_budget:
        reason = (
            f"the worst-case cost {report.worst_case_total_usd:.6f} USD exceeds the "
            f"per-run limit {report.per_run_limit_usd:.2f} USD"
        )
        outcome = RunOutcome.of("FAILED", "preflight", (reason,))
    return outcome, report
