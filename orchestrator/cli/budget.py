"""``pilot budget``: spend today and this month, open reservations, what is left."""

from __future__ import annotations

from pathlib import Path

from clients.live.budget import BudgetLedger, default_state_dir
from orchestrator.cli.options import ConfigDir
from orchestrator.cli.output import emit
from orchestrator.cli.summary import budget_lines
from orchestrator.core.canonical import encode_pretty
from orchestrator.core.clock import SystemClock
from orchestrator.core.config import load_registry
from orchestrator.core.resources import find_config_dir

__all__ = ["budget"]


def budget(
    *, state_dir: Path | None = None, config_dir: ConfigDir = None, json: bool = False
) -> int:
    """The budget ledger: today's and this month's spend against the registry's limits.

    Live and record runs reserve each call's worst case before it is sent and settle it to
    what the provider reports; reservations of a process that died stay charged at their
    worst case (the provider may have billed them) and are shown as expired.

    Parameters
    ----------
    state_dir
        Where the ledger lives (default: $PILOT_STATE_DIR, else the user state directory).
    json
        Print the summary as JSON.
    """
    registry = load_registry((config_dir or find_config_dir()) / "model_registry.toml")
    folder = state_dir or default_state_dir()
    with BudgetLedger.in_state_dir(folder, registry.budget, clock=SystemClock()) as ledger:
        summary = ledger.summary()
    emit(encode_pretty(summary).decode("utf-8") if json else budget_lines(summary))
    return 0
