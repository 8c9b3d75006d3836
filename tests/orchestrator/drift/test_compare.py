"""The drift check's rules: noise floor and threshold arithmetic, structure, models, prompts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from orchestrator.core.errors import UsageError
from orchestrator.drift import DriftSettings, Observation, build_baseline, check_drift
from orchestrator.drift.report import ScenarioDrift
from tests.orchestrator.drift.factories import free_text, outlook_items, typed

BASE = [f"t{i}" for i in range(100)]


def words(replaced_at: Sequence[int], by: str) -> str:
    """The 100-token base text with the tokens at ``replaced_at`` replaced."""
    return " ".join(f"{by}{i}" if i in replaced_at else t for i, t in enumerate(BASE))


def check(samples: Sequence[Observation], current: Observation, **settings: float) -> ScenarioDrift:
    baseline = build_baseline(
        suite_id="s", suite_sha256="sha256:s", created_at="day 1", samples={"e": samples}
    )
    report = check_drift(
        baseline,
        {"e": current},
        suite_sha256="sha256:s",
        checked_at="day 8",
        settings=DriftSettings(**settings),
    )
    return report.scenarios[0]


# Baseline samples 5 tokens apart: a noise floor of 0.05.
NOISY = [free_text(words([], "x")), free_text(words(range(95, 100), "b"))]


@pytest.mark.parametrize(
    ("changed", "threshold", "flagged"),
    [
        (15, 0.10, False),  # 0.15 - 0.05 = 0.10: not more than the threshold
        (16, 0.10, True),  # 0.16 - 0.05 = 0.11
        (16, 0.20, False),  # the threshold is configurable
        (26, 0.20, True),
        (3, 0.0, False),  # within the noise floor even with no margin at all
    ],
)
def test_threshold_is_an_additive_margin_over_the_noise_floor(
    changed: int, threshold: float, flagged: bool
) -> None:
    """Flagged exactly when distance to the nearest sample minus the floor exceeds the threshold."""
    result = check(NOISY, free_text(words(range(changed), "c")), threshold=threshold)
    assert result.noise_floor == pytest.approx(0.05)
    assert result.distance == pytest.approx(changed / 100)
    assert result.nearest_sample == 0
    assert result.excess == pytest.approx(changed / 100 - 0.05)
    assert (result.status == "flagged") is flagged
    assert [f.code for f in result.flags] == (["token_distance"] if flagged else [])


def test_distance_is_to_the_nearest_sample() -> None:
    """A run close to any one sample is measured against that one."""
    result = check(NOISY, free_text(words(range(95, 100), "b")))
    assert (result.distance, result.nearest_sample) == (0.0, 1)


def test_single_sample_has_a_zero_floor() -> None:
    """With k = 1 the floor is 0 and the threshold alone decides."""
    one = [free_text(words([], "x"))]
    assert check(one, free_text(words(range(10), "c"))).status == "ok"
    assert check(one, free_text(words(range(11), "c"))).status == "flagged"


def test_flag_explains_the_figures() -> None:
    """The token flag's sentence gives distance, excess, floor and threshold."""
    result = check(NOISY, free_text(words(range(30), "c")))
    assert result.flags[0].detail == (
        "token distance 30.0% to the nearest baseline sample is 25.0% above the noise floor "
        "5.0%, more than the threshold 10.0%"
    )


STRUCTURE_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("regime", {"regime": "risk-off"}, "regime"),
    (
        "trigger added",
        {"triggers": [("ntt-vix", "VIX above 20"), ("ntt-x", "X")]},
        "no_trade_triggers",
    ),
    ("trigger changed", {"triggers": [("ntt-vix", "VIX above 25")]}, "no_trade_triggers"),
    ("count", {"scenarios": [("scn-a", 0.5), ("scn-b", 0.3), ("scn-c", 0.2)]}, "scenario_count"),
    ("probability", {"scenarios": [("scn-a", 0.5), ("scn-b", 0.5)]}, "scenario_probabilities"),
    ("scenario id", {"scenarios": [("scn-a", 0.6), ("scn-z", 0.4)]}, "scenario_probabilities"),
    ("uncertainty", {"level": "HIGH"}, "uncertainty_level"),
]


@pytest.mark.parametrize(
    ("case", "change", "field"), STRUCTURE_CASES, ids=[c[0] for c in STRUCTURE_CASES]
)
def test_each_structural_change_is_flagged_alone(
    case: str, change: dict[str, Any], field: str
) -> None:
    """One structural field changed, the text barely: flagged for structure, that field only."""
    result = check([typed(outlook_items())], typed(outlook_items(**change)))
    assert result.status == "flagged", case
    fields = [c.field for c in result.structure_changes]
    if field == "scenario_count":
        assert fields == ["scenario_count", "scenario_probabilities"]
    else:
        assert fields == [field]
    assert [f.code for f in result.flags] == ["structure"]


