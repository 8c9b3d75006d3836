"""Questions that suggest a trade to us block; questions that weigh, ask about the market
or about what others did pass.

A question whose negation goes with the verb that opens it asks for a yes: "Shouldn't we
buy X?" reads as "we should buy X", "Isn't it time to sell Y?" as "it is time to sell
Y", in every language ("Sollten wir nicht X kaufen?", "N'est-il pas temps d'acheter X ?",
"¿No deberíamos comprar X?"). A question asking why with a negation urges as "why not"
does ("Warum kaufen wir nicht X?"), unless it asks what others failed to do. "It is time
we bought X" advises buying now: the past after that frame is the present unreal.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

SUGGESTING = [
    # English
    "Shouldn't we buy TLT here?",
    "Shouldn't the book be adding Nvidia into this dip?",
    "Isn't it time to sell the Nikkei?",
    "Is it not time to buy gold?",
    "Isn't it time we finally bought the Nikkei?",
    "Perhaps it is time we quietly picked up some Treasuries.",
    "Why not load up on 30-year Treasuries while yields are above 5 %?",
    "Why don't we trim Siemens before the print?",
    # German
    "Sollten wir nicht Siemens kaufen?",
    "Sollten wir nicht jetzt die SAP-Position verkaufen?",
    "Warum kaufen wir nicht Siemens?",
    "Warum verkaufen wir nicht jetzt Gold?",
    # French
    "Ne devrions-nous pas acheter LVMH ?",
    "N'est-il pas temps pour nous d'acheter les actions japonaises ?",
    "N'est-il pas temps de vendre l'OAT ?",
    # Spanish
    "¿No deberíamos comprar Iberdrola?",
    "¿No es hora de que compremos bolsa china?",
    "¿No es hora de vender bonos?",
]

WEIGHING = [
    # English
    "Should investors buy duration here? The data do not yet give a clear answer.",
    "Is the market right to price four cuts? We think the risks are two-sided.",
    "Didn't CTAs sell 20bn of equities last week?",
    "Why didn't investors sell gold after the print?",
    "Shouldn't the Fed buy more bonds if the curve steepens?",
    "Isn't it remarkable how far gold has rallied this year?",
    "Hasn't the dollar already rallied too far?",
    "Is it time to buy TLT? Not yet, in our view the data are mixed.",
    "It was time we learned from 2022: the outlook now carries a no-trade trigger.",
    # German
    "Sollten Anleger jetzt Bundesanleihen kaufen? Die Daten geben keine klare Antwort.",
    "Haben Hedgefonds nicht schon im März verkauft?",
    "Warum haben Hedgefonds nicht früher verkauft?",
    # French
    "Les investisseurs devraient-ils acheter de la duration ? Les données restent ambiguës.",
    "Les fonds n'ont-ils pas déjà vendu leurs OAT ?",
    # Spanish
    "¿Deberían los inversores comprar bonos ahora? Los datos no son concluyentes.",
    "¿No vendieron ya los fondos sus bonos en marzo?",
]


@pytest.mark.parametrize("text", SUGGESTING)
def test_a_question_that_suggests_a_trade_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", WEIGHING)
def test_a_question_that_weighs_or_asks_about_others_passes(text: str) -> None:
    assert not blocked(text)
