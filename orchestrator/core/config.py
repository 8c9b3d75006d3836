"""Typed configuration: the model registry, capability scopes and scenarios.

The formats are the seed system's (``config/model_registry.toml``,
``config/capability_scopes/<LAYER>_*.toml``); files written for it load unchanged.
Fields this product adds are optional. Every file is decoded by a typed ``msgspec``
conversion; any problem becomes a :class:`ConfigError` naming the file and the field.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import msgspec

from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.decoding import error_location
from orchestrator.core.errors import BudgetExhausted, ConfigError
from orchestrator.core.fileio import decode_utf8, read_bytes

__all__ = [
    "BudgetConfig",
    "CapabilityScope",
    "ConfigBundle",
    "LayerMapping",
    "ModelEntry",
    "ModelRegistry",
    "PromptSpec",
    "ProviderEntry",
    "RetrySettings",
    "SamplingParam",
    "ScenarioConfig",
    "WireDialect",
    "load_config",
    "load_registry",
    "load_scenario",
    "load_scope",
]

T = TypeVar("T")

DEFAULT_PROVIDERS: dict[str, tuple[str, str]] = {
    "openai": ("https://api.openai.com/v1", "OPENAI_API_KEY"),
    "deepseek": ("https://api.deepseek.com", "DEEPSEEK_API_KEY"),
}


SamplingParam = Literal["temperature", "top_p", "frequency_penalty", "presence_penalty"]
WireDialect = Literal["openai", "deepseek"]

_Positive = Annotated[float, msgspec.Meta(gt=0)]
_PositiveInt = Annotated[int, msgspec.Meta(gt=0)]


class ModelEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One model of the registry.

    The seed system's fields come first. The rest are optional and say how to call the
    model live: ``api`` (Chat Completions or Responses), ``api_model`` (the name on the
    wire), ``dialect`` (OpenAI, or DeepSeek's variant of Chat Completions; by default
    DeepSeek for provider ``deepseek``), ``thinking`` (DeepSeek's thinking mode; unset
    leaves the provider's default), ``sampling_params`` (the sampling parameters the model
    accepts: reasoning models reject ``temperature``, so their entries list none) and
    ``read_timeout_s`` (how long to wait for the answer: reasoning models think for minutes).
    """

    provider: str
    model_id: str
    max_output_tokens: int
    cost_per_1k_input: float | None = None
    cost_per_1k_output: float | None = None
    rate_limit_rpm: _PositiveInt | None = None
    rate_limit_tpm: _PositiveInt | None = None
    family: str = ""
    status: str = ""
    base_url: str | None = None
    api_key_env: str | None = None
    api: Literal["chat", "responses"] = "chat"
    api_model: str | None = None
    # Unset until a registry sets them, and then left out of every encoding: run plans are
    # events, and a plan from a registry without them must encode as it always did.
    dialect: WireDialect | msgspec.UnsetType = msgspec.UNSET
    thinking: bool | msgspec.UnsetType = msgspec.UNSET
    sampling_params: tuple[SamplingParam, ...] | msgspec.UnsetType = msgspec.UNSET
    read_timeout_s: _Positive | msgspec.UnsetType = msgspec.UNSET

    def __post_init__(self) -> None:
        # Raised as ValueError so the loader reports it as a field error of this entry.
        if self.wire_dialect == "deepseek" and self.api == "responses":
            raise ValueError("api: DeepSeek models are called over Chat Completions ('chat')")
        if self.thinking is not msgspec.UNSET and self.wire_dialect != "deepseek":
            raise ValueError("thinking: only DeepSeek models have a thinking switch")

    @property
    def accepted_sampling(self) -> tuple[SamplingParam, ...]:
        """The sampling parameters sent on the wire; by default only ``temperature``."""
        if self.sampling_params is msgspec.UNSET:
            return ("temperature",)
        return self.sampling_params

    @property
    def wire_model(self) -> str:
        """The model name sent to the provider."""
        return self.api_model or self.model_id

    @property
    def wire_dialect(self) -> WireDialect:
        """Which variant of the API the provider speaks."""
        if self.dialect is not msgspec.UNSET:
            return self.dialect
        return "deepseek" if self.provider == "deepseek" else "openai"

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        """USD for a call at the registry's prices; a model without prices fails closed."""
        if self.cost_per_1k_input is None or self.cost_per_1k_output is None:
            raise BudgetExhausted(
                f"model {self.model_id!r} has no price in the registry; it cannot be budgeted"
            )
        cost = input_tokens / 1000 * self.cost_per_1k_input
        cost += output_tokens / 1000 * self.cost_per_1k_output
        return round(cost, 6)


