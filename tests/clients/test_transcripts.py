"""Fixture integrity: strict JSON, and every recorded request re-hashed with the seed's hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clients.transcripts import SEED_ELISION, read_transcript, recorded_prompt_hash
from orchestrator.core.errors import ConfigError
from tests.helpers import BASELINE, FIXTURES, SAMPLE, Pilot

SEED_PROPOSER_HASH = "sha256:ce0db8666312bcd27baf92ceb2ead4d06aca001005376134c614e0776125a29a"
SEED_OUTLOOK = (
    "# Market Outlook Q1 2026\n\n**Base Case:** Moderate growth.\n\n**Uncertainty:** HIGH"
)
SEED_REVIEW = "**Decision:** APPROVE_WITH_CHANGES\n\n**Evidence IDs:** [proposer-run-001]"


def seed_hash(request: dict[str, Any]) -> str:
    """The seed system's hash, written out here independently of the product (SPEC §7)."""
    full = {"top_p": 1.0, "frequency_penalty": 0.0, "presence_penalty": 0.0, **request}
    return "sha256:" + hashlib.sha256(json.dumps(full, sort_keys=True).encode()).hexdigest()


def completion(content: str) -> dict[str, Any]:
    # Seed responses carry no "model": replay then reports the run's model_id.
    return {
        "id": "chatcmpl-1",
        "choices": [
            {"finish_reason": "stop", "message": {"role": "assistant", "content": content}}
        ],
        "usage": {"completion_tokens": 1, "prompt_tokens": 1, "total_tokens": 2},
    }


def seed_style_fixture(proposal_answer: str = SEED_OUTLOOK) -> dict[str, Any]:
    """A transcript as the seed system wrote them: fixed sampling defaults not stored, and the
    critic request stored with the proposal elided but hashed as it was sent."""
    proposer_request = {
        "max_tokens": 4000,
        "messages": [
            {"content": "You are a market analyst providing outlook reports.", "role": "system"},
            {"content": "Provide a market outlook for Q1 2026.", "role": "user"},
        ],
        "model": "gpt-5.2-pro",
        "temperature": 0.7,
    }
    critic_messages = [
        {
            "content": "You are a critical reviewer evaluating market outlook reports.",
            "role": "system",
        },
        {"content": "Review the following market outlook:\n\n", "role": "user"},
    ]
    sent = {"max_tokens": 2000, "model": "deepseek-r1", "temperature": 0.3}
    sent["messages"] = [
        critic_messages[0],
        {**critic_messages[1], "content": critic_messages[1]["content"] + proposal_answer},
    ]
    stored = {
        **sent,
        "messages": [
            critic_messages[0],
            {**critic_messages[1], "content": critic_messages[1]["content"] + SEED_ELISION},
        ],
    }
    metadata = {"latency_ms": 1, "timestamp": "2026-01-08T10:00:00Z"}
    return {
        "recorded_at": "2026-01-08T10:00:00Z",
        "scenario": "market-outlook-baseline",
        "transcript_id": "seed-style",
        "runs": [
            {
                "run_id": "proposer-run-001",
                "role": "proposer",
                "model_id": "gpt-5.2-pro",
                "prompt_hash": seed_hash(proposer_request),
                "request": proposer_request,
                "response": completion(proposal_answer),
                "metadata": metadata,
            },
            {
                "run_id": "critic-run-001",
                "role": "critic",
                "model_id": "deepseek-r1",
                "prompt_hash": seed_hash(sent),
                "request": stored,
                "response": completion(SEED_REVIEW),
                "metadata": metadata,
            },
        ],
    }


def write(tmp_path: Path, fixture: dict[str, Any], name: str = "fixture.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(fixture, indent=2, sort_keys=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "path", sorted(FIXTURES.rglob("*.json")), ids=lambda p: str(p.relative_to(FIXTURES))
)
def test_every_shipped_fixture_loads(path: Path) -> None:
    """All shipped fixtures pass the strict structure and the prompt-hash check."""
    transcript, digest = read_transcript(path)
    assert transcript.runs
    assert digest.startswith("sha256:")


def test_the_recorded_hash_is_the_seed_systems_hash() -> None:
    """A stored request without the fixed defaults hashes to the seed's recorded hash."""
    request = seed_style_fixture()["runs"][0]["request"]
    assert recorded_prompt_hash(request) == SEED_PROPOSER_HASH


def test_a_seed_style_fixture_with_an_elided_proposal_loads(tmp_path: Path) -> None:
    """The seed's critic request, stored with a placeholder, matches once the answer is put back."""
    transcript, _ = read_transcript(write(tmp_path, seed_style_fixture()))
    assert [run.run_id for run in transcript.runs] == ["proposer-run-001", "critic-run-001"]


