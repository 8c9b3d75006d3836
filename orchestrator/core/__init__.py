"""The kernel: what every layer stands on, importing nothing of the layers above it.

One module per concept:

- ``errors`` — the one exception tree and its exit codes;
- ``version`` — the product version packs record;
- ``canonical`` — deterministic encoding and ``sha256:`` hashes;
- ``clock`` — injected clocks;
- ``config`` — model registry, capability scopes, scenarios (typed TOML);
- ``suites`` — suites of fixed scenarios for batch re-runs and drift (typed TOML);
- ``resources`` — where the shipped ``config/`` and ``fixtures/`` live;
- ``calls`` — the shape of one model call and the ``ModelClient`` protocol;
- ``contract`` — the L2 output types and the critique;
- ``messages`` — the message union actors exchange; ``mailbox`` — bounded mailboxes;
- ``decoding`` — where a typed decode failed; ``strict_json`` — JSON with no duplicate key
  and bounded nesting; ``fileio`` — reads and atomic writes;
- ``redaction`` — secrets out of everything stored; ``interrupts`` — signals;
- ``patterns`` — regular expressions compiled on first use;
- ``templates`` — Jinja2 set up once for the reports;
- ``exports`` — lazy package facades.

Enforced by the import contracts in ``pyproject.toml``. The kernel's public names are its
modules (``from orchestrator.core import errors``); each module's ``__all__`` lists its own.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "calls",
    "canonical",
    "clock",
    "config",
    "contract",
    "decoding",
    "errors",
    "exports",
    "fileio",
    "interrupts",
    "mailbox",
    "messages",
    "patterns",
    "redaction",
    "resources",
    "strict_json",
    "suites",
    "version",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
