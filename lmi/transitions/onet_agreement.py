"""Our most similar occupations beside O*NET's own Related Occupations, the independent yardstick.

O*NET's experts list each occupation's related occupations; the similarity never reads that list
(``lmi.transitions.similarity_method``), so how much of it our top ``TOP_K`` hold is a fair check
of the method. ``agreement_with_onet`` measures it over every occupation; ``onet_agreement_for``
lists one occupation's O*NET list with our rank for each.

The weights of the similarity were tuned on one half of the occupations (``tuning_halves``, seed
``similarity_method.TUNING_SEED``); ``held_out_agreement`` measures the other half, the honest figure.
The halves are drawn from the occupations O*NET lists related occupations for, so bench/, the tests
and the notebooks all use the same split.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from lmi.db import query_df, query_rows
from lmi.i18n import _
from lmi.transitions.similarity_method import TUNING_SEED

PRIMARY_TIERS = ("Primary-Short", "Primary-Long")  # O*NET's closest related occupations, the yardstick
TOP_K = 10  # how many of our most similar occupations are compared with O*NET's list


def agreement_with_onet(con: duckdb.DuckDBPyConnection, k: int = TOP_K, onet_soc_codes=None) -> dict:
    """Recall@k against O*NET's Related Occupations (``PRIMARY_TIERS``): the share of O*NET's list
    found in our top ``k``, averaged over every occupation that has both (or over those of them in
    ``onet_soc_codes``, e.g. the held-out half)."""
    rows = query_rows(
        con,
        """
        WITH theirs AS (SELECT onet_soc_code, related_onet_soc_code FROM core_related_occupation
                        WHERE list_contains($tiers, relatedness_tier)),
             ours AS (SELECT onet_soc_code, target_onet_soc_code FROM out_occupation_similarity
                      WHERE similarity_rank <= $k),
             per AS (SELECT t.onet_soc_code, count(*) AS listed, count(o.target_onet_soc_code) AS found
                     FROM theirs t LEFT JOIN ours o ON o.onet_soc_code = t.onet_soc_code
                                                  AND o.target_onet_soc_code = t.related_onet_soc_code
                     WHERE t.onet_soc_code IN (SELECT onet_soc_code FROM ours)
                       AND ($codes IS NULL OR list_contains($codes, t.onet_soc_code))
                     GROUP BY t.onet_soc_code)
        SELECT avg(found / listed), count(*) FROM per
    """,
        {"k": k, "tiers": list(PRIMARY_TIERS), "codes": None if onet_soc_codes is None else sorted(onet_soc_codes)},
    )
    recall, occupations = rows[0]
    return {"recall_at_k": None if recall is None else float(recall), "k": k, "occupations": int(occupations)}


def onet_primary_lists(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """Each occupation's O*NET primary related occupations (``PRIMARY_TIERS``), the yardstick."""
    rows = query_rows(
        con,
        """SELECT onet_soc_code, list(related_onet_soc_code) FROM core_related_occupation
           WHERE list_contains($tiers, relatedness_tier) GROUP BY 1""",
        {"tiers": list(PRIMARY_TIERS)},
    )
    return {code: set(related) for code, related in rows}


def tuning_halves(onet_soc_codes, seed: int = TUNING_SEED) -> tuple[set[str], set[str]]:
    """The half of the occupations the similarity's weights were tuned on, and the held-out half: the
    codes (those with an O*NET list) sorted, shuffled with ``seed`` and cut in two."""
    codes = sorted(onet_soc_codes)
    np.random.default_rng(seed).shuffle(codes)
    return set(codes[: len(codes) // 2]), set(codes[len(codes) // 2 :])


def held_out_agreement(con: duckdb.DuckDBPyConnection, k: int = TOP_K) -> dict:
    """``agreement_with_onet`` on the held-out half only (the occupations the weights were not tuned on)."""
    _tuning, held_out = tuning_halves(onet_primary_lists(con))
    return agreement_with_onet(con, k, held_out)


def onet_agreement_for(con: duckdb.DuckDBPyConnection, onet_soc_code: str, k: int = TOP_K) -> pd.DataFrame:
    """O*NET's related occupations for one occupation, each with our rank for it (if in our list)."""
    return query_df(
        con,
        """
        SELECT r.related_index, r.relatedness_tier, r.related_onet_soc_code, o.title,
               s.similarity_rank AS our_rank, s.similarity_score, coalesce(s.similarity_rank <= $k, false) AS in_our_top_k
        FROM core_related_occupation r
        JOIN core_occupation o ON o.onet_soc_code = r.related_onet_soc_code
        LEFT JOIN out_occupation_similarity s ON s.onet_soc_code = r.onet_soc_code
                                             AND s.target_onet_soc_code = r.related_onet_soc_code
        WHERE r.onet_soc_code = $code
        ORDER BY r.related_index
    """,
        {"code": onet_soc_code, "k": k},
    )


def in_onet_list(ours: pd.DataFrame, theirs: pd.DataFrame) -> pd.Series:
    """For each of our neighbours (``NeighbourIndex.neighbours``), whether O*NET lists it as related at all
    (the transitions study notebook marks its ranked lists with it)."""
    return ours.target_onet_soc_code.isin(set(theirs.related_onet_soc_code))


def agreement_sentence(title: str, theirs: pd.DataFrame, overall: dict) -> str:
    """How many of O*NET's primary related occupations for ``title`` are among our top k, beside the
    average over every occupation (``agreement_with_onet``)."""
    primary = theirs[theirs.relatedness_tier.isin(PRIMARY_TIERS)]
    found = int(primary.in_our_top_k.sum())
    k = overall["k"]
    average = (
        _(
            "Across all {occupations} occupations our top {k} hold on average {share:.0%} of O*NET's primary list."
        ).format(occupations=overall["occupations"], k=k, share=overall["recall_at_k"])
        if overall["recall_at_k"] is not None
        else ""
    )
    return _(
        "O*NET's experts list related occupations independently of our method (it never reads their list). "
        "Of their {listed} primary related occupations for {title}, {found} are among our {k} most similar."
    ).format(listed=len(primary), title=title, found=found, k=k) + (f" {average}" if average else "")


def no_list_sentence(title: str) -> str:
    return _("O*NET publishes no related occupations for {title}.").format(title=title)
