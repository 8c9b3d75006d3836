"""Where the shipped data lives: ``config/`` and ``fixtures/``, in a checkout or a wheel.

In a checkout they are the project's top-level folders. An installed wheel carries copies
as package data (``orchestrator/_data/``, see ``[tool.hatch.build.targets.wheel]`` in
``pyproject.toml``), found with :mod:`importlib.resources`. ``--config-dir`` overrides both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from orchestrator.core.errors import ConfigError

__all__ = ["SAMPLE_FIXTURE", "bundled_fixture", "find_config_dir", "shipped_dir"]

SAMPLE_FIXTURE: Final = "l2_market_outlook_sample.json"
_MARKER: Final = "model_registry.toml"


def shipped_dir(name: str) -> Path | None:
    """The shipped ``config`` or ``fixtures`` folder: the checkout's, else the wheel's."""
    checkout = Path(__file__).resolve().parents[2] / name
    if (checkout.parent / "orchestrator").is_dir() and checkout.is_dir():
        return checkout
    # Only an installed wheel gets here; importlib.resources is not worth its start-up cost
    # to a checkout.
    from importlib import resources

    packaged = resources.files("orchestrator") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return None


def find_config_dir(start: Path | None = None) -> Path:
    """The project's ``config/``: of the checkout around ``start`` (default: the working
    directory), else the one this installation ships."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "config" / _MARKER
        if candidate.is_file() and (folder / "orchestrator").is_dir():
            return candidate.parent
    shipped = shipped_dir("config")
    if shipped is not None and (shipped / _MARKER).is_file():
        return shipped
    raise ConfigError("no config/ found from the working directory; pass --config-dir")


def bundled_fixture(name: str = SAMPLE_FIXTURE) -> Path:
    """A fixture this installation ships (the bundled sample by default)."""
    shipped = shipped_dir("fixtures")
    if shipped is None:
        raise ConfigError("this installation ships no fixtures/; pass --fixture")
    return shipped / name
