"""Load datasets into DuckDB or PostgreSQL: keyed tables, references, comments, the export views.

``load_dataset(dir, "duckdb:///events.duckdb")`` is the whole API; see
:mod:`eventcoder.load.run` for what a load writes and when it writes nothing.
"""

from eventcoder.load.run import DEFAULT_SCHEMA, LoadProgress, LoadResult, load_dataset
from eventcoder.load.url import Backend, DatabaseUrl, parse_url

__all__ = ["DEFAULT_SCHEMA", "Backend", "DatabaseUrl", "LoadProgress", "LoadResult", "load_dataset", "parse_url"]
