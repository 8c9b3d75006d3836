"""Mailbox operations on bounded anyio memory streams, without needless scheduling.

``send``/``receive`` on a memory stream always yield to the event loop first. Between
actors that is pure overhead when the mailbox has room or already holds a message, so
these helpers try the non-blocking form first and fall back to waiting — the bound
(back-pressure) and the end-of-stream semantics stay exactly those of the stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

import anyio
from anyio.abc import ObjectReceiveStream, ObjectSendStream
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

__all__ = ["Supervision", "deliver", "next_item"]

if TYPE_CHECKING:
    from orchestrator.core.messages import AnyMessage

T = TypeVar("T")


class Supervision(Protocol):
    """What an actor answers into: the supervisor's admission, never another actor."""

    async def submit(self, message: AnyMessage) -> bool:
        """Admit ``message`` and move it on; False once the exchange has ended."""
        ...


async def deliver(stream: ObjectSendStream[T], item: T) -> None:
    """Put ``item`` in the mailbox, waiting only while it is full."""
    if isinstance(stream, MemoryObjectSendStream):
        try:
            stream.send_nowait(item)
            return
        except anyio.WouldBlock:
            pass
    await stream.send(item)


async def next_item(stream: ObjectReceiveStream[T]) -> T | None:
    """The next item, waiting only while the mailbox is empty; None once it is closed."""
    try:
        if isinstance(stream, MemoryObjectReceiveStream):
            try:
                item: T = stream.receive_nowait()
                return item
            except anyio.WouldBlock:
                pass
        return await stream.receive()
    except anyio.EndOfStream:
        return None
