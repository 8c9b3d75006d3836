"""The batch summary: exit codes, attempt numbering that never overwrites, inert Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from orchestrator.batch.plan import BatchItem
from orchestrator.batch.summary import (
    BatchCounts,
    BatchRun,
    BatchSummary,
    RunState,
    attempt_name,
    batch_exit_code,
    free_attempt,
    summary_markdown,
    unfinished_run,
    write_attempt_files,
)
from orchestrator.core.errors import EvidenceWriteError
from orchestrator.core.suites import load_suite
from tests.helpers import PROJECT

CALM = BatchItem(entry=load_suite(PROJECT / "config", "l2-drift-baseline").entry("calm"), sample=0)


def run(status: RunState, **changes: Any) -> BatchRun:
    return msgspec.structs.replace(unfinished_run(CALM, "NOT_RUN"), status=status, **changes)


@pytest.mark.parametrize(
    ("statuses", "interrupted", "code"),
    [
        (["COMPLETE", "COMPLETE"], False, 0),
        (["COMPLETE", "BLOCKED"], False, 2),
        (["COMPLETE", "FAILED"], False, 3),
        (["BLOCKED", "FAILED"], False, 3),
        (["COMPLETE", "NOT_RUN"], True, 130),
        (["FAILED", "NOT_RUN"], True, 130),
        (["COMPLETE", "BLOCKED"], True, 2),
        ([], False, 0),
    ],
)
def test_exit_code_of_a_batch(statuses: list[RunState], interrupted: bool, code: int) -> None:
    """0 all complete, 2 any blocked, 3 any failed (over blocked), 130 when runs are missing
    after an interrupt; a signal after the last run leaves the batch's own code."""
    assert batch_exit_code([run(s) for s in statuses], interrupted=interrupted) == code


def test_attempts_are_numbered_and_never_overwrite(tmp_path: Path) -> None:
    """Attempt 1 writes batch.json; the next free number is taken when any name of the set exists."""
    names = ["batch.json", "batch.md", "drift_report.html"]
    assert [attempt_name(n, 3) for n in names] == [
        "batch.3.json",
        "batch.3.md",
        "drift_report.3.html",
    ]
    assert free_attempt(tmp_path, names) == 1
    write_attempt_files(tmp_path, 1, {"batch.json": b"{}\n", "batch.md": b"# 1\n"})
    assert free_attempt(tmp_path, names) == 2
    (tmp_path / "drift_report.2.html").write_text("someone else's")
    assert free_attempt(tmp_path, names) == 3
    with pytest.raises(EvidenceWriteError, match="already exists and is never overwritten"):
        write_attempt_files(tmp_path, 1, {"batch.json": b"[]\n"})
    assert (tmp_path / "batch.json").read_bytes() == b"{}\n"


def test_markdown_keeps_model_text_inert() -> None:
    """A reason with Markdown syntax is escaped: no link, no table cell, no HTML."""
    reason = "scope: see [here](http://x) | <b>bold</b>"
    summary = BatchSummary(
        kind="pilot-batch-summary",
        version="1",
        suite_id="s",
        suite_file="config/suites/s.toml",
        suite_sha256="sha256:" + "0" * 64,
        mode="replay",
        samples=1,
        shard="2/3",
        attempt=1,
        interrupted=None,
        exit_code=2,
        counts=BatchCounts(runs=1, complete=0, blocked=1, failed=0, not_run=0, resumed=0),
        runs=(run("BLOCKED", pack="calm.sample-0", reasons=(reason,)),),
    )
    text = summary_markdown(summary)
    assert text.startswith("# Batch: s, shard 2/3\n")
    assert "**Not every run completed** (exit 2)." in text
    assert r"see \[here\](http://x) \| \<b\>bold\</b\>" in text
    assert "[here](" not in text
    assert "<b>" not in text