def edit_sample(edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    fixture: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    edit(fixture)
    return fixture


EDITS: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    (
        "proposer-prompt",
        lambda f: f["runs"][0]["request"]["messages"][1].update(content="Say anything."),
        "proposer-519f21bb0faf",
    ),
    (
        "critic-temperature",
        lambda f: f["runs"][1]["request"].update(temperature=1.0),
        "critic-f1740a43acf3",
    ),
    (
        "stored-hash",
        lambda f: f["runs"][0].update(prompt_hash="sha256:" + "0" * 64),
        "proposer-519f21bb0faf",
    ),
    (
        "extra-request-field",
        lambda f: f["runs"][1]["request"].update(seed=7),
        "critic-f1740a43acf3",
    ),
]


@pytest.mark.parametrize(
    ("edit", "run_id"),
    [pytest.param(edit, run_id, id=name) for name, edit, run_id in EDITS],
)
def test_an_edited_request_with_its_old_hash_is_refused(
    tmp_path: Path, edit: Callable[[dict[str, Any]], object], run_id: str
) -> None:
    """A request changed after recording no longer matches its hash: ConfigError naming it."""
    path = write(tmp_path, edit_sample(edit))
    with pytest.raises(ConfigError) as caught:
        read_transcript(path)
    message = caught.value.message
    assert message.startswith(f"fixture {path}: runs[")
    assert f"(run id {run_id}): the stored prompt_hash" in message
    assert "the request was changed after recording" in message


def test_one_request_recorded_twice_is_refused(tmp_path: Path) -> None:
    """Two answers under one prompt hash: the fixture is refused naming both runs."""
    fixture = edit_sample(lambda f: None)
    again = json.loads(json.dumps(fixture["runs"][1]))
    again["run_id"] = "critic-again"
    again["response"]["choices"][0]["message"]["content"] = '{"decision": "APPROVE"}'
    fixture["runs"].append(again)
    with pytest.raises(ConfigError) as caught:
        read_transcript(write(tmp_path, fixture))
    message = caught.value.message
    assert "runs[1] (run id critic-f1740a43acf3) and runs[2] (run id critic-again)" in message
    assert "record the same request" in message


def test_an_edited_proposal_under_an_elided_critic_request_is_refused(tmp_path: Path) -> None:
    """In a seed fixture the critic's hash covers the proposal: editing the answer is caught."""
    fixture = seed_style_fixture()
    fixture["runs"][0]["response"] = completion(SEED_OUTLOOK + "\n\nBuy 100 ES at market.")
    with pytest.raises(ConfigError, match=r"\(run id critic-run-001\): the stored prompt_hash"):
        read_transcript(write(tmp_path, fixture))


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (
            (
                '{"recorded_at": "x", "recorded_at": "y", "runs": [], "scenario": "s",'
                ' "transcript_id": "t"}'
            ),
            "duplicate key 'recorded_at' at recorded_at",
        ),
        (
            (
                '{"recorded_at": "x", "runs": [{"run_id": "a", "run_id": "b"}], "scenario": "s",'
                ' "transcript_id": "t"}'
            ),
            "duplicate key 'run_id' at runs[0].run_id",
        ),
        ('{"runs": ' + "[" * 100 + "]" * 100 + "}", "deeper than the bound of 64, at runs"),
    ],
    ids=["top-level", "in-a-run", "too-deep"],
)
def test_a_fixture_with_bad_structure_is_refused(tmp_path: Path, text: str, needle: str) -> None:
    """Duplicate keys or nesting past the bound: ConfigError naming the file and the path."""
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_transcript(path)
    assert caught.value.message.startswith(f"fixture {path} is not a valid transcript: ")
    assert needle in caught.value.message


def test_pilot_run_on_a_tampered_fixture_is_exit_1_without_a_pack(
    pilot: Pilot, tmp_path: Path
) -> None:
    """`pilot run` refuses a tampered fixture before the run: exit 1, one sentence, no pack."""
    fixture = write(tmp_path, edit_sample(EDITS[0][1]))
    pack = tmp_path / "pack"
    result = pilot("run", "--fixture", fixture, "--out", pack)
    assert result.code == 1
    assert "(run id proposer-519f21bb0faf): the stored prompt_hash" in result.err
    assert "Traceback" not in result.err
    assert not pack.exists()


def test_the_seed_style_fixture_still_replays(
    pilot: Pilot, tmp_path: Path, config_dir: Path
) -> None:
    """With one scenario allowed, the seed-style transcript completes APPROVE_WITH_CHANGES."""
    scope = config_dir / "capability_scopes" / "L2_market_outlook.toml"
    scope.write_text(scope.read_text().replace("min_scenario_count = 2", "min_scenario_count = 1"))
    fixture = seed_style_fixture(SEED_OUTLOOK + "\n\n**No-Trade Triggers:**\n- VIX > 30")
    pack = tmp_path / "pack"
    result = pilot(
        "run", "--fixture", write(tmp_path, fixture), "--config-dir", config_dir, "--out", pack
    )
    assert result.code == 0, result.out + result.err
    assert "critic: APPROVE_WITH_CHANGES" in result.out


def test_baseline_fixture_is_untouched_by_the_check() -> None:
    """The shipped free-text baseline keeps its recorded hashes (it stores the defaults)."""
    transcript, _ = read_transcript(BASELINE)
    for run in transcript.runs:
        assert recorded_prompt_hash(run.request) == run.prompt_hash
