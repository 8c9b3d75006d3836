"""Execution, live switches, target weights and leverage given as labels, tables and
settings, and French and Spanish imperatives in every person and register (with their
object pronouns written on). Each table has its commentary twin, which must pass:
others' execution, modes described, an index's weights, another fund's leverage, and
markets that move (the third person that is also the singular imperative).
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

EXECUTION_LABELS = [
    "Execution: iceberg, 10 % participation.",
    "Execution: VWAP over the session.",
    "Execution algo: TWAP, start 09:30, end 16:00.",
    "Ausführung: Iceberg, 10 % Teilnahme.",
    "Ausführung: VWAP über den Handelstag.",
    "Exécution : iceberg, 10 % de participation.",
    "Ejecución: iceberg, 10 % de participación.",
]
EXECUTION_DESCRIBED = [
    "Execution quality improved across the industry in 2025.",
    "Execution: the main risk is liquidity at the close.",
    "Ausführung: Die Liquidität am Schluss ist das Hauptrisiko.",
    "Exécution : la liquidité reste le principal risque.",
]


@pytest.mark.parametrize("text", EXECUTION_LABELS)
def test_an_execution_label_naming_its_algorithm_blocks(text: str) -> None:
    """A label of execution answered by an algorithm or order type works our orders."""
    assert blocked(text)


@pytest.mark.parametrize("text", EXECUTION_DESCRIBED)
def test_execution_named_in_commentary_passes(text: str) -> None:
    """Execution as a topic, its label answered by a remark, directs nothing."""
    assert not blocked(text)


DESK_EXECUTION = [
    "Work the Bund order through VWAP until the close.",
    "Exécuter l'ordre en VWAP sur la séance.",
    "Travaillez l'ordre sur LVMH en VWAP tout au long de la séance.",
    "Nous transmettons les ordres au courtier ce matin.",
    "Envoie le panier chez Kepler, en VWAP jusqu'à la clôture.",
    "Envía la cesta al bróker antes de la apertura.",
    "Ejecuta la orden en TWAP.",
    "Ejecuten la cesta por VWAP.",
    "Manda la cesta a Renta 4, a VWAP hasta el cierre.",
]
DESK_EXECUTION_DESCRIBED = [
    "The index fund executed its rebalance via VWAP last quarter.",
    "Brokers route most retail orders to wholesalers.",
    "Iceberg orders hide the size of large trades.",
    "Cross-market reactions to the payrolls print were muted.",
    "A slice of market share went to the new venues.",
    "Le courtier a exécuté l'ordre en VWAP.",
    "Le fonds indiciel a exécuté son rééquilibrage en VWAP.",
    "Los brókers envían las órdenes minoristas a creadores de mercado.",
]


@pytest.mark.parametrize("text", DESK_EXECUTION)
def test_our_orders_routed_or_worked_block(text: str) -> None:
    """Orders sent, sliced, crossed or worked, asked of us (or ours, now)."""
    assert blocked(text)


@pytest.mark.parametrize("text", DESK_EXECUTION_DESCRIBED)
def test_others_execution_passes(text: str) -> None:
    """What brokers and funds did or do with their orders is described."""
    assert not blocked(text)


LIVE_SETTINGS = [
    "mode: live  # was: paper",
    "```yaml\nstrategy: gilt_rv\nmode: live   # was: paper\ncapital: real\n```",
    "Handelsmodus: live (bisher: Papier)",
    "Das Modell scharf schalten.",
    "Schalten Sie das Modell scharf.",
    "Backtest ist durch, schalt das Ding Montag scharf.",
    "Activa el modelo en real el lunes.",
    "Pongan el modelo en producción.",
    "Passe le modèle en réel lundi.",
]
LIVE_DESCRIBED = [
    "mode: paper  # live from Q2 maybe",
    "Ops note: the model runs in paper mode; no change.",
    "Die Kurse sind scharf gefallen.",
    "Die Notenbank stellt die Geldpolitik scharf um.",
    "El modelo funciona en modo papel desde junio.",
    "Le modèle tourne en mode papier depuis juin.",
]


@pytest.mark.parametrize("text", LIVE_SETTINGS)
def test_a_switch_to_live_in_prose_or_settings_blocks(text: str) -> None:
    """A setting's comment or remark does not hide its value; "scharf" is live."""
    assert blocked(text)


@pytest.mark.parametrize("text", LIVE_DESCRIBED)
def test_modes_described_pass(text: str) -> None:
    """A paper mode kept, a comment of a plan, "scharf" as "sharply"."""
    assert not blocked(text)


