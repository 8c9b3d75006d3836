"""`pilot verify`: intact packs pass; every kind of tampering fails with exit 5, naming the file."""

from __future__ import annotations

import json
import os
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from orchestrator.core.canonical import encode_compact, encode_pretty, sha256_prefixed
from orchestrator.core.version import PRODUCT_VERSION
from orchestrator.evidence.events import GENESIS, chain_hash
from orchestrator.evidence.verify import verify_pack, verify_path
from tests.helpers import FORBIDDEN, GOLDEN, PROJECT, Pilot, write_review

ARTIFACTS = (
    "capability_scope_check.json",
    "critic_output.json",
    "events.jsonl",
    "operator_output.md",
    "proposer_output.json",
    "run_manifest.json",
    "sod_check.json",
    "transcript.json",
)
ALL_FILES = ("evidence_pack.json", *ARTIFACTS)


@pytest.fixture
def pack(pilot: Pilot, tmp_path: Path) -> Path:
    """A replayed pack of the bundled sample, made writable for tampering."""
    path = tmp_path / "pack"
    assert pilot("run", "--out", path).code == 0
    return writable(path)


def writable(pack: Path) -> Path:
    for path in pack.iterdir():
        if not path.is_symlink():
            path.chmod(0o644)
    return pack


def verify(pilot: Pilot, path: Path, *args: str | Path) -> tuple[int, dict[str, Any]]:
    """Exit code and the parsed --json report."""
    result = pilot("verify", path, "--json", *args)
    return result.code, json.loads(result.out)


def problems(report: dict[str, Any], file: str) -> list[str]:
    return [f["problem"] for p in report["packs"] for f in p["findings"] if f["file"] == file]


def assert_caught(pilot: Pilot, pack: Path, file: str, needle: str = "") -> dict[str, Any]:
    code, report = verify(pilot, pack)
    assert code == 5, report
    found = problems(report, file)
    assert found, report
    assert any(needle in p for p in found), found
    assert report["ok"] is False
    return report


def load_index(pack: Path) -> dict[str, Any]:
    index: dict[str, Any] = json.loads((pack / "evidence_pack.json").read_bytes())
    return index


def save_index(pack: Path, index: dict[str, Any]) -> None:
    (pack / "evidence_pack.json").write_bytes(encode_pretty(index))


def rehash(pack: Path, *names: str) -> None:
    """Record the current sha256 and size of ``names`` in the index, as a forger would."""
    index = load_index(pack)
    for name in names:
        data = (pack / name).read_bytes()
        index["artifact_hashes"][name] = {"sha256": sha256_prefixed(data), "bytes": len(data)}
    save_index(pack, index)


def event_lines(pack: Path) -> list[bytes]:
    return (pack / "events.jsonl").read_bytes().splitlines(keepends=True)


def rechain(events: list[dict[str, Any]]) -> tuple[bytes, str]:
    """A fresh, internally consistent chain over ``events``: what a careful forger writes."""
    head, lines = GENESIS, []
    for event in events:
        data = encode_compact(event)
        prev, head = head, chain_hash(head, data)
        lines.append(
            b'{"event":%b,"hash":"%b","prev":"%b"}\n' % (data, head.encode(), prev.encode())
        )
    return b"".join(lines), head


def forge_events(pack: Path, events: list[dict[str, Any]]) -> None:
    """Write edited events as a consistent chain, head and index hash updated: a careful forger."""
    data, head = rechain(events)
    (pack / "events.jsonl").write_bytes(data)
    index = load_index(pack)
    index["events_head"] = head
    save_index(pack, index)
    rehash(pack, "events.jsonl")


def write_event_lines(pack: Path, lines: list[bytes]) -> None:
    """Replace events.jsonl with these lines and re-hash it into the index."""
    (pack / "events.jsonl").write_bytes(b"".join(lines))
    rehash(pack, "events.jsonl")


def flip_byte(data: bytes) -> bytes:
    """Change one letter in the middle of the file (stays UTF-8, usually stays JSON)."""
    middle = len(data) // 2
    at = next(i for i in range(middle, len(data)) if chr(data[i]).isalpha())
    return data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :]


# --- Intact packs --------------------------------------------------------------------


def test_intact_pack_verifies(pilot: Pilot, pack: Path) -> None:
    """A freshly written pack: exit 0, OK, unsigned, no findings."""
    result = pilot("verify", pack)
    assert result.code == 0, result.out
    assert result.out.splitlines()[0] == f"OK {pack} (unsigned)"
    code, report = verify(pilot, pack)
    assert code == 0
    assert report["ok"] is True
    [entry] = report["packs"]
    assert entry["findings"] == []
    assert entry["signed"] is False
    assert entry["key_id"] is None


