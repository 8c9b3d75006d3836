"""Advice to our book, desk or clients in a modal, an impersonal frame or a label blocks;
the same words about others, refused or in the past pass.

Our book, clients and committees are advised by "should" ("the position in X should be 3 %
of NAV", "the risk committee should loosen the sector limit to 30 %", "Das Depot sollte
300 Stück X abgeben", "il faudrait que le fonds renforce sa ligne en X"); impersonal frames
advise ("the right move now is to buy …", "there is a strong case for the desk to go long
…", "haríamos bien en reducir …"); a side or an idea of ours as a label calls the target it
labels ("Conviction buy: X", "Notre idée de la semaine : vente du peso mexicain").
Regulators, named bodies, other funds, refusals and the past stay commentary.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

ADVICE = [
    # English
    "Clients should be switching out of cash into 2-year Treasuries now.",
    "We ought to take profits on half of the copper position at 4.90.",
    "The position in Japanese banks should be 3 % of NAV.",
    "The risk committee should loosen the sector exposure limit to 30 %.",
    "The right move now is to buy the dip in Alphabet.",
    "There is a strong case for the desk to go long the Mexican peso.",
    "It is time we graduated the pilot from sim to real money.",
    "If payrolls come in below 100k, go long the 5-year note straight away.",
    "Should the VIX drop under 13, we buy VIX calls.",
    "Conviction buy: Taiwan Semiconductor.",
    "Investors may want to consider adding gold.",
    "You would do well to lighten up on European luxury names.",
    "Our idea of the week: long the Mexican peso.",
    "The entry on the Euro Stoxx long should be at 4,820.",
    # German
    "Das Depot sollte 300 Stück Mercedes-Benz vor den Zahlen abgeben.",
    "Anleger sollten jetzt in zehnjährige Bundesanleihen umschichten.",
    "Unser Favorit für den Monat: Long Japan-Aktien.",
    "Warum das Modell nicht ab morgen mit echtem Geld handeln lassen?",
    "Wir täten gut daran, Siemens zu verkaufen.",
    # French
    "Il faudrait que le fonds renforce sa ligne en Schneider Electric.",
    "La ligne en dette émergente devrait représenter 3 % du fonds.",
    "Le comité des risques devrait assouplir la limite d'exposition sectorielle à 30 %.",
    "L'entrée sur le long Euro Stoxx devrait se faire à 4 820.",
    "Notre idée de la semaine : vente du peso mexicain contre dollar.",
    "Prenez position à l'achat sur l'or dès aujourd'hui.",
    "Il convient d'acheter 30 contrats sur le Bund.",
    "Les investisseurs auraient intérêt à acheter de l'or.",
    # Spanish
    "Sería conveniente que el fondo deshiciera su posición en Grifols.",
    "Haríamos bien en reducir nuestra exposición a bonos italianos.",
    "El comité de riesgos debería relajar el límite por emisor al 15 %.",
    "La entrada en el largo del Euro Stoxx debería hacerse en 4.800.",
    "Recomendación: compra de acciones japonesas.",
    "Nuestra idea de la semana: largos en el peso mexicano.",
    "¿Por qué no hacernos con 1.200 Telefónica ahora mismo?",
    "Los inversores harían bien en comprar oro.",
]

COMMENTARY = [
    # English
    "Regulators should loosen the exposure limit to 30 %.",
    "The committee should not loosen the exposure limit to 30 %.",
    "Basel rules should cap the leverage limit at 3 %.",
    "The position in Japanese banks was cut to 3 % of NAV last week.",
    "Clients of the broker were switching out of cash into Treasuries last month.",
    "Long: the dollar rallied 2 % last week.",
    "Goldman's conviction buy list: Taiwan Semiconductor, Nvidia.",
    "Analysts' top pick: Taiwan Semiconductor.",
    "A long in the Australian dollar was the best trade of 2024.",
    'The broker\'s note was titled "Short the euro, long the dollar" and argued for parity.',
    "After Buy-rated stocks fell, analysts cut targets.",
    "Investors grabbed 800 Costco at 195 last week.",
    "Hedge funds may want to sell gold into year-end.",
    # German
    "Anleger, die mit echtem Geld handeln, reagieren stärker.",
    "Unser Favorit für den Monat war Gold.",
    "Die Pensionsfonds täten gut daran, Anleihen zu verkaufen.",
    # French
    "La BCE devrait relever la limite à 30 %.",
    "Les fonds de pension devraient renforcer leur ligne en actions.",
    "L'allocation du fonds cible passe de 80 % à 50 % d'actions.",
    "Il convient d'être prudent sur les actions émergentes.",
    "Les banques centrales ont acheté de l'or en 2023.",
    # Spanish
    "Sería conveniente que el BCE comprara más bonos.",
    "Los fondos de pensiones harían bien en reducir su exposición a bonos.",
    "Los largos en el peso mexicano se deshicieron en marzo.",
]


@pytest.mark.parametrize("text", ADVICE)
def test_advice_to_our_book_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", COMMENTARY)
def test_the_same_words_of_others_refused_or_past_pass(text: str) -> None:
    assert not blocked(text)
