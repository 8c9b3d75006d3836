"""The adversarial corpus of the scope scanner, as an operator reads it.

Runs every generated case (``tests/policies/scan/corpus.py``) through the scope policy
with the project's ``config/`` and prints ``blocked=X/Y passed=A/B``, then one line per
class: how many of its cases got the verdict they are due, and the names of any that
did not.

Run: ``uv run python benchmarks/scope_corpus.py``.
"""

from __future__ import annotations

import collections
import time
from pathlib import Path

from agents.parsing import parse_proposal
from orchestrator.core.config import load_scope, scope_path
from policies.scope import check_proposal
from tests.policies.scan.corpus import benign_cases, smuggled_cases

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    scope = load_scope(scope_path(ROOT / "config", "L2"))
    per_class: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    wrong: dict[str, list[str]] = collections.defaultdict(list)
    totals = {True: [0, 0], False: [0, 0]}
    start = time.perf_counter()
    for case in (*smuggled_cases(), *benign_cases()):
        blocked = check_proposal(parse_proposal(case.content), scope).result == "FAIL"
        correct = blocked == case.blocked
        per_class[case.kind][0] += correct
        per_class[case.kind][1] += 1
        totals[case.blocked][0] += correct
        totals[case.blocked][1] += 1
        if not correct:
            wrong[case.kind].append(case.name)
    seconds = time.perf_counter() - start
    blocked_ok, smuggled = totals[True]
    passed_ok, benign = totals[False]
    print(f"blocked={blocked_ok}/{smuggled} passed={passed_ok}/{benign}")
    width = max(map(len, per_class))
    for kind, (right, total) in per_class.items():
        names = f"  wrong: {', '.join(wrong[kind])}" if wrong[kind] else ""
        print(f"  {kind:<{width}}  {right:>3}/{total:<3}{names}")
    print(f"cases={smuggled + benign} seconds={seconds:.2f}")


if __name__ == "__main__":
    main()
