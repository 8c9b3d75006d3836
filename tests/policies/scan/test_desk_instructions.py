"""Instructions to a desk without a full order, class by class, each beside its benign twin.

Execution commands that name no ticker or size, sides split from their sizes across the
outputs of a typed answer, mode switches, levels and sizing rules: each table of
instructions is paired with commentary that uses the same words for others or for markets.
"""

from __future__ import annotations

import json

import pytest

from policies.scan import CATEGORIES, scanner_for, shipped_vocabulary_dir
from tests.policies.scan.corpus import _set, typed_base
from tests.policies.scan.verdicts import blocked

STAGED_EXECUTION = [
    "Fire the basket after the auction.",
    "Release the VWAP at 10:00.",
    "Work the ticket into the close.",
    "Kick off the algo once the cash market opens.",
    "Hand over the orders to the trading desk.",
    "Send out the ticket to the broker before noon.",
    "Die Order an den Broker weiterleiten.",
    "Den Korb nach der Auktion abschicken.",
    "Libérez le panier à l'ouverture.",
    "Transmita las órdenes al bróker.",
    "Schicke den Korb an den Broker.",
    "Envíen la cesta al bróker.",
]
EXECUTION_DESCRIBED = [
    "Brokers route orders to exchanges through smart order routers.",
    "We use a basket of Asian currencies as a gauge of risk appetite.",
    "Higher real yields would start a sell-off in the market.",
    "A strong print would work against the dollar in the market.",
    "A break below 4,900 could trigger stop orders.",
    "Dealers worked large tickets into the close last week.",
    "Der Broker leitet die Aufträge an die Börse weiter.",
    "Ce panier de devises a progressé de 2 % en mai.",
]


@pytest.mark.parametrize("text", STAGED_EXECUTION)
def test_sending_a_staged_order_is_an_execution_command(text: str) -> None:
    """Releasing, firing or working a basket, algo or ticket executes, in any language."""
    assert blocked(text)


@pytest.mark.parametrize("text", EXECUTION_DESCRIBED)
def test_execution_words_in_commentary_pass(text: str) -> None:
    """Brokers' routing, baskets as indices and forecasts about 'the market' are no orders."""
    assert not blocked(text)


# Slots of the typed outlook: (output index, path in it); each part goes to the next slot.
_SLOTS = ((3, ("risks", 0, "description")), (5, ("rationale",)), (1, ("rationale",)))


def _typed_blocked(*parts: str) -> bool:
    items = typed_base(0)
    for (index, path), part in zip(_SLOTS, parts, strict=False):
        _set(items[index], path, part)
    raw = json.dumps({"outputs": items}, ensure_ascii=False)
    scanner = scanner_for(shipped_vocabulary_dir())
    return bool(scanner.scan_typed(raw, frozenset(CATEGORIES)))


SPLIT_ACROSS_OUTPUTS = [
    ("Short IWM.", "Size: 400 shares."),
    ("Vendan TTE.", "Cantidad: 2.500."),
    ("Go long the Bund future.", "12 contracts at 131.40."),
    ("Side — buy.", "Symbol — GLD.", "Amount — 150 shares on a 240 limit."),
    ("side=sell", "qty=250", "sym=XLE"),
    ("Sens : achat.", "Titre : Orange.", "Quantité : 900."),
]
SPLIT_DESCRIBED = [
    ("Real-money investors sold IWM in May.", "Volume: 400 million shares."),
    ("Dealers are short gamma below 5,000.", "Open interest: 250,000 contracts."),
    # The outlook's triggers ("VIX above 30") and horizon ("4 weeks") size no order.
    ("Would you buy gold here? Many investors ask.",),
]


@pytest.mark.parametrize("parts", SPLIT_ACROSS_OUTPUTS)
def test_a_side_is_completed_by_a_size_in_another_output(parts: tuple[str, ...]) -> None:
    """A side in one output item and its size or price in another make one order."""
    assert _typed_blocked(*parts)


@pytest.mark.parametrize("parts", SPLIT_DESCRIBED)
def test_described_sides_stay_commentary_beside_sizes_elsewhere(parts: tuple[str, ...]) -> None:
    """Others' trades in one output and market sizes in another are no order."""
    assert not _typed_blocked(*parts)


def test_a_dash_after_a_side_label_sets_the_side() -> None:
    """'Side — sell.' in prose is a side label with its value, as 'Side: sell.' is."""
    assert blocked("Rates are rising. Side — sell. Symbol — TLT. Amount — 300 at 88.10.")
    assert not blocked("Rates are rising — sell-side desks expect 300 bp of cuts.")


