"""``quotetrack browse``: serve a SQLite store read-only with Datasette.

Datasette (the optional extra ``quotetrack[browse]``) runs as a child process,
``python -m datasette serve``, with metadata that turns on full-text search over
``quotes``, ``v_quotes`` and ``v_variants`` (the FTS5 table ``quotes_fts``) and adds
a canned query listing variant clusters.  Datasette opens a mutable file with
``mode=ro``: it never writes, and a running ingest stays visible.  PostgreSQL
stores are refused (Datasette reads SQLite only).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from quotetrack.errors import StoreError
from quotetrack.store.engine import describe, to_url

CLUSTERS_SQL = """
select c.id as cluster_id, count(*) as appearances,
       count(distinct a.outlet) as outlets, fq.text as first_text,
       fa.outlet as first_outlet, fa.published_at as first_published_at, fa.url as first_url
from variant_clusters c
join quote_variants v on v.cluster_id = c.id
join quotes q on q.id = v.quote_id
join articles a on a.id = q.article_id
left join quotes fq on fq.id = c.first_quote_id
left join articles fa on fa.id = fq.article_id
group by c.id
order by outlets desc, appearances desc, c.id
"""


def sqlite_path(location: str) -> Path:
    """The SQLite file of a store location; StoreError for PostgreSQL or no file."""
    url = to_url(location)
    if url.get_backend_name() != "sqlite":
        raise StoreError(f"browse serves SQLite stores only, not {describe(url)}; export"
                         " one with quotetrack export, or point Datasette-like tools at"
                         " PostgreSQL directly")
    path = Path(describe(url))
    if not path.is_file():
        raise StoreError(f"no store at {path}; ingest articles first, or pass --db")
    return path


def metadata(path: Path) -> dict[str, Any]:
    """Datasette metadata for the store at ``path``: search and a canned query."""
    searchable = {"fts_table": "quotes_fts", "searchmode": "escaped"}
    return {
        "title": f"quotetrack: {path.name}",
        "description": "Quotes, speakers and variant clusters (read-only).",
        "databases": {path.stem: {
            "tables": {
                "quotes": searchable | {"fts_pk": "id"},
                "v_quotes": searchable | {"fts_pk": "quote_id"},
                "v_variants": searchable | {"fts_pk": "quote_id"},
            },
            "queries": {"variant_clusters": {
                "title": "Variant clusters, most outlets first", "sql": CLUSTERS_SQL}},
        }},
    }


def command(path: Path, metadata_file: Path, host: str = "127.0.0.1", port: int = 8001,
            get: str | None = None) -> list[str]:
    """The Datasette command line; with ``get`` it answers one request and exits."""
    cmd = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata",
           str(metadata_file), "--host", host, "--port", str(port)]
    return cmd + (["--get", get] if get else [])


def require_datasette() -> None:
    """StoreError naming the install step when Datasette is missing."""
    if importlib.util.find_spec("datasette") is None:
        raise StoreError("browse needs Datasette: pip install 'quotetrack[browse]'")


def serve(location: str, host: str = "127.0.0.1", port: int = 8001,
          get: str | None = None) -> int:
    """Run Datasette on the store until it exits; returns its exit code."""
    path = sqlite_path(location)
    require_datasette()
    with tempfile.TemporaryDirectory(prefix="quotetrack-browse-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(path)), encoding="utf-8")
        return subprocess.call(command(path, meta, host, port, get))
