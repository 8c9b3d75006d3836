"""The ``pilot`` app: commands registered lazily, logging set up once, exit codes mapped once.

Each command lives in its own module and is imported only when it runs, so ``pilot verify``
never loads the runtime, the clients or the review renderer. The meta app takes the options
every command shares (``--log-format``, ``--debug``) from anywhere on the line.

Exit codes (SPEC §10) come from the error tree (:func:`orchestrator.core.errors.exit_code_for`)
and from a command's own result; nothing else decides them. No traceback reaches a user:
an unexpected error is one sentence on stderr, its traceback a debug log event.
"""

from __future__ import annotations

# First of all: this import keeps structlog from loading rich (see orchestrator.cli.logs).
from orchestrator.cli.logs import LogFormat, configure_logging

# isort: split
import logging
import sys
from collections.abc import Iterator
from typing import Annotated

import structlog
from cyclopts import App, Parameter
from cyclopts.exceptions import CycloptsError

from orchestrator.core import interrupts
from orchestrator.core.errors import Aborted, PilotError, RuntimeFailure
from orchestrator.core.redaction import redact
from orchestrator.core.version import PRODUCT_VERSION

__all__ = ["app", "main"]

log = structlog.get_logger()

DISTRIBUTION = "market-outlook-pilot"


def installed_version() -> str:
    """The installed distribution's version (a checkout run by ``uv run`` is installed too)."""
    # Imported for --version only: importlib.metadata costs about 20 ms at every start.
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return PRODUCT_VERSION


app = App(
    name="pilot",
    help="Governed L2 market-outlook runs: a proposer, an independent critic, evidence packs. "
    "It advises; it never trades.",
    version=installed_version,
    result_action="return_value",
    exit_on_error=False,
    print_error=False,
    help_on_error=False,
    suppress_keyboard_interrupt=False,
)
# The meta app is an App of its own: it must leave Ctrl-C to main() as well.
app.meta.suppress_keyboard_interrupt = False
# Registered by import path: a command's module loads only when that command runs.
app.command("orchestrator.cli.run:run", help="One governed run and its evidence pack.")
app.command("orchestrator.cli.batch:batch", help="Every run of a suite, one evidence pack each.")
app.command(
    "orchestrator.cli.drift:drift_app", name="drift", help="A suite's drift baseline and check."
)
app.command("orchestrator.cli.verify:verify", help="Verify one evidence pack or a folder of them.")
app.command("orchestrator.cli.review:review", help="Operator review: report and decision.")
app.command(
    "orchestrator.cli.policy:policy_app", name="policy", help="Run governance policies alone."
)
app.command("orchestrator.cli.fixture:fixture_app", name="fixture", help="Make fixtures.")
app.command("orchestrator.cli.keys:keys_app", name="keys", help="Keys that sign packs.")
app.command("orchestrator.cli.budget:budget", help="The budget ledger: spend and what is left.")
app.command(
    "orchestrator.cli.fake_provider:fake_provider",
    name="fake-provider",
    help="A local OpenAI-compatible provider for trying live mode.",
)
app.command(
    "orchestrator.cli.kpi:kpi", help="The 30-day pilot's KPIs over a folder of evidence packs."
)


@app.default
def _no_command() -> int:
    """Without a command: the help, and a usage error."""
    app.help_print([])
    return 1


@app.meta.default
def _meta(
    *tokens: Annotated[str, Parameter(show=False, allow_leading_hyphen=True)],
    log_format: LogFormat = "console",
    debug: bool = False,
) -> int:
    """Options for every command.

    Parameters
    ----------
    log_format
        Logs on stderr as console lines or JSON (one event per line).
    debug
        Also log debug events, tracebacks of unexpected errors included.
    """
    configure_logging(log_format, level=logging.DEBUG if debug else logging.INFO)
    result = app(tokens)
    return result if isinstance(result, int) else 0


def main(argv: list[str] | None = None) -> int:
    """Run the app and map every outcome to its documented exit code."""
    try:
        try:
            with interrupts.installed():
                result = app.meta(sys.argv[1:] if argv is None else argv)
        except BaseExceptionGroup as group:
            # A task group wraps what its tasks raised: an interrupt or a PilotError inside
            # one is still that, for the operator and for the exit status.
            raise _decisive(group) from group
    except CycloptsError as exc:
        return _fail(f"pilot: {_one_line(str(exc))}", 1)
    except PilotError as exc:
        return _fail(f"pilot: {exc.message}", exc.exit_code)
    except KeyboardInterrupt:
        return _fail("pilot: aborted", Aborted.exit_code)
    except Exception as exc:
        log.debug("cli.crashed", exc_info=True)
        detail = redact(f"{type(exc).__name__}: {exc}")[0]
        return _fail(
            f"pilot: internal error ({detail}); run again with --debug for the traceback",
            RuntimeFailure.exit_code,
        )
    return result if isinstance(result, int) else 0


def _decisive(group: BaseExceptionGroup[BaseException]) -> BaseException:
    """The exception of a group that decides the exit: an interrupt, else a PilotError."""
    leaves = list(_leaves(group))
    for kind in (KeyboardInterrupt, PilotError):
        found = next((exc for exc in leaves if isinstance(exc, kind)), None)
        if found is not None:
            return found
    return group


def _leaves(exc: BaseException) -> Iterator[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from _leaves(inner)
    else:
        yield exc


def _fail(message: str, code: int) -> int:
    sys.stderr.write(message + "\n")
    return code


def _one_line(text: str) -> str:
    return " ".join(line.strip("│╭╮╰╯─ ") for line in text.splitlines() if line.strip("│╭╮╰╯─ "))
