"""Files shipped inside the package, reached through ``importlib.resources``.

Stanza and Alembic want real paths, not resource handles: ``path`` hands one out for the
life of the process.  In an ordinary install (a wheel unpacked into site-packages, or an
editable checkout) that is the file itself and nothing is copied.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

_KEPT = ExitStack()
atexit.register(_KEPT.close)


@cache
def path(package: str, name: str) -> Path:
    """A filesystem path to ``name`` (a file or folder) inside ``package``.

    The path stays valid until the process exits; it need not exist (callers check).
    """
    return _KEPT.enter_context(as_file(files(package).joinpath(name)))
