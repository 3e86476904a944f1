"""Career ladders: which rung of education an occupation sits on, read from O*NET's distribution of the
education its workers' jobs require rather than from one "typical" level.

BLS publishes one typical entry-level education per occupation (Registered Nurses: a bachelor's degree).
O*NET publishes the share of incumbents saying their job requires each of 12 levels (Education, Training,
and Experience, element 2.D.1 "Required Level of Education", scale RL; ``core_occupation_required_education``).
Registered Nurses: 0.8% high school, 22.5% a post-secondary certificate, 19.4% an associate's degree, 55.9%
a bachelor's degree, 1.4% a master's. The ladder reads two points of that distribution, on BLS's rungs
(O*NET's 12 levels mapped onto BLS's categories by ``ONET_LEVEL_EDUCATION``):

- **entry level** (of a target: what it takes to get in): the lowest level that covers at least
  ``ENTRY_SHARE_PCT`` (25%) of incumbents, counting up from the lowest level. Registered Nurses: an
  associate's degree (23.3% up to a certificate, 42.7% up to an associate's); Licensed Practical Nurses: a
  certificate (34.8%); Nursing Assistants: high school (41.4%). Why a quarter: at 20%, Registered Nurses
  would read "a certificate" (23.3%), the rung of Licensed Practical Nurses, so no rung would lie between
  the two; at half (the median), Registered Nurses read "bachelor's" (42.7% < 50%), the single-level answer
  that set them aside. One worker in four is a real route in, not an exception.
- **typical level** (of where a worker starts: what they have): the median, the lowest level that covers at
  least ``TYPICAL_SHARE_PCT`` (50%). Nursing Assistants: a certificate (65.3%); Licensed Practical Nurses:
  some college (73.0%); Registered Nurses: a bachelor's degree (98.6%). The median is never below the
  quarter, so an occupation is never an education step above itself.

An education step is the target's entry rung minus the starting typical rung (``lmi.transitions.ranking``).
Where O*NET has no distribution for an occupation, BLS's typical level serves for both and the row says so
(``education_basis``)."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from lmi.db import query_df
from lmi.i18n import _

ENTRY_SHARE_PCT = 25.0  # a target's entry level: the lowest level covering at least a quarter of incumbents
TYPICAL_SHARE_PCT = 50.0  # where a worker starts: the median level
# O*NET's 12 required-education levels (scale RL) on BLS's typical-education categories (the ladder's rungs,
# lmi.transitions.ranking.EDUCATION_RANK): a certificate after a degree sits on that degree's rung.
ONET_LEVEL_EDUCATION = {
    1: "No formal educational credential",  # Less than a High School Diploma
    2: "High school diploma or equivalent",
    3: "Postsecondary nondegree award",  # Post-Secondary Certificate
    4: "Some college, no degree",  # Some College Courses
    5: "Associate's degree",
    6: "Bachelor's degree",
    7: "Bachelor's degree",  # Post-Baccalaureate Certificate
    8: "Master's degree",
    9: "Master's degree",  # Post-Master's Certificate
    10: "Doctoral or professional degree",  # First Professional Degree
    11: "Doctoral or professional degree",
    12: "Doctoral or professional degree",  # Post-Doctoral Training
}
EDUCATION_BASIS = ("onet", "bls")  # O*NET's distribution; BLS's single typical level where O*NET has none
LEVEL_COLUMNS = (
    "entry_education",
    "entry_education_covered_pct",
    "typical_education",
    "typical_education_covered_pct",
    "education_basis",
)


def required_education_shares(con: duckdb.DuckDBPyConnection, onet_soc_code: str) -> pd.DataFrame:
    """One occupation's O*NET distribution: each level, its share of incumbents and the running share
    (empty where O*NET has none), for a table or a download beside the rung it gives."""
    return query_df(
        con,
        """
        SELECT education_category, category_description, respondents_pct, cumulative_pct, rated_month
        FROM core_occupation_required_education WHERE onet_soc_code = $code ORDER BY education_category
        """,
        {"code": onet_soc_code},
    )


def onet_education_levels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per O*NET occupation with a distribution: the entry level (``ENTRY_SHARE_PCT``) and the typical level
    (``TYPICAL_SHARE_PCT``) as BLS categories, each with the share of incumbents it covers."""
    try:
        shares = query_df(
            con,
            "SELECT onet_soc_code, education_category, cumulative_pct FROM core_occupation_required_education "
            "ORDER BY onet_soc_code, education_category",
        )
    except duckdb.CatalogException:  # a reference file built before the table existed: BLS's level for every row
        shares = pd.DataFrame({"onet_soc_code": [], "education_category": [], "cumulative_pct": []})
    frame = pd.concat(
        [_level_at(shares, ENTRY_SHARE_PCT, "entry"), _level_at(shares, TYPICAL_SHARE_PCT, "typical")], axis=1
    )
    frame.index.name = "onet_soc_code"
    return frame