WEIGHT_TABLES = [
    "Zielgewichte ab Januar:\nAktien: 55 %\nAnleihen: 35 %\nGold: 10 %",
    "Target weights from January:\nEquities: 55 %\nBonds: 35 %",
    "| Sleeve | Current | Target |\n|---|---|---|\n| Equities | 62% | 50% |\n| Gilts | 28% | 40% |",
    "| Anlageklasse | Aktuell | Ziel |\n|---|---|---|\n| Aktien | 50 % | 55 % |",
    "| Classe | Actuel | Cible |\n|---|---|---|\n| Actions | 50 % | 55 % |",
    "| Activo | Actual | Objetivo |\n|---|---|---|\n| Acciones | 50 % | 55 % |",
    "Hebel: dreifach",
    "Zielhebel: 4",
    "Effet de levier cible : 4x",
    "Apalancamiento objetivo: 3 a 1",
    "Target leverage: 4x",
]
WEIGHTS_DESCRIBED = [
    "Portfolio returns: equities 12 %, bonds 4 %.",
    "| Stock | Current | Target |\n|---|---|---|\n| Apple | 190 | 220 |",
    "| Stock | Price | Target |\n|---|---|---|\n| Apple | 190 | 220 |",
    "Der Hebel des Hedgefonds lag Ende Juni bei 4.",
    "L'effet de levier du fonds était de 4x fin juin.",
    "El apalancamiento del fondo era de 4x a finales de junio.",
]


@pytest.mark.parametrize("text", WEIGHT_TABLES)
def test_target_weights_and_leverage_as_labels_block(text: str) -> None:
    """A heading qualified by a date, a row from its current share to its target, and
    leverage written as a word are the book's new settings."""
    assert blocked(text)


@pytest.mark.parametrize("text", WEIGHTS_DESCRIBED)
def test_returns_price_targets_and_others_leverage_pass(text: str) -> None:
    """Returns, a price against its price target, another fund's leverage."""
    assert not blocked(text)


ROMANCE_IMPERATIVES = [
    "Coloca una orden de compra de 500 Inditex a 42.",
    "Coloquen una orden de compra de 500 Inditex a 42.",
    "Colocad una orden de compra de 500 Inditex.",
    "Cierra la posición en Repsol.",
    "Cierren las posiciones en Repsol.",
    "Cerrad la posición en Repsol.",
    "Vended 300 Santander.",
    "Reducid la exposición a renta variable al 40 %.",
    "Recorta la posición en Telefónica a la mitad.",
    "Aumenten el peso de bonos al 35 %.",
    "Baje el stop de Repsol a 14.",
    "Santander: véndelas.",
    "Sobre Iberdrola: cómprala a 12.",
    "Vends 300 BNP.",
    "Achète 200 Airbus.",
    "Ferme la position sur LVMH.",
    "Coupe la position sur Kering.",
    "Solde la ligne Kering.",
    "Réduis l'exposition aux actions à 40 %.",
    "Remonte le stop sur Airbus à 150.",
    "BNP : vendez-les.",
]
ROMANCE_DESCRIBED = [
    "El Ibex sube un 1 % en la sesión.",
    "El petróleo aumenta un 2 %.",
    "Iberdrola cierra la sesión con subidas del 2 %.",
    "Santander eleva Iberdrola a comprar con precio objetivo de 14 euros.",
    "El índice amplía sus pérdidas al 2 %.",
    "Le CAC 40 cède 1 %.",
    "Le CAC 40 clôture à 7 500 points.",
    "Le pétrole augmente de 2 %.",
    "Le gérant a soldé la ligne en mars.",
    "Le fonds a fermé sa position sur LVMH à 700.",
    "BNP a cédé 2 % hier.",
    "In March we moved the model portfolio to 40 % equities.",
]


@pytest.mark.parametrize("text", ROMANCE_IMPERATIVES)
def test_french_and_spanish_imperatives_of_every_person_block(text: str) -> None:
    """tú, usted, ustedes, vosotros; tu and vous; a pronoun written onto the verb."""
    assert blocked(text)


@pytest.mark.parametrize("text", ROMANCE_DESCRIBED)
def test_markets_and_names_before_the_same_forms_pass(text: str) -> None:
    """A name or a noun phrase with its article before the verb is its subject; a
    participle after "a" is the past; a derived form never overrides another language's
    word ("moved")."""
    assert not blocked(text)
