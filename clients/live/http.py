"""One shared ``httpx.AsyncClient`` per provider, with every timeout explicit.

The transport is built with ``retries=0``: the retry layer (:mod:`clients.live.retry`)
is the only one. Redirects are not followed (a provider that redirects an API call is
misconfigured, and a redirect could carry the Authorization header elsewhere). Each model
may wait longer for its answer (``read_timeout_s`` in the registry): reasoning models think
for minutes before the first byte.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx
import msgspec

from orchestrator.core.config import ModelEntry

__all__ = ["HttpSettings", "ProviderClients", "timeout_for"]


class HttpSettings(msgspec.Struct, frozen=True, kw_only=True):
    connect_s: float = 10.0
    read_s: float = 120.0
    write_s: float = 30.0
    pool_s: float = 30.0
    max_connections: int = 64
    max_keepalive: int = 16


def timeout_for(model: ModelEntry, settings: HttpSettings) -> httpx.Timeout:
    read = settings.read_s if model.read_timeout_s is msgspec.UNSET else model.read_timeout_s
    return httpx.Timeout(
        connect=settings.connect_s, read=read, write=settings.write_s, pool=settings.pool_s
    )


class ProviderClients:
    """The process's HTTP clients, one per provider name, created on first use.

    Tests and the fake provider's users pass a ``transport`` (``httpx.MockTransport``, or a
    real one pointed at 127.0.0.1); by default each client gets its own pool.
    """

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings or HttpSettings()
        self._transport = transport
        self._clients: dict[str, httpx.AsyncClient] = {}

    def for_provider(self, provider: str) -> httpx.AsyncClient:
        client = self._clients.get(provider)
        if client is None:
            client = self._clients[provider] = self._new_client()
        return client

    def _new_client(self) -> httpx.AsyncClient:
        s = self.settings
        transport = self._transport or httpx.AsyncHTTPTransport(
            retries=0,
            limits=httpx.Limits(
                max_connections=s.max_connections, max_keepalive_connections=s.max_keepalive
            ),
        )
        return httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(
                connect=s.connect_s, read=s.read_s, write=s.write_s, pool=s.pool_s
            ),
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            await client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