def test_golden_pack_verifies() -> None:
    """The committed golden pack verifies in-process."""
    report = verify_pack(GOLDEN)
    assert report.ok, report.findings


def test_blocked_and_dry_packs_verify(pilot: Pilot, tmp_path: Path) -> None:
    """A BLOCKED pack and a dry-run pack (no transcript.json) verify too."""
    assert pilot("run", "--fixture", FORBIDDEN, "--out", tmp_path / "blocked").code == 2
    assert pilot("run", "--mode", "dry", "--out", tmp_path / "dry").code == 0
    assert not (tmp_path / "dry" / "transcript.json").exists()
    assert pilot("verify", tmp_path / "blocked").code == 0
    assert pilot("verify", tmp_path / "dry").code == 0


def test_json_report_has_sorted_keys(pilot: Pilot, pack: Path) -> None:
    """--json prints sorted-key JSON with one entry per pack."""
    result = pilot("verify", pack, "--json")
    assert result.out.encode() == encode_pretty(json.loads(result.out))
    assert list(json.loads(result.out)["packs"][0]) == sorted(json.loads(result.out)["packs"][0])


# --- Tampering with the files ----------------------------------------------------------


@pytest.mark.parametrize("name", ALL_FILES)
def test_flipped_byte_is_caught(pilot: Pilot, pack: Path, name: str) -> None:
    """One changed byte in any file: exit 5 naming that file."""
    path = pack / name
    path.write_bytes(flip_byte(path.read_bytes()))
    assert_caught(pilot, pack, name)


@pytest.mark.parametrize("name", ALL_FILES)
def test_truncated_file_is_caught(pilot: Pilot, pack: Path, name: str) -> None:
    """Any file cut in half: exit 5 naming that file."""
    path = pack / name
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert_caught(pilot, pack, name)


@pytest.mark.parametrize("name", ARTIFACTS)
def test_deleted_artifact_is_caught(pilot: Pilot, pack: Path, name: str) -> None:
    """A listed artifact deleted: exit 5, "listed in the index but missing"."""
    (pack / name).unlink()
    assert_caught(pilot, pack, name, f"{name} is listed in the index but missing")


def test_deleted_index_is_caught(pilot: Pilot, pack: Path) -> None:
    """The index deleted: still recognised as a pack, exit 5 naming evidence_pack.json."""
    (pack / "evidence_pack.json").unlink()
    assert_caught(pilot, pack, "evidence_pack.json", "evidence_pack.json is missing")


def test_deleted_artifact_removed_from_index_is_caught(pilot: Pilot, pack: Path) -> None:
    """transcript.json deleted and struck from the index: the events still derive it."""
    (pack / "transcript.json").unlink()
    index = load_index(pack)
    index["artifacts"].remove("transcript.json")
    del index["artifact_hashes"]["transcript.json"]
    save_index(pack, index)
    report = assert_caught(pilot, pack, "transcript.json", "is missing, though events.jsonl")
    assert problems(report, "evidence_pack.json")


@pytest.mark.parametrize("name", ["notes.txt", ".hidden", "evidence_pack.json.bak"])
def test_added_file_is_caught(pilot: Pilot, pack: Path, name: str) -> None:
    """A file the index does not list: exit 5 naming it."""
    (pack / name).write_text("extra")
    assert_caught(pilot, pack, name, f"{name} is not listed in the index")


def test_added_directory_is_caught(pilot: Pilot, pack: Path) -> None:
    """A sub-directory inside a pack is not allowed."""
    (pack / "more").mkdir()
    assert_caught(pilot, pack, "more", "is a directory")


@pytest.mark.parametrize("name", ["critic_output.json", "passwd"])
def test_symlink_out_of_the_pack_is_caught(pilot: Pilot, pack: Path, name: str) -> None:
    """A symlink to /etc/passwd, replacing an artifact or added: a path escape, never followed."""
    (pack / name).unlink(missing_ok=True)
    os.symlink("/etc/passwd", pack / name)
    assert_caught(pilot, pack, name, "is a symlink (to /etc/passwd)")


