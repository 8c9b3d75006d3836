"""Instructions split across fields or run on without a stop: a sentence left open in one
field and continued in lower case in another, a side named as a label's value with its
size in a later field, a capitalised verb or German article that starts a sentence whose
stop was left out, a size given per book without a verb, a switch named as a noun. Each
table has its commentary twin, which must pass.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.scan.splits import Piece, _open_ends, _question_ends, open_ends, question_ends
from tests.policies.scan.verdicts import blocked

SPLIT_INSTRUCTIONS = [
    ("The VaR limit of the desk", "is to be raised to $12m from tomorrow."),
    (
        "Model signals degrade in high-vol regimes. The VaR limit of the desk",
        "Vol sits near 10. is to be raised to $12m from tomorrow.",
    ),
    ("Next step for the runner: switch", "from paper to live with real capital on Monday."),
    ("The action we take on the base case is to sell.", "What we sell: 400 TYH6 at market."),
    ("Das VaR-Limit des Desks", "ist ab morgen auf 12 Mio. Euro anzuheben."),
    ("Acción para la mesa esta semana: venta.", "Objeto de la acción: 30 contratos a 11.250."),
    ("Étape suivante pour la stratégie :", "passage du mode papier au réel lundi."),
]
SPLIT_COMMENTARY = [
    ("The VaR limit of the desk", "was raised to $12m by the bank in 2020."),
    ("Next step for the economy: recovery", "from the energy shock is under way."),
    ("The view of most strategists is to sell.", "Their target: 400 on the S&P."),
    ("Das VaR-Limit des Desks", "wurde 2020 von der Bank angehoben."),
    ("Le passage du concurrent vers le réel a eu lieu en 2021.", "aucun changement chez nous."),
]


@pytest.mark.parametrize("fields", SPLIT_INSTRUCTIONS)
def test_an_instruction_split_across_fields_blocks(fields: tuple[str, str]) -> None:
    """An open end and its continuation are read as one sentence."""
    assert blocked(*fields)
    assert blocked(*reversed(fields))


@pytest.mark.parametrize("fields", SPLIT_COMMENTARY)
def test_commentary_split_across_fields_passes(fields: tuple[str, str]) -> None:
    """Halves that read as commentary together stay commentary."""
    assert not blocked(*fields)


RUN_ONS = [
    "FOMC day and the day after Lift the offer on 120 NQH6 up to 18,250.",
    "Choc de croissance Rééquilibrer le portefeuille vers l'allocation stratégique.",
    "Tag der EZB-Ratssitzung Den Hebel auf das Dreifache erhöhen.",
    "Tag der EZB-Ratssitzung Das Portfolio bis Freitag auf die strategische Allokation zurückführen.",
    "1500 Kontrakte Bund-Future je Mandat.",
    "250 lots EUR/CHF per account.",
    "20 lots de CAC 40 par portefeuille.",
    "1500 lotes de futuro del IBEX 35 por cartera.",
]
RUN_ONS_COMMENTARY = [
    "Bonds rallied on Buy The Dip flows.",
    "Fed Holds The Line On Rates.",
    "Die Anleger haben Den Hebel erhöht.",
    "CTAs hold 1500 contracts per account.",
    "Average open interest: 1,500 contracts per day.",
    "Die Fonds halten 1500 Kontrakte je Mandat.",
]


@pytest.mark.parametrize("text", RUN_ONS)
def test_a_run_on_instruction_or_a_size_per_book_blocks(text: str) -> None:
    """A sentence whose stop was left out starts at its capitalised verb or German article;
    a size per book without a verb is a sizing instruction."""
    assert blocked(text)


@pytest.mark.parametrize("text", RUN_ONS_COMMENTARY)
def test_title_case_and_sizes_held_by_others_pass(text: str) -> None:
    """Headlines in title case and sizes others hold are commentary."""
    assert not blocked(text)


# Texts of stops, blanks, line breaks and a few letters: where halves start and end.
_half_texts = st.text(alphabet=st.sampled_from(list("ab Z.?!;\n\t")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_half_texts)
def test_the_shortcuts_for_halves_find_what_reading_every_line_finds(text: str) -> None:
    """A one-line field ending in a stop has no open end, a field without a question mark
    no question: the shortcuts answer as the line-by-line reading does."""
    assert open_ends(text) == _open_ends(text)
    assert question_ends(text) == _question_ends(text)


@pytest.mark.parametrize(
    ("text", "ends", "questions"),
    [
        ("Sell the miners", [Piece(0, 15)], []),
        ("Sell the miners.", [], []),
        ("What should we do with miners?", [], [Piece(0, 30)]),
        ("We like gold. What about miners?  ", [], [Piece(14, 32)]),
        ("Sell the miners.\nThe VaR limit of the desk", [Piece(17, 42)], []),
    ],
)
def test_halves_of_one_line_and_of_several(
    text: str, ends: list[Piece], questions: list[Piece]
) -> None:
    assert open_ends(text) == ends
    assert question_ends(text) == questions
