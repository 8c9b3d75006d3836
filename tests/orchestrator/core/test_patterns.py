"""Lazy regular expressions: every one in the product compiles; they behave as compiled ones."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

from orchestrator.core import patterns
from orchestrator.core.patterns import lazy_pattern

PACKAGES = ("orchestrator", "agents", "clients", "policies")


def test_every_pattern_of_the_product_compiles() -> None:
    """Importing every module and compiling every lazy pattern raises nothing."""
    for name in PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            if not module.name.endswith(".__main__"):  # that one runs the command
                importlib.import_module(module.name)
    assert patterns.compile_all() > 50


def test_a_lazy_pattern_matches_as_re_compile_does() -> None:
    """search, sub, finditer and attributes give what the compiled pattern gives."""
    lazy = lazy_pattern(r"(?P<word>b\w+)", re.IGNORECASE)
    real = re.compile(r"(?P<word>b\w+)", re.IGNORECASE)
    text = "a Bee, bees and a bear"
    assert [m.group(0) for m in lazy.finditer(text)] == [m.group(0) for m in real.finditer(text)]
    assert lazy.sub("x", text) == real.sub("x", text)
    assert lazy.search("no") is None
    assert lazy.groupindex == real.groupindex
    assert lazy.flags == real.flags


def test_a_bad_pattern_fails_when_compiled() -> None:
    """A broken pattern is an error at its first use (and in the compile-all test)."""
    broken = lazy_pattern("(unclosed")
    with pytest.raises(re.error):
        broken.search("x")
