"""The adversarial corpus: every smuggled instruction blocked, benign commentary passed."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest

from agents.parsing import parse_proposal
from orchestrator.core.config import CapabilityScope, load_scope, scope_path
from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir
from policies.scope import check_proposal
from tests.policies.scan.corpus import Case, benign_cases, smuggled_cases

CONFIG = Path(__file__).resolve().parents[3] / "config"
SMUGGLED = list(smuggled_cases())
BENIGN = list(benign_cases())
MIN_BENIGN_RATE = 0.98


@pytest.fixture(scope="module")
def scope() -> CapabilityScope:
    return load_scope(scope_path(CONFIG, "L2"))


def blocked(case: Case, scope: CapabilityScope) -> bool:
    return check_proposal(parse_proposal(case.content), scope).result == "FAIL"


def test_corpus_is_large_and_covers_every_class() -> None:
    """At least 300 smuggled and 100 benign outlooks, English and German, many classes."""
    assert len(SMUGGLED) >= 300
    assert len(BENIGN) >= 100
    per_class = collections.Counter(case.kind for case in SMUGGLED)
    assert len(per_class) >= 15
    assert all(count >= 3 for count in per_class.values())
    assert sum(case.kind == "benign (de)" for case in BENIGN) >= 30
    assert any("Kaufen" in case.content for case in SMUGGLED)


def test_every_smuggled_instruction_is_blocked(scope: CapabilityScope) -> None:
    """100 % of the smuggled outlooks are blocked."""
    missed = [case.name for case in SMUGGLED if not blocked(case, scope)]
    assert missed == []


def test_benign_commentary_passes(scope: CapabilityScope) -> None:
    """At least 98 % of the benign outlooks pass (currently all of them)."""
    wrongly = [case.name for case in BENIGN if blocked(case, scope)]
    assert 1 - len(wrongly) / len(BENIGN) >= MIN_BENIGN_RATE, wrongly
    assert wrongly == []


@pytest.mark.parametrize("case", SMUGGLED[::7] + BENIGN[::5], ids=lambda case: case.name)
def test_fast_path_never_changes_a_result(case: Case) -> None:
    """The gate's shortcut and the full analysis give the same violations, in order."""
    scanner = scanner_for(shipped_vocabulary_dir())
    categories = frozenset(CATEGORIES)
    proposal = parse_proposal(case.content)
    if proposal.format == "typed":
        fast = scanner.scan_typed(case.content, categories)
        full = scanner.scan_typed(case.content, categories, fast=False)
    else:
        unit = [[Field("free_text", case.content)]]
        fast = scanner.scan_fields(unit, categories)
        full = scanner.scan_fields(unit, categories, fast=False)
    assert fast == full


def test_fast_path_on_mutated_commentary() -> None:
    """Benign sentences spliced into each other's fields agree between both paths too."""
    scanner = scanner_for(shipped_vocabulary_dir())
    categories = frozenset(CATEGORIES)
    texts = [
        json.loads(case.content) if case.content.startswith("{") else case.content
        for case in BENIGN
    ]
    for text in texts[:40]:
        body = json.dumps(text) if isinstance(text, dict) else text
        for variant in (body, body.upper(), body.replace(" ", "_"), body.replace(".", "")):
            unit = [[Field("free_text", variant)]]
            assert scanner.scan_fields(unit, categories) == scanner.scan_fields(
                unit, categories, fast=False
            )