def test_trigger_change_lists_what_was_added_and_removed() -> None:
    """A changed trigger set says which triggers came and went, normalised."""
    current = typed(outlook_items(triggers=[("ntt-vix", "VIX  above 25"), ("ntt-fx", "FX")]))
    change = check([typed(outlook_items())], current).structure_changes[0]
    assert change.added == ("ntt-fx: fx", "ntt-vix: vix above 25")
    assert change.removed == ("ntt-vix: vix above 20",)
    assert change.baseline == ("ntt-vix: vix above 20",)


def test_probabilities_within_tolerance_are_the_same() -> None:
    """A move within the tolerance is noise; the tolerance is configurable."""
    moved = typed(outlook_items(scenarios=[("scn-a", 0.65), ("scn-b", 0.35)]))
    assert check([typed(outlook_items())], moved).status == "ok"
    assert check([typed(outlook_items())], moved, probability_tolerance=0.04).status == "flagged"


def test_a_value_any_sample_had_is_not_a_change() -> None:
    """Structure seen in any baseline sample counts as noise, not drift."""
    samples = [typed(outlook_items()), typed(outlook_items(regime="calm, drifting up"))]
    assert check(samples, typed(outlook_items(regime="Calm,  drifting UP"))).status == "ok"


def test_format_change_is_structural() -> None:
    """A typed baseline answered in free text is a structure change."""
    result = check([typed(outlook_items())], free_text("Base case: calm."))
    assert "format" in [c.field for c in result.structure_changes]


def test_model_and_fingerprint_changes_are_reported_not_flagged() -> None:
    """A new returned model or system_fingerprint is listed; alone it flags nothing."""
    samples = [typed(outlook_items()), typed(outlook_items(), fingerprint="fp-0")]
    current = typed(outlook_items(), returned_model="model-a-2026", fingerprint="fp-2")
    result = check(samples, current)
    assert result.status == "ok"
    assert [(c.field, c.baseline, c.current) for c in result.model_changes] == [
        ("returned_model", ("model-a",), "model-a-2026"),
        ("system_fingerprint", ("fp-1", "fp-0"), "fp-2"),
    ]
    assert check(samples, typed(outlook_items(), fingerprint="fp-0")).model_changes == ()


def test_missing_fingerprint_reads_as_none() -> None:
    """A provider that stops sending a fingerprint is a change to "none"."""
    result = check([typed(outlook_items())], typed(outlook_items(), fingerprint=None))
    assert [(c.field, c.current) for c in result.model_changes] == [("system_fingerprint", "none")]


def test_changed_prompt_is_flagged() -> None:
    """A run that answered another prompt is flagged: it is not comparable."""
    result = check(
        [typed(outlook_items())], typed(outlook_items(), prompt_hash="sha256:" + "b" * 64)
    )
    assert [f.code for f in result.flags] == ["prompt_changed"]


def test_entries_without_a_run_are_flagged_and_unknown_ones_listed() -> None:
    """A baseline entry with no run is flagged with the reason; an extra run is listed only."""
    baseline = build_baseline(
        suite_id="s",
        suite_sha256="sha256:s",
        created_at="day 1",
        samples={"a": [free_text("x", entry_id="a")], "b": [free_text("y", entry_id="b")]},
    )
    report = check_drift(
        baseline,
        {"a": free_text("x", entry_id="a"), "c": free_text("z", entry_id="c")},
        suite_sha256="sha256:t",
        checked_at="day 8",
        unavailable={"b": "run BLOCKED (scope.forbidden_output)"},
    )
    assert [(s.entry_id, s.status) for s in report.scenarios] == [
        ("a", "ok"),
        ("b", "flagged"),
        ("c", "not_in_baseline"),
    ]
    assert report.scenarios[1].flags[0].detail == (
        "no complete run to compare: run BLOCKED (scope.forbidden_output)"
    )
    assert (report.flagged, report.flagged_count) == (True, 1)


def test_observation_filed_under_another_entry_is_refused() -> None:
    """The mapping key and the observation's entry must agree."""
    baseline = build_baseline(
        suite_id="s",
        suite_sha256="sha256:s",
        created_at="d",
        samples={"a": [free_text("x", entry_id="a")]},
    )
    with pytest.raises(UsageError, match="given for 'a' is of 'b'"):
        check_drift(baseline, {"a": free_text("x", entry_id="b")}, suite_sha256="", checked_at="d")


@pytest.mark.parametrize("settings", [{"threshold": -0.1}, {"probability_tolerance": 1.5}])
def test_settings_out_of_range_are_refused(settings: dict[str, float]) -> None:
    """Threshold and tolerance are fractions between 0 and 1."""
    with pytest.raises(UsageError, match="must be between 0 and 1"):
        DriftSettings(**settings)
