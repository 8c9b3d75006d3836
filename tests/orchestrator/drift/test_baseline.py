"""The baseline artifact: sealed, written once, and verified when loaded (exit 5 when edited)."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import msgspec
import pytest

from orchestrator.core.canonical import encode_pretty, sha256_prefixed
from orchestrator.core.errors import ConfigError, IntegrityError, UsageError, exit_code_for
from orchestrator.drift import Baseline, build_baseline, load_baseline, write_baseline
from tests.orchestrator.drift.factories import baseline_samples, free_text, outlook_items, typed


def sample_baseline() -> Baseline:
    return build_baseline(
        suite_id="l2-drift-baseline",
        suite_sha256="sha256:" + "5" * 64,
        created_at="2026-01-05T06:00:00+00:00",
        samples=baseline_samples(),
    )


def written(tmp_path: Path) -> Path:
    return write_baseline(tmp_path / "baseline.json", sample_baseline())


def rewrite(path: Path, change: Any, *, reseal: bool) -> None:
    """Edit the stored JSON; with ``reseal`` also recompute the digest, as a careful forger would."""
    data = json.loads(path.read_bytes())
    change(data)
    if reseal:
        data["digest"] = ""
        data["digest"] = sha256_prefixed(encode_pretty(data))
    path.chmod(0o644)
    path.write_bytes(encode_pretty(data))


def test_round_trip(tmp_path: Path) -> None:
    """What is written loads back equal: sorted-key JSON, read-only, with a sha256 digest."""
    baseline = sample_baseline()
    path = write_baseline(tmp_path / "baseline.json", baseline)
    assert load_baseline(path) == baseline
    assert path.read_bytes() == encode_pretty(baseline)
    assert stat.S_IMODE(path.stat().st_mode) & 0o222 == 0
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", baseline.digest)


def test_baseline_records_where_each_sample_came_from() -> None:
    """Pack ids and hashes, models, fingerprints, prompt and floor are all in the artifact."""
    entry = sample_baseline().entries[0]
    assert entry.entry_id == "calm"
    assert entry.prompt_hash.startswith("sha256:")
    assert len(entry.samples) == 3
    assert {s.returned_model for s in entry.samples} == {"gpt-5.2-pro"}
    assert {s.system_fingerprint for s in entry.samples} == {"fake-fp-1"}
    assert [s.pack_id for s in entry.samples] == [
        f"l2-drift-baseline-baseline-calm-{n}" for n in range(3)
    ]
    assert 0.0 < entry.noise_floor < 0.1
    assert entry.samples[0].structure.regimes == ("calm, low-volatility uptrend",)


def test_an_existing_baseline_is_never_overwritten(tmp_path: Path) -> None:
    """Writing over a baseline is a usage error, and the old file stays."""
    path = written(tmp_path)
    before = path.read_bytes()
    with pytest.raises(UsageError, match="already exists and is never overwritten"):
        write_baseline(path, sample_baseline())
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("case", "change", "reseal", "message"),
    [
        (
            "sample text",
            lambda d: d["entries"][0]["samples"][0].update(text="edited"),
            False,
            "has been edited",
        ),
        (
            "pack hash",
            lambda d: d["entries"][1]["samples"][2].update(pack_sha256="sha256:" + "0" * 64),
            False,
            "has been edited",
        ),
        ("digest", lambda d: d.update(digest="sha256:" + "0" * 64), False, "has been edited"),
        (
            "noise floor, resealed",
            lambda d: d["entries"][2].update(noise_floor=0.5),
            True,
            "has noise floor 0.5, but its samples give",
        ),
        ("unknown field", lambda d: d.update(extra=1), True, "is not a valid baseline"),
        ("kind", lambda d: d.update(kind="something-else"), True, "is not a valid baseline"),
    ],
)
def test_tampering_is_an_integrity_error(
    tmp_path: Path, case: str, change: Any, reseal: bool, message: str
) -> None:
    """Any edit of the stored baseline fails to load with exit 5."""
    path = written(tmp_path)
    rewrite(path, change, reseal=reseal)
    with pytest.raises(IntegrityError, match=message) as caught:
        load_baseline(path)
    assert exit_code_for(caught.value) == 5, case


def test_reformatted_bytes_are_an_edit(tmp_path: Path) -> None:
    """The digest covers the stored bytes: the same content re-indented does not verify."""
    path = written(tmp_path)
    data = json.loads(path.read_bytes())
    path.chmod(0o644)
    path.write_text(json.dumps(data, sort_keys=True, indent=4) + "\n")
    with pytest.raises(IntegrityError, match="has been edited"):
        load_baseline(path)


def test_not_json_is_an_integrity_error(tmp_path: Path) -> None:
    """A file that is not a baseline at all is exit 5, naming the file."""
    path = tmp_path / "baseline.json"
    path.write_text("not json")
    with pytest.raises(IntegrityError, match=f"drift baseline {path} is not a valid baseline"):
        load_baseline(path)


def test_missing_baseline_is_a_config_error(tmp_path: Path) -> None:
    """No baseline yet is exit 1 with the path."""
    with pytest.raises(ConfigError, match=r"drift baseline .*none\.json not found"):
        load_baseline(tmp_path / "none.json")


def test_other_tokenizer_asks_for_a_new_baseline(tmp_path: Path) -> None:
    """A baseline measured with another tokenizer cannot be compared: exit 1."""
    path = written(tmp_path)
    rewrite(path, lambda d: d.update(tokenizer="words-v0"), reseal=True)
    with pytest.raises(ConfigError, match=r"tokenizer 'words-v0'.*take a new baseline"):
        load_baseline(path)


def test_samples_must_answer_one_prompt() -> None:
    """Samples of one entry that answered different prompts are refused."""
    with pytest.raises(UsageError, match="answer different prompts"):
        build_baseline(
            suite_id="s",
            suite_sha256="",
            created_at="d",
            samples={"e": [typed(outlook_items()), free_text("x", prompt_hash="sha256:b")]},
        )


def test_entries_need_a_sample_of_their_own() -> None:
    """An entry without samples, or with another entry's, is refused."""
    with pytest.raises(UsageError, match="has no sample"):
        build_baseline(suite_id="s", suite_sha256="", created_at="d", samples={"e": []})
    with pytest.raises(UsageError, match="was given samples of f"):
        build_baseline(
            suite_id="s",
            suite_sha256="",
            created_at="d",
            samples={"e": [free_text("x", entry_id="f")]},
        )


def test_a_stale_digest_is_not_written(tmp_path: Path) -> None:
    """A baseline changed after sealing is refused by the writer."""
    stale = msgspec.structs.replace(sample_baseline(), created_at="later")
    with pytest.raises(UsageError, match="digest is stale"):
        write_baseline(tmp_path / "b.json", stale)
