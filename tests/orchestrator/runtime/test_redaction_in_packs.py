"""A secret planted in a model answer never reaches the pack, the logs or a fixture."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pytest
import structlog

from clients.fake import FakeModelClient
from clients.recording import RecordingClient
from orchestrator.cli.logs import configure_logging
from orchestrator.core.calls import ChatRequest, ChatResponse, Role
from orchestrator.core.clock import FixedClock
from orchestrator.evidence.verify import verify_pack
from orchestrator.runtime.run import RunOptions, execute, prepare
from tests.helpers import SAMPLE

pytestmark = pytest.mark.anyio

FIXED = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
PLANTED = "sk-live-" + "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2"


class Leaky:
    """The fake model, with a key pasted into the macro summary of the proposal."""

    async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        answer = FakeModelClient().answer(request, role=role)
        if role == "proposer":
            leaked = answer.content.replace(
                "Growth is slowing", f"Growth is slowing (desk key {PLANTED})"
            )
            return msgspec.structs.replace(answer, content=leaked)
        return answer


async def test_planted_secret_is_stored_redacted(tmp_path: Path) -> None:
    """The pack holds the redacted answer, the count, and hashes over the stored bytes."""
    run = prepare(RunOptions(fixture=SAMPLE, out=tmp_path / "pack"))
    result = await execute(run, Leaky())
    assert result.outcome.status == "COMPLETE"
    for path in (tmp_path / "pack").iterdir():
        assert PLANTED not in path.read_text(encoding="utf-8"), path.name
    proposer = json.loads((tmp_path / "pack" / "proposer_output.json").read_text())
    assert "(desk key [REDACTED:api_key])" in proposer["raw_content"]
    assert proposer["call"]["redactions"] == 1
    manifest = json.loads((tmp_path / "pack" / "run_manifest.json").read_text())
    assert manifest["redactions"] == 1
    report = verify_pack(tmp_path / "pack")
    assert (report.ok, report.findings) == (True, ())


async def test_recorded_fixtures_are_redacted() -> None:
    """The recording wrapper stores the redacted answer, never the raw one."""
    recorder = RecordingClient(Leaky(), clock=FixedClock(FIXED))
    request = ChatRequest(model="gpt-5.2-pro", messages=(), temperature=0.0, max_tokens=10)
    await recorder.complete(request, role="proposer")
    stored = msgspec.json.encode(recorder.runs[0].response).decode()
    assert PLANTED not in stored
    assert "[REDACTED:api_key]" in stored


def test_logs_are_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    """What the configured logger writes to stderr is redacted, in strings and lists."""
    configure_logging("json")
    structlog.get_logger().warning("client.error", detail=f"said {PLANTED}", ids=[PLANTED, 3])
    line = json.loads(capsys.readouterr().err)
    assert line["detail"] == "said [REDACTED:api_key]"
    assert line["ids"] == ["[REDACTED:api_key]", 3]


def test_logged_tracebacks_are_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    """A traceback logged with an event is rendered as text and redacted like the rest."""
    configure_logging("json")
    try:
        raise RuntimeError(f"provider echoed {PLANTED}")
    except RuntimeError:
        structlog.get_logger().exception("supervisor.crashed")
    line = json.loads(capsys.readouterr().err)
    assert "RuntimeError: provider echoed [REDACTED:api_key]" in line["exception"]
    assert PLANTED not in json.dumps(line)
