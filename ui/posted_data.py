"""Posted demand for the pages (``lmi.demand.posted``), through the one cache layer (``ui.cache``).

The postings store (``LMI_POSTINGS_DIR``, default ``var/postings``) is apart from the reference database and the
program records, so ``ui.cache.data_key`` does not see it; every function here adds the store's own key
(``posted_key``: its folder, when its counts were last remade and the counts file's identity) to the cache key,
so counts remade after an import are read at once and results of old counts are never served. Pages call the
plain functions below with plain arguments, as they do ``ui.data``'s.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lmi.db import file_stamp
from lmi.demand import posted as posted_demand
from lmi.postings.store import PostingsStore
from ui.cache import cached, demand_model, resource

PostedKey = tuple


def posted_key() -> PostedKey:
    """The store's folder, when its counts were remade (``computed_utc``) and the counts file's identity; () when
    nothing is aggregated. Read on every call (one small JSON file), so a recount is seen on the next rerun."""
    store = PostingsStore.default()
    parquet, _meta = store.aggregate_paths()
    try:
        meta = store.aggregate_meta()
    except (OSError, ValueError):
        return ()
    if not meta or not parquet.exists():
        return ()
    return (str(store.root), str(meta.get("computed_utc", "")), file_stamp(parquet))


@resource(max_entries=2)
def _posted(key: PostedKey) -> posted_demand.PostedDemand | None:
    """One shared, read-only copy of the counts per store key (a data cache would copy the frame on every call)."""
    return posted_demand.load_posted(PostingsStore(Path(key[0]))) if key else None


def posted() -> posted_demand.PostedDemand | None:
    """The postings counts now in the store, or None when none are imported (pages then say how to import)."""
    return _posted(posted_key())


@cached(max_entries=64)
def _for_codes(key: PostedKey, area_code: str, months: int, soc_codes: tuple[str, ...] | None) -> pd.DataFrame | None:
    counts = _posted(key)
    if counts is None:
        return None
    codes = list(soc_codes) if soc_codes is not None else None
    return posted_demand.posted_for_codes(counts, demand_model(), area_code, months, codes)


def for_codes(
    area_code: str, months: int = posted_demand.DEFAULT_MONTHS, soc_codes: tuple[str, ...] | None = None
) -> pd.DataFrame | None:
    """``posted_for_codes`` for the area (only ``soc_codes`` when given); None when no postings are imported."""
    return _for_codes(posted_key(), area_code, months, tuple(soc_codes) if soc_codes is not None else None)


@cached(max_entries=128)
def _for_occupation(key: PostedKey, area_code: str, onet_soc_code: str, months: int) -> pd.Series | None:
    counts = _posted(key)
    if counts is None:
        return None
    return posted_demand.posted_for_occupation(counts, demand_model(), area_code, onet_soc_code, months)


def for_occupation(area_code: str, onet_soc_code: str, months: int = posted_demand.DEFAULT_MONTHS) -> pd.Series | None:
    """The postings row of the BLS code the occupation's figures are measured at; None without postings or
    without a BLS code (``posted()`` tells which)."""
    return _for_occupation(posted_key(), area_code, onet_soc_code, months)


@cached(max_entries=128)
def _monthly(key: PostedKey, area_code: str, soc_codes: tuple[str, ...]) -> pd.DataFrame | None:
    counts = _posted(key)
    return None if counts is None else posted_demand.posted_monthly(counts, area_code, list(soc_codes))


def monthly(area_code: str, soc_codes: tuple[str, ...]) -> pd.DataFrame | None:
    """Postings per month in the area over the detailed ``soc_codes`` (a row's ``postings_soc_codes``)."""
    return _monthly(posted_key(), area_code, tuple(soc_codes))


@cached(max_entries=64)
def _area(key: PostedKey, area_code: str, months: int) -> posted_demand.AreaPostings | None:
    counts = _posted(key)
    return None if counts is None else posted_demand.area_postings(counts, demand_model(), area_code, months)


def area(area_code: str, months: int = posted_demand.DEFAULT_MONTHS) -> posted_demand.AreaPostings | None:
    """The area's postings no occupation's row counts (not coded, or no BLS code), stated as counts."""
    return _area(posted_key(), area_code, months)