def _level_at(shares: pd.DataFrame, share_pct: float, prefix: str) -> pd.DataFrame:
    """The lowest level whose running share reaches ``share_pct`` (a rounding margin of 0.05 points: O*NET's
    shares are published to two decimals and add up to 99.97-100.02)."""
    reached = shares[shares.cumulative_pct >= share_pct - 0.05].groupby("onet_soc_code").first()
    return pd.DataFrame(
        {
            f"{prefix}_education": reached.education_category.map(ONET_LEVEL_EDUCATION),
            f"{prefix}_education_covered_pct": reached.cumulative_pct.clip(upper=100.0).round(1),
        }
    )


def education_levels(con: duckdb.DuckDBPyConnection, bls_typical: pd.Series) -> pd.DataFrame:
    """``LEVEL_COLUMNS`` for every occupation in ``bls_typical`` (BLS typical entry education by O*NET code):
    O*NET's levels where it publishes a distribution, otherwise BLS's typical level for both (``education_basis``
    "bls"; None where neither publishes one)."""
    onet = onet_education_levels(con).reindex(bls_typical.index)
    has_onet = onet.entry_education.notna().to_numpy()
    typical = bls_typical.astype(object).to_numpy()
    frame = pd.DataFrame(index=bls_typical.index)
    for column in ("entry_education", "typical_education"):
        frame[column] = np.where(has_onet, onet[column].astype(object).to_numpy(), typical)
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    for column in ("entry_education_covered_pct", "typical_education_covered_pct"):
        frame[column] = onet[column].astype("float64")
    frame["education_basis"] = np.where(has_onet, "onet", np.where(pd.notna(typical), "bls", None))
    frame["education_basis"] = frame.education_basis.astype(object).where(frame.education_basis.notna(), None)
    return frame


def education_rule_text() -> str:
    """How an occupation's rung is read, from ``ENTRY_SHARE_PCT`` and ``TYPICAL_SHARE_PCT`` (method texts)."""
    return _(
        "Education rungs come from O*NET's survey of the education workers say their job requires (the share of "
        "workers at each of 12 levels), not from one typical level. A target sits at the lowest level that covers "
        "at least {entry:.0f}% of its workers (a real route in: an occupation many enter with an associate's "
        "degree is an associate's rung even if most hold a bachelor's); where you start sits at the level that "
        "covers {typical:.0f}% of its workers (the median). BLS's typical entry education is shown beside it. "
        "Where O*NET has no survey for an occupation, BLS's typical level is used for both."
    ).format(entry=ENTRY_SHARE_PCT, typical=TYPICAL_SHARE_PCT)


def basis_words(basis: str | None) -> str:
    """Where a row's education rung comes from, in the visitor's language."""
    if basis == "onet":
        return _("O*NET required education ({entry:.0f}% of workers)").format(entry=ENTRY_SHARE_PCT)
    if basis == "bls":
        return _("BLS typical entry education (O*NET has no survey)")
    return _("not published")
