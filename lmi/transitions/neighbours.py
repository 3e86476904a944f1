"""Each occupation's most similar occupations, read at run time from ``out_occupation_similarity``
(computed at build time by ``lmi.transitions.similarity_method``), and why two occupations are
alike in words.

``NeighbourIndex`` holds the table in memory (about 46,000 rows, sliced per occupation), so a
ranking reads its candidates without a query. ``describe_score``, ``strongest_components`` and
``component_breakdown`` explain a similarity: how rare a pair this alike is, and which components
make it so.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from lmi.db import query_df
from lmi.i18n import _
from lmi.occupations.profile import UnknownOccupationError
from lmi.transitions.similarity_method import (
    COMPONENTS,
    NEIGHBOURS_KEPT,
    SCORE_COLUMNS,
    one_in,
    scale_words,
)


class NoDescriptorsError(LookupError):
    """O*NET publishes no descriptors for this occupation, so it cannot be compared."""


class NeighbourIndex:
    """out_occupation_similarity held in memory, sliced per occupation: for each occupation its
    ``NEIGHBOURS_KEPT`` most similar occupations, best first, with titles, job zones and the score
    of every component."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        frame = query_df(
            con,
            f"""
            SELECT s.onet_soc_code, s.target_onet_soc_code, o.title AS target_title, o.job_zone AS target_job_zone,
                   s.similarity_rank, s.similarity_score, s.weighted_component_mean,
                   {", ".join("s." + c for c in SCORE_COLUMNS)}, s.components_used
            FROM out_occupation_similarity s JOIN core_occupation o ON o.onet_soc_code = s.target_onet_soc_code
            ORDER BY s.onet_soc_code, s.similarity_rank
        """,
        )
        for column in ("onet_soc_code", "target_onet_soc_code", "target_title"):
            frame[column] = frame[column].astype(object)
        for column in ("target_job_zone", "similarity_score", "weighted_component_mean", *SCORE_COLUMNS):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        self.frame = frame
        codes = frame.onet_soc_code.to_numpy()
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else np.array([], dtype=int)
        ends = np.r_[starts[1:], len(codes)]
        self._slices = {codes[s]: (s, e) for s, e in zip(starts, ends)}
        self.titles = dict(query_df(con, "SELECT onet_soc_code, title FROM core_occupation").itertuples(index=False))

    def has(self, onet_soc_code: str) -> bool:
        return onet_soc_code in self._slices

    def codes(self) -> list[str]:
        """Every occupation that can be compared (O*NET publishes descriptors for it), in code order."""
        return sorted(self._slices)

    def neighbours(self, onet_soc_code: str, limit: int = NEIGHBOURS_KEPT) -> pd.DataFrame:
        """The ``limit`` most similar occupations, best first: target code, title and job zone,
        similarity rank and score, the weighted component mean and every component's score."""
        return self.neighbours_of_many([onet_soc_code], limit)[0]

    def neighbours_of_many(self, onet_soc_codes, limit: int = NEIGHBOURS_KEPT) -> tuple[pd.DataFrame, np.ndarray]:
        """Every code's ``limit`` most similar occupations in one frame (as ``neighbours``, one code after
        another), and for each row the position in ``onet_soc_codes`` of the code it belongs to: one slice of the
        held frame where a frame per code cost a millisecond each."""
        ranges = []
        for code in onet_soc_codes:
            self.require(code)
            start, end = self._slices[code]
            ranges.append(np.arange(start, min(end, start + limit)))
        positions = np.concatenate(ranges) if ranges else np.array([], dtype=int)
        owners = np.repeat(np.arange(len(ranges)), [len(r) for r in ranges])
        rows = self.frame.iloc[positions].drop(columns="onet_soc_code").reset_index(drop=True)
        return rows, owners

    def require(self, onet_soc_code: str) -> str:
        """The occupation's title, or a clear error if it is unknown or has no O*NET descriptors."""
        title = self.titles.get(onet_soc_code)
        if title is None:
            raise UnknownOccupationError(_("no occupation with O*NET-SOC code {code}").format(code=repr(onet_soc_code)))
        if onet_soc_code not in self._slices:
            raise NoDescriptorsError(
                _(
                    "O*NET publishes no skills, knowledge, activities or interests for {title} ({code}), "
                    "so it cannot be compared with other occupations. Pick a more specific occupation."
                ).format(title=title, code=onet_soc_code)
            )
        return title


# --------------------------------------------------------------------------- why two occupations are alike


def describe_score(score: float | None) -> str:
    """A similarity score in words: how rare it is for two occupations to be more alike."""
    if score is None or pd.isna(score):
        return _("not comparable")
    times = one_in(score)
    if times < 2:
        return _("not especially alike")
    return _("only 1 in {count:,} pairs of occupations is more alike").format(count=_round_count(times))


def _round_count(value: float) -> int:
    if value < 20:
        return int(round(value))
    magnitude = 10 ** (len(str(int(value))) - 2)
    return int(round(value / magnitude) * magnitude)


def strongest_components(row, count: int = 2) -> list[str]:
    """Labels of the components that make two occupations most alike (for the 'why' sentence), in the
    visitor's language. A shared SOC group is left out: it says where the classification puts the two,
    not what they share (``Component.in_why``)."""
    present = [(getattr(row, f"{c.key}_score", None), c.label) for c in COMPONENTS if c.in_why]
    present = [(s, label) for s, label in present if s is not None and not pd.isna(s)]
    return [_(label).lower() for _score, label in sorted(present, key=lambda p: -p[0])[:count]]


def component_breakdown(row) -> pd.DataFrame:
    """Every component's label, group, weight and score for one pair (a neighbour or a ranked target;
    ``component_score`` is NaN where the pair was not compared on it)."""
    return pd.DataFrame(
        {
            "component": [_(c.label) for c in COMPONENTS],
            "component_group": [_(c.group) for c in COMPONENTS],
            "component_weight": [c.weight for c in COMPONENTS],
            "component_score": [_number(getattr(row, f"{c.key}_score", None)) for c in COMPONENTS],
        }
    )


def similarity_words(score: float) -> str:
    """ "similarity 62 — only 1 in 1,300 pairs of occupations is more alike" """
    return _("similarity {score:.0f} — {rarity}").format(score=score, rarity=describe_score(score))


def breakdown_note(weighted_mean: float, missing: list[str]) -> str:
    """How the components make the similarity (beside the breakdown), naming those not compared."""
    note = _(
        "Each component is scored 0-100 by how rare it is for two occupations to be this alike on it "
        "({scale}). The similarity takes their weighted mean ({mean:.0f} here; weights in "
        "“How this works”) and puts it on the same scale: the share of occupation pairs with a higher weighted mean."
    ).format(scale=scale_words(), mean=weighted_mean)
    if missing:
        note += " " + _(
            "Not compared (not rated by O*NET for one of the two, not in the O*NET release this database was "
            "built from, or not in a self-assessment): {components}."
        ).format(components=", ".join(missing))
    return note


def _number(value) -> float:
    return float("nan") if value is None or pd.isna(value) else float(value)
