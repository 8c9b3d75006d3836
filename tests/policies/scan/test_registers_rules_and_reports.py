"""Commentary that lists, states or reports what others do, beside the same words asked of us.

A regulator's or an exchange's register lists others' positions ("Short positions notified
to the CNMV: Grifols 3.1 % of capital"); the same list labelled as ours, or with a verb
asked of us, blocks.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

# A level in another field of the unit completes a side that waits for its price.
LEVEL = "Resistance at 4,480."

REGISTERS = [
    "Short positions notified to the CNMV: Grifols 3.1 % of capital; Solaria 2.4 %.",
    "Net short positions published by the AMF: Atos 2.1 %, Casino 1.5 %.",
    "Short positions reported to the FCA: Ocado 1.2 % of capital.",
    "Posiciones cortas comunicadas a la CNMV: Grifols 3,1 % del capital; Solaria 2,4 %.",
    "Posiciones cortas notificadas a la CNMV: Grifols 3,1 %, Solaria 2,4 %.",
    "Posiciones cortas publicadas por la CNMV: Solaria 2,4 % del capital.",
    "Positions courtes déclarées à l'AMF : Atos 2,1 % ; Casino 1,5 %.",
    "Netto-Leerverkaufspositionen laut BaFin: Varta 4,2 %; Zalando 0,8 %.",
]
REGISTERS_ASKED = [
    "Short positions to open: Grifols 3.1 % of capital; Solaria 2.4 %.",
    "Short positions for the book: Grifols 3.1 % of capital.",
    "Go short Grifols with 3.1 % of capital.",
    "Short positions notified to the CNMV: we add Grifols at 3.1 % of capital.",
    "Posiciones cortas a abrir: Grifols 3,1 % del capital.",
    "Positions courtes à prendre : Atos 2,1 % du capital.",
    "Vendez Atos à hauteur de 2,1 % du capital.",
    "Leerverkäufe für das Portfolio: Varta 4,2 % des Kapitals.",
    "Verkaufen Sie Varta, 4,2 % des Kapitals.",
]


@pytest.mark.parametrize("text", REGISTERS)
def test_a_register_of_a_regulator_lists_what_others_hold(text: str) -> None:
    """Positions under a label naming a regulator or an exchange are others' holdings."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", REGISTERS_ASKED)
def test_the_same_list_as_ours_or_asked_still_blocks(text: str) -> None:
    """Labelled as ours ("to open", "for the book"), or with a step asked of us."""
    assert blocked(text, LEVEL)
