"""Find occupations by what people call them: official titles, O*NET alternate and short titles,
and titles incumbents reported, tolerant of typos ("registerd nurse") and abbreviations ("RN").

How a query is scored against each title (0-100), best title per occupation wins:
- an exact match (case and punctuation ignored) scores 100;
- queries of three characters or fewer ("RN", "LPN") only match whole words, never fragments, so
  "rn" cannot match "journeyman";
- longer queries use rapidfuzz's WRatio, which copes with typos, word order and partial titles,
  against titles at least 60% of the query's length (so "coal miner" is not matched by "CO" nor
  "registerd nurse" by "Register").
Ties (scores within half a point) are broken in favour of SOC-level occupations over O*NET
breakouts, then of occupations with more matching titles ("forklift" has many titles among
Industrial Truck and Tractor Operators), then by how well the official title matches, then by
national employment, so "cashier" lists Cashiers before Gambling Change Persons and Booth Cashiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from lmi.areas import NATION_CODE
from lmi.db import query_df

MIN_SCORE = 75.0
MIN_TITLE_SHARE = 0.6  # fuzzy matching skips titles shorter than this share of the query
SHORT_QUERY_CHARS = 3
# Exact matches: an official or short title ("RN") is the strongest evidence. Fuzzy matches: short
# titles are abbreviations with extra letters ("Home Health PT"), so they count least.
EXACT_WEIGHT = {"title": 1.0, "short": 1.0, "alternate": 0.99, "reported": 0.98}
FUZZY_WEIGHT = {"title": 1.0, "alternate": 0.98, "reported": 0.97, "short": 0.93}
SOC_PATTERN = re.compile(r"^\d{2}-?\d{4}(\.\d{2})?$")


@dataclass(frozen=True)
class TitleIndex:
    titles: pd.DataFrame  # onet_soc_code, title_text, title_kind, normalized
    occupations: pd.DataFrame  # onet_soc_code, title, national_employment (for ties)
    unique_titles: list[str]  # distinct normalized titles, what fuzzy matching scans
    unique_lengths: np.ndarray
    rows_by_word: dict[str, list[int]]  # word -> positions in ``titles`` (short queries)


def load_title_index(con: duckdb.DuckDBPyConnection) -> TitleIndex:
    """Read every searchable title once; searching is then in memory (tens of milliseconds)."""
    titles = query_df(con, "SELECT onet_soc_code, title_text, title_kind FROM core_occupation_title")
    titles["normalized"] = titles.title_text.map(normalize)
    occupations = query_df(
        con,
        """
        SELECT o.onet_soc_code, o.title, o.soc_code, o.job_zone, coalesce(e.employment_count, 0) AS national_employment
        FROM core_occupation o
        LEFT JOIN core_onet_soc_crosswalk x USING (onet_soc_code)
        LEFT JOIN core_oews_estimate e ON e.soc_code = x.oews_soc_code AND e.area_code = $nation
    """,
        {"nation": NATION_CODE},
    )
    unique = sorted(set(titles.normalized))
    rows_by_word: dict[str, list[int]] = {}
    for position, title in enumerate(titles.normalized):
        for word in set(title.split()):
            rows_by_word.setdefault(word, []).append(position)
    return TitleIndex(
        titles,
        occupations.set_index("onet_soc_code"),
        unique,
        np.fromiter((len(t) for t in unique), dtype=np.int32, count=len(unique)),
        rows_by_word,
    )


def normalize(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9+#]+", " ", str(text).lower()).split())


def search_occupations(index: TitleIndex, query: str, limit: int = 15) -> pd.DataFrame:
    """Ranked matches: onet_soc_code, title, matched_title, matched_kind, score (0-100)."""
    wanted = normalize(query)
    if not wanted:
        return _empty_result()
    if SOC_PATTERN.match(query.strip()):
        return _code_matches(index, query.strip(), limit)
    scored = _score_titles(index, wanted)
    if scored.empty:
        return _empty_result()
    support = scored[scored.score >= 80].groupby("onet_soc_code").size().rename("support")
    best = scored.sort_values("score", ascending=False).drop_duplicates("onet_soc_code")
    best = best.join(support, on="onet_soc_code").fillna({"support": 0})
    best = best.join(index.occupations[["title", "national_employment"]], on="onet_soc_code")
    best["is_soc_level"] = best.onet_soc_code.str.endswith(".00")
    best["official_score"] = [fuzz.WRatio(wanted, normalize(t)) for t in best.title]
    best["score"] = best.score.round(1)
    best["band"] = best.score.round(0)
    best = best.sort_values(
        ["band", "is_soc_level", "support", "official_score", "national_employment"], ascending=False
    )
    columns = ["onet_soc_code", "title", "matched_title", "matched_kind", "score"]
    return (
        best.rename(columns={"title_text": "matched_title", "title_kind": "matched_kind"})[columns]
        .head(limit)
        .reset_index(drop=True)
    )


def _score_titles(index: TitleIndex, wanted: str) -> pd.DataFrame:
    titles = index.titles
    if len(wanted) <= SHORT_QUERY_CHARS:
        hits = titles.iloc[index.rows_by_word.get(wanted, [])].copy()
        hits["score"] = [100.0 if n == wanted else 90.0 for n in hits.normalized]
        hits["exact"] = hits.normalized == wanted
    else:
        long_enough = index.unique_lengths >= MIN_TITLE_SHARE * len(wanted)
        candidates = [index.unique_titles[i] for i in np.flatnonzero(long_enough)]
        matches = process.extract(wanted, candidates, scorer=fuzz.WRatio, score_cutoff=MIN_SCORE, limit=400)
        scores = {title: (100.0 if title == wanted else float(score)) for title, score, _ in matches}
        hits = titles[titles.normalized.isin(scores)].copy()
        hits["score"] = hits.normalized.map(scores)
        hits["exact"] = hits.normalized == wanted
    if hits.empty:
        return hits
    weight = hits.title_kind.map(FUZZY_WEIGHT).where(~hits.exact, hits.title_kind.map(EXACT_WEIGHT))
    hits["score"] = hits.score * weight.fillna(0.9)
    return hits


def _code_matches(index: TitleIndex, code: str, limit: int) -> pd.DataFrame:
    digits = code.replace("-", "")
    soc = f"{digits[:2]}-{digits[2:6]}"
    found = index.occupations[(index.occupations.index == code) | (index.occupations.soc_code == soc)]
    frame = pd.DataFrame(
        {
            "onet_soc_code": found.index,
            "title": found.title.values,
            "matched_title": found.index,
            "matched_kind": "code",
            "score": 100.0,
        }
    )
    frame["is_exact"] = frame.onet_soc_code == code
    frame = frame.sort_values(["is_exact", "onet_soc_code"], ascending=[False, True]).drop(columns="is_exact")
    return frame.head(limit).reset_index(drop=True)


def _empty_result() -> pd.DataFrame:
    return pd.DataFrame(columns=["onet_soc_code", "title", "matched_title", "matched_kind", "score"])
