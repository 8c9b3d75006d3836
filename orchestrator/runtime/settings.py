"""What a live or record run needs beyond its plan: keys, the state directory, the recording."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clients.live.keys import ApiKey

__all__ = ["LiveSettings"]


@dataclass(frozen=True)
class LiveSettings:
    """Keys (read from the environment before the run), where the budget ledger lives (None:
    ``PILOT_STATE_DIR`` or the platform's user state directory), and the fixture to record."""

    keys: Mapping[str, ApiKey]
    state_dir: Path | None = None
    record_to: Path | None = None
