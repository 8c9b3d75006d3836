"""structlog setup: events to stderr, console on a TTY, JSON for machines."""

from __future__ import annotations

import logging
import sys
from typing import Literal


def _import_structlog_without_rich() -> None:
    # structlog imports rich eagerly whenever it is installed (cyclopts depends on it), for
    # pretty tracebacks this product never prints: about 0.12 s on every command. Hiding rich
    # for the duration of that one import keeps structlog on its plain renderer; rich stays
    # importable for cyclopts' help screens afterwards.
    if "structlog" in sys.modules or "rich" in sys.modules:
        return
    sys.modules["rich"] = None  # type: ignore[assignment]  # makes "import rich" fail
    try:
        import structlog  # noqa: F401
    finally:
        del sys.modules["rich"]


_import_structlog_without_rich()

import structlog

from orchestrator.core.redaction import redact

__all__ = ["LogFormat", "configure_logging"]

LogFormat = Literal["console", "json"]


def _stderr_logger(*_args: object) -> structlog.PrintLogger:
    return structlog.PrintLogger(sys.stderr)


def _redact_event(
    _logger: object, _method: str, event: structlog.typing.EventDict
) -> structlog.typing.EventDict:
    """Redact every string in a log event: errors may quote what a provider sent back."""
    for key, value in event.items():
        if isinstance(value, str):
            event[key] = redact(value)[0]
        elif isinstance(value, tuple | list):
            event[key] = [redact(v)[0] if isinstance(v, str) else v for v in value]
    return event


def configure_logging(fmt: LogFormat = "console", *, level: int = logging.INFO) -> None:
    renderer: structlog.typing.Processor
    if fmt == "json":
        renderer = structlog.processors.JSONRenderer(sort_keys=True)
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            # Tracebacks become text before redaction, so they are redacted too.
            structlog.processors.format_exc_info,
            _redact_event,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        # Resolve stderr per logger, not once: it may be replaced after configuration.
        logger_factory=_stderr_logger,
        cache_logger_on_first_use=False,
    )
