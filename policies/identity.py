"""Who a model and its provider are, for separation of duties: what is called, not spelling.

A configured model is called by its **wire model** (``api_model``, else the registry id) at
its **endpoint** (base URL and key variable, resolved as the client resolves them:
:meth:`ModelRegistry.provider`). Two rules follow.

**Same model.** Two configured models are one model when any of their names, registry id or
wire model, share a key (:func:`model_key`): folded (NFKC, case-folded, trimmed, zero-width
characters dropped, look-alike letters mapped to Latin, typographic dashes to ``-``), with a
router's namespace (everything up to the last ``/``: ``openai/gpt-5.2-pro``), a snapshot
suffix and then the separators ``-``, ``_``, ``.`` and spaces dropped. So
``"GPT-5.2-pro "``, ``"gpt_5_2_pro"``, ``"g\u0440t-5.2-pro"`` (a Cyrillic ``\u0440``),
``"gpt-5.2-pro-2025-12-11"`` and a critic alias whose ``api_model`` is ``gpt-5.2-pro`` are
all the proposer ``gpt-5.2-pro``; ``gpt-5.2`` is not.

**Same provider.** Two providers are one when their names fold to the same key, or their
endpoints are on the same host (and port): a second provider name on the proposer's base
URL and key is the proposer's provider, and so is another key variable on that host — a
key names an account, not a vendor, and from configuration alone a shared host cannot
prove two vendors.

**The model that answered** (the response's ``model``) must be the configured one: its name
(NFKC, case-folded, trimmed; look-alike letters are *not* forgiven here) equals the registry
id or the wire model, or one of them followed by exactly one snapshot suffix
(:data:`SNAPSHOT_SUFFIX`): ``-YYYY-MM-DD``, ``-YYYYMMDD``, ``-MMDD`` or ``@YYYYMMDD``, a real
date. ``gpt-5.2-2025-12-11`` answers for ``gpt-5.2``; ``gpt-5.2-pro``,
``gpt-5.2-pro-2025-12-11``, ``gpt-5.2-2025-12-11-pro`` and ``gpt-5.2-latest`` do not, and
neither does an undated ``gpt-5.2`` for a configured ``gpt-5.2-2025-12-11`` (the pin cannot
be checked).
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final, NamedTuple
from urllib.parse import urlsplit

from orchestrator.core.config import ModelEntry, ModelRegistry, ProviderEntry
from orchestrator.core.errors import ConfigError
from orchestrator.core.patterns import lazy_pattern
from policies.normalize import normalize_text, type_key

__all__ = [
    "SNAPSHOT_SUFFIX",
    "Endpoint",
    "answers_for",
    "model_key",
    "names_model",
    "resolve_endpoints",
    "same_model",
    "same_provider",
]

#: A dated snapshot at the end of a model name, as providers report them.
SNAPSHOT_SUFFIX: Final = lazy_pattern(
    r"(?:-(?P<y1>20\d\d)-(?P<m1>\d\d)-(?P<d1>\d\d)"
    r"|[-@](?P<y2>20\d\d)(?P<m2>\d\d)(?P<d2>\d\d)"
    r"|-(?P<m3>\d\d)(?P<d3>\d\d))$"
)
_SEPARATORS: Final = lazy_pattern(r"[\s_.\-]+")
_DEFAULT_PORTS: Final = {"http": 80, "https": 443}
# Any leap year: a snapshot "-0229" is a real date.
_LEAP_YEAR: Final = 2024


class Endpoint(NamedTuple):
    """Where a model is called: the host (with a non-default port) and the key variable."""

    host: str
    key_env: str


def resolve_endpoints(registry: ModelRegistry, models: Iterable[ModelEntry]) -> dict[str, Endpoint]:
    """The endpoint of each model, by registry id; a model the registry cannot resolve
    (a provider with no base URL, which no client could call) is left out and compared
    by provider name alone."""
    endpoints: dict[str, Endpoint] = {}
    for model in models:
        try:
            resolved = registry.provider(model)
        except ConfigError:
            continue
        endpoints[model.model_id] = _endpoint(resolved)
    return endpoints


def _endpoint(provider: ProviderEntry) -> Endpoint:
    parts = urlsplit(normalize_text(provider.base_url))
    host = (parts.hostname or parts.path).rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{port}"
    return Endpoint(host=host, key_env=provider.api_key_env.strip())


@functools.lru_cache(maxsize=1024)
def model_key(name: str) -> str:
    """The key two names of one model share (module docstring: *Same model*)."""
    # A router's or a cloud's namespace ("openai/gpt-5.2-pro", "models/gemini-2.5") names
    # where the model is served, not another model.
    folded = normalize_text(name).rpartition("/")[2]
    match = SNAPSHOT_SUFFIX.search(folded)
    if match is not None and _is_date(match) and match.start() > 0:
        folded = folded[: match.start()]
    return _SEPARATORS.sub("", folded)


def same_model(a: ModelEntry, b: ModelEntry) -> str:
    """How ``a`` and ``b`` are one model (which names share a key), or "" when they are not."""
    for name_a in _names(a):
        for name_b in _names(b):
            if name_a.key != name_b.key:
                continue
            if name_a.name != name_b.name:
                return f"{name_a.what} {name_a.name!r} and {name_b.what} {name_b.name!r} name one model"
            if name_a.what == name_b.what:
                return f"{name_a.what} {name_a.name!r}"
            return (
                f"{name_a.what} of {a.model_id} and {name_b.what} of {b.model_id}, "
                f"both {name_a.name!r}"
            )
    return ""


def same_provider(a: ModelEntry, b: ModelEntry, endpoints: Mapping[str, Endpoint]) -> str:
    """What ``a`` and ``b`` share that makes them one provider, or "" when nothing."""
    if type_key(a.provider) == type_key(b.provider):
        if a.provider == b.provider:
            return f"provider {a.provider!r}"
        return f"provider {a.provider!r} (spelt {b.provider!r})"
    end_a, end_b = endpoints.get(a.model_id), endpoints.get(b.model_id)
    if end_a is not None and end_b is not None and end_a.host == end_b.host:
        also = f" and key {end_a.key_env}" if end_a.key_env == end_b.key_env else ""
        return f"the endpoint host {end_a.host}{also} (providers {a.provider!r} and {b.provider!r})"
    return ""


def answers_for(answered: str, model: ModelEntry) -> bool:
    """True when a response reporting ``answered`` came from ``model`` (module docstring)."""
    plain = _plain(answered)
    for name in _names(model):
        if plain == name.plain:
            return True
        if plain.startswith(name.plain):
            match = SNAPSHOT_SUFFIX.fullmatch(plain, len(name.plain))
            if match is not None and _is_date(match):
                return True
    return False


def names_model(answered: str, model: ModelEntry) -> bool:
    """True when ``answered``, however spelt, names ``model`` (a clash with another role)."""
    key = model_key(answered)
    return any(key == name.key for name in _names(model))


class _Name(NamedTuple):
    """One name a model is called by, with both its comparison forms."""

    name: str
    what: str  # "registry id" or "wire model"
    key: str  # model_key: every spelling and snapshot folded
    plain: str  # NFKC, case-folded, trimmed


# Keyed by the (frozen, hashable) entry: each run compares the same few models per message.
@functools.lru_cache(maxsize=256)
def _names(model: ModelEntry) -> tuple[_Name, ...]:
    names = [(model.model_id, "registry id")]
    if model.wire_model != model.model_id:
        names.append((model.wire_model, "wire model"))
    return tuple(_Name(name, what, model_key(name), _plain(name)) for name, what in names)


@functools.lru_cache(maxsize=1024)
def _plain(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


def _is_date(match: re.Match[str]) -> bool:
    year = match.group("y1") or match.group("y2") or str(_LEAP_YEAR)
    month = match.group("m1") or match.group("m2") or match.group("m3")
    day = match.group("d1") or match.group("d2") or match.group("d3")
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True
