"""Instructions split across sentences or fields: a trade on a pronoun that stands for a
target named in the sentence (or the field) before, and a trade whose object and size
follow in a verbless sentence. Each table has its commentary twin (the pronoun as a
subject, others' trades, a statement with its own predicate), which must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

PRONOUN_TRADES = [
    "Gold looks stretched. Sell it.",
    "Nvidia has run hard. Trim it by half.",
    "Apple at 230 is rich. Take profits on it.",
    "The Bund short has worked. Close it.",
    "Our Tesla position? Cut it.",
    "Wir halten 300 Siemens. Verkaufen Sie sie morgen.",
    "Nous détenons 300 LVMH. Vendons-les demain.",
    "L'or semble tendu. Vendez-le.",
    "Tenemos 300 SAN. Véndelas.",
    "El oro parece caro. Véndelo.",
]
PRONOUNS_OF_COMMENTARY = [
    "Gold looks stretched. It fell 3 %.",
    "Gold looks stretched. Investors sold it.",
    "Tesla reported earnings. It beat estimates.",
    "Nvidia has run hard. It trades at 40 times earnings.",
    "The Bund short has worked for CTAs. They closed it last week.",
    "Nvidia has run hard. We would not sell it.",
    "Wir halten 300 Siemens. Sie sind unsere größte Position.",
    "L'or semble tendu. Il a perdu 3 %.",
    "El oro parece caro. Ha subido un 20 %.",
]


@pytest.mark.parametrize("text", PRONOUN_TRADES)
def test_a_trade_on_a_pronoun_for_a_named_target_blocks(text: str) -> None:
    """The pronoun (or the clitic written onto the verb) stands for the target before."""
    assert blocked(text)


@pytest.mark.parametrize("text", PRONOUNS_OF_COMMENTARY)
def test_pronouns_of_commentary_pass(text: str) -> None:
    """A pronoun as a subject, others' trades and refusals are commentary."""
    assert not blocked(text)


# The same across neighbouring fields of one output item.
PRONOUN_FIELDS = [
    ("Gold looks stretched.", "Sell it at the open."),
    ("Nvidia has run hard.", "Trim it into strength."),
    ("Tenemos 300 SAN.", "Véndelas en la apertura."),
]
PRONOUN_FIELDS_OF_COMMENTARY = [
    ("Gold looks stretched.", "It fell 3 % on Friday."),
    ("Nvidia has run hard.", "Investors sold it on Friday."),
]


@pytest.mark.parametrize("fields", PRONOUN_FIELDS)
def test_a_trade_on_a_pronoun_in_the_next_field_blocks(fields: tuple[str, ...]) -> None:
    """A field opening with a trade on a pronoun reads the field before as its antecedent."""
    assert blocked(*fields)


@pytest.mark.parametrize("fields", PRONOUN_FIELDS_OF_COMMENTARY)
def test_pronouns_in_the_next_field_of_commentary_pass(fields: tuple[str, ...]) -> None:
    """The pronoun as a subject, or others' trade, in the next field describes."""
    assert not blocked(*fields)


# A trade that ends its sentence, its object and size in a verbless sentence after it.
OBJECTS_AFTER = [
    "We trim. The miners, by a third.",
    "We sell. Tesla, 2,000 shares.",
    "Time to cut. Nvidia to 2 %.",
    "Wir reduzieren. Die Minenwerte, um ein Drittel.",
    "On allège. Les minières, d'un tiers.",
]
STATEMENTS_AFTER = [
    "We wait. Gold has run hard.",
    "Investors sell. Gold, mostly.",
    "CTAs trim. The miners, by a third.",
    "Stocks rallied. Nvidia, in particular.",
    "We are not selling. The miners, by a third.",
    "Wir verkaufen nicht. Die Minenwerte, um ein Drittel.",
    "Who sells? Hedge funds, mostly.",
]


@pytest.mark.parametrize("text", OBJECTS_AFTER)
def test_a_trade_with_its_object_in_the_next_sentence_blocks(text: str) -> None:
    """A verbless sentence after a bare trade of ours gives it its object."""
    assert blocked(text)


@pytest.mark.parametrize("text", STATEMENTS_AFTER)
def test_statements_after_a_verb_pass(text: str) -> None:
    """Others' trades, refusals and sentences with their own predicate describe."""
    assert not blocked(text)
