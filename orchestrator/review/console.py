"""Where a review talks to the operator: the terminal, or a scripted console in tests."""

from __future__ import annotations

import sys
from typing import Protocol

__all__ = ["Console", "TerminalConsole"]


class Console(Protocol):
    """Says things and asks questions; ``interactive`` when someone can answer."""

    @property
    def interactive(self) -> bool: ...

    def say(self, text: str) -> None: ...

    def ask(self, question: str) -> str: ...


class TerminalConsole:
    """The terminal: interactive when stdin is a TTY."""

    @property
    def interactive(self) -> bool:
        return sys.stdin.isatty()

    def say(self, text: str) -> None:
        print(text, flush=True)

    def ask(self, question: str) -> str:
        return input(question)