def test_symlink_with_matching_hash_is_caught(pilot: Pilot, pack: Path, tmp_path: Path) -> None:
    """A symlink to an identical copy outside the pack is caught although the bytes match."""
    outside = tmp_path / "critic_copy.json"
    shutil.copyfile(pack / "critic_output.json", outside)
    (pack / "critic_output.json").unlink()
    os.symlink(outside, pack / "critic_output.json")
    assert_caught(pilot, pack, "critic_output.json", "path escape")


@pytest.mark.parametrize("name", ["../outside.json", "/etc/passwd", "sub/file.json", ".."])
def test_index_listing_an_escaping_name_is_caught(pilot: Pilot, pack: Path, name: str) -> None:
    """An index listing a name outside the pack: a path escape, never opened."""
    index = load_index(pack)
    index["artifacts"] = sorted([*index["artifacts"], name])
    index["artifact_hashes"][name] = {"sha256": sha256_prefixed(b""), "bytes": 0}
    save_index(pack, index)
    assert_caught(pilot, pack, name, "path escape")


# --- Artifacts edited and re-hashed into the index -------------------------------------


@pytest.mark.parametrize(
    "name",
    [n for n in ARTIFACTS if n != "events.jsonl"],
)
def test_edited_and_rehashed_artifact_is_caught(pilot: Pilot, pack: Path, name: str) -> None:
    """An artifact edited and re-hashed into the index: it does not match the events."""
    path = pack / name
    path.write_bytes(flip_byte(path.read_bytes()))
    rehash(pack, name)
    assert_caught(pilot, pack, name, f"{name} does not match the events it was derived from")


def test_edited_critic_decision_is_caught_on_an_unsigned_pack(pilot: Pilot, pack: Path) -> None:
    """The critic's decision changed to APPROVE and re-hashed: caught by the rebuild."""
    path = pack / "critic_output.json"
    critic = json.loads(path.read_bytes())
    assert critic["decision"] == "APPROVE_WITH_CHANGES"
    critic["decision"] = "APPROVE"
    path.write_bytes(encode_pretty(critic))
    rehash(pack, "critic_output.json")
    report = assert_caught(pilot, pack, "critic_output.json")
    assert problems(report, "critic_output.json") == [
        "critic_output.json does not match the events it was derived from"
    ]
    text = pilot("verify", pack)
    assert text.code == 5
    assert "  critic_output.json does not match the events it was derived from" in text.out


def test_operator_notes_edited_in_the_index_is_caught(pilot: Pilot, pack: Path) -> None:
    """A field of the index changed (nothing hashes the index itself): the rebuild differs."""
    index = load_index(pack)
    index["operator_notes"] = "looks fine"
    save_index(pack, index)
    assert_caught(pilot, pack, "evidence_pack.json", "does not match the events")


def test_forged_consistent_event_chain_is_caught(pilot: Pilot, pack: Path) -> None:
    """Events edited and re-chained, head and hash updated: the artifacts no longer match."""
    events = [json.loads(line)["event"] for line in event_lines(pack)]
    critique = next(e for e in events if e.get("message", {}).get("kind") == "critique")
    body = critique["message"]["body"]
    body["decision"] = "APPROVE" if body["decision"] != "APPROVE" else "REJECT"
    forge_events(pack, events)
    code, report = verify(pilot, pack)
    assert code == 5
    assert "critic_output.json does not match the events it was derived from" in problems(
        report, "critic_output.json"
    )


def test_pack_of_another_version_is_not_rebuilt(pilot: Pilot, pack: Path) -> None:
    """A pack whose events say another product version fails with that reason, not a diff."""
    events = [json.loads(line)["event"] for line in event_lines(pack)]
    events[0]["plan"]["product_version"] = "9.9.9"
    forge_events(pack, events)
    code, report = verify(pilot, pack)
    assert code == 5
    expected = (
        "events.jsonl: the pack was written by market-outlook-pilot 9.9.9; this is "
        f"{PRODUCT_VERSION}, which cannot rebuild its artifacts: verify it with version 9.9.9"
    )
    assert problems(report, "events.jsonl") == [expected]


