"""Drift: a fixed suite re-run and compared with its Day-1 baseline (SPEC §9).

Pure, synchronous functions over typed data, in the order a command uses them:

- :func:`read_observation` / :func:`observation_from_pack`: what a COMPLETE pack says the
  proposer answered (:class:`Observation`);
- :func:`build_baseline`, :func:`write_baseline`, :func:`load_baseline`: k observations per
  suite entry as one verifiable file (:class:`Baseline`);
- :func:`check_drift`: a new run per entry against the baseline (:class:`DriftReport`);
- :func:`report_json`, :func:`report_markdown`, :func:`report_html`: the report's three forms.

The tokenizer and distance are in :mod:`orchestrator.drift.tokens`, the compared text and
structure in :mod:`orchestrator.drift.outlook`, the flag rules in
:mod:`orchestrator.drift.compare`. The facade is lazy: reading an observation does not
load Jinja2 or rapidfuzz.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from orchestrator.drift.baseline import (
        Baseline,
        BaselineEntry,
        BaselineSample,
        build_baseline,
        load_baseline,
        write_baseline,
    )
    from orchestrator.drift.compare import DriftSettings, check_drift
    from orchestrator.drift.observation import (
        Observation,
        observation_from_pack,
        read_observation,
    )
    from orchestrator.drift.render import report_html, report_json, report_markdown
    from orchestrator.drift.report import DriftReport, ScenarioDrift

__all__ = [
    "Baseline",
    "BaselineEntry",
    "BaselineSample",
    "DriftReport",
    "DriftSettings",
    "Observation",
    "ScenarioDrift",
    "build_baseline",
    "check_drift",
    "load_baseline",
    "observation_from_pack",
    "read_observation",
    "report_html",
    "report_json",
    "report_markdown",
    "write_baseline",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "orchestrator.drift.baseline": (
            "Baseline",
            "BaselineEntry",
            "BaselineSample",
            "build_baseline",
            "load_baseline",
            "write_baseline",
        ),
        "orchestrator.drift.compare": ("DriftSettings", "check_drift"),
        "orchestrator.drift.observation": (
            "Observation",
            "observation_from_pack",
            "read_observation",
        ),
        "orchestrator.drift.render": ("report_html", "report_json", "report_markdown"),
        "orchestrator.drift.report": ("DriftReport", "ScenarioDrift"),
    },
)
