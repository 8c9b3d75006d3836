"""Injected clocks: the system clock for live runs, a fixed instant for replay and tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final, Protocol

from orchestrator.core.errors import UsageError

__all__ = ["Clock", "FixedClock", "SystemClock", "parse_instant"]


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The wall clock in UTC, to the microsecond: a live run's start time goes into its run
    id, and runs started within one second (the samples of a live batch) must not share one."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """Always the same instant: replay is byte-identical only if time stands still."""

    def __init__(self, instant: datetime) -> None:
        self.instant = instant

    def now(self) -> datetime:
        return self.instant


# Instants the pilot computes with (dates of packs, days and months of budgets, durations)
# must stay well inside what datetime can represent.
EARLIEST: Final = datetime(1970, 1, 1, tzinfo=UTC)
LATEST: Final = datetime(9000, 1, 1, tzinfo=UTC)


def parse_instant(text: str, *, source: str) -> datetime:
    """An ISO-8601 instant with a time zone, normalised to UTC, between 1970 and 9000."""
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{source}: {text!r} is not an ISO-8601 date and time") from None
    if instant.tzinfo is None:
        raise UsageError(f"{source}: {text!r} has no time zone (add +00:00 or Z)")
    try:
        utc = instant.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc < LATEST:
        raise UsageError(
            f"{source}: {text!r} is outside the supported range "
            f"({EARLIEST.isoformat()} to {LATEST.isoformat()})"
        )
    return utc
