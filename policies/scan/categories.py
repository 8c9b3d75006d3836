"""The five kinds of forbidden intent, their rule ids, and which a scope enforces.

The scope TOML is the source of truth for *what* is forbidden: each category stands for a
forbidden output type, and a category is enforced when the scope forbids that type. A
scope that names the type nowhere enforces the category too (fail closed, as an unknown
output type is blocked); only a scope that explicitly allows the type, and does not also
forbid it, switches the category off.
"""

from __future__ import annotations

import functools
from typing import Final, Literal

from orchestrator.core.config import CapabilityScope
from policies.normalize import type_key

__all__ = [
    "CATEGORIES",
    "LABELS",
    "OUTPUT_TYPE",
    "RULES",
    "Category",
    "enforced_categories",
    "not_enforced_notes",
]

Category = Literal["order", "execution", "risk_limit", "live_toggle", "rebalance"]
CATEGORIES: Final[tuple[Category, ...]] = (
    "order",
    "execution",
    "risk_limit",
    "live_toggle",
    "rebalance",
)
RULES: Final[dict[Category, str]] = {
    "order": "scope.forbidden_intent.order",
    "execution": "scope.forbidden_intent.execution",
    # The id predates the category's short name; packs and operators already know it.
    "risk_limit": "scope.forbidden_intent.risk_limit_change",
    "live_toggle": "scope.forbidden_intent.live_toggle",
    "rebalance": "scope.forbidden_intent.rebalance",
}
OUTPUT_TYPE: Final[dict[Category, str]] = {
    "order": "OrderParameters",
    "execution": "ExecutionCommand",
    "risk_limit": "RiskLimitChange",
    "live_toggle": "LiveToggle",
    "rebalance": "PortfolioRebalance",
}
LABELS: Final[dict[Category, str]] = {
    "order": "order-like instruction",
    "execution": "execution command",
    "risk_limit": "risk-limit change",
    "live_toggle": "live-trading toggle",
    "rebalance": "rebalancing instruction",
}


def enforced_categories(scope: CapabilityScope) -> frozenset[Category]:
    """The categories whose output type the scope forbids, or does not explicitly allow."""
    return _enforced(tuple(scope.outputs.forbidden), tuple(scope.outputs.allowed))


@functools.lru_cache(maxsize=64)
def _enforced(
    forbidden_names: tuple[str, ...], allowed_names: tuple[str, ...]
) -> frozenset[Category]:
    forbidden = {type_key(name) for name in forbidden_names}
    allowed = {type_key(name) for name in allowed_names}
    return frozenset(
        category
        for category, output in OUTPUT_TYPE.items()
        if type_key(output) in forbidden or type_key(output) not in allowed
    )


def not_enforced_notes(scope: CapabilityScope) -> tuple[str, ...]:
    """One note per category the scope switches off by allowing its output type."""
    return _notes(enforced_categories(scope))


@functools.lru_cache(maxsize=64)
def _notes(enforced: frozenset[Category]) -> tuple[str, ...]:
    # Every message's report carries them: written once per set of enforced categories.
    return tuple(
        f"{RULES[category]}: not enforced, the scope allows {OUTPUT_TYPE[category]}"
        for category in CATEGORIES
        if category not in enforced
    )
