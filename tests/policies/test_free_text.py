"""Structure rules for legacy free-text outlooks: uncertainty, no-trade triggers, scenarios."""

from __future__ import annotations

import pytest

from policies.free_text import count_scenarios, has_no_trade_triggers, has_uncertainty
from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir

SEED = (
    "# Market Outlook Q1 2026\n\n## Scenario Analysis\n\n**Base Case:** Moderate growth with "
    "elevated uncertainty.\n\n**Key Drivers:**\n- Central bank policy normalization\n"
    "- Geopolitical tensions remain elevated\n- Tech sector consolidation\n\n"
    "**No-Trade Triggers:**\n- VIX > 30\n- Credit spreads > 200bps\n\n"
    "**Uncertainty Level:** HIGH (geopolitical risks)"
)


def test_seed_outlook_golden_case() -> None:
    """The seed system's sample outlook: one scenario, uncertainty, triggers, no intent."""
    assert count_scenarios(SEED) == 1
    assert has_uncertainty(SEED) is True
    assert has_no_trade_triggers(SEED) is True
    scanner = scanner_for(shipped_vocabulary_dir())
    assert scanner.scan_fields([[Field("free_text", SEED)]], frozenset(CATEGORIES)) == []


@pytest.mark.parametrize(
    "text",
    [
        "**Uncertainty Level:** HIGH",
        "## Uncertainty\nHigh, driven by policy timing.",
        "Uncertainty: medium",
        "- **Uncertainty**: low",
        "**Uncertainty assessment**\n\nWide dispersion of outcomes.",
        "### Key uncertainties\n- election timing",
        "UNCERTAINTY LEVEL: HIGH",
        "**Unc\u0435rtainty Level:** HIGH",  # Cyrillic e
        "__Uncertainty:__ elevated",
    ],
)
def test_uncertainty_label_is_found(text: str) -> None:
    """A heading, bold line or Label: line naming uncertainty, with content, counts."""
    assert has_uncertainty(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "Moderate growth with elevated uncertainty.",
        "**Base Case:** Moderate growth with elevated uncertainty.",
        "## Uncertainty\n",
        "## Uncertainty\n\n## Scenarios\n- base",
        "**Uncertainty:** none",
        "Uncertainty: n/a",
        "The main source of uncertainty here, in our view, is the long and variable lag: x",
        "",
    ],
)
def test_uncertainty_mentioned_in_prose_or_empty_does_not_count(text: str) -> None:
    """Uncertainty in running text, or an empty uncertainty section, does not count."""
    assert has_uncertainty(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "**No-Trade Triggers:**\n- VIX > 30",
        "No trade triggers: VIX > 30",
        "## No-trade conditions\n- Credit spreads > 200bps",
        "### NO TRADE TRIGGERS\n\n1. VIX above 30",
        "- **No-trade triggers**: central bank emergency meeting",
        "No_Trade_Triggers: VIX > 30",
    ],
)
def test_no_trade_triggers_label_is_found(text: str) -> None:
    """A labelled, non-empty no-trade triggers (or conditions) section counts."""
    assert has_no_trade_triggers(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "No trade when VIX > 30",
        "We list no trade triggers today.",
        "**No-Trade Triggers:**\n\n## Next section",
        "**No-Trade Triggers:** none",
        "## Triggers\n- VIX > 30",
        "",
    ],
)
def test_no_trade_triggers_in_prose_or_empty_do_not_count(text: str) -> None:
    """Prose about trading, an empty section or an unrelated heading does not count."""
    assert has_no_trade_triggers(text) is False


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (SEED, 1),
        ("**Base Case:** soft landing\n**Bear Case:** recession", 2),
        ("Base Case: a\nAlternative case: b\n### Bear case\ntext\n**Bull case**", 4),
        ("Scenario 1: soft landing\nScenario 2: recession\nScenario 3: stagflation", 3),
        ("Scenario A - soft landing\nScenario B - recession", 2),
        ("## Scenario I\nx\n## Scenario II\ny", 2),
        ("**Base Case (60%):** a\n**Bear case 25%:** b\n**Bull case** (15%): c", 3),
        ("**Base Case:** a\n\nLater.\n\n**Base case:** repeated", 1),
        ("- Base case: a\n- Bear scenario: b\n- Bear case: c", 2),
        ("## Scenario Analysis\n\n**Base Case:** a\n**Downside case:** b", 2),
        ("**B\u0430se Case:** a\n**Bear Case:** b", 2),  # Cyrillic a
    ],
)
def test_labelled_scenarios_are_counted_once_each(text: str, count: int) -> None:
    """Each distinct scenario label counts once, whatever its markup."""
    assert count_scenarios(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("## Scenarios\n- soft landing\n- recession\n- stagflation", 3),
        ("**Scenarios:**\n\n1. soft landing\n2. recession\n", 2),
        ("## Scenarios\n- soft landing\n  - nested detail\n- recession\n\nProse after.", 2),
        ("## Scenarios\n- soft landing\n  continued on a second line\n- recession", 2),
        ("## Key Scenarios\n* one\n* two", 2),
        ("## Scenario Analysis\n- soft landing\n- recession", 0),
        ("## Scenarios\nNo list here.\n- later item", 0),
        ("The base case is a soft landing. In the bear case, spreads widen.", 0),
        ("Scenarios: soft landing, recession", 0),
        ("", 0),
    ],
)
def test_unlabelled_scenarios_are_the_items_under_scenarios(text: str, count: int) -> None:
    """Without labels, the list items directly under a "Scenarios" title are counted."""
    assert count_scenarios(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("**Basisszenario (55 %):** a\n**Bärenszenario:** b\n**Bullen-Szenario:** c", 3),
        ("## Hauptszenario\nx\n## Pessimistisches Szenario\ny", 2),
        ("- Basisfall: a\n- Negativszenario: b", 2),
        ("Szenario 1: a\nSzenario 2: b", 2),
        ("**Scénario central :** a\n**Scénario baissier :** b\n**Scénario haussier :** c", 3),
        ("## Scénario de base\nx\n## Scénario de stress\ny", 2),
        ("Scénario n°1 : a\nScénario n°2 : b", 2),
        ("**Escenario base:** a\n**Escenario bajista:** b\n**Escenario alcista:** c", 3),
        ("- Caso base (60 %): a\n- Escenario de estrés: b", 2),
        ("## Szenarien\n- Rezession\n- weiche Landung", 2),
        ("## Escenarios\n- recesión\n- aterrizaje suave", 2),
        ("## Szenarioanalyse\n- Rezession\n- weiche Landung", 0),
        ("Im Basisszenario sinkt die Inflation. Das Bärenszenario ist eine Rezession.", 0),
        ("En caso de recesión, los diferenciales se amplían.", 0),
    ],
)
def test_scenario_labels_in_german_french_and_spanish(text: str, count: int) -> None:
    """The seed's structure written in the scanner's other languages counts the same."""
    assert count_scenarios(text) == count