def test_product_version_is_the_package_version() -> None:
    """The version written into packs is the one in pyproject.toml."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text())
    assert project["project"]["version"] == PRODUCT_VERSION


# --- The event chain ---------------------------------------------------------------------


def test_reordered_events_are_caught(pilot: Pilot, pack: Path) -> None:
    """Two event lines swapped: the chain breaks at the first of them."""
    lines = event_lines(pack)
    lines[2], lines[3] = lines[3], lines[2]
    write_event_lines(pack, lines)
    assert_caught(pilot, pack, "events.jsonl", "line 3: prev is not the hash of line 2")


@pytest.mark.parametrize("drop", [0, 4, -1])
def test_dropped_event_is_caught(pilot: Pilot, pack: Path, drop: int) -> None:
    """An event line dropped (first, middle or last) and re-hashed: caught, events.jsonl named."""
    lines = event_lines(pack)
    del lines[drop]
    write_event_lines(pack, lines)
    assert_caught(pilot, pack, "events.jsonl")


def test_edited_event_is_caught(pilot: Pilot, pack: Path) -> None:
    """One event's bytes edited in place: its hash no longer covers it."""
    lines = event_lines(pack)
    lines[1] = lines[1].replace(b'"seq":1', b'"seq":7', 1)
    write_event_lines(pack, lines)
    assert_caught(pilot, pack, "events.jsonl", "line 2: hash does not cover its event")


def test_reformatted_event_line_is_caught(pilot: Pilot, pack: Path) -> None:
    """Whitespace added around a line's fields, hashes intact: not the canonical encoding."""
    lines = event_lines(pack)
    lines[0] = lines[0].replace(b',"hash":', b', "hash":', 1)
    write_event_lines(pack, lines)
    assert_caught(pilot, pack, "events.jsonl", "line 1 is not written as the pilot writes it")


def test_crlf_line_endings_are_caught(pilot: Pilot, pack: Path) -> None:
    """events.jsonl rewritten with CRLF line ends and re-hashed: not the canonical encoding."""
    data = (pack / "events.jsonl").read_bytes().replace(b"\n", b"\r\n")
    (pack / "events.jsonl").write_bytes(data)
    rehash(pack, "events.jsonl")
    assert_caught(pilot, pack, "events.jsonl", "line 1 is not written as the pilot writes it")


def test_edited_events_head_is_caught(pilot: Pilot, pack: Path) -> None:
    """events_head changed in the index: exit 5 naming evidence_pack.json."""
    index = load_index(pack)
    index["events_head"] = "sha256:" + "1" * 64
    save_index(pack, index)
    assert_caught(pilot, pack, "evidence_pack.json", "is not the end of the events.jsonl chain")


def test_wrong_version_is_caught(pilot: Pilot, pack: Path) -> None:
    """An index of another version is refused, naming the version."""
    index = load_index(pack)
    index["evidence_pack_version"] = "1.0"
    save_index(pack, index)
    assert_caught(pilot, pack, "evidence_pack.json", "evidence_pack_version '1.0'")


def test_index_of_the_wrong_shape_is_caught(pilot: Pilot, pack: Path) -> None:
    """An index whose artifact_hashes entry lacks bytes does not decode."""
    index = load_index(pack)
    del index["artifact_hashes"]["sod_check.json"]["bytes"]
    save_index(pack, index)
    assert_caught(pilot, pack, "evidence_pack.json", "not a valid evidence-pack index")


# --- Folders of packs --------------------------------------------------------------------


@pytest.fixture
def folder(pilot: Pilot, tmp_path: Path) -> Path:
    """Three packs in one folder, beside a staging directory, a stray file and a non-pack folder."""
    root = tmp_path / "packs"
    for name in ("p1", "p2", "p3"):
        assert pilot("run", "--out", root / name).code == 0
    (root / ".p4.staging").mkdir()
    (root / "README.txt").write_text("not a pack")
    (root / "keys").mkdir()
    return root


def test_folder_of_packs_verifies(pilot: Pilot, folder: Path) -> None:
    """Every pack directly inside a folder is verified; all intact is exit 0."""
    result = pilot("verify", folder)
    assert result.code == 0, result.out
    assert [line.split()[:2] for line in result.out.splitlines()[:3]] == [
        ["OK", str(folder / "p1")],
        ["OK", str(folder / "p2")],
        ["OK", str(folder / "p3")],
    ]
    assert len(verify_path(folder).packs) == 3


def test_folder_with_one_tampered_pack_fails(pilot: Pilot, folder: Path) -> None:
    """One tampered pack among three: exit 5, only that pack FAIL, the file named."""
    writable(folder / "p2")
    (folder / "p2" / "sod_check.json").write_text("{}")
    result = pilot("verify", folder)
    assert result.code == 5
    assert f"OK {folder / 'p1'}" in result.out
    assert f"FAIL {folder / 'p2'}" in result.out
    assert f"OK {folder / 'p3'}" in result.out
    assert re.search(r"^  sod_check\.json ", result.out, re.MULTILINE)
    assert "packs: 3, ok: 2, failed: 1" in result.out


