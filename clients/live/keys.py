"""API keys: read from the environment variables the registry names, and never shown.

A key lives in an :class:`ApiKey`, whose ``repr`` and ``str`` name the variable, not the
value, and which refuses to be pickled; the value leaves it only in
:class:`BearerAuth`, which writes the ``Authorization`` header of a request (httpx masks
that header in every ``repr``). No key is ever part of a message, event or recording.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Mapping
from typing import NoReturn

import httpx

from orchestrator.core.config import ModelRegistry
from orchestrator.core.errors import ConfigError

__all__ = ["ApiKey", "ApiKeys", "BearerAuth", "load_api_keys"]


class ApiKey:
    __slots__ = ("_value", "env")

    def __init__(self, env: str, value: str) -> None:
        self.env = env
        self._value = value

    def reveal(self) -> str:
        """The key itself: only for the Authorization header (and scrubbing it from text)."""
        return self._value

    def __repr__(self) -> str:
        return f"ApiKey(env={self.env!r}, value=<hidden>)"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:
        raise TypeError("an API key is never pickled")


ApiKeys = Mapping[str, ApiKey]


def load_api_keys(
    registry: ModelRegistry, model_ids: Iterable[str], environ: Mapping[str, str] | None = None
) -> dict[str, ApiKey]:
    """The keys the models need, by variable name; all missing ones in one ``ConfigError``.

    Called before any request, so that a missing key stops the run before it spends.
    """
    env = os.environ if environ is None else environ
    needed: dict[str, list[str]] = {}
    for model_id in model_ids:
        variable = registry.provider(registry.model(model_id)).api_key_env
        needed.setdefault(variable, []).append(model_id)
    keys = {name: ApiKey(name, env[name].strip()) for name in needed if env.get(name, "").strip()}
    missing = [
        f"{name} (for {', '.join(models)})" for name, models in needed.items() if name not in keys
    ]
    if missing:
        raise ConfigError(
            f"no API key in the environment: set {' and '.join(missing)}; keys are read from "
            f"the environment variables named in {registry.path} and nowhere else"
        )
    return keys


class BearerAuth(httpx.Auth):
    """``Authorization: Bearer <key>`` on one request; passed per request, never stored."""

    def __init__(self, key: ApiKey) -> None:
        self._key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._key.reveal()}"
        yield request
