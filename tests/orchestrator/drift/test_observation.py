"""Reading a pack for drift: the proposer's answer, bound to the pack's index and output hash."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from orchestrator.core.canonical import encode_pretty, sha256_prefixed
from orchestrator.core.contract import RegimeClassification
from orchestrator.core.errors import ConfigError, IntegrityError
from orchestrator.drift import observation_from_pack, read_observation
from tests.helpers import PROJECT

GOLDEN = PROJECT / "tests" / "golden" / "sample_pack"


def copy(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(GOLDEN, pack)
    for path in pack.iterdir():
        path.chmod(0o644)
    return pack


def reindex(pack: Path, **changes: object) -> None:
    """Rewrite the index with the proposer artifact's current hash (and ``changes``)."""
    index = json.loads((pack / "evidence_pack.json").read_bytes())
    data = (pack / "proposer_output.json").read_bytes()
    index["artifact_hashes"]["proposer_output.json"] = {
        "sha256": sha256_prefixed(data),
        "bytes": len(data),
    }
    index.update(changes)
    (pack / "evidence_pack.json").write_bytes(encode_pretty(index))


def test_golden_pack_reads_as_an_observation() -> None:
    """Pack id and hash, prompt, output hash, models, fingerprint and typed outputs."""
    observation = read_observation(GOLDEN, entry_id="daily")
    assert observation.entry_id == "daily"
    assert observation.pack_id == "EVP-L2-2026-01-10-43041679"
    assert observation.pack_sha256 == sha256_prefixed((GOLDEN / "evidence_pack.json").read_bytes())
    assert observation.prompt_hash.startswith("sha256:519f21bb")
    assert (observation.model_id, observation.returned_model) == ("gpt-5.2-pro", "gpt-5.2-pro")
    assert observation.system_fingerprint == "fake-fp-1"
    assert observation.format == "typed"
    assert len(observation.outputs) == 6
    regime = next(o for o in observation.outputs if isinstance(o, RegimeClassification))
    assert regime.regime == "late-cycle, range-bound"


def test_proposer_artifact_not_in_the_index_is_an_integrity_error(tmp_path: Path) -> None:
    """An edited proposer artifact no longer matches the index: exit 5."""
    pack = copy(tmp_path)
    path = pack / "proposer_output.json"
    path.write_bytes(path.read_bytes().replace(b"late-cycle", b"early-cycle"))
    with pytest.raises(IntegrityError, match=r"does not match the hash in evidence_pack\.json"):
        read_observation(pack, entry_id="daily")


def test_raw_content_must_match_its_output_hash(tmp_path: Path) -> None:
    """Content and output hash edited apart, even with the index redone: exit 5."""
    pack = copy(tmp_path)
    path = pack / "proposer_output.json"
    artifact = json.loads(path.read_bytes())
    artifact["raw_content"] = artifact["raw_content"].replace("late-cycle", "early-cycle")
    path.write_bytes(encode_pretty(artifact))
    reindex(pack)
    with pytest.raises(IntegrityError, match="raw content does not match its hash"):
        read_observation(pack, entry_id="daily")


def test_blocked_pack_is_not_compared(tmp_path: Path) -> None:
    """Only COMPLETE runs are observations; a blocked one is a clear refusal."""
    pack = copy(tmp_path)
    reindex(pack, status="BLOCKED")
    with pytest.raises(ConfigError, match="is BLOCKED, not COMPLETE"):
        read_observation(pack, entry_id="daily")


def test_complete_index_without_a_completed_answer_is_an_integrity_error(tmp_path: Path) -> None:
    """A COMPLETE index over a proposer artifact that has no answer is not a pack we wrote."""
    pack = copy(tmp_path)
    path = pack / "proposer_output.json"
    artifact = json.loads(path.read_bytes())
    del artifact["raw_content"]
    path.write_bytes(encode_pretty(artifact))
    reindex(pack)
    with pytest.raises(IntegrityError, match="lacks a completed answer"):
        read_observation(pack, entry_id="daily")


def test_missing_or_garbled_files_are_integrity_errors(tmp_path: Path) -> None:
    """No index, or an index that is not one, is exit 5 naming the pack."""
    with pytest.raises(IntegrityError, match=r"evidence pack index .* not found"):
        read_observation(tmp_path, entry_id="daily")
    with pytest.raises(IntegrityError, match=r"pack here: evidence_pack\.json is not a pack index"):
        observation_from_pack(b"[]", b"{}", entry_id="daily", where="here")
