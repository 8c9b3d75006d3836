"""What is compared: every value of the typed outputs as text, and the structural reading."""

from __future__ import annotations

from orchestrator.drift.outlook import ScenarioShare, comparable_text, outlook_structure
from tests.orchestrator.drift.factories import free_text, outlook_items, typed


def test_text_holds_every_value_and_no_field_name() -> None:
    """Nested scenarios, triggers, risks and drivers are all in the text; keys and tags are not."""
    items = outlook_items(prose="Prose.")
    items[3]["risks"] = [{"id": "risk-x", "description": "Deep risk", "severity": "HIGH"}]
    items[4]["drivers"] = ["driver one"]
    text = comparable_text(typed(items))
    for value in ("scn-a", "0.6", "ntt-vix", "VIX above 20", "Deep risk", "driver one", "4 weeks"):
        assert value in text.splitlines(), value
    for key in ("ScenarioReport", "probability", "condition", "type", "risks"):
        assert key not in text.splitlines(), key


def test_text_ignores_key_order_and_layout() -> None:
    """The same outputs with keys in another order and other spacing give the same text."""
    one = typed(outlook_items())
    reordered = typed([dict(reversed(list(item.items()))) for item in outlook_items()])
    assert comparable_text(one) == comparable_text(reordered)


def test_free_text_is_compared_as_written() -> None:
    """A free-text answer's text is its raw content."""
    assert comparable_text(free_text("Base case: calm.\n")) == "Base case: calm.\n"


def test_structure_of_typed_outputs() -> None:
    """Regime and trigger conditions normalised, scenarios by id, levels as given."""
    observation = typed(
        outlook_items(
            regime="  Late-Cycle,\tRange-bound ",
            triggers=[("ntt-b", "Spreads > 500"), ("ntt-a", "VIX  ABOVE 30")],
            scenarios=[("scn-z", 0.7), ("scn-a", None)],
            level="MEDIUM",
        )
    )
    structure = outlook_structure(observation)
    assert structure.format == "typed"
    assert structure.regimes == ("late-cycle, range-bound",)
    assert structure.triggers == ("ntt-a: vix above 30", "ntt-b: spreads > 500")
    assert structure.scenarios == (
        ScenarioShare(id="scn-a", probability=None),
        ScenarioShare(id="scn-z", probability=0.7),
    )
    assert structure.scenario_count == 2
    assert structure.uncertainty == ("MEDIUM",)


def test_structure_of_free_text_counts_labelled_scenarios() -> None:
    """Free text has no typed fields; its scenario count is what the scope policy counts."""
    text = "Base Case: growth holds.\nBear case: recession.\nUncertainty: high.\n"
    structure = outlook_structure(free_text(text))
    assert structure.format == "free_text"
    assert (structure.regimes, structure.triggers, structure.scenarios) == ((), (), ())
    assert structure.scenario_count == 2
