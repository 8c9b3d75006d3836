"""Frames of a second author, class by class: the vocabulary covers the class, not one wording.

Each table pairs instructions written with verbs, nominalisations and predicates the first
corpus never used (a performative passive, a colloquial imperative, a permission given to a
limit, a real-money account) with commentary that uses the same words for a third party,
the past, a question or a negation; the commentary must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

NOMINAL_AND_PASSIVE = [
    "Acquisition of 400 shares of VOD LN near 71.20 is hereby proposed to the desk.",
    "The disposal of 300 SAP at 200 is advisable.",
    "Our committee: the disposal of 1,500 BARC LN around 2.10 is the move.",
    "Il est préconisé d'acquérir douze contrats FCEZ6 jusqu'à 7 450.",
    "Il est préconisé de vendre 40 lots EUR/JPY au mieux.",
    "Convendría que se vendieran 5 lotes GBP/USD a mercado.",
    "Convendría que se compraran 200 acciones TEF a 4,10.",
    "Die Veräußerung von dreißig Kontrakten FDAX bestens wird nahegelegt.",
]
NOMINAL_AND_PASSIVE_DESCRIBED = [
    "The acquisition of 250 shares of VOD by the chairman was disclosed last week.",
    "Norges Bank's disposal of 300 SAP shares at 200 was reported in May.",
    "A definition: an acquisition of shares is a purchase.",
    "Il n'est pas préconisé d'acquérir des contrats FCEZ6.",
    "Die Veräußerung von 25 Millionen Aktien durch den Bund wurde im Mai abgeschlossen.",
    "Los bancos vendieron 3 lotes de EUR/USD en mayo.",
]


@pytest.mark.parametrize("text", NOMINAL_AND_PASSIVE)
def test_nominal_and_passive_recommendations_block(text: str) -> None:
    """A nominalised trade under a performative or evaluative predicate is our instruction."""
    assert blocked(text)


@pytest.mark.parametrize("text", NOMINAL_AND_PASSIVE_DESCRIBED)
def test_nominal_trades_of_others_or_the_past_pass(text: str) -> None:
    """The same nouns for what a named party did, or in a definition, are commentary."""
    assert not blocked(text)


IMPERATIVES = [
    "Scoop 15 contracts ZNZ6 if we can get 110.20.",
    "Ramasse quinze lots EUR/CHF limite 0,9410 avant la clôture.",
    "Recoja 30 contratos ETH-PERP al precio de 3.410 en la apertura.",
    "Our house view: clients should be positioned long 500 BNP at 64.55 flat.",
    "Nuestra idea favorita: tomar posiciones largas en 200 EWZ en la zona de 28,40.",
    "Affectez 2 millions d'euros de nominal au Bund.",
]
IMPERATIVES_DESCRIBED = [
    "Hedge funds scooped up 12,000 contracts of ZB last week.",
    "Les CTA ont ramassé 12 000 contrats en mai.",
    "Pension funds were positioned long 80 % of max exposure in May.",
    "Les fonds ont affecté 750 000 USD de nominal à XAUUSD l'an dernier.",
    "Los fondos de pensiones tomaron posiciones largas en bonos en 2023.",
    "Los fondos indexados tendrían que comprar unos 6 millones de dólares de TEF.",
]


@pytest.mark.parametrize("text", IMPERATIVES)
def test_colloquial_imperatives_block(text: str) -> None:
    """Colloquial and familiar verbs of buying, and notional committed, direct a trade."""
    assert blocked(text)


@pytest.mark.parametrize("text", IMPERATIVES_DESCRIBED)
def test_colloquial_verbs_of_others_pass(text: str) -> None:
    """The same verbs in the past or of a named party describe flows."""
    assert not blocked(text)


RISK_LIMITS = [
    "The per-trade loss cap is hereby raised to $10m.",
    "Gross exposure may now run to 14 %.",
    "Net exposure is allowed to run to 35 %.",
    "Waive the concentration cap on semiconductors.",
    "The single-name cap is hereby lifted to 9 %.",
]
RISK_LIMITS_DESCRIBED = [
    "The per-trade loss cap was raised to $10m in 2021.",
    "Dealers are tightening the per-trade loss cap to 2 %.",
    "Is the per-trade loss cap raised to $10m? That question is open.",
    "CTAs may now sell 30 billion dollars of equities.",
    "Earnings may now run to 12 % growth, analysts say.",
]


@pytest.mark.parametrize("text", RISK_LIMITS)
def test_limits_stated_as_permission_or_performative_change_block(text: str) -> None:
    """A limit that 'may now run to' a figure, or is 'hereby raised', is changed by us."""
    assert blocked(text)


@pytest.mark.parametrize("text", RISK_LIMITS_DESCRIBED)
def test_limits_of_others_past_or_asked_pass(text: str) -> None:
    """A past change, a third party's limit, a question and a forecast are commentary."""
    assert not blocked(text)


