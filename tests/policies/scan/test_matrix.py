"""Every vocabulary entry in every frame of its family blocks; their benign twins pass."""

from __future__ import annotations

import re

import pytest

from tests.policies.scan.matrix import Case, benign_twins, directives
from tests.policies.scan.verdicts import blocked

DIRECTIVES = list(directives())
TWINS = list(benign_twins())
# What the scanner does not read yet, as (family, language, frame, words of the text).
# Each is a strict xfail: a fix that makes one block fails here until it is struck off.
GAPS: tuple[tuple[str, str, str, str], ...] = (
    # A position of the book given its share by a verb of receiving, in German.
    ("sizing", "de", "leg gets", ""),
    # "the portfolio" is a third party's as much as ours.
    ("sizing", "en", "leg gets", "of the portfolio"),
    # "Fonds" is a third party (a fund) as well as our book.
    ("sizing", "de", "", "vom Fonds"),
)
# Benign texts the scanner still blocks.
TWIN_GAPS: frozenset[str] = frozenset()


def _gap(case: Case) -> bool:
    return any(
        case.family == family
        and case.language == language
        and frame in ("", case.frame)
        and re.search(rf"{re.escape(words)}\b", case.text) is not None
        for family, language, frame, words in GAPS
    )


def _groups(cases: list[Case]) -> dict[str, list[Case]]:
    """The cases by family, language and frame: one test each, naming every miss."""
    grouped: dict[str, list[Case]] = {}
    for case in cases:
        grouped.setdefault(f"{case.family}-{case.language}-{case.frame}", []).append(case)
    return grouped


DIRECTIVE_GROUPS = _groups(DIRECTIVES)
TWIN_GROUPS = _groups(TWINS)


@pytest.mark.parametrize("group", sorted(DIRECTIVE_GROUPS))
def test_each_entry_blocks_in_each_frame(group: str) -> None:
    """An action, level, sizing, leverage, execution or command-line instruction blocks;
    a known gap still passes until it is struck off :data:`GAPS`."""
    cases = DIRECTIVE_GROUPS[group]
    assert [c.text for c in cases if not _gap(c) and not blocked(c.text)] == []
    assert [c.text for c in cases if _gap(c) and blocked(c.text)] == [], "strike off GAPS"


@pytest.mark.parametrize("group", sorted(TWIN_GROUPS))
def test_benign_twins_pass(group: str) -> None:
    """Others' past trades, questions and refusals beside the same words pass."""
    cases = TWIN_GROUPS[group]
    assert [c.text for c in cases if c.text not in TWIN_GAPS and blocked(c.text)] == []
    assert [c.text for c in cases if c.text in TWIN_GAPS and not blocked(c.text)] == [], (
        "strike off TWIN_GAPS"
    )


def test_every_family_and_language_is_generated() -> None:
    """The matrix covers every family in every language the vocabularies ship."""
    languages = {(c.family, c.language) for c in DIRECTIVES}
    for family in ("action:buy", "action:sell", "action:close", "level", "sizing"):
        assert {lang for fam, lang in languages if fam == family} == {"en", "de", "fr", "es"}
