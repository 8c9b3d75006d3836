"""``pilot policy check``: the capability-scope policy on one proposal file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from cyclopts import App, Parameter

from agents.parsing import parse_proposal
from orchestrator.cli.options import ConfigDir
from orchestrator.cli.output import emit
from orchestrator.cli.summary import policy_lines
from orchestrator.core.canonical import encode_pretty
from orchestrator.core.config import load_scope, scope_path
from orchestrator.core.errors import GovernanceBlock
from orchestrator.core.fileio import read_text
from orchestrator.core.resources import find_config_dir
from policies.scope import check_proposal

__all__ = ["check", "policy_app"]

policy_app = App(name="policy", help="Run governance policies on their own.")


@policy_app.command
def check(
    file: Path,
    /,
    *,
    layer: Annotated[str, Parameter(help="Layer whose capability scope applies.")] = "L2",
    config_dir: ConfigDir = None,
    json: bool = False,
) -> int:
    """Run the capability-scope policy on one proposal file (typed JSON or free text).

    Exit 0 when it passes, 2 when it is blocked; violations are listed.

    Parameters
    ----------
    file
        The proposal: JSON {"outputs": [...]} or Markdown / plain text.
    json
        Print the report as JSON (each violation with rule, location and span).
    """
    scope = load_scope(scope_path(config_dir or find_config_dir(), layer))
    report = check_proposal(parse_proposal(read_text(file, what="proposal file")), scope)
    if json:
        emit(encode_pretty(report).decode("utf-8"))
    else:
        emit(policy_lines(file, report))
    return 0 if report.result == "PASS" else GovernanceBlock.exit_code