class LayerMapping(msgspec.Struct, frozen=True, kw_only=True):
    layer_id: str
    primary: str
    critic: str
    fallback: str | list[str] = "none"
    description: str = ""
    autonomy: str = ""
    provider_diversity: bool = False

    @property
    def fallbacks(self) -> tuple[str, ...]:
        chain = [self.fallback] if isinstance(self.fallback, str) else list(self.fallback)
        return tuple(m for m in chain if m and m != "none")


class BudgetConfig(msgspec.Struct, frozen=True, kw_only=True):
    daily_cost_limit_usd: float
    monthly_cost_limit_usd: float
    alert_threshold_pct: float = 80.0
    per_run_cost_limit_usd: float | None = None

    @property
    def run_limit_usd(self) -> float:
        """The per-run limit; without one, a run may spend at most the daily limit."""
        if self.per_run_cost_limit_usd is not None:
            return self.per_run_cost_limit_usd
        return self.daily_cost_limit_usd


class ProviderEntry(msgspec.Struct, frozen=True, kw_only=True):
    base_url: str
    api_key_env: str


class RetrySettings(msgspec.Struct, frozen=True, kw_only=True):
    """How hard a live call tries, from the scalar keys of ``[fallback_policy]``.

    ``max_retries_per_model`` retries follow the first attempt; the first waits about
    ``retry_delay_seconds``, each further one twice as long (capped, jittered). A provider's
    ``Retry-After`` is honoured up to ``retry_after_cap_seconds``; beyond it the call fails
    at once. No call to one model, waits included, outlasts ``call_deadline_seconds``.
    """

    max_retries_per_model: Annotated[int, msgspec.Meta(ge=0)] = 2
    retry_delay_seconds: Annotated[float, msgspec.Meta(ge=0)] = 0.5
    retry_after_cap_seconds: _Positive = 120.0
    call_deadline_seconds: _Positive = 1800.0


class _RegistryMeta(msgspec.Struct, frozen=True, kw_only=True):
    version: str
    effective_date: str = ""
    owner: str = ""


class _RegistryFile(msgspec.Struct, frozen=True, kw_only=True):
    registry: _RegistryMeta
    # Tables keyed by name are converted entry by entry, so errors can name the entry.
    models: dict[str, dict[str, Any]]
    layer_mapping: dict[str, dict[str, Any]]
    budget: BudgetConfig
    providers: dict[str, ProviderEntry] = {}
    fallback_policy: dict[str, Any] = {}


