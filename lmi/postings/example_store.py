"""Generated example postings in the store, so that a new user sees posted demand from the start command.

``./dev.sh start`` runs ``python -m lmi.postings example-store --if-empty``: when the store holds no stored
import, a modest file of generated example postings (``lmi.postings.example``: every row's source is
"generated example data") is written to a temporary folder, imported through the ordinary importer (checked,
logged, kept as received, like a staff upload) and counted. The log and the counts' description
(``posted_demand.json``: ``includes_generated_example_data``) mark it, so every page that shows its counts
labels them generated example data. A store that already holds an import (real or generated) is left alone.

The file is made with a fixed seed from the reference database, so running it again makes the same file, which
the importer recognises as already imported. 60,000 rows import and count in about 5 seconds on 2 CPUs, most
of it coding the file's distinct titles once.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lmi.postings.aggregate import refresh_aggregate
from lmi.postings.example import GENERATED_SOURCE, ExampleSpec, generate_postings, write_example
from lmi.postings.importer import ImportResult, import_postings
from lmi.postings.store import PostingsStore

EXAMPLE_ROWS = 60_000
EXAMPLE_SEED = 0
EXAMPLE_FILE_NAME = "generated-example-postings.parquet"
IMPORTED_BY = "generated example data loader"


@dataclass(frozen=True)
class ExampleStoreResult:
    """The import of the generated file, and the counts' description when it was stored and counted."""

    result: ImportResult
    aggregate: dict | None
    seconds: float


def store_holds_imports(store: PostingsStore) -> bool:
    """Whether any import is stored (refused attempts in the log do not count: they stored nothing)."""
    return bool(store.stored_imports())


def load_example_postings(
    ref_con: duckdb.DuckDBPyConnection,
    store: PostingsStore,
    rows: int = EXAMPLE_ROWS,
    seed: int = EXAMPLE_SEED,
    if_empty: bool = False,
) -> ExampleStoreResult | None:
    """Generate ``rows`` example postings, import them into ``store`` and recount; None (nothing done) when
    ``if_empty`` and the store already holds an import."""
    if if_empty and store_holds_imports(store):
        return None
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lmi-example-postings-") as folder:
        table = generate_postings(ref_con, ExampleSpec(rows=rows, seed=seed))
        path = write_example(table, Path(folder) / EXAMPLE_FILE_NAME)
        result = import_postings(path, ref_con, store, imported_by=IMPORTED_BY, default_source=GENERATED_SOURCE)
    aggregate = refresh_aggregate(store) if result.outcome == "imported" else None
    return ExampleStoreResult(result, aggregate, time.perf_counter() - started)
