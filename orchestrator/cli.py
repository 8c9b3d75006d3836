"""The ``pilot`` command line (cyclopts). Exit codes are mapped in one place: :func:`main`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from cyclopts import App, Parameter
from cyclopts.exceptions import CycloptsError

from orchestrator.core.errors import PilotError, exit_code_for
from orchestrator.logs import LogFormat, configure_logging

if TYPE_CHECKING:
    from orchestrator.evidence.verify import PackReport

__all__ = ["app", "main"]

app = App(
    name="pilot",
    help="Governed L2 market-outlook runs: a proposer, an independent critic, evidence packs. "
    "It advises; it never trades.",
)
policy_app = App(name="policy", help="Run governance policies on their own.")
app.command(policy_app)
fixture_app = App(name="fixture", help="Make transcript fixtures.")
app.command(fixture_app)
keys_app = App(name="keys", help="Ed25519 keys that sign evidence packs.")
app.command(keys_app)


@app.command
def run(
    *,
    mode: Literal["dry", "replay", "record", "live"] = "replay",
    fixture: Path | None = None,
    scenario: str | None = None,
    out: Path | None = None,
    clock: str | None = None,
    config_dir: Path | None = None,
    allow_network: bool = False,
    yes: bool = False,
    deadline: float = 600.0,
    log_format: LogFormat = "console",
    signing_key: Path | None = None,
) -> int:
    """One governed run; writes an evidence pack and prints a summary.

    Parameters
    ----------
    mode
        dry (no calls: prompts, SoD, worst-case cost), replay (from a fixture, the default),
        record or live (real calls; need --allow-network).
    fixture
        Transcript to replay (default: the bundled sample) or to check coverage against in dry mode.
    scenario
        Scenario id from config/scenarios (default: the fixture's scenario).
    out
        The evidence pack directory to create; it must not exist.
    clock
        Fixed ISO-8601 start time (replay defaults to the fixture's recorded_at).
    config_dir
        Folder with model_registry.toml, capability_scopes/ and scenarios/.
    allow_network
        Permit real API calls (record and live).
    yes
        Do not wait for ENTER after the network banner (scheduled runs).
    deadline
        Seconds the whole run may take.
    log_format
        console or json, to stderr.
    signing_key
        Ed25519 PEM (PKCS#8) private key that signs the pack (default: $PILOT_SIGNING_KEY).
    """
    configure_logging(log_format)
    import anyio

    from orchestrator.runtime.run import RunOptions, execute, prepare

    prepared = prepare(
        RunOptions(
            mode=mode,
            fixture=fixture,
            scenario=scenario,
            out=out,
            clock=clock,
            config_dir=config_dir,
            allow_network=allow_network,
            yes=yes,
            deadline_s=deadline,
            signing_key=signing_key,
        )
    )
    result = anyio.run(execute, prepared)
    lines = [
        f"status: {result.outcome.status}",
        f"pack: {result.pack}",
        f"sod: {result.sod_result}",
        f"scope: {result.scope_result}",
        f"critic: {result.critic_decision or 'none'}",
    ]
    if result.preflight is not None:
        pre = result.preflight
        lines += [
            f"prompt hash: {pre.proposer_prompt_hash}",
            (
                f"worst case: {pre.worst_case_total_usd:.6f} USD "
                f"(per-run limit {pre.per_run_limit_usd:.2f} USD)"
            ),
            f"fixture coverage: proposer {pre.proposer_coverage}, critic {pre.critic_coverage}",
        ]
    lines += [f"reason: {reason}" for reason in result.outcome.reasons]
    print("\n".join(lines))
    return result.outcome.exit_code


@app.command
def review(
    pack: Path,
    /,
    *,
    decision: Literal["approve", "needs-changes", "reject"] | None = None,
    notes: str | None = None,
    reviewer: str | None = None,
    started_at: str | None = None,
    report_only: bool = False,
    html: Path | None = None,
    signing_key: Path | None = None,
    public_key: Path | None = None,
) -> int:
    """Review an evidence pack: an HTML report, then the operator's decision as an addendum.

    On a terminal it writes the report, prints its path and asks for the decision; the
    addendum (operator_review.html, operator_review.json, operator_review.sig when a key is
    configured) is the only thing ever added to a pack, and a pack is reviewed once.

    Parameters
    ----------
    pack
        The evidence pack directory.
    decision
        approve, needs-changes or reject; required without a terminal.
    notes
        What needs to change or why it is rejected (required unless approve).
    reviewer
        Who decides; recorded in the addendum.
    started_at
        ISO-8601 time the operator opened the pack, with --decision (default: now).
    report_only
        Only write the report, to --html FILE outside the pack; no decision is recorded.
    html
        Where --report-only writes the report.
    signing_key
        Ed25519 PEM private key that signs operator_review.json (default: $PILOT_SIGNING_KEY).
    public_key
        Ed25519 PEM public key the pack must be signed with (as for pilot verify).
    """
    configure_logging("console")
    from orchestrator.core.clock import SystemClock
    from orchestrator.review import ReviewOptions, TerminalConsole, review_pack

    result = review_pack(
        ReviewOptions(
            pack=pack,
            decision=decision,
            notes=notes,
            reviewer=reviewer,
            started_at=started_at,
            report_only=report_only,
            html=html,
            signing_key=signing_key,
            public_key=_read_public_key(public_key),
        ),
        clock=SystemClock(),
        console=TerminalConsole(),
    )
    print("\n".join(result.summary()))
    return 0


@policy_app.command
def check(
    file: Path,
    /,
    *,
    layer: Annotated[str, Parameter(help="Layer whose capability scope applies.")] = "L2",
    config_dir: Path | None = None,
    json: bool = False,
) -> int:
    """Run the capability-scope policy on one proposal file (typed JSON or free text).

    Exit 0 when it passes, 2 when it is blocked; violations are listed.

    Parameters
    ----------
    file
        The proposal: JSON {"outputs": [...]} or Markdown / plain text.
    config_dir
        Folder with capability_scopes/ (default: the project's config/).
    json
        Print the report as JSON.
    """
    configure_logging("console")
    from agents.parsing import parse_proposal
    from orchestrator.core.canonical import encode_pretty
    from orchestrator.core.config import load_scope, scope_path
    from orchestrator.core.fileio import read_text
    from orchestrator.core.resources import find_config_dir
    from policies.scope import check_proposal

    scope = load_scope(scope_path(config_dir or find_config_dir(), layer))
    content = read_text(file, what="proposal file")
    report = check_proposal(parse_proposal(content), scope)
    if json:
        sys.stdout.write(encode_pretty(report).decode("utf-8"))
    else:
        print(
            f"{file}: {report.result} ({report.format}, scope {report.scope_id} v{report.scope_version})"
        )
        for v in report.violations:
            print(f"  {v.rule} at {v.location}: {v.detail}")
        for note in report.notes:
            print(f"  note: {note}")
    return 0 if report.result == "PASS" else 2


@fixture_app.command
def fake(
    *,
    out: Path,
    scenario: str = "market-outlook-daily",
    variant: Literal["normal", "forbidden-output"] = "normal",
    clock: str = "2026-01-10T12:00:00+00:00",
    config_dir: Path | None = None,
) -> int:
    """Record a fixture from the deterministic local fake model (no network, no key).

    Parameters
    ----------
    out
        The fixture file to create; it must not exist.
    scenario
        Scenario id from config/scenarios.
    variant
        normal, or forbidden-output (the proposer slips in an OrderParameters output).
    clock
        The recording time written into the fixture.
    config_dir
        Folder with model_registry.toml, capability_scopes/ and scenarios/.
    """
    configure_logging("console")
    from orchestrator.core.resources import find_config_dir
    from orchestrator.runtime.fake_fixture import make_fake_fixture

    make_fake_fixture(
        config_dir=config_dir or find_config_dir(),
        scenario_id=scenario,
        variant=variant,
        clock=clock,
        out=out,
    )
    print(f"fixture: {out}")
    return 0


@app.command
def verify(
    path: Path,
    /,
    *,
    public_key: Path | None = None,
    json: bool = False,
) -> int:
    """Verify evidence packs: files, hashes, event chain, artifacts rebuilt from the events.

    Exit 0 when every pack verifies, 5 when one does not; each failing file is named.

    Parameters
    ----------
    path
        One evidence pack, or a folder whose sub-directories are packs.
    public_key
        Ed25519 PEM public key: every pack must carry a valid signature by it.
    json
        Print the report as JSON.
    """
    configure_logging("console")
    from orchestrator.core.canonical import encode_pretty
    from orchestrator.core.errors import IntegrityError
    from orchestrator.evidence.verify import verify_path

    reports = verify_path(path, public_key=_read_public_key(public_key))
    ok = all(report.ok for report in reports)
    if json:
        sys.stdout.write(encode_pretty({"ok": ok, "packs": reports}).decode("utf-8"))
    else:
        for report in reports:
            print(_verify_line(report))
            for finding in report.findings:
                print(f"  {finding.problem}")
        failed = sum(not report.ok for report in reports)
        print(f"packs: {len(reports)}, ok: {len(reports) - failed}, failed: {failed}")
    return 0 if ok else IntegrityError.exit_code


def _read_public_key(path: Path | None) -> bytes | None:
    if path is None:
        return None
    from orchestrator.core.errors import UsageError
    from orchestrator.core.fileio import read_bytes

    return read_bytes(path, what="--public-key", error=UsageError)


def _verify_line(report: PackReport) -> str:
    signature = f"signed, key id {report.key_id}" if report.signed else "unsigned"
    if report.signature_verified:
        signature += ", signature verified"
    elif report.signed and report.ok:
        signature += ", signature not checked without --public-key"
    review = f", review {report.review}" if report.review else ""
    return f"{'OK' if report.ok else 'FAIL'} {report.path} ({signature}{review})"


@keys_app.command
def generate(*, out: Path) -> int:
    """Make an Ed25519 key pair for signing packs; never overwrites a key.

    Writes pilot_signing_key.pem (private, mode 0600) and pilot_signing_key.pub.pem, and
    prints the key id recorded in signed packs.

    Parameters
    ----------
    out
        The folder to write the two files into (created if needed).
    """
    configure_logging("console")
    from orchestrator.evidence.signing import generate_keypair

    private, public, key_id = generate_keypair(out)
    print(f"key id: {key_id}\nprivate key: {private}\npublic key: {public}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs the app and maps every error to its documented exit code."""
    try:
        result = app(argv, exit_on_error=False, print_error=False, result_action="return_value")
    except CycloptsError as exc:
        print(f"pilot: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    except PilotError as exc:
        print(f"pilot: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("pilot: aborted", file=sys.stderr)
        return exit_code_for(KeyboardInterrupt())
    return result if isinstance(result, int) else 0


def _one_line(text: str) -> str:
    return " ".join(line.strip("│╭╮╰╯─ ") for line in text.splitlines() if line.strip("│╭╮╰╯─ "))


def entry() -> None:
    sys.exit(main())
