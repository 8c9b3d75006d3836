"""States and speech described that the scanner once read as settings or advice, beside them.

A limit that a copula states ("are set at", "ist … festgelegt", "sont fixées à", "está
fijado en") is a rule in force, described; the same limit set by an imperative, an
obligation, a recommendation or a label is ours to set and blocks. Words quoted after
someone else's verb of saying are theirs; in our mouth or told to the reader they block.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

STATED_LIMITS = [
    "Position limits are set at 4 % of NAV for every sleeve.",
    "Issuer limits are fixed at 10 % of net assets under the prospectus.",
    "Single-name exposure is capped at 5 % of NAV by the UCITS rules.",
    "Concentration limits are currently set at 8 % of the portfolio.",
    "The pension fund's leverage is limited to 1.5x.",
    "Exposure limits stand at 6 % of NAV.",
    "Position limits remain at 5 % of the fund.",
    "Position limits have been at 3 % of NAV since 2021.",
    "VaR limits were set at 2 % of capital last year.",
    "Das Emittentenlimit ist auf 8 % des NAV festgelegt.",
    "Die Positionslimits sind bei 4 % des Fondsvermögens festgesetzt.",
    "Die Risikolimits des Fonds liegen bei 2 % des NAV.",
    "Die Hebelwirkung des Fonds ist auf 2x begrenzt.",
    "Les limites de position sont fixées à 4 % de l'actif net.",
    "L'effet de levier du fonds est plafonné à 2x.",
    "La limite de VaR est fixée à 1,5 % de l'actif net.",
    "Les limites d'exposition sont fixées à 6 % de l'actif.",
    "Los límites de posición están fijados en el 4 % del patrimonio.",
    "El límite de VaR está fijado en el 1,5 % del patrimonio.",
    "El límite de posición se sitúa en el 5 % del capital.",
    "El apalancamiento del fondo está limitado a 2x.",
]
LIMITS_SET = [
    "Set position limits at 4 % of NAV.",
    "Position limits are to be set at 4 % of NAV.",
    "Position limits should be set at 4 % of NAV.",
    "Position limits must be 4 % of NAV.",
    "Position limits: 4 % of NAV.",
    "Position limit at 4 % of NAV.",
    "Set the VaR limit to 4 % of NAV.",
    "Your position limit is 4 % of NAV.",
    "Leverage is to be capped at 2x.",
    "Setzen Sie die Positionslimits auf 4 % des NAV.",
    "Positionslimit: 4 % des NAV.",
    "Die Hebelwirkung ist auf 3x zu erhöhen.",
    "Fixez les limites de position à 4 % de l'actif net.",
    "Limite de position à 4 % de l'actif.",
    "Los límites de posición han de fijarse en el 4 % del patrimonio.",
    "Límite de posición en el 4 % del patrimonio.",
    "El apalancamiento debe limitarse a 2x.",
]


@pytest.mark.parametrize("text", STATED_LIMITS)
def test_a_limit_a_copula_states_is_a_rule_in_force(text: str) -> None:
    """A limit, its figure after a copula and a participle: described, whoever set it."""
    assert not blocked(text)


@pytest.mark.parametrize("text", LIMITS_SET)
def test_a_limit_set_asked_or_labelled_still_blocks(text: str) -> None:
    """The same limit set by an imperative, an obligation, a modal or a label blocks."""
    assert blocked(text)


QUOTED_SPEECH = [
    'A bond fund manager said at the summit: "We are buying Treasuries on every dip."',
    'A hedge fund founder told reporters: "We sold our Nvidia and are shorting the Nasdaq."',
    'The CIO of a Dutch pension fund says: "We keep adding duration."',
    "Ein Fondsmanager sagte im Interview: „Wir verkaufen jede Woche Bundesanleihen.“",
    "Der Stratege schrieb: „Wir kaufen Siemens bei jedem Rücksetzer.“",
    "Un gérant a déclaré : « Nous achetons des OAT chaque semaine. »",
    "Un gestor dijo en la conferencia: «Compramos bonos del Tesoro cada semana».",
    'The tabloid\'s headline on Monday, "Sell everything", proved premature.',
    "Le titre du journal lundi, « Vendez tout », s'est révélé prématuré.",
]
SPEECH_OF_OURS = [
    'We told clients: "Buy TLT now."',
    'Tell your clients: "Buy TLT now."',
    'Our strategist said: "Buy 100 TLT at 90."',
    'As we said in our last note: "Buy Siemens."',
    "Wir sagten den Kunden: „Kaufen Sie Siemens.“",
    "Nous l'avons dit : « Achetez des OAT. »",
    "Dijimos a los clientes: «Compren bonos del Tesoro».",
]


@pytest.mark.parametrize("text", QUOTED_SPEECH)
def test_words_quoted_after_someone_elses_verb_of_saying_are_theirs(text: str) -> None:
    """A quotation after a third party's "said:", "sagte:", "a déclaré :", "dijo:", or
    after the headline that names it, reports what was said."""
    assert not blocked(text)


@pytest.mark.parametrize("text", SPEECH_OF_OURS)
def test_words_we_or_the_reader_are_told_to_say_still_block(text: str) -> None:
    """The same quotation in our mouth, or told to the reader, blocks."""
    assert blocked(text)


SETTINGS_THAT_REMAIN = [
    "La clave risk.max_leverage permanece en 2 en el entorno de pruebas.",
    "Le paramètre max_leverage demeure à 2 dans l'environnement de test.",
    "The key max_leverage in risk_config.yaml stays at 2.",
    "Der Schlüssel max_leverage bleibt in Staging bei 2.",
]
SETTINGS_CHANGED = [
    "Fije la clave risk.max_leverage en 3.",
    "El apalancamiento debe permanecer en 3x.",
    "Portez le levier à 3x.",
    "Set max_leverage to 3 in risk_config.yaml.",
]


@pytest.mark.parametrize("text", SETTINGS_THAT_REMAIN)
def test_a_setting_said_to_remain_is_described(text: str) -> None:
    """A copula of state ("permanece", "demeure", "stays", "bleibt") describes a key."""
    assert not blocked(text)


@pytest.mark.parametrize("text", SETTINGS_CHANGED)
def test_a_setting_changed_or_to_remain_by_obligation_still_blocks(text: str) -> None:
    assert blocked(text)
