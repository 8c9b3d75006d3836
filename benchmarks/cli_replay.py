"""Whole-process `pilot run`: a replay of the bundled sample, start to pack, as a user runs it.

Runs the installed ``pilot`` script (the one beside this interpreter) repeatedly, each time
writing a fresh pack into a temporary folder, and prints wall-clock figures; then the same
number of processes that only import what ``pilot run`` imports, so that the share of
start-up in a run is visible. The first run of each kind is discarded (caches, bytecode).
The last lines are ``pilot_run_s_median=<float>`` and ``import_share=<float>``.

Bytecode matters: where ``PYTHONDONTWRITEBYTECODE`` is set, compile the project first
(``uv run python -m compileall -q orchestrator agents clients policies``) or every start
recompiles it. Instruction counts, which do not drift with machine load, come from
``valgrind --tool=callgrind`` on one run (see the README).

Run: ``uv run python benchmarks/cli_replay.py [RUNS]``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

IMPORTS = "import orchestrator.cli.app, orchestrator.cli.run"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    pilot = Path(sys.executable).parent / "pilot"
    with tempfile.TemporaryDirectory() as tmp:
        full = timed_runs(runs, lambda i: [str(pilot), "run", "--out", str(Path(tmp) / f"p{i}")])
    imports = timed_runs(runs, lambda _i: [sys.executable, "-c", IMPORTS])
    bare = timed_runs(runs, lambda _i: [sys.executable, "-c", "pass"])
    median = statistics.median(full)
    print(f"runs={runs} min={full[0]:.3f} max={full[-1]:.3f}")
    print(f"python_bare_s_median={statistics.median(bare):.3f}")
    print(f"imports_s_median={statistics.median(imports):.3f}")
    print(f"pilot_run_s_median={median:.3f}")
    print(f"import_share={statistics.median(imports) / median:.2f}")


def timed_runs(runs: int, command: Callable[[int], list[str]]) -> list[float]:
    """Wall seconds of ``runs`` processes (after one discarded), sorted."""
    timings: list[float] = []
    for index in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(
            command(index),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if index:
            timings.append(time.perf_counter() - start)
    return sorted(timings)


if __name__ == "__main__":
    main()
