"""Suites: typed decoding, errors naming file and field, and how entries combine with scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.config import load_config
from orchestrator.core.errors import ConfigError
from orchestrator.core.suites import load_suite, parse_snapshot, render_snapshot
from orchestrator.runtime.plan import proposer_request
from tests.helpers import PROJECT

SHIPPED = "l2-drift-baseline"

ENTRY = """
[[suite.entries]]
id = "one"
scenario = "l2-calm"
[suite.entries.snapshot]
vix = 12.5
"""


def write_suite(config_dir: Path, body: str, *, suite_id: str = "mine") -> Path:
    path = config_dir / "suites" / f"{suite_id}.toml"
    header = f'[suite]\nid = "{suite_id}"\nlayer = "L2"\ndescription = "test"\n'
    path.write_text(header + body, encoding="utf-8")
    return path


def error_of(config_dir: Path, body: str) -> str:
    write_suite(config_dir, body)
    with pytest.raises(ConfigError) as caught:
        load_suite(config_dir, "mine")
    return caught.value.message


def test_shipped_suite_has_the_five_baseline_situations() -> None:
    """The shipped drift suite resolves its five entries, each from its own scenario file."""
    suite = load_suite(PROJECT / "config", SHIPPED)
    assert [e.id for e in suite.entries] == [
        "calm",
        "risk-off-shock",
        "inflation-surprise",
        "liquidity-squeeze",
        "event-week",
    ]
    assert [e.scenario.id for e in suite.entries] == [f"l2-{e.id}" for e in suite.entries]
    assert all(e.scenario.output_format == "typed" for e in suite.entries)
    assert suite.sha256.startswith("sha256:")


def test_every_entry_names_the_suite_file_it_came_from() -> None:
    """Each resolved entry carries the suite file's path and the hash of its bytes."""
    suite = load_suite(PROJECT / "config", SHIPPED)
    assert {(e.suite_path, e.suite_sha256) for e in suite.entries} == {(suite.path, suite.sha256)}
    assert suite.sha256 == sha256_prefixed(Path(suite.path).read_bytes())


def test_snapshot_and_variables_reach_the_proposer_prompt() -> None:
    """An entry's snapshot lines and variables are in the request the run plan builds."""
    config_dir = PROJECT / "config"
    suite = load_suite(config_dir, SHIPPED)
    model = load_config(config_dir).registry.model("gpt-5.2-pro")
    request, _ = proposer_request(suite.entry("event-week").scenario, model)
    prompt = request.messages[-1].content
    assert "over the next 2 weeks" in prompt
    assert prompt.endswith("\n- ust_10y_yield_pct: 4.18\n- vix: 17.2")
    assert parse_snapshot(prompt)["scheduled_events"].count(";") == 3
    calm, _ = proposer_request(suite.entry("calm").scenario, model)
    assert "over the next 4 weeks" in calm.messages[-1].content


def test_variables_replace_scenario_inputs_of_the_same_name(config_dir: Path) -> None:
    """The entry's variable wins over the scenario's default; other defaults stay."""
    write_suite(config_dir, ENTRY + '[suite.entries.variables]\nhorizon = "one day"\n')
    scenario = load_suite(config_dir, "mine").entries[0].scenario
    assert scenario.inputs["horizon"] == "one day"
    assert scenario.inputs["universe"] == "US equities, US Treasuries, USD"
    assert scenario.inputs["snapshot"] == "- vix: 12.5"
    assert scenario.path.endswith("l2-calm.toml")


def test_snapshot_rendering_is_sorted_and_typed() -> None:
    """Snapshot lines come in key order with floats, integers and booleans written stably."""
    text = render_snapshot({"b": 4.0, "a": "x y", "c": True, "d": 7})
    assert text == "- a: x y\n- b: 4.0\n- c: true\n- d: 7"
    assert parse_snapshot(f"Intro\n{text}\nOutro") == {
        "a": "x y",
        "b": "4.0",
        "c": "true",
        "d": "7",
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            ENTRY + '[suite.entries.variables]\nhorizn = "x"\n',
            "field suite.entries[0].variables.horizn: scenario 'l2-calm' has no {horizn}",
        ),
        (
            ENTRY + '[suite.entries.variables]\nproposal = "x"\n',
            "field suite.entries[0].variables.proposal: the name is reserved",
        ),
        (
            '[[suite.entries]]\nid = "one"\nscenario = "l2-calm"\n',
            "field suite.entries[0]: scenario 'l2-calm' needs {snapshot}",
        ),
        (
            (
                '[[suite.entries]]\nid = "one"\nscenario = "market-outlook-daily"\n'
                "[suite.entries.snapshot]\nvix = 1\n"
            ),
            "field suite.entries[0].snapshot: scenario 'market-outlook-daily' has no {snapshot}",
        ),
        (ENTRY + ENTRY, "field suite.entries[1].id: 'one' appears twice"),
        (ENTRY.replace('"one"', '"One"'), "field suite.entries[0].id: 'One' must be lower-case"),
        (ENTRY.replace("vix = 12.5", "VIX = 12.5"), "field suite.entries[0].snapshot.VIX: keys"),
        (ENTRY.replace("vix = 12.5", 'vix = """a\nb"""'), "snapshot.vix: a snapshot value is one"),
        (
            ENTRY.replace("vix = 12.5", "as_of = 2026-01-02"),
            "field suite.entries[0].snapshot.as_of",
        ),
        (ENTRY.replace("scenario =", "scenarios ="), "field suite.entries[0].scenarios"),
        (ENTRY.replace('"l2-calm"', '"l2-nope"'), "unknown scenario 'l2-nope'"),
        ("entries = []\n", "field suite.entries: a suite needs at least one entry"),
    ],
)
def test_bad_suites_name_file_and_field(config_dir: Path, body: str, expected: str) -> None:
    """Each mistake is one ConfigError naming the suite file and the field."""
    message = error_of(config_dir, body)
    assert expected in message
    if "unknown scenario" not in expected:
        assert message.startswith(str(config_dir / "suites" / "mine.toml"))


def test_suite_of_another_layer_is_refused(config_dir: Path) -> None:
    """A layer L2 scenario in a suite of another layer names the entry's scenario field."""
    path = write_suite(config_dir, ENTRY)
    path.write_text(path.read_text().replace('layer = "L2"', 'layer = "L3"'))
    with pytest.raises(ConfigError, match=r"suite.entries\[0\].scenario: 'l2-calm' is a layer L2"):
        load_suite(config_dir, "mine")


def test_unknown_suite_lists_the_known_ones(config_dir: Path) -> None:
    """A missing suite names the file it looked for and the suites there are."""
    with pytest.raises(ConfigError, match=r"unknown suite 'nope'.*known: l2-drift-baseline"):
        load_suite(config_dir, "nope")


def test_suite_id_must_match_the_file_name(config_dir: Path) -> None:
    """The id inside the file is the name of the file."""
    write_suite(config_dir, ENTRY)
    (config_dir / "suites" / "mine.toml").rename(config_dir / "suites" / "other.toml")
    with pytest.raises(ConfigError, match=r"field suite\.id: 'mine' does not match the file name"):
        load_suite(config_dir, "other")


def test_unknown_entry_is_named() -> None:
    """Asking a suite for an entry it lacks lists the entries it has."""
    suite = load_suite(PROJECT / "config", SHIPPED)
    with pytest.raises(ConfigError, match="no entry 'x' \\(entries: calm, risk-off-shock"):
        suite.entry("x")
