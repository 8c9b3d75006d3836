"""A one-line progress display on a terminal while a live run waits for its models."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

import anyio

from clients.live.events import (
    AttemptStarted,
    CallFailed,
    CallSucceeded,
    LiveEvent,
    RateLimitWaited,
    RetryScheduled,
)

__all__ = ["CallProgress"]


class CallProgress:
    """Renders ``[12s] gpt-5.2-pro: attempt 2, waiting 3.0 s (retry after 429)`` on ``stream``,
    rewritten in place; :meth:`observe` takes the client's events, :meth:`tick` refreshes the
    elapsed time every second, :meth:`clear` removes the line."""

    def __init__(self, stream: TextIO, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.monotonic = monotonic
        self.started = monotonic()
        self.model = ""
        self.state = "starting"
        self._width = 0

    def observe(self, event: LiveEvent) -> None:
        match event:
            case AttemptStarted(model_id=model, attempt=attempt):
                self.model, self.state = model, f"attempt {attempt}, waiting for the answer"
            case RetryScheduled(model_id=model, attempt=attempt, wait_s=wait, cause=cause):
                self.model = model
                self.state = f"attempt {attempt} failed ({cause}), retrying in {wait:.1f} s"
            case RateLimitWaited(model_id=model, wait_s=wait, limit=limit):
                self.model, self.state = model, f"waiting {wait:.1f} s for the {limit} limit"
            case CallSucceeded(model_id=model, attempts=attempts):
                self.model, self.state = model, f"answered after {attempts} attempt(s)"
            case CallFailed(model_id=model, error=error):
                self.model, self.state = model, f"failed ({error})"
            case _:
                return
        self.render()

    def render(self) -> None:
        elapsed = self.monotonic() - self.started
        line = f"[{elapsed:4.0f}s] {self.model or 'run'}: {self.state}"
        padding = " " * max(0, self._width - len(line))
        self._width = len(line)
        self.stream.write(f"\r{line}{padding}")
        self.stream.flush()

    async def tick(self) -> None:
        while True:
            await anyio.sleep(1)
            self.render()

    def clear(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
