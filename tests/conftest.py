"""Shared test fixtures: the project's own config and fixtures, copied where tests edit them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from orchestrator.cli.app import main
from orchestrator.core.canonical import encode_pretty, sha256_prefixed

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "fixtures"
SAMPLE = FIXTURES / "l2_market_outlook_sample.json"
FORBIDDEN = FIXTURES / "l2_market_outlook_forbidden_output.json"
BASELINE = FIXTURES / "l2_market_outlook_baseline_freetext.json"


@pytest.fixture(autouse=True)
def _no_signing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Packs are unsigned unless a test passes a key, whatever the developer's environment."""
    monkeypatch.delenv("PILOT_SIGNING_KEY", raising=False)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A private copy of the project's config/, safe to edit."""
    target = tmp_path / "config"
    shutil.copytree(PROJECT / "config", target)
    return target


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err


@pytest.fixture
def pilot(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Calls the CLI in-process and returns exit code, stdout and stderr."""

    def invoke(*args: str | Path) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke


def write_review(pack: Path, **changes: Any) -> dict[str, Any]:
    """Hand-write a review addendum in the format `pilot review` writes; returns its fields.

    Verification tests use it to build addenda (and broken ones) independently of the
    review command itself.
    """
    html = b"<!doctype html><title>review</title><p>Reviewed.</p>\n"
    (pack / "operator_review.html").write_bytes(html)
    index_bytes = (pack / "evidence_pack.json").read_bytes()
    index = json.loads(index_bytes)
    addendum: dict[str, Any] = {
        "addendum_version": "1.0",
        "evidence_pack_id": index["evidence_pack_id"],
        "run_id": index["run_id"],
        "pack_index_sha256": sha256_prefixed(index_bytes),
        "report": {
            "file": "operator_review.html",
            "sha256": sha256_prefixed(html),
            "bytes": len(html),
        },
        "decision": "APPROVE",
        "notes": "",
        "reviewer": "A. Operator",
        "started_at": "2026-01-10T13:00:00+00:00",
        "finished_at": "2026-01-10T13:09:30+00:00",
        "duration_seconds": 570,
        "verification_at_review": {"ok": True, "signed": False, "key_id": None, "findings": []},
    }
    addendum.update(changes)
    if "addendum_digest" not in changes:
        addendum["addendum_digest"] = ""
        addendum["addendum_digest"] = sha256_prefixed(encode_pretty(addendum))
    (pack / "operator_review.json").write_bytes(encode_pretty(addendum))
    return addendum
