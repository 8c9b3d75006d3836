"""The product version: written into every plan, and what the verifier rebuilds packs as."""

from typing import Final

__all__ = ["PRODUCT_VERSION"]

# Kept equal to [project] version in pyproject.toml (a test checks it); read from the
# installed metadata it would cost a few milliseconds on every start.
PRODUCT_VERSION: Final = "0.1.0"
