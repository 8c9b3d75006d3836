"""Live model calls: the clients, their retry layer, rate limits, budget ledger and events.

:class:`LiveClient` is the :class:`ModelClient` of ``live`` and ``record`` runs. It is
built per run from the process's shared pieces: one :class:`ProviderClients` (HTTP), one
:class:`RateLimiters` (``process_rate_limiters()``) and one :class:`BudgetLedger`, with the
keys from :func:`load_api_keys`. Everything it does is reported as a :data:`LiveEvent`.

The facade is lazy: importing one name does not load httpx, SQLite and tenacity together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from clients.live.budget import (
        BudgetLedger,
        BudgetSummary,
        OpenReservation,
        PeriodSpend,
        Reservation,
        default_state_dir,
    )
    from clients.live.client import LiveClient
    from clients.live.events import (
        AttemptFailed,
        AttemptStarted,
        BudgetAlert,
        BudgetReserved,
        BudgetSettled,
        CallFailed,
        CallSucceeded,
        LiveEvent,
        Observer,
        RateLimitWaited,
        RetryScheduled,
    )
    from clients.live.http import HttpSettings, ProviderClients
    from clients.live.keys import ApiKey, load_api_keys
    from clients.live.ratelimit import RateLimiters, process_rate_limiters
    from clients.live.retry import RetryPolicy, is_transient
    from clients.live.wire import build_body, rebuild_request, worst_case_usd

__all__ = [
    "ApiKey",
    "AttemptFailed",
    "AttemptStarted",
    "BudgetAlert",
    "BudgetLedger",
    "BudgetReserved",
    "BudgetSettled",
    "BudgetSummary",
    "CallFailed",
    "CallSucceeded",
    "HttpSettings",
    "LiveClient",
    "LiveEvent",
    "Observer",
    "OpenReservation",
    "PeriodSpend",
    "ProviderClients",
    "RateLimitWaited",
    "RateLimiters",
    "Reservation",
    "RetryPolicy",
    "RetryScheduled",
    "build_body",
    "default_state_dir",
    "is_transient",
    "load_api_keys",
    "process_rate_limiters",
    "rebuild_request",
    "worst_case_usd",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "clients.live.budget": (
            "BudgetLedger",
            "BudgetSummary",
            "OpenReservation",
            "PeriodSpend",
            "Reservation",
            "default_state_dir",
        ),
        "clients.live.client": ("LiveClient",),
        "clients.live.events": (
            "AttemptFailed",
            "AttemptStarted",
            "BudgetAlert",
            "BudgetReserved",
            "BudgetSettled",
            "CallFailed",
            "CallSucceeded",
            "LiveEvent",
            "Observer",
            "RateLimitWaited",
            "RetryScheduled",
        ),
        "clients.live.http": ("HttpSettings", "ProviderClients"),
        "clients.live.keys": ("ApiKey", "load_api_keys"),
        "clients.live.ratelimit": ("RateLimiters", "process_rate_limiters"),
        "clients.live.retry": ("RetryPolicy", "is_transient"),
        "clients.live.wire": ("build_body", "rebuild_request", "worst_case_usd"),
    },
)