def test_folder_without_packs_is_an_error(pilot: Pilot, tmp_path: Path) -> None:
    """A folder with no pack in it is exit 1, never a silent success."""
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    result = pilot("verify", tmp_path / "empty")
    assert result.code == 1
    assert "holds no evidence pack" in result.err


def test_missing_path_is_exit_1(pilot: Pilot, tmp_path: Path) -> None:
    """A path that does not exist is a usage error."""
    result = pilot("verify", tmp_path / "nope")
    assert result.code == 1
    assert "no such directory" in result.err


# --- The review addendum ------------------------------------------------------------------


def test_review_addendum_verifies(pilot: Pilot, pack: Path) -> None:
    """A consistent addendum is allowed and its decision is reported."""
    write_review(pack)
    code, report = verify(pilot, pack)
    assert code == 0, report
    assert report["packs"][0]["review"] == "APPROVE"
    assert "review APPROVE" in pilot("verify", pack).out


@pytest.mark.parametrize("orphan", ["operator_review.html", "operator_review.sig"])
def test_review_files_without_the_addendum_json_fail(pilot: Pilot, pack: Path, orphan: str) -> None:
    """A review report or signature without operator_review.json is refused: exit 5, named."""
    (pack / orphan).write_text("<p>draft</p>")
    assert_caught(pilot, pack, orphan, "is not a review addendum")


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"decision": "LGTM"}, "field decision: Invalid enum value 'LGTM'"),
        ({"pack_index_sha256": sha256_prefixed(b"other index")}, "pack_index_sha256"),
        ({"duration_seconds": 60}, "duration_seconds 60 is not finished_at - started_at (570)"),
        ({"run_id": "L2-0000000000000000"}, "run_id"),
        (
            {"report": {"file": "../x.html", "sha256": sha256_prefixed(b""), "bytes": 0}},
            "report.file",
        ),
        ({"decision": None}, "not a valid review addendum"),
    ],
    ids=["decision", "index-sha", "duration", "run-id", "report-file", "shape"],
)
def test_tampered_review_addendum_is_caught(
    pilot: Pilot, pack: Path, changes: dict[str, Any], needle: str
) -> None:
    """An addendum edited after the review: exit 5 naming operator_review.json."""
    write_review(pack, **changes)
    assert_caught(pilot, pack, "operator_review.json", needle)


def test_edited_review_decision_after_writing_is_caught(pilot: Pilot, pack: Path) -> None:
    """The decision of a written addendum edited in place to an unknown value is caught."""
    write_review(pack)
    path = pack / "operator_review.json"
    path.write_bytes(path.read_bytes().replace(b'"APPROVE"', b'"APPROVED"'))
    assert_caught(
        pilot, pack, "operator_review.json", "field decision: Invalid enum value 'APPROVED'"
    )


def test_valid_decision_swapped_after_review_is_caught(pilot: Pilot, pack: Path) -> None:
    """An unsigned addendum whose APPROVE is edited to REJECT no longer matches its digest."""
    review = pilot("review", pack, "--decision", "approve", "--reviewer", "Ana")
    assert review.code == 0, review.err
    path = pack / "operator_review.json"
    path.chmod(0o644)
    path.write_bytes(path.read_bytes().replace(b'"APPROVE"', b'"REJECT"'))
    assert_caught(pilot, pack, "operator_review.json", "addendum_digest does not match")


def test_index_edited_after_review_is_caught(pilot: Pilot, pack: Path) -> None:
    """The index changed after the review: the addendum no longer binds it."""
    write_review(pack)
    index = load_index(pack)
    index["operator_notes"] = "approved"
    save_index(pack, index)
    assert_caught(pilot, pack, "operator_review.json", "pack_index_sha256")


def test_edited_review_report_is_caught(pilot: Pilot, pack: Path) -> None:
    """The HTML report edited after the review: exit 5 naming operator_review.html."""
    write_review(pack)
    (pack / "operator_review.html").write_text("<p>something else</p>")
    assert_caught(pilot, pack, "operator_review.html", "does not match the sha256 and size")


def test_missing_review_report_is_caught(pilot: Pilot, pack: Path) -> None:
    """An addendum whose report was deleted: exit 5 naming operator_review.html."""
    write_review(pack)
    (pack / "operator_review.html").unlink()
    assert_caught(pilot, pack, "operator_review.html", "is missing")