class ModelRegistry(msgspec.Struct, frozen=True, kw_only=True):
    """The registry, indexed by the public model id (``gpt-5.2-pro``, not the table key)."""

    path: str
    version: str
    models: dict[str, ModelEntry]
    layers: dict[str, LayerMapping]
    budget: BudgetConfig
    providers: dict[str, ProviderEntry]
    fallback_order: dict[str, tuple[str, ...]]
    retry: RetrySettings = RetrySettings()
    sha256: str = ""

    def model(self, model_id: str) -> ModelEntry:
        try:
            return self.models[model_id]
        except KeyError:
            known = ", ".join(sorted(self.models))
            raise ConfigError(
                f"unknown model {model_id!r}: it is not in {self.path} (known: {known})",
                path=Path(self.path),
            ) from None

    def layer(self, layer_id: str) -> LayerMapping:
        try:
            return self.layers[layer_id]
        except KeyError:
            raise ConfigError(
                f"layer {layer_id!r} has no [layer_mapping.{layer_id}] in {self.path}",
                path=Path(self.path),
            ) from None

    def layer_models(self, layer_id: str) -> tuple[ModelEntry, tuple[ModelEntry, ...], ModelEntry]:
        """Proposer, fallback proposers (in order) and critic of a layer, all checked.

        Every model the layer names — ``[layer_mapping.<layer>]`` primary, critic and
        fallback, and ``[fallback_policy.<layer>] fallback_order`` — must be registered and
        have a provider with a base URL and a key variable, whichever list decides the order
        (``fallback_order`` when given).
        """
        layer = self.layer(layer_id)
        named = [
            (f"layer_mapping.{layer_id}.primary", layer.primary),
            (f"layer_mapping.{layer_id}.critic", layer.critic),
            *((f"layer_mapping.{layer_id}.fallback", m) for m in layer.fallbacks),
            *(
                (f"fallback_policy.{layer_id}.fallback_order", m)
                for m in self.fallback_order.get(layer_id, ())
            ),
        ]
        for field, model_id in named:
            if model_id not in self.models:
                known = ", ".join(sorted(self.models))
                raise ConfigError(
                    f"{self.path}: field {field}: unknown model {model_id!r} (known: {known})",
                    path=Path(self.path),
                )
            self.provider(self.models[model_id])
        proposer = self.models[layer.primary]
        order = self.fallback_order.get(layer_id) or layer.fallbacks
        fallbacks = tuple(self.models[m] for m in order if m != proposer.model_id)
        return proposer, fallbacks, self.models[layer.critic]

    def provider(self, model: ModelEntry) -> ProviderEntry:
        """Base URL and key variable for a model: model fields, then [providers], then defaults."""
        configured = self.providers.get(model.provider)
        default = DEFAULT_PROVIDERS.get(model.provider)
        base_url = model.base_url or (configured.base_url if configured else None)
        key_env = model.api_key_env or (configured.api_key_env if configured else None)
        if default is not None:
            base_url = base_url or default[0]
            key_env = key_env or default[1]
        if base_url is None or key_env is None:
            raise ConfigError(
                f"model {model.model_id!r} has provider {model.provider!r} with no base_url or "
                f"api_key_env in {self.path}",
                path=Path(self.path),
            )
        return ProviderEntry(base_url=base_url, api_key_env=key_env)


class _ScopeMeta(msgspec.Struct, frozen=True, kw_only=True):
    layer_id: str
    version: str
    description: str = ""
    autonomy_level: str = ""
    effective_date: str = ""


class _AllowForbid(msgspec.Struct, frozen=True, kw_only=True):
    allowed: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()


class ScopeValidation(msgspec.Struct, frozen=True, kw_only=True):
    min_scenario_count: int | None = None
    max_scenario_count: int | None = None
    require_rationale: bool = False


class _ScopeModels(msgspec.Struct, frozen=True, kw_only=True):
    primary: str | None = None
    fallback: str | None = None
    critic: str | None = None


class CapabilityScope(msgspec.Struct, frozen=True, kw_only=True):
    """A layer's capability scope, as in ``capability_scopes/<LAYER>_*.toml``."""

    scope: _ScopeMeta
    outputs: _AllowForbid
    constraints: dict[str, bool] = {}
    validation: ScopeValidation = ScopeValidation()
    models: _ScopeModels = _ScopeModels()
    inputs: _AllowForbid = _AllowForbid()
    tooling: _AllowForbid = _AllowForbid()
    path: str = ""
    scope_id: str = ""
    sha256: str = ""


class PromptSpec(msgspec.Struct, frozen=True, kw_only=True):
    """One role's prompt. ``user`` may contain ``{proposal}`` (critic only)."""

    system: str
    user: str
    temperature: float
    max_tokens: int


class ScenarioConfig(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A fixed scenario: prompts, inputs and the output format both roles answer in."""

    id: str
    layer: str
    description: str
    output_format: Literal["typed", "free_text"]
    proposer: PromptSpec
    critic: PromptSpec
    inputs: dict[str, str] = {}
    path: str = ""
    sha256: str = ""


class _ScenarioFile(msgspec.Struct, frozen=True, kw_only=True):
    scenario: ScenarioConfig


class ConfigBundle(msgspec.Struct, frozen=True, kw_only=True):
    config_dir: str
    registry: ModelRegistry
    scope: CapabilityScope


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed file and the sha256 of exactly the bytes parsed (the inputs manifest)."""
    data = read_bytes(path, what="config file")
    text = decode_utf8(data, path=path, what="config file")
    try:
        return tomllib.loads(text), sha256_prefixed(data)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}", path=path) from exc


