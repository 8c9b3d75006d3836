"""Whole-process `pilot run`: a replay of the bundled sample, start to pack, as a user runs it.

Runs the installed ``pilot`` script (the one beside this interpreter) repeatedly, each time
writing a fresh pack into a temporary folder, and prints wall-clock figures. The first run
is discarded (it may compile bytecode). The last line is ``pilot_run_s_median=<float>``.

Run: ``uv run python benchmarks/cli_replay.py [RUNS]``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    pilot = Path(sys.executable).parent / "pilot"
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(runs + 1):
            start = time.perf_counter()
            subprocess.run(
                [str(pilot), "run", "--out", str(Path(tmp) / f"pack{index}")],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if index:
                timings.append(time.perf_counter() - start)
    timings.sort()
    print(f"runs={runs} min={timings[0]:.3f} max={timings[-1]:.3f}")
    print(f"pilot_run_s_median={statistics.median(timings):.3f}")


if __name__ == "__main__":
    main()
