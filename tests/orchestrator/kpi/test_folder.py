"""Finding packs and drift reports in a folder, and what one pack contributes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from orchestrator.core.errors import ConfigError, UsageError
from orchestrator.kpi.facts import PackFacts, ReviewFacts, read_pack_facts
from orchestrator.kpi.folder import DriftFile, Leftover, PackDir, walk_folder
from tests.helpers import GOLDEN, PROJECT, write_review

DRIFT_REPORT = PROJECT / "tests" / "golden" / "drift" / "week_2_report.json"
SAMPLE_ID = "EVP-L2-2026-01-10-43041679"


def copy_pack(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(GOLDEN, target)
    return target


def test_walk_finds_packs_at_any_depth_and_drift_reports_by_their_kind(tmp_path: Path) -> None:
    """Nested packs, drift reports anywhere, leftovers named; other files, hidden folders and
    symlinks are not read."""
    copy_pack(tmp_path / "a" / "b" / "pack1")
    copy_pack(tmp_path / "pack2")
    copy_pack(tmp_path / ".hidden" / "pack3")
    (tmp_path / ".pilot-tmp-pack4.x1").mkdir()
    (tmp_path / "drift").mkdir()
    shutil.copy(DRIFT_REPORT, tmp_path / "drift" / "week.json")
    (tmp_path / "notes.json").write_text('{"kind": "something else"}', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "link")
    found = list(walk_folder(tmp_path))
    assert [(type(f).__name__, f.relative) for f in found] == [
        ("Leftover", ".pilot-tmp-pack4.x1"),
        ("PackDir", "a/b/pack1"),
        ("DriftFile", "drift/week.json"),
        ("PackDir", "pack2"),
    ]
    drift = found[2]
    assert isinstance(drift, DriftFile)
    assert drift.report.suite_id == "l2-drift-baseline"
    assert drift.sha256.startswith("sha256:")
    assert isinstance(found[0], Leftover)
    assert isinstance(found[1], PackDir)


def test_a_folder_that_is_one_pack_is_that_pack(tmp_path: Path) -> None:
    """FOLDER may itself be a pack."""
    pack = copy_pack(tmp_path / "pack")
    assert list(walk_folder(pack)) == [PackDir(path=pack, relative=".")]


def test_a_broken_drift_report_is_one_sentence_naming_file_and_field(tmp_path: Path) -> None:
    """A file that says it is a drift report but is not one: exit 1, file and field named."""
    bad = tmp_path / "drift.json"
    bad.write_text('{"kind": "pilot-drift-report", "version": "1"}', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"drift report .*drift\.json is not a valid") as caught:
        list(walk_folder(tmp_path))
    assert "missing required field `suite_id`" in caught.value.message
    assert caught.value.exit_code == 1


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    """No such directory: exit 1 before anything is read."""
    with pytest.raises(UsageError, match="no such directory"):
        list(walk_folder(tmp_path / "nowhere"))


def test_a_verified_pack_gives_its_facts(tmp_path: Path) -> None:
    """The golden sample pack: verified, its day, decision, cost and no review."""
    pack = copy_pack(tmp_path / "pack")
    assert read_pack_facts(pack, relative="pack") == PackFacts(
        path="pack",
        pack_id=SAMPLE_ID,
        day="2026-01-10",
        verified=True,
        status="COMPLETE",
        sod_result="PASS",
        sod_reason="Proposer (gpt-5.2-pro) != Critic (deepseek-r1)",
        scope_result="PASS",
        critic_decision="APPROVE_WITH_CHANGES",
        cost_usd=0.00891 + 0.000264,
    )


def test_a_reviewed_pack_gives_its_review(tmp_path: Path) -> None:
    """The addendum's decision, duration, notes and reviewer."""
    pack = copy_pack(tmp_path / "pack")
    write_review(pack, notes="Looks fine.", decision="APPROVE")
    facts = read_pack_facts(pack, relative="pack")
    assert facts.verified
    assert facts.review == ReviewFacts(
        decision="APPROVE", seconds=570, notes="Looks fine.", reviewer="A. Operator"
    )


def test_a_pack_without_its_index_is_unverified_and_undated(tmp_path: Path) -> None:
    """Nothing can be read without the index: named by its path, verify's finding kept."""
    pack = copy_pack(tmp_path / "pack")
    (pack / "evidence_pack.json").unlink()
    facts = read_pack_facts(pack, relative="packs/x")
    assert (facts.pack_id, facts.day, facts.verified) == ("packs/x", None, False)
    assert facts.findings == (
        "evidence_pack.json: evidence_pack.json is missing; without it nothing can be checked",
    )


def test_an_edited_pack_is_unverified_but_keeps_its_id_and_day(tmp_path: Path) -> None:
    """A changed artifact: the index still names the run and its day; nothing else is used."""
    pack = copy_pack(tmp_path / "pack")
    sod = pack / "sod_check.json"
    sod.write_text(sod.read_text(encoding="utf-8").replace("PASS", "FAIL", 1), encoding="utf-8")
    facts = read_pack_facts(pack, relative="pack")
    assert (facts.pack_id, facts.day, facts.verified) == (SAMPLE_ID, "2026-01-10", False)
    assert facts.findings[0].startswith("sod_check.json: ")
    assert (facts.critic_decision, facts.cost_usd, facts.review) == (None, 0.0, None)
