"""Speed of the capability-scope check and of its content scanner.

1. ``check_proposal`` on the bundled sample's typed proposal (six outputs), the whole
   scope check: type rules, contracts, constraints and the content scan (median of runs).
2. The scanner alone on that proposal: the gate's fast path, and the full analysis that
   the fast path stands in for (``fast=False``); then ``check_proposal`` on each typed
   proposal of the drift suite's fixtures (median and slowest), which the fast path cannot
   prove clean.
3. Linearity: one free-text field of growing size: the benign commentary of the test
   corpus; a dense benign text in which every sentence holds a trade word (the full
   analysis reads all of it); a field full of instructions; a field that never repeats a
   sentence. The time per megabyte should stay flat as the field grows (each figure is
   the median of three scans, so one pause of the machine does not bend the line).

Run: ``uv run python benchmarks/scope_check.py``. Figures are printed as ``name=value``.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from agents.parsing import parse_proposal
from orchestrator.core.config import load_scope, scope_path
from policies.scan import (
    Category,
    Field,
    Scanner,
    enforced_categories,
    scanner_for,
    vocabulary_dir,
)
from policies.scope import check_proposal
from tests.policies.scan.corpus import BENIGN_DE, BENIGN_EN

ROOT = Path(__file__).resolve().parent.parent
BENIGN = (
    "Long bonds rallied 3 % as CTAs, long 80 % of max exposure, sold equities. "
    "Pension funds rebalance into bonds at quarter-end; dealers are tightening risk limits. "
    "No trade when VIX > 30. The long end of the curve steepened after a sell-off. "
)
ORDERS = "Buy 100 shares of SPY at 4500. Go short ES. Size: 20. Stop-loss at 4,480. "


def per_call(call: Callable[[], object], repeats: int = 7, number: int = 2000) -> float:
    """Median seconds per call over ``repeats`` batches."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            call()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples)


def main() -> None:
    fixture = json.loads((ROOT / "fixtures" / "l2_market_outlook_sample.json").read_text())
    content = fixture["runs"][0]["response"]["choices"][0]["message"]["content"]
    proposal = parse_proposal(content)
    scope = load_scope(scope_path(ROOT / "config", "L2"))
    scanner = scanner_for(vocabulary_dir(scope))
    categories = enforced_categories(scope)
    check_proposal(proposal, scope)
    print(f"check_proposal_sample_us={per_call(lambda: check_proposal(proposal, scope)) * 1e6:.1f}")
    fast = per_call(lambda: scanner.scan_typed(content, categories))
    full = per_call(lambda: scanner.scan_typed(content, categories, fast=False), number=200)
    print(f"scan_typed_fast_us={fast * 1e6:.1f}")
    print(f"scan_typed_full_us={full * 1e6:.1f}")
    # Realistic outlooks that mention trade-ish words, so the gate's shortcut fails: the
    # typed proposals of the drift suite's fixtures, each checked in full.
    drift = [
        proposal
        for path in sorted((ROOT / "fixtures" / "drift").rglob("*.json"))
        for run in json.loads(path.read_text())["runs"]
        if (proposal := parse_proposal(run["response"]["choices"][0]["message"]["content"])).format
        == "typed"
    ]
    each = [per_call(partial(check_proposal, p, scope), repeats=5, number=20) for p in drift]
    print(
        f"check_proposal_drift_us={statistics.median(each) * 1e6:.1f} "
        f"max_us={max(each) * 1e6:.1f} proposals={len(drift)}"
    )
    commentary = " ".join((*BENIGN_EN, *BENIGN_DE)) + " "
    for name, sentence in (("commentary", commentary), ("dense", BENIGN), ("orders", ORDERS)):
        # Repeated text: each distinct sentence is analysed once (padding costs a lookup).
        for size in (125_000, 250_000, 500_000, 1_000_000):
            field_figure(scanner, categories, name, (sentence * (size // len(sentence) + 1))[:size])
    # No sentence repeats: every selected sentence is analysed.
    rng = random.Random(1)
    sentences = [*BENIGN_EN, *BENIGN_DE]
    for size in (250_000, 500_000, 1_000_000):
        parts, length, n = [], 0, 0
        while length < size:
            sentence = f"{rng.choice(sentences).rstrip('.')} (note {n})."
            parts.append(sentence)
            length += len(sentence) + 1
            n += 1
        field_figure(scanner, categories, "unique", " ".join(parts)[:size])


def field_figure(scanner: Scanner, categories: frozenset[Category], name: str, text: str) -> None:
    """Scan one free-text field and print its time (median of three), time per MB, findings."""
    samples = []
    for _ in range(3):
        start = time.perf_counter()
        found = scanner.scan_fields([[Field("free_text", text)]], categories)
        samples.append(time.perf_counter() - start)
    seconds = statistics.median(samples)
    print(
        f"field_{name}_{len(text) // 1000}kb_s={seconds:.3f} "
        f"per_mb_s={seconds / len(text) * 1e6:.3f} violations={len(found)}"
    )


if __name__ == "__main__":
    main()
