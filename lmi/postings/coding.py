"""Each distinct posting title coded once to an O*NET-SOC occupation, with a confidence.

A file of millions of postings has far fewer titles, and a store of many files repeats most of them: the
import codes only the titles (lower-cased, ``title_key``) that no earlier import coded, in one batch through
the shared title index (``lmi.occupations.title_index``, the one the occupation search uses), and stores them
beside the postings (``title_codes/``). Counting joins postings to their title's code, so a posting keeps the
code its file gave when that code is a known one (``lmi.postings.codes``) and takes its title's otherwise.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.occupations.title_index import OccupationTitleIndex, build_title_index, code_titles

TITLE_CODE_COLUMNS = (
    "title_key",
    "title_hash",
    "onet_soc_code",
    "soc_code",
    "matched_title",
    "match_score",
    "runner_up_score",
    "confidence",
)


class TitleCoder:
    """Codes titles with an index built from one reference database (built on first use, a few seconds)."""

    def __init__(self, ref_con: duckdb.DuckDBPyConnection, index: OccupationTitleIndex | None = None):
        self._ref_con = ref_con
        self._index = index

    @property
    def index(self) -> OccupationTitleIndex:
        if self._index is None:
            self._index = build_title_index(self._ref_con)
        return self._index

    def code(self, titles: pd.DataFrame) -> pd.DataFrame:
        """``titles`` (title_key: distinct lower-cased titles; title_hash: the engine's hash of each) coded:
        one row per title, columns ``TITLE_CODE_COLUMNS``."""
        if titles.empty:
            return empty_title_codes()
        coded = code_titles(self.index, list(titles.title_key)).rename(columns={"title": "title_key"})
        coded = titles[["title_key", "title_hash"]].merge(coded, on="title_key", how="left")
        coded["soc_code"] = coded.onet_soc_code.str[:7]
        return coded[list(TITLE_CODE_COLUMNS)].astype(
            {"match_score": float, "runner_up_score": float, "confidence": float}
        )


def empty_title_codes() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in TITLE_CODE_COLUMNS})
    return frame.astype({"title_hash": "int64", "match_score": float, "runner_up_score": float, "confidence": float})
