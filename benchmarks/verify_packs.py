"""Verifying a folder of evidence packs: `verify_path` over 1,000 copies of one replayed pack.

Replays the bundled sample once (in-process), copies the pack into a temporary folder
1,000 times, then times one :func:`orchestrator.evidence.verify.verify_path` over the folder: every
file read and hashed, the event chain walked, every artifact rebuilt from the events and
compared. All packs must verify. The last line is ``verify_packs_per_second=<float>``.

Run: ``uv run python benchmarks/verify_packs.py [PACKS]``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import anyio

from orchestrator.cli.logs import configure_logging
from orchestrator.evidence.verify import verify_path
from orchestrator.runtime.run import RunOptions, execute, prepare


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    configure_logging("json")
    # Unsigned on purpose: what is measured is the verification every pack gets.
    os.environ.pop("PILOT_SIGNING_KEY", None)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        anyio.run(execute, prepare(RunOptions(out=source)))
        folder = Path(tmp) / "packs"
        folder.mkdir()
        for index in range(count):
            shutil.copytree(source, folder / f"pack{index:04d}")
        start = time.perf_counter()
        reports = verify_path(folder).packs
        seconds = time.perf_counter() - start
    failed = [r.path for r in reports if not r.ok]
    if len(reports) != count or failed:
        raise SystemExit(f"expected {count} verified packs; failed: {failed[:3]}")
    print(f"packs={count} seconds={seconds:.3f}")
    print(f"verify_packs_per_second={count / seconds:.1f}")


if __name__ == "__main__":
    main()