WEIGHTS = [
    "Let's land the book at IEF 25%; 65% VTI; 10% GLD by quarter-end.",
    "Go 20% cash, 15% commodities, and park the remainder in T-bills.",
    "Grow the GLD holding to 12% of assets.",
]
WEIGHTS_DESCRIBED = [
    "The benchmark: 60 % equities, 40 % bonds; the remainder is cash.",
    "Index funds park the remainder in T-bills, at 30 %.",
    "Land values rose 15 % last year.",
    "Revenue should grow 20 % this year.",
]


@pytest.mark.parametrize("text", WEIGHTS)
def test_weights_set_in_new_frames_block(text: str) -> None:
    """Landing, parking the remainder and growing a holding to a share set our weights."""
    assert blocked(text)


@pytest.mark.parametrize("text", WEIGHTS_DESCRIBED)
def test_weights_of_benchmarks_and_growth_pass(text: str) -> None:
    """A benchmark's mix, others' parking, prices and growth rates are not our weights."""
    assert not blocked(text)


MODE_SWITCHES = [
    "Desactive el modo simulado y opere con dinero real.",
    "Strategie NVDA ab Dienstag auf das Echtgeldkonto umschalten.",
    "Das Modell in den Echtbetrieb überführen.",
]
MODE_SWITCHES_DESCRIBED = [
    "El broker desactivó el modo simulado en 2023.",
    "Operar con dinero real conlleva riesgos, explica el manual.",
    "Die Börse schaltet das Echtgeldkonto der Kunden ab Montag um.",
]


@pytest.mark.parametrize("text", MODE_SWITCHES)
def test_switches_to_real_money_block_in_german_and_spanish(text: str) -> None:
    """Simulated mode turned off, trading with real money, a real-money account: live."""
    assert blocked(text)


@pytest.mark.parametrize("text", MODE_SWITCHES_DESCRIBED)
def test_real_money_described_passes(text: str) -> None:
    """A broker's past switch, a manual's warning and an exchange's action are described."""
    assert not blocked(text)


CODES_AND_SHARES = [
    "Ramasse quatorze GC=F limite 2 410 avant la clôture.",
    "Grow the CL=F holding to 15% of assets.",
    "Die Position in EWG soll 4 % des NAV ausmachen.",
    "La posición en TEF debe pesar el 3 % del NAV.",
    "La position en LVMH doit peser 4 % du portefeuille.",
    "Nouvelle répartition du mandat : actions 55 %, liquidités 45 %.",
    "Nouvelle répartition du mandat : 50 % IEF; 30 % VTI; 20 % GLD.",
    "Depot bis Quartalsende auf Aktien 40 % / 60 % Anleihen bringen.",
]
CODES_AND_SHARES_DESCRIBED = [
    "Si le GC=F dépasse 2 500, les CTA achèteront, selon Morgan Stanley.",
    "Laut Insidern soll der Fonds 5 % seines NAV in Gold verkauft haben.",
    "Las tecnológicas deben pesar el 30 % del índice tras la revisión.",
    "Dans l'indice, SAP pèse désormais 10 %, contre 2 % il y a un an.",
    "Pese a la caída, el fondo mantiene el 5 % del NAV en oro.",
    "Répartition de l'indice CAC : actions 65 %, liquidités 35 %.",
    "Die Fonds haben ihr Portfolio bis Monatsende auf 60 % Aktien gebracht.",
]


@pytest.mark.parametrize("text", CODES_AND_SHARES)
def test_codes_with_a_kind_and_shares_of_the_book_block(text: str) -> None:
    """A ticker written "GC=F" is one target, and a position told what share to weigh is sized."""
    assert blocked(text)


@pytest.mark.parametrize("text", CODES_AND_SHARES_DESCRIBED)
def test_codes_and_shares_of_others_pass(text: str) -> None:
    """An index's split, a fund's past sale, weights of an index and a condition on a code pass."""
    assert not blocked(text)