@pytest.mark.parametrize(
    ("text", "uncertainty", "no_trade"),
    [
        ("**Unsicherheit:** hoch (Geldpolitik)", True, False),
        ("## Prognoseunsicherheit\nMittel.", True, False),
        ("**Niveau d'incertitude :** élevé", True, False),
        ("Incertidumbre: media", True, False),
        ("**No-Trade-Auslöser:**\n- VIX > 30", False, True),
        ("## Auslöser für Handelsverzicht\n- VIX über 30", False, True),
        ("**Kein-Handel-Bedingungen:** VIX > 30", False, True),
        ("**Déclencheurs de non-intervention :**\n- VIX > 30", False, True),
        ("Conditions pour ne pas trader : VIX > 30", False, True),
        ("**Señales para no operar:**\n- VIX > 30", False, True),
        ("## Condiciones de no negociación\n1. VIX sobre 30", False, True),
        ("**Signale für Handelssperre:**\n- VIX > 30", False, True),
        ("**Kein Handel, wenn:**\n- VIX > 30", False, True),
        ("## Critères d'abstention\n- VIX > 30", False, True),
        ("**Pas de position si :**\n- VIX > 30", False, True),
        ("**Umbrales de no operar:** VIX > 30", False, True),
        ("**No trade if:**\n- VIX > 30", False, True),
        ("**Kein Handel:** wir bleiben investiert", False, False),
        ("**Auslöser:**\n- VIX > 30", False, False),
        ("**No-Trade-Auslöser:** keine", False, False),
        ("Die Unsicherheit ist hoch, und wir handeln nicht.", False, False),
    ],
)
def test_uncertainty_and_no_trade_labels_in_other_languages(
    text: str, uncertainty: bool, no_trade: bool
) -> None:
    """Labels in German, French and Spanish count; prose and empty sections do not."""
    assert has_uncertainty(text) is uncertainty
    assert has_no_trade_triggers(text) is no_trade
