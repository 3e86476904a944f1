"""Employer job postings as a ranking signal the worker can switch on (off by default): how many postings
employers placed here for a target, per 1,000 of its jobs, nudges the ranking up or down within stated bounds.

Which number a target gets: the postings per 1,000 jobs (``lmi.demand.posted.posted_for_codes``) at the BLS
code its OEWS figures are measured at (``demand_soc_code``), never another occupation's. Postings are
counted at detailed SOC codes; where the OEWS figure is a BLS group's, the group's detailed codes are summed
(``posted_for_codes`` does that and says so), and the row's "Whose numbers" names the group, as for its jobs.

How it joins the ranking (all on the 0-100 scales of ``lmi.transitions.ranking``):

    postings points     = the target's place among the ranked targets by postings per 1,000 jobs here
                          (lowest 0, highest 100, ties share their average place; a single one: 50)
    postings adjustment = 0.10 x (postings points - 50)           (``POSTINGS_WEIGHT``: -5 to +5 points)
    transition score    = the score without postings + postings adjustment

The adjustment is bounded (``POSTINGS_WEIGHT x 50`` = 5 points either way), so postings re-order targets
whose scores are close and never outweigh similarity. It is rank-based, so a few very busy codes cannot
swamp the rest and one file's coverage of a region (which differs from board to board) matters less than the
order it gives. A target without a postings rate here (BLS released no local employment, or no postings
period covers the region) gets neutral points (50: no adjustment). A BLS group's figure counts once, as
openings and concentration do: the row carrying the group's openings carries its postings points; the
others showing the same figure get neutral points, or the carrier's where those are lower.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from lmi.demand.posted import DEFAULT_MONTHS, PostedDemand, generated_note
from lmi.i18n import _
from lmi.transitions.ranking import MAX_POINTS, NEUTRAL_POINTS, TransitionResult, order_ranked

POSTINGS_WEIGHT = 0.10  # adjustment = POSTINGS_WEIGHT x (postings points - NEUTRAL_POINTS)
MAX_ADJUSTMENT_POINTS = POSTINGS_WEIGHT * (MAX_POINTS - NEUTRAL_POINTS)  # 5 points either way
# the columns of ``posted_for_codes`` a ranked or set-aside row carries (at its BLS code)
POSTED_COLUMNS = (
    "postings_count",
    "postings_per_month_avg",
    "postings_trend_pct",
    "postings_per_1000_jobs",
    "postings_period_start",
    "postings_period_end",
    "postings_source",
    "postings_includes_generated_example",
)


@dataclass(frozen=True)
class PostingsUse:
    """Which postings joined a ranking: the files or imports they come from, the months they cover (both in
    words) and whether generated example data is among them."""

    source_words: str
    period_words: str
    includes_generated_example_data: bool

    def caption(self) -> str:
        """The source line, the months the ranking used and, where it applies, the generated-example label."""
        words = _("{source} The ranking uses the postings of {period}.").format(
            source=self.source_words, period=self.period_words
        )
        if self.includes_generated_example_data:
            words += " " + generated_note()
        return words


def with_posted_demand(result: TransitionResult, posted: pd.DataFrame, use: PostingsUse) -> TransitionResult:
    """``result`` re-ranked with the postings signal (module docstring): every ranked and set-aside row
    gains the postings columns at its own BLS code, the ranked rows ``postings_points``,
    ``postings_adjustment_points`` and ``transition_score_without_postings``, and the order, ranks and
    sentences are remade. ``posted`` is ``lmi.demand.posted.posted_for_codes`` for the result's area."""
    rates = _by_code(posted)
    ranked = _join(result.ranked, rates)
    ranked = ranked.assign(transition_score_without_postings=ranked.transition_score)
    points = postings_points(ranked.postings_per_1000_jobs, ranked.demand_counted)
    points = _count_group_figures_once(ranked, points)
    adjustment = POSTINGS_WEIGHT * (points - NEUTRAL_POINTS)
    ranked = ranked.assign(
        postings_points=points,
        postings_adjustment_points=adjustment,
        transition_score=ranked.transition_score_without_postings + adjustment,
    )
    ranked = order_ranked(ranked, result.origin, result.area_label)
    ranked["why"] = [
        f"{why} {postings_sentence(row, result.area_label)}" for why, row in zip(ranked.why, _rows(ranked))
    ]
    set_aside = _join(result.set_aside, rates)
    return replace(result, ranked=ranked, set_aside=set_aside, postings=use)