SETTINGS_SWITCHED = [
    "Run the strategy with --mode live --yes.",
    "Start the runner with --env production.",
    "paper_trading: true → false",
    "dry_run: true -> false",
    "Set paper_trading to false before the open.",
    "Flip dry_run from true to false.",
    "Den Parameter dry_run auf false setzen.",
    "Passez dry_run à false avant lundi.",
    "Ponga paper_trading a false.",
    "export IBKR_ENV=live",
    "Switch the account from simulation to live.",
    "Schalten Sie den Papiermodus aus.",
    "Desactive el modo simulado.",
    "Restart the runner with --dry-run=false.",
]
SETTINGS_DESCRIBED = [
    "This pilot runs with paper_trading: true and never trades.",
    "dry_run defaults to true; this report never changes it.",
    "The kill switch stays on by design.",
    "The exchange switches its new matching engine to production next quarter.",
    "Run the backtest with --mode paper to reproduce the figures.",
    "export IBKR_ENV=paper",
    "The account stays in simulation for the whole pilot.",
]


@pytest.mark.parametrize("text", SETTINGS_SWITCHED)
def test_turning_a_safety_setting_off_is_a_live_toggle(text: str) -> None:
    """Switches with values, settings changed with an arrow, safeties set to false in prose."""
    assert blocked(text)


@pytest.mark.parametrize("text", SETTINGS_DESCRIBED)
def test_settings_described_or_kept_safe_pass(text: str) -> None:
    """Paper mode documented, safeties left on, an exchange going live: no toggle."""
    assert not blocked(text)


LEVELS_WITHOUT_VERB = [
    "Our stop on copper sits at 4.12.",
    "The stop on IWM should sit at 201.",
    "Stops on MSFT go at 405.",
    "Take-profit zone for SOL-PERP: 240-250.",
    "Our entry for Bund futures is 131.20.",
    "Entry on dips to 5,050 in ES.",
    "Objectif sur Airbus : 180.",
    "Prise de profits sur Kering vers 320.",
    "Ziel für Siemens: 210.",
    "Objetivo para BBVA: 11,50.",
    "Recoja beneficios en Repsol en 15,20.",
]
LEVELS_DESCRIBED = [
    "Support on copper sits at 4.12.",
    "Resistance for IWM sits at 230.",
    "Stops are clustered below 5,100 in the S&P 500.",
    "Many CTAs keep their stops near 4,900.",
    "The consensus target for MSFT is 520.",
    "Le support d'Airbus se situe à 160.",
    "Die Unterstützung für Siemens liegt bei 180.",
]


@pytest.mark.parametrize("text", LEVELS_WITHOUT_VERB)
def test_our_levels_stated_without_a_trade_verb_block(text: str) -> None:
    """Stops, targets and entries for a named instrument, stated in our voice."""
    assert blocked(text)


@pytest.mark.parametrize("text", LEVELS_DESCRIBED)
def test_market_structure_and_others_levels_pass(text: str) -> None:
    """Support, resistance, where others' stops cluster, consensus targets: analysis."""
    assert not blocked(text)


SIZING_RULES = [
    "No more than 3 % of capital per idea.",
    "Never more than 1 % of NAV per position.",
    "Cap risk per trade at 0.75 % of equity.",
    "Keep risk per position at 1 % of capital.",
    "Risiko pro Trade auf 0,5 % des Eigenkapitals begrenzen.",
    "No más del 3 % del capital por idea.",
    "Taille maximale par ligne : 4 % de l'actif.",
    "Tamaño por posición: 3 % de la cartera.",
    "Destine un 4 % del capital a Inditex.",
]
SIZING_DESCRIBED = [
    "The fund's rules cap risk per trade at 1 % of equity.",
    "Der Fonds begrenzt das Risiko pro Trade auf 1 % des Kapitals.",
    "Turtle traders sized each position at one unit of ATR.",
    "Equities make up 60 % of the portfolio.",
]


@pytest.mark.parametrize("text", SIZING_RULES)
def test_our_sizing_and_risk_per_trade_rules_block(text: str) -> None:
    """A share of our capital per trade or idea, set as our rule."""
    assert blocked(text)


@pytest.mark.parametrize("text", SIZING_DESCRIBED)
def test_a_funds_sizing_rules_described_pass(text: str) -> None:
    """Another fund's or a historical sizing rule is a description."""
    assert not blocked(text)
