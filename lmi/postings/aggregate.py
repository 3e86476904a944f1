"""Posted demand at any scale: the stored postings counted by area (nation, state, metro area), occupation
(detailed SOC) and posted month, reposts removed (``lmi.postings.pipeline``'s counting SQL, on DuckDB).

The counts are remade after each import (or with ``python -m lmi.postings aggregate``) into one small Parquet
file with a description beside it (``posted_demand.json``: the repost window, the confidence a title's code
needs, the imports counted, whether any was generated example data), which pages read.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from lmi.i18n import N_, _
from lmi.postings import duck
from lmi.postings.pipeline import DEFAULT_WINDOW_DAYS, MIN_CONFIDENCE
from lmi.postings.store import PostingsStore, utc_now

# Method texts, marked for the catalogs (English in the aggregate's description; pages show
# ``repost_rule_words`` / ``coding_rule_words`` in the reader's language).
REPOST_RULE = N_(
    "A posting by the same employer with the same title in the same place (metro area, else CBSA, else state; "
    "and the same state and file-given occupation code, when there are), posted no more than {window} days "
    "after that employer's previous posting of it, is a repost and is not counted again. Postings without an "
    "employer are never taken for reposts."
)
CODING_RULE = N_(
    "Occupation: the file's own code when it is a known SOC or O*NET-SOC code of a detailed occupation; "
    "otherwise the title's code when its confidence is at least {confidence}; otherwise none (counted "
    "without an occupation)."
)


def repost_rule_words(window_days: int = DEFAULT_WINDOW_DAYS) -> str:
    return _(REPOST_RULE).format(window=int(window_days))


def coding_rule_words(min_confidence: float = MIN_CONFIDENCE) -> str:
    return _(CODING_RULE).format(confidence=float(min_confidence))


def refresh_aggregate(
    store: PostingsStore,
    window_days: int = DEFAULT_WINDOW_DAYS,
    min_confidence: float = MIN_CONFIDENCE,
    threads: int | None = None,
    locked: bool = False,
) -> dict:
    """Recount every stored import and swap the new counts in; returns their description. ``locked``: the
    caller already holds the store's writer lock."""
    if locked:
        return _refresh(store, window_days, min_confidence, threads)
    with store.writer():
        return _refresh(store, window_days, min_confidence, threads)


def _refresh(store: PostingsStore, window_days: int, min_confidence: float, threads: int | None) -> dict:
    started = time.perf_counter()
    staging = store.staging_dir()
    con = duck.connect(staging / "spill", threads)
    try:
        out_file = staging / "posted_demand.parquet"
        duck.aggregate(con, store.postings_files(), store.title_code_files(), window_days, min_confidence, out_file)
        totals = con.execute(
            f"SELECT coalesce(sum(postings_count), 0), coalesce(sum(reposts_removed_count), 0), count(*) "
            f"FROM read_parquet('{duck._text(str(out_file))}') WHERE area_kind = 'national'"
        ).fetchall()[0]
        imports = store.stored_imports()
        meta = {
            "computed_utc": utc_now(),
            "window_days": int(window_days),
            "min_confidence": float(min_confidence),
            "repost_rule": REPOST_RULE.format(window=int(window_days)),
            "coding_rule": CODING_RULE.format(confidence=float(min_confidence)),
            "import_ids": [entry["import_id"] for entry in imports],
            "generated_example_import_ids": [e["import_id"] for e in imports if e.get("is_generated_example")],
            "includes_generated_example_data": any(e.get("is_generated_example") for e in imports),
            "postings_count": int(totals[0]),
            "reposts_removed_count": int(totals[1]),
            "rows": int(
                con.execute(f"SELECT count(*) FROM read_parquet('{duck._text(str(out_file))}')").fetchall()[0][0]
            ),
            "seconds": round(time.perf_counter() - started, 3),
        }
        store.replace_aggregate(out_file, meta)
        return meta
    finally:
        con.close()
        store.discard(staging)


def read_aggregate(store: PostingsStore) -> pd.DataFrame:
    """The counts as last remade (empty when nothing was aggregated yet)."""
    path: Path = store.aggregate_paths()[0]
    if not path.exists():
        return pd.DataFrame()
    return pd.read_parquet(path)