def postings_points(rates, counted=None) -> np.ndarray:
    """0-100 by place among the rows with a rate (``counted`` rows only, when given): lowest 0, highest 100,
    ties share their average place, a single rate 50; no rate (or not counted): neutral (50)."""
    rates = pd.to_numeric(pd.Series(rates), errors="coerce").to_numpy(dtype="float64")
    known = ~np.isnan(rates)
    if counted is not None:
        known &= np.asarray(counted, dtype=bool)
    points = np.full(len(rates), NEUTRAL_POINTS)
    count = int(known.sum())
    if count > 1:
        places = pd.Series(rates[known]).rank(method="average").to_numpy()  # 1 .. count
        points[known] = MAX_POINTS * (places - 1) / (count - 1)
    return points


def _count_group_figures_once(ranked: pd.DataFrame, points: np.ndarray) -> np.ndarray:
    """Rows showing another ranked row's BLS figure (``demand_counted`` False) get neutral postings points, or
    the carrier's where those are lower, as their openings and concentration do."""
    points = points.copy()
    position = {code: i for i, code in enumerate(ranked.target_onet_soc_code)}
    for i, (counted, carrier) in enumerate(zip(ranked.demand_counted, ranked.same_figure_as_code)):
        if not counted and carrier in position:
            points[i] = min(NEUTRAL_POINTS, points[position[carrier]])
    return points


def _by_code(posted: pd.DataFrame) -> pd.DataFrame:
    """The postings columns indexed by the BLS code they are measured at (``demand_soc_code``)."""
    code = "demand_soc_code" if "demand_soc_code" in posted.columns else "soc_code"
    present = [column for column in POSTED_COLUMNS if column in posted.columns]
    return posted.drop_duplicates(code).set_index(code)[present]


def _join(frame: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each row's postings at its own ``demand_soc_code`` (empty where BLS publishes no code)."""
    frame = frame.drop(columns=[c for c in POSTED_COLUMNS if c in frame.columns])
    joined = rates.reindex(frame.demand_soc_code.to_numpy())
    joined.index = frame.index
    for column in POSTED_COLUMNS:
        if column not in joined.columns:
            joined[column] = np.nan
    return pd.concat([frame, joined[list(POSTED_COLUMNS)]], axis=1)


def _rows(frame: pd.DataFrame) -> list:
    return list(frame.itertuples(index=False))


def postings_sentence(row, area_name: str) -> str:
    """What the postings say about one ranked target and what they did to its score."""
    rate = row.postings_per_1000_jobs
    if rate is None or pd.isna(rate):
        return _("No postings rate here for its BLS figure, so postings leave its score as it is.")
    if not bool(row.demand_counted):
        return _(
            "Postings: {rate:.1f} per 1,000 jobs in {area} for the same BLS figure, counted once (on the row that "
            "carries it): {adjustment:+.1f} points."
        ).format(rate=rate, area=area_name, adjustment=row.postings_adjustment_points)
    return _("Postings: {rate:.1f} per 1,000 jobs in {area} ({count:,.0f} postings): {adjustment:+.1f} points.").format(
        rate=rate, area=area_name, count=row.postings_count, adjustment=row.postings_adjustment_points
    )


# --------------------------------------------------------------------------- the method in words


def method_text() -> str:
    """How postings join the ranking when the worker switches them on (from the constants above)."""
    return _(
        "Off unless you switch it on. Each ranked occupation's employer postings here over the last 12 months, per "
        "1,000 of its jobs, at the BLS code its jobs figure is measured at (for a BLS group, the postings of the "
        "group's detailed occupations added up), give postings points by its place among the ranked occupations "
        "(lowest {low:g}, highest {high:g}); the score moves by {weight:g} x (postings points − {neutral:g}), so at "
        "most {bound:g} points up or down, enough to re-order close scores but never to outweigh similarity. "
        "An occupation without a postings rate here gets no change, and a BLS group's figure counts once."
    ).format(
        low=0.0,
        high=MAX_POINTS,
        weight=POSTINGS_WEIGHT,
        neutral=NEUTRAL_POINTS,
        bound=MAX_ADJUSTMENT_POINTS,
    )


def unavailable_words() -> str:
    """Why the switch is off, in one line: no postings are imported."""
    return _("Off: no job postings are imported yet (staff import them with `python -m lmi.postings import`).")


def postings_use(posted: PostedDemand, months: int = DEFAULT_MONTHS) -> PostingsUse:
    """Which postings a ranking uses: ``posted``'s source line, the last ``months`` months in words, and
    whether they include generated example data (``lmi.demand.posted.posted_for_codes`` counts the same months)."""
    start, end = posted.window(months)
    return PostingsUse(posted.source_words(), posted.period_words(start, end), posted.includes_generated_example_data)
