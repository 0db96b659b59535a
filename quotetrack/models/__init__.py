"""Compact offline Stanza models: where they live and how they are trained."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

COMPACT = "compact-en"


def build_id(folder: Traversable) -> str:
    """12 hex digits of a SHA-256 over every model file in ``folder`` (names and bytes,
    in name order; ``*.md`` cards left out): it changes exactly when a model does."""
    digest = hashlib.sha256()
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.is_file() and not item.name.endswith(".md"):
            digest.update(item.name.encode() + b"\0")
            digest.update(item.read_bytes())
    return digest.hexdigest()[:12]


@cache
def compact_build() -> str:
    """The build id of the shipped ``compact-en`` models (see ``build_id``)."""
    return build_id(files(__name__).joinpath(COMPACT))
