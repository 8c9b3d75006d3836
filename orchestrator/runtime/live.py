"""Live and record runs: the session of shared pieces every live call draws on, the model
client of one run, and what an operator is told before money is spent.

A :class:`LiveSession` holds what the process's live calls share: one set of HTTP clients
(one ``httpx.AsyncClient`` per provider), the process's rate limiters and the budget ledger
in the state directory. A batch opens one for all its runs (:func:`open_session`); a single
``pilot run`` opens its own. It holds no observer: each run's
:class:`~clients.live.client.LiveClient` (:func:`live_client`), built on the session with
the keys checked before the run (:func:`orchestrator.runtime.run.prepare`), reports to its
own run (the supervisor records it in that run's pack), budget alerts included. In
``record`` mode a :class:`~clients.recording.RecordingClient` wraps it and keeps the
exchanges for the fixture written beside the pack.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from clients.live.budget import BudgetLedger, BudgetSummary, default_state_dir
from clients.live.client import LiveClient
from clients.live.events import Observer
from clients.live.http import ProviderClients
from clients.live.ratelimit import RateLimiters, process_rate_limiters
from clients.recording import RecordingClient
from orchestrator.core.calls import ChatRequest, ModelClient
from orchestrator.core.clock import Clock
from orchestrator.core.config import ModelEntry, ModelRegistry
from orchestrator.evidence.records import Mode, RunPlan
from orchestrator.runtime.preflight import cost_bounds
from orchestrator.runtime.settings import LiveSettings

__all__ = [
    "LiveSession",
    "banner",
    "budget_left",
    "budget_line",
    "endpoint_lines",
    "live_client",
    "network_notice",
    "open_session",
    "preview",
]


@dataclass(frozen=True)
class LiveSession:
    """What every live call of the process shares (see the module docstring)."""

    http: ProviderClients
    limiters: RateLimiters
    ledger: BudgetLedger


@asynccontextmanager
async def open_session(
    registry: ModelRegistry,
    *,
    state_dir: Path | None,
    clock: Clock,
    limiters: RateLimiters | None = None,
) -> AsyncIterator[LiveSession]:
    """The ledger under ``state_dir`` (None: the default state directory) on ``clock``, and
    HTTP clients made on first use; both closed on the way out. ``limiters`` defaults to
    the process's."""
    ledger = BudgetLedger.in_state_dir(
        state_dir or default_state_dir(), registry.budget, clock=clock
    )
    with ledger:
        async with ProviderClients() as http:
            yield LiveSession(
                http=http, limiters=limiters or process_rate_limiters(), ledger=ledger
            )


@asynccontextmanager
async def live_client(
    plan: RunPlan,
    registry: ModelRegistry,
    settings: LiveSettings,
    *,
    clock: Clock,
    observer: Observer,
    session: LiveSession | None = None,
) -> AsyncIterator[tuple[ModelClient, RecordingClient | None]]:
    """The run's client on ``session`` (None: a session of its own, closed on the way out),
    reporting to ``observer``, and its recorder in ``record`` mode."""
    async with contextlib.AsyncExitStack() as stack:
        if session is None:
            session = await stack.enter_async_context(
                open_session(registry, state_dir=settings.state_dir, clock=clock)
            )
        client: ModelClient = LiveClient(
            registry=registry,
            keys=dict(settings.keys),
            http=session.http,
            limiters=session.limiters,
            ledger=session.ledger,
            run_id=plan.run_id,
            observer=observer,
            clock=clock,
        )
        recorder = RecordingClient(client, clock=clock) if plan.mode == "record" else None
        yield (recorder or client), recorder


def network_notice(mode: Mode, what: str) -> list[str]:
    """The banner's opening lines (SPEC §3); ``what`` is "this run" or names the batch."""
    return [
        f"NETWORK MODE ENABLED ({mode}): {what} makes real API calls.",
        (
            "Costs will be incurred. NO-LIVE trading remains enforced: the pilot advises, it never "
            "trades. An evidence pack will be generated."
        ),
    ]


def endpoint_lines(plan: RunPlan, registry: ModelRegistry) -> list[str]:
    """One line per model a run of ``plan`` may call: where, under which name, which key."""
    models = [("proposer", plan.proposer), *(("fallback", m) for m in plan.fallbacks)]
    models.append(("critic", plan.critic))
    return [f"  {role}: {_endpoint(registry, model)}" for role, model in models]


def budget_line(budget: BudgetSummary) -> str:
    return (
        f"  budget left: today {budget.today.left_usd:.2f} of {budget.today.limit_usd:.2f} USD, "
        f"this month {budget.month.left_usd:.2f} of {budget.month.limit_usd:.2f} USD "
        f"(ledger {budget.ledger})"
    )


def banner(
    plan: RunPlan,
    registry: ModelRegistry,
    proposer_request: ChatRequest,
    budget: BudgetSummary,
) -> list[str]:
    """The guardrail banner shown before a run that calls the providers (SPEC §3)."""
    _, worst = cost_bounds(plan, proposer_request)
    return [
        *network_notice(plan.mode, "this run"),
        *endpoint_lines(plan, registry),
        f"  worst case for this run: {worst:.4f} USD (per-run limit {plan.per_run_limit_usd:.2f})",
        budget_line(budget),
    ]


def _endpoint(registry: ModelRegistry, model: ModelEntry) -> str:
    provider = registry.provider(model)
    return (
        f"{model.model_id} as {model.wire_model} via {provider.base_url} "
        f"({model.api} API, key from ${provider.api_key_env})"
    )


def budget_left(registry: ModelRegistry, settings: LiveSettings, *, clock: Clock) -> BudgetSummary:
    """What the ledger a run of ``settings`` would use says is spent and left now."""
    state_dir = settings.state_dir or default_state_dir()
    with BudgetLedger.in_state_dir(state_dir, registry.budget, clock=clock) as ledger:
        return ledger.summary()


def preview(
    plan: RunPlan,
    registry: ModelRegistry,
    proposer_request: ChatRequest,
    settings: LiveSettings,
    *,
    clock: Clock,
) -> list[str]:
    """The banner of a prepared network run, with what its ledger says is left."""
    return banner(plan, registry, proposer_request, budget_left(registry, settings, clock=clock))
