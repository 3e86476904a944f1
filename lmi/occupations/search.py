"""Find occupations by what people call them: official titles, O*NET alternate and short titles, and titles
incumbents reported, tolerant of typos ("registerd nurse"), abbreviations ("RN"), posting titles ("CDL-A Driver -
Home Weekly") and codes ("15-1252", "151252", "SOC 15-1252", "O*NET-SOC 15-1252.00").

The pages' search runs on the one title index the batch coding of job postings uses
(``lmi.occupations.title_index``: character n-gram TF-IDF over every O*NET title, built once per reference
database), so a title typed into the search box and the same title in a postings file reach the same
occupation by the same arithmetic. This module is the pages' name for it; how titles are scored, ranked and
named is documented there (``search_titles``).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.occupations.title_index import (
    SEARCH_COLUMNS,
    OccupationTitleIndex,
    build_title_index,
    normalize,
    search_titles,
)

__all__ = ["SEARCH_COLUMNS", "TitleIndex", "load_title_index", "normalize", "search_occupations"]

TitleIndex = OccupationTitleIndex  # the type callers cache (one per reference database)


def load_title_index(con: duckdb.DuckDBPyConnection) -> OccupationTitleIndex:
    """Every searchable title of the reference database ``con``, indexed once (about a second); searches are
    then in memory. Callers keep it per reference database (the pages: ``ui.data``)."""
    return build_title_index(con)


def search_occupations(index: OccupationTitleIndex, query: str, limit: int = 15) -> pd.DataFrame:
    """Ranked matches: onet_soc_code, title (the occupation's own), matched_title, matched_kind (title, short,
    alternate, reported or code) and score (0-100)."""
    return search_titles(index, query, limit)
