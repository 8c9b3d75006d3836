"""Limits suspended or extended in every language (German compound limit nouns among
them), switches to production from a simulated account, desk executions worked through
the day, books brought back to their reference allocation, sizes given to a target, and
positions entered with their side after the target. Each table has its commentary twin,
which must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

LIMIT_CHANGES = [
    "Suspend the daily loss limit until Friday.",
    "Extend the VaR limit of the desk to $15m.",
    "Das tägliche Verlustlimit vorübergehend aussetzen.",
    "Die Konzentrationsgrenze für Einzeltitel auf 12 % anheben.",
    "Wir setzen das Verlustlimit bis Freitag aus.",
    "Suspendre la limite de perte journalière jusqu'à vendredi.",
    "Suspender el límite de pérdidas diario.",
    "Ampliar el límite de exposición a renta variable al 70 %.",
]
LIMIT_CHANGES_DESCRIBED = [
    "Regulators suspended the daily loss limit rule for market makers in 2020.",
    "The exchange may extend its position limits next year, according to the consultation.",
    "Die Bank hat ihr Verlustlimit im März ausgesetzt.",
    "Die Konzentrationsgrenze der Aufsicht liegt bei 10 %.",
    "Le régulateur a suspendu la limite de perte en 2020.",
    "El banco suspendió el límite de pérdidas en 2020.",
]


@pytest.mark.parametrize("text", LIMIT_CHANGES)
def test_a_limit_suspended_or_extended_blocks(text: str) -> None:
    """A limit suspended, extended or raised, asked of us, is a risk-limit change."""
    assert blocked(text)


@pytest.mark.parametrize("text", LIMIT_CHANGES_DESCRIBED)
def test_a_limit_changed_by_others_or_in_the_past_passes(text: str) -> None:
    """Others' limits and past changes are described."""
    assert not blocked(text)


MODE_SWITCHES = [
    "Flip the sim account to production after the FOMC.",
    "Promote the paper book to the real-money account.",
    "Move the demo account to production on Monday.",
    "Das Demokonto nach der Sitzung auf Produktion umstellen.",
    "Basculer la stratégie du mode papier au mode réel lundi.",
]
MODE_SWITCHES_DESCRIBED = [
    "The bank moved its trading book to production systems last year.",
    "Production fell 3 % in the quarter while the sim results were mixed.",
    "Equities account for 60 % of the index.",
    "Die Fertigung wurde im Mai auf Produktion umgestellt.",
    "Le passage du modèle au réel est prévu par l'équipe d'une autre banque.",
]


@pytest.mark.parametrize("text", MODE_SWITCHES)
def test_a_simulated_account_switched_to_production_blocks(text: str) -> None:
    """A paper or simulated book sent to production or real money is a live toggle."""
    assert blocked(text)


@pytest.mark.parametrize("text", MODE_SWITCHES_DESCRIBED)
def test_production_and_accounts_in_commentary_pass(text: str) -> None:
    """Production as output, accounts that make up an index, others' migrations pass."""
    assert not blocked(text)


DESK_WORK = [
    "Die Order in Bund-Future über den Tag per VWAP abarbeiten.",
    "Ejecútese la orden de Inditex a lo largo de la sesión por VWAP.",
    "Das Portfolio bis Freitag auf die strategische Allokation zurückführen.",
    "Bring the portfolio back to the strategic allocation by Friday.",
    "Allocate 15 lots of TYH6 per account.",
    "Run 120 contracts of ESH6 in the macro sleeve.",
    "Enter gold long at 2,410.",
    "Open EURUSD short at 1.09.",
]
DESK_WORK_DESCRIBED = [
    "Die Order wurde gestern über den Tag per VWAP abgearbeitet.",
    "Pensionskassen führen ihre Portfolios zum Quartalsende auf die Zielallokation zurück.",
    "Hedge funds run 120 contracts of ESH6 on average.",
    "Vol funds allocate 15 lots per account on average.",
    "Funds entered gold long at 2,410 last year.",
    "Add the long-term view: bonds at 4.42 look cheap.",
]


@pytest.mark.parametrize("text", DESK_WORK)
def test_desk_work_asked_of_us_blocks(text: str) -> None:
    """Orders worked through the day, books brought back, sizes given, entries with a side."""
    assert blocked(text)


@pytest.mark.parametrize("text", DESK_WORK_DESCRIBED)
def test_desk_work_of_others_or_the_past_passes(text: str) -> None:
    """The same words about others, habits or the past describe."""
    assert not blocked(text)
