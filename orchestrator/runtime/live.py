"""Live and record runs: the model client that calls the providers, and what an operator is
told before money is spent.

A run's :class:`~clients.live.client.LiveClient` is built from the process's shared pieces —
one set of HTTP clients, the process's rate limiters, the budget ledger in the state
directory — with the keys checked before the run (:func:`orchestrator.runtime.run.prepare`).
Everything the client reports goes to ``observer`` (the supervisor records it in the pack).
In ``record`` mode a :class:`~clients.recording.RecordingClient` wraps it and keeps the
exchanges for the fixture written beside the pack.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from clients.live.budget import BudgetLedger, BudgetSummary, default_state_dir
from clients.live.client import LiveClient
from clients.live.events import Observer
from clients.live.http import ProviderClients
from clients.live.ratelimit import process_rate_limiters
from clients.recording import RecordingClient
from orchestrator.core.calls import ChatRequest, ModelClient
from orchestrator.core.clock import Clock
from orchestrator.core.config import ModelEntry, ModelRegistry
from orchestrator.evidence.records import RunPlan
from orchestrator.runtime.preflight import cost_bounds
from orchestrator.runtime.settings import LiveSettings

__all__ = ["banner", "live_client", "preview"]


@asynccontextmanager
async def live_client(
    plan: RunPlan,
    registry: ModelRegistry,
    settings: LiveSettings,
    *,
    clock: Clock,
    observer: Observer,
) -> AsyncIterator[tuple[ModelClient, RecordingClient | None]]:
    """The run's client, and its recorder in ``record`` mode; HTTP closed on the way out."""
    ledger = BudgetLedger.in_state_dir(
        settings.state_dir or default_state_dir(), registry.budget, clock=clock, observer=observer
    )
    with ledger:
        async with ProviderClients() as http:
            client: ModelClient = LiveClient(
                registry=registry,
                keys=dict(settings.keys),
                http=http,
                limiters=process_rate_limiters(),
                ledger=ledger,
                run_id=plan.run_id,
                observer=observer,
                clock=clock,
            )
            recorder = RecordingClient(client, clock=clock) if plan.mode == "record" else None
            yield (recorder or client), recorder


def banner(
    plan: RunPlan,
    registry: ModelRegistry,
    proposer_request: ChatRequest,
    budget: BudgetSummary,
) -> list[str]:
    """The guardrail banner shown before a run that calls the providers (SPEC §3)."""
    lines = [
        f"NETWORK MODE ENABLED ({plan.mode}): this run makes real API calls.",
        (
            "Costs will be incurred. NO-LIVE trading remains enforced: the pilot advises, it never "
            "trades. An evidence pack will be generated."
        ),
    ]
    models = [("proposer", plan.proposer), *(("fallback", m) for m in plan.fallbacks)]
    models.append(("critic", plan.critic))
    lines += [f"  {role}: {_endpoint(registry, model)}" for role, model in models]
    _, worst = cost_bounds(plan, proposer_request)
    lines += [
        f"  worst case for this run: {worst:.4f} USD (per-run limit {plan.per_run_limit_usd:.2f})",
        (
            f"  budget left: today {budget.today.left_usd:.2f} of {budget.today.limit_usd:.2f} USD, "
            f"this month {budget.month.left_usd:.2f} of {budget.month.limit_usd:.2f} USD "
            f"(ledger {budget.ledger})"
        ),
    ]
    return lines


def _endpoint(registry: ModelRegistry, model: ModelEntry) -> str:
    provider = registry.provider(model)
    return (
        f"{model.model_id} as {model.wire_model} via {provider.base_url} "
        f"({model.api} API, key from ${provider.api_key_env})"
    )


def preview(
    plan: RunPlan,
    registry: ModelRegistry,
    proposer_request: ChatRequest,
    settings: LiveSettings,
    *,
    clock: Clock,
) -> list[str]:
    """The banner of a prepared network run, with what its ledger says is left."""
    state_dir = settings.state_dir or default_state_dir()
    with BudgetLedger.in_state_dir(state_dir, registry.budget, clock=clock) as ledger:
        budget = ledger.summary()
    return banner(plan, registry, proposer_request, budget)