def _read_named(config_dir: Path, kind: str, name: str) -> tuple[Path, dict[str, Any], str]:
    """``<config_dir>/<kind>s/<name>.toml``: path, parsed file and sha256 of its bytes; a
    missing file is an error listing the names there are."""
    folder = config_dir / f"{kind}s"
    path = folder / f"{name}.toml"
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.toml"))
        raise ConfigError(
            f"unknown {kind} {name!r}: no {path} (known: {', '.join(known) or 'none'})",
            path=path,
        )
    table, digest = _read_toml(path)
    return path, table, digest


def _check_named(path: Path, field: str, value: str) -> None:
    """A file's own id must be its name: ``config/scenarios/x.toml`` holds scenario x."""
    if value != path.stem:
        raise ConfigError(
            f"{path}: field {field}: {value!r} does not match the file name", path=path
        )


def _convert(data: Any, into: type[T], path: Path, table: str = "") -> T:
    try:
        return msgspec.convert(data, into)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"{path}: {_field_message(exc, table)}", path=path) from exc


def _field_message(exc: msgspec.ValidationError, table: str) -> str:
    # TOML readers think in dotted table names: "field models.x.max_output_tokens: …".
    path, message = error_location(exc, table)
    path = path.lstrip(".")
    if message.startswith("Object missing required field"):
        return f"field {path}: required but missing"
    return f"field {path}: {message}" if path else message


def load_registry(path: Path) -> ModelRegistry:
    table, digest = _read_toml(path)
    raw = _convert(table, _RegistryFile, path)
    models: dict[str, ModelEntry] = {}
    for key, table in raw.models.items():
        entry = _convert(table, ModelEntry, path, f"models.{key}")
        if entry.model_id in models:
            raise ConfigError(
                f"{path}: field models.{key}.model_id: {entry.model_id!r} is registered twice",
                path=path,
            )
        models[entry.model_id] = entry
    fallback_order: dict[str, tuple[str, ...]] = {}
    for key, value in raw.fallback_policy.items():
        if isinstance(value, dict) and "fallback_order" in value:
            order = _convert(value["fallback_order"], list[str], path)
            fallback_order[key] = tuple(order)
    # The seed's [fallback_policy] mixes settings with per-layer tables and keys this
    # product does not read (fail_closed); only the retry settings are converted.
    retry_keys = {
        k: v for k, v in raw.fallback_policy.items() if k in RetrySettings.__struct_fields__
    }
    retry = _convert(retry_keys, RetrySettings, path, "fallback_policy")
    return ModelRegistry(
        path=str(path),
        sha256=digest,
        version=raw.registry.version,
        models=models,
        layers={
            key: _convert(table, LayerMapping, path, f"layer_mapping.{key}")
            for key, table in raw.layer_mapping.items()
        },
        budget=raw.budget,
        providers=raw.providers,
        fallback_order=fallback_order,
        retry=retry,
    )


def load_scope(path: Path) -> CapabilityScope:
    table, digest = _read_toml(path)
    scope = _convert(table, CapabilityScope, path)
    return msgspec.structs.replace(scope, path=str(path), scope_id=path.stem, sha256=digest)


def load_scenario(config_dir: Path, scenario_id: str) -> ScenarioConfig:
    path, table, digest = _read_named(config_dir, "scenario", scenario_id)
    scenario = _convert(table, _ScenarioFile, path).scenario
    _check_named(path, "scenario.id", scenario.id)
    return msgspec.structs.replace(scenario, path=str(path), sha256=digest)


def scope_path(config_dir: Path, layer_id: str) -> Path:
    folder = config_dir / "capability_scopes"
    matches = sorted(folder.glob(f"{layer_id}_*.toml"))
    if len(matches) != 1:
        raise ConfigError(
            f"expected exactly one capability scope {folder}/{layer_id}_*.toml, "
            f"found {len(matches)}",
            path=folder,
        )
    return matches[0]


def load_config(config_dir: Path, layer_id: str = "L2") -> ConfigBundle:
    if not config_dir.is_dir():
        raise ConfigError(f"config directory {config_dir} does not exist", path=config_dir)
    registry = load_registry(config_dir / "model_registry.toml")
    scope = load_scope(scope_path(config_dir, layer_id))
    if scope.scope.layer_id != layer_id:
        raise ConfigError(
            f"{scope.path}: field scope.layer_id: {scope.scope.layer_id!r}, expected {layer_id!r}",
            path=Path(scope.path),
        )
    return ConfigBundle(config_dir=str(config_dir), registry=registry, scope=scope)
