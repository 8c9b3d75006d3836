"""Operator review of an evidence pack: the HTML report and the decision addendum.

The facade is lazy: the Jinja2 renderer loads only when a review is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from orchestrator.review.console import Console, TerminalConsole
    from orchestrator.review.html import render_report
    from orchestrator.review.service import ReviewOptions, ReviewResult, review_pack
    from orchestrator.review.view import PackView, load_pack

__all__ = [
    "Console",
    "PackView",
    "ReviewOptions",
    "ReviewResult",
    "TerminalConsole",
    "load_pack",
    "render_report",
    "review_pack",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "orchestrator.review.console": ("Console", "TerminalConsole"),
        "orchestrator.review.html": ("render_report",),
        "orchestrator.review.service": ("ReviewOptions", "ReviewResult", "review_pack"),
        "orchestrator.review.view": ("PackView", "load_pack"),
    },
)
