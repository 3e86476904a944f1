"""Which occupations can this worker move into here? Similar occupations ranked by similarity AND
local demand, with adjustable thresholds and a sentence saying why each ranks where it does.

Ranking (all parts on 0-100 scales, stated on the page):

    transition score = 0.55 x similarity                      (lmi.transitions.similarity_method: rarity)
                     + 0.25 x openings points                 (20 x log10(estimated yearly openings here): 10 -> 20,
                                                               100 -> 40, 1,000 -> 60; see lmi.demand.openings)
                     + 0.10 x concentration points            (50 x location quotient, capped at 2 -> 100)
                     + 0.10 x pay points                      (50 x pay ratio to now, capped at 2 -> 100)

The weights are ``RANKING_WEIGHTS``, the point scales ``OPENINGS_POINTS_PER_DECADE``,
``POINTS_PER_RATIO`` and ``RATIO_CAP``; ``method_text`` says the same on the page (a test checks the
two agree). Similarity counts most: moving into an occupation one cannot do is no option however
many jobs it has. Openings use the same "ten times more = 20 points" scale as similarity. A location
quotient or pay ratio BLS did not release counts as neutral (50) and the sentence says so. Employer job
postings are not part of the score unless the worker switches them on; then ``lmi.transitions.posted_signal``
moves each score by a bounded, rank-based amount and re-orders the rows with ``order_ranked``.

Local demand is read from the one demand model (``lmi.demand.DemandModel``), at the grain BLS
measures it: several O*NET occupations can show one BLS group's figure (Anesthesiologist Assistants
show 29-1071 Physician Assistants' jobs; an "All Other" residual covers many). Such a figure is
evidence of demand once, not once per occupation: among the ranked targets, the group's own SOC
occupation (an O*NET ``.00`` code in a split SOC occupation) or else the most similar target in the
group carries its openings and concentration points; every other target showing the same figure
gets neutral points (50, or the figure's own points where those are lower, so a repeated figure
never lifts a row) and says "same BLS figure as <title>". Every group figure carries its label
(``demand_basis``) in the row.

Thresholds (defaults; all adjustable): similarity at least 25; job zone at most 1 above now;
entry education at most 1 step above now (on the ladder in ``EDUCATION_RANK``, so a nurse's bachelor's
degree does not lead straight to a physician's doctorate); median pay here at
least 90% of now; at least 100 jobs in the region. Specialties that BLS counts within the same
occupation as the origin (Acute Care Nurses for Registered Nurses) are listed apart: their jobs and
pay are the origin's own figures. Occupations that miss a threshold are set aside with the
reason, not silently dropped; lmi.transitions.pathways looks for stepping stones to them. When nothing passes,
``explain_empty`` counts what each threshold removed and computes the smallest relaxation that
ranks at least one occupation.

Education is read from O*NET's distribution of required education (``lmi.transitions.ladder``): a target's
entry rung is the lowest level covering a quarter of its workers (Registered Nurses: an associate's degree,
though BLS's single typical level is a bachelor's), where the worker starts is the median level; BLS's typical
level stays beside it (``typical_entry_education``) and serves where O*NET has no survey.

Pay is compared within one geography: the region's medians when BLS published both, otherwise
the national medians (each row says which). In a self-assessment the worker may enter their pay,
education and preparation (job zone); without them those thresholds are not applied, and we say so.
"""

from __future__ import annotations

import math
from collections import namedtuple
from dataclasses import dataclass, field, replace
from functools import lru_cache

import duckdb
import numpy as np
import pandas as pd

from lmi.areas import NATION_CODE, get_area
from lmi.db import query_df
from lmi.demand import DemandModel, describe_openings
from lmi.demand.labels import WHOSE_NUMBERS_COLUMNS, WORDS_COLUMNS, basis_label, missing_words
from lmi.i18n import N_, _, ngettext
from lmi.transitions.ladder import LEVEL_COLUMNS, basis_words, education_levels, education_rule_text
from lmi.transitions.neighbours import NeighbourIndex, describe_score, strongest_components
from lmi.transitions.similarity_method import MAX_SCORE, scale_words

# BLS typical entry-level education as rungs of a ladder, each roughly one to two years of study; a
# step is one rung. "Some college" and a postsecondary nondegree award (a certificate) share a rung:
# both are short programs after school. A doctoral or professional degree (three to eight years
# beyond a bachelor's, and a residency for physicians) sits two rungs above a master's degree.
EDUCATION_RANK = {
    "No formal educational credential": 0,
    "High school diploma or equivalent": 1,
    "Some college, no degree": 2,
    "Postsecondary nondegree award": 2,
    "Associate's degree": 3,
    "Bachelor's degree": 4,
    "Master's degree": 5,
    "Doctoral or professional degree": 7,
}
EDUCATION_LADDER = tuple(EDUCATION_RANK)
MAX_EDUCATION_STEP = max(EDUCATION_RANK.values()) - min(EDUCATION_RANK.values())
# words for the ladder on the page (``education_ladder_words``), and what a rung that is more than one step up means
# (English, marked for the catalog: the ladder is worded in the visitor's language)
EDUCATION_WORDS = {
    "No formal educational credential": N_("no credential"),
    "High school diploma or equivalent": N_("high school"),
    "Some college, no degree": N_("some college"),
    "Postsecondary nondegree award": N_("a certificate"),
    "Associate's degree": N_("associate's"),
    "Bachelor's degree": N_("bachelor's"),
    "Master's degree": N_("master's"),
    "Doctoral or professional degree": N_("a doctoral or professional degree"),
}
# each rung as the ladder names it after "rungs above" (with its article: "two rungs above a master's")
EDUCATION_BELOW_WORDS = {
    "No formal educational credential": N_("no credential"),
    "High school diploma or equivalent": N_("a high school diploma"),
    "Some college, no degree": N_("some college"),
    "Postsecondary nondegree award": N_("a certificate"),
    "Associate's degree": N_("an associate's"),
    "Bachelor's degree": N_("a bachelor's"),
    "Master's degree": N_("a master's"),
    "Doctoral or professional degree": N_("a doctoral or professional degree"),
}
EDUCATION_NOTES = {"Doctoral or professional degree": N_("three to eight more years, and a residency for physicians")}
JOB_ZONE_RANGE = (1, 5)  # O*NET job zones run from 1 (little preparation) to 5 (extensive)
MAX_JOB_ZONE_STEP = JOB_ZONE_RANGE[1] - JOB_ZONE_RANGE[0]
RANKING_WEIGHTS = {"similarity": 0.55, "openings": 0.25, "concentration": 0.10, "pay": 0.10}
MAX_POINTS = 100.0  # every part is on a 0-100 scale
OPENINGS_POINTS_PER_DECADE = 20.0  # openings points = 20 x log10(openings): ten times more openings, 20 more points
OPENINGS_EXAMPLES = (10, 100, 1_000)  # openings the page explains the scale with
POINTS_PER_RATIO = 50.0  # concentration and pay points = 50 x the location quotient or the pay ratio ...
RATIO_CAP = 2.0  # ... capped at 2 (100 points)
PART_WORDS = {  # English, marked for the catalog: shown translated in the "why" sentence
    "similarity": N_("how close it is to your skills and work"),
    "openings": N_("its estimated openings here"),
    "concentration": N_("how concentrated it is here"),
    "pay": N_("its pay"),
}
PART_NAMES = {  # each part of the score named in a list ("similarity, openings, concentration and pay")
    "similarity": N_("similarity"),
    "openings": N_("openings"),
    "concentration": N_("concentration"),
    "pay": N_("pay"),
}
DEMAND_PARTS = ("openings", "concentration")  # the parts a BLS group figure gives, counted once per ranking
NEUTRAL_POINTS = 50.0
# demand grains whose figure is a BLS group's, shown by several O*NET occupations (lmi.demand.labels)
GROUP_GRAINS = ("shared_soc", "all_other", "bls_aggregate", "bls_combined")
WAGE_RATIO_STEP = 0.05  # the pay threshold moves in steps of 5% of now

# the demand model's columns a ranking reads (one vocabulary: lmi.demand.columns)
DEMAND_COLUMNS = (
    *WHOSE_NUMBERS_COLUMNS,
    "local_employment_count",
    "local_employment_missing_reason",
    "local_employment_missing_words",
    "local_annual_wage_median_usd",
    "local_annual_wage_median_footnote",
    "location_quotient",
    "local_annual_openings_est_count",
    "openings_basis",
    "national_growth_2024_34_pct",
    "national_annual_openings_count",
)
# national facts per O*NET occupation, read once per engine
NATIONAL_COLUMNS = (
    "job_zone",
    "typical_entry_education",
    *LEVEL_COLUMNS,
    "national_annual_wage_median_usd",
    "national_annual_wage_median_footnote",
)


@dataclass(frozen=True)
class Thresholds:
    """Which targets to rank; the rest are set aside with the reason."""

    min_similarity: float = 25.0
    max_job_zone_step: int = 1
    max_education_step: int = 1
    min_wage_ratio: float = 0.90
    min_local_jobs: int = 100
    include_same_bls_occupation: bool = False

    def describe(self) -> str:
        """The thresholds in words ("similarity at least 25; at most 1 job zone(s) ...")."""
        return _(
            "similarity at least {similarity:.0f}; at most {zones} job zone(s) and "
            "{steps} education step(s) above now; median pay at least "
            "{pay:.0%} of now; at least {jobs:,} jobs in the region"
        ).format(
            similarity=self.min_similarity,
            zones=self.max_job_zone_step,
            steps=self.max_education_step,
            pay=self.min_wage_ratio,
            jobs=self.min_local_jobs,
        )


@dataclass(frozen=True)
class Origin:
    """Where the worker starts: an occupation or a self-assessment."""

    kind: str  # "occupation" | "self_assessment"
    label: str  # "Registered Nurses" / "your self-assessment"
    onet_soc_code: str | None
    demand_soc_code: str | None  # the BLS code whose figures the origin shows
    job_zone: int | None
    education: str | None  # the occupation's typical (median) O*NET level, else BLS's; or the worker's own
    local_wage_usd: float | None  # current pay in the region (occupation median, or what the worker entered)
    national_wage_usd: float | None
    wage_words: str  # where the pay to compare with comes from


@dataclass(frozen=True)
class TransitionResult:
    """A ranking: where the worker starts, the region and thresholds, the ranked targets (best first, each
    with why) and those set aside (each with the thresholds it misses), and notes on what is missing."""

    origin: Origin
    area_code: str
    area_label: str
    thresholds: Thresholds
    ranked: pd.DataFrame
    set_aside: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    # the postings that joined the ranking (``lmi.transitions.posted_signal.PostingsUse``); None: not switched on
    postings: object | None = None

    def target(self, onet_soc_code: str) -> pd.Series:
        """One target's row, ranked (with ``why``) or set aside (with ``reasons_set_aside``)."""
        rows = pd.concat([self.ranked, self.set_aside]).set_index("target_onet_soc_code")
        return rows.loc[onet_soc_code]


class NoRegionalDataError(LookupError):
    """BLS publishes nothing for the candidate occupations in the region."""


# --------------------------------------------------------------------------- engine


class TransitionEngine:
    """What every ranking reads, held in memory (the neighbour lists, national facts, the demand
    model's rows of each region once read), so one ranking costs no query or one. Build one per
    database; pass the app's ``DemandModel`` to share its per-area rows.

    A ranking takes about 10 ms once its region is read (bench/bench_transitions.py): the columns
    are kept as NumPy arrays per area and a ranking assembles its frame once, instead of adding
    pandas columns one by one."""

    def __init__(self, con: duckdb.DuckDBPyConnection, demand: DemandModel | None = None):
        self.con = con
        self.neighbours = NeighbourIndex(con)
        self.demand = demand if demand is not None else DemandModel(con)
        self.national = national_facts(con, self.demand)
        self.area = lru_cache(maxsize=256)(lambda area_code: get_area(con, area_code))
        self._area_arrays = lru_cache(maxsize=64)(self._read_area_arrays)

    def place(self, area_code: str) -> str:
        return area_label(self.area(area_code))

    def _read_area_arrays(self, area_code: str) -> tuple[dict[str, np.ndarray], dict[str, int]]:
        """The area's rows of the demand model (``DEMAND_COLUMNS``) beside the national facts
        (``NATIONAL_COLUMNS``), as arrays, and each O*NET code's position in them. Held for reuse, so the
        columns in words are left out: ``fact_arrays`` words the rows asked for in the visitor's language."""
        demand = self.demand.occupations(area_code)
        codes = demand.onet_soc_code.to_numpy()
        national = self.national.reindex(codes)
        arrays = {"onet_soc_code": codes, "occupation_title": demand.occupation_title.to_numpy()}
        arrays.update({column: demand[column].to_numpy() for column in DEMAND_COLUMNS if column not in WORDS_COLUMNS})
        arrays.update({column: national[column].to_numpy() for column in NATIONAL_COLUMNS})
        return arrays, {code: i for i, code in enumerate(codes)}

    def fact_arrays(self, area_code: str, onet_soc_codes) -> dict[str, np.ndarray]:
        """``facts`` as a dict of arrays (the ranking's fast path)."""
        arrays, position = self._area_arrays(area_code)
        rows = np.array([position.get(code, -1) for code in onet_soc_codes], dtype=np.int64)
        if (rows >= 0).all():
            return _with_words({column: values[rows] for column, values in arrays.items()})
        # codes the demand model does not know: empty rows, like DemandModel.occupations
        frame = pd.DataFrame(arrays).set_index("onet_soc_code", drop=False).reindex(list(onet_soc_codes))
        frame["onet_soc_code"] = list(onet_soc_codes)
        return _with_words(
            {
                column: frame[column].astype(object if frame[column].dtype == object else "float64").to_numpy()
                for column in arrays
            }
        )

    def facts(self, area_code: str, onet_soc_codes: list[str]) -> pd.DataFrame:
        """One row per O*NET occupation (in the given order): the demand model's figures for the area
        (``DEMAND_COLUMNS``) and the national facts (``NATIONAL_COLUMNS``)."""
        return pd.DataFrame(self.fact_arrays(area_code, onet_soc_codes))

    def occupation_origin(self, onet_soc_code: str, area_code: str) -> tuple[Origin, list[str]]:
        """The starting occupation with its job zone, education and pay here (or nationally), and
        notes on what BLS did not publish."""
        title = self.neighbours.require(onet_soc_code)
        place = self.place(area_code)
        fact = {column: values[0] for column, values in self.fact_arrays(area_code, [onet_soc_code]).items()}
        notes = []
        local_wage = _number(fact["local_annual_wage_median_usd"])
        national_wage = _number(fact["national_annual_wage_median_usd"])
        in_group = bool(fact["demand_is_shared"]) and not is_soc_occupation_itself(onet_soc_code, fact["demand_grain"])
        # the origin as the notes name it: with the group whose figure it shows, where it is a group's
        who = (
            _("{title} (the figure of {basis})").format(title=title, basis=fact["demand_basis"]) if in_group else title
        )
        if fact["demand_soc_code"] is None:
            notes.append(
                _(
                    "BLS publishes no employment or wage estimates for {title}, so pay cannot be compared and "
                    "the pay threshold is not applied."
                ).format(title=title)
            )
        else:
            if local_wage is None:
                notes.append(
                    _(
                        "BLS released no median wage for {occupation} in {area}; pay is compared with "
                        "national medians instead."
                    ).format(occupation=who, area=place)
                )
            if pd.isna(fact["local_employment_count"]):
                notes.append(
                    _(
                        "BLS released no employment estimate for {occupation} in {area} (too few survey "
                        "responses or confidential); the targets are still ranked on their own local numbers."
                    ).format(occupation=who, area=place)
                )
            if in_group:
                notes.append(
                    _("Your pay now is compared using {basis}: BLS publishes {title} only within that group.").format(
                        basis=fact["demand_basis"], title=title
                    )
                )
        job_zone = None if pd.isna(fact["job_zone"]) else int(fact["job_zone"])
        if job_zone is None:
            notes.append(
                _("O*NET gives no job zone for {title}, so the job zone threshold is not applied.").format(title=title)
            )
        education = fact["typical_education"]
        if education is None:
            notes.append(
                _(
                    "Neither O*NET nor BLS publishes the education {title} requires, so the education threshold is "
                    "not applied."
                ).format(title=title)
            )
        wage_words = (
            _("the median for {occupation} in {area}").format(occupation=who, area=place)
            if local_wage is not None
            else _("the national median for {occupation}").format(occupation=who)
            if national_wage is not None
            else _("not available")
        )
        origin = Origin(
            "occupation",
            title,
            onet_soc_code,
            fact["demand_soc_code"],
            job_zone,
            education,
            local_wage,
            national_wage,
            wage_words,
        )
        return origin, notes

    def from_occupation(
        self, onet_soc_code: str, area_code: str, thresholds: Thresholds = Thresholds()
    ) -> TransitionResult:
        """Rank the occupations most similar to ``onet_soc_code`` for the region ``area_code``."""
        origin, notes = self.occupation_origin(onet_soc_code, area_code)
        return self.rank(origin, self.neighbours.neighbours(onet_soc_code), area_code, thresholds, notes)

    def rank(
        self,
        origin: Origin,
        candidates: pd.DataFrame,
        area_code: str,
        thresholds: Thresholds,
        notes: list[str] | None = None,
    ) -> TransitionResult:
        """Join candidates (from lmi.transitions.neighbours or lmi.transitions.self_assessment) to the
        region's numbers, apply the thresholds, score (a BLS group figure counted once) and explain."""
        place = self.place(area_code)
        notes = list(notes or [])
        columns = {column: values.to_numpy() for column, values in candidates.reset_index(drop=True).items()}
        facts = self.fact_arrays(area_code, columns["target_onet_soc_code"])
        columns.update({c: v for c, v in facts.items() if c not in ("onet_soc_code", "occupation_title", "job_zone")})
        if np.isnan(columns["local_employment_count"].astype("float64")).all():
            raise NoRegionalDataError(
                _(
                    "BLS publishes no employment estimates in {area} for any of the occupations similar to "
                    "{origin}. Try the whole state or the nation in the sidebar."
                ).format(area=place, origin=origin.label)
            )
        columns.update(origin_comparison(columns, origin))
        failures = _failure_arrays(columns, thresholds)
        columns.update({f"fails_{key}": values for key, values in failures.items()})
        columns.update(_score_arrays(columns))
        frame = pd.DataFrame(columns)
        failed = np.logical_or.reduce(list(failures.values()))
        set_aside = frame[failed]
        set_aside = set_aside.assign(reasons_set_aside=_reasons_set_aside(set_aside, thresholds, place))
        set_aside = set_aside.iloc[np.argsort(-set_aside.similarity_score.to_numpy(), kind="stable")]
        kept = order_ranked(count_group_figures_once(frame[~failed]), origin, place)
        if origin.kind == "self_assessment":
            notes.extend(_self_assessment_notes(origin))
        return TransitionResult(origin, area_code, place, thresholds, kept, set_aside.reset_index(drop=True), notes)


def order_ranked(kept: pd.DataFrame, origin: Origin, place: str) -> pd.DataFrame:
    """The kept targets best first (transition score, then similarity, then the row carrying its figure),
    numbered (``transition_rank``), with the "same BLS figure as" notes and the sentence saying why each
    ranks where it does. Shared by the ranking and by any signal that changes the score afterwards
    (``lmi.transitions.posted_signal``), so both order and explain rows the same way."""
    kept = kept.drop(columns=["transition_rank", "same_figure_note", "why"], errors="ignore")
    order = np.lexsort(
        (
            -kept.demand_counted.to_numpy(dtype=float),
            -kept.similarity_score.to_numpy(),
            -kept.transition_score.to_numpy(),
        )
    )
    kept = kept.iloc[order].reset_index(drop=True)
    kept.insert(0, "transition_rank", np.arange(1, len(kept) + 1))
    kept["same_figure_note"] = _same_figure_notes(kept)
    means = {part: kept[f"{part}_points"].mean() for part in RANKING_WEIGHTS}
    kept["why"] = [_why(row, means, origin, place) for row in _rows(kept)]
    return kept


def is_soc_occupation_itself(onet_soc_code: str, demand_grain: str | None) -> bool:
    """An O*NET ``.00`` code in a SOC occupation O*NET splits into several is that SOC occupation
    itself: the figure is its own, shared with its specialties (Registered Nurses, 29-1141.00)."""
    return demand_grain == "shared_soc" and str(onet_soc_code).endswith(".00")


def _with_words(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The rows' ``demand_basis`` and missing-figure reason in words, in the visitor's language."""
    arrays["demand_basis"] = np.array(
        [
            basis_label(code, title, grain, shared)
            for code, title, grain, shared in zip(
                arrays["demand_soc_code"], arrays["demand_title"], arrays["demand_grain"], arrays["shared_with_count"]
            )
        ],
        dtype=object,
    )
    arrays["local_employment_missing_words"] = np.array(
        [missing_words(reason) for reason in arrays["local_employment_missing_reason"]], dtype=object
    )
    return arrays


def _rows(frame: pd.DataFrame) -> list:
    """The rows as named tuples, read column by column (much cheaper than ``itertuples`` on a wide frame)."""
    if frame.empty:
        return []
    row = namedtuple("Row", list(frame.columns))
    return [row(*values) for values in zip(*(frame[column].to_numpy() for column in frame.columns))]


def national_facts(con: duckdb.DuckDBPyConnection, demand: DemandModel) -> pd.DataFrame:
    """Per O*NET occupation: O*NET job zone, BLS typical entry education (at the projections code), the
    education rungs of ``lmi.transitions.ladder`` (``LEVEL_COLUMNS``) and the national median annual wage (the
    demand model's nation rows, at the BLS code it is published at). About a thousand rows, read once."""
    zones = query_df(con, "SELECT onet_soc_code, job_zone FROM core_occupation").set_index("onet_soc_code")
    nation = demand.occupations(NATION_CODE).set_index("onet_soc_code")
    education = demand.bls_codes(NATION_CODE).set_index("soc_code").typical_entry_education
    frame = pd.DataFrame(index=zones.index.astype(object))
    frame["job_zone"] = pd.to_numeric(zones.job_zone, errors="coerce").astype("float64")
    frame["typical_entry_education"] = nation.projections_soc_code.map(education).reindex(frame.index)
    frame["national_annual_wage_median_usd"] = nation.local_annual_wage_median_usd.reindex(frame.index)
    frame["national_annual_wage_median_footnote"] = nation.local_annual_wage_median_footnote.reindex(frame.index)
    for column in ("typical_entry_education", "national_annual_wage_median_footnote"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    levels = education_levels(con, frame.typical_entry_education)
    for column in LEVEL_COLUMNS:
        frame[column] = levels[column]
    return frame


def _self_assessment_notes(origin: Origin) -> list[str]:
    notes = []
    if origin.job_zone is None:
        notes.append(_("You did not say how much preparation you have, so the job zone threshold is not applied."))
    if origin.education is None:
        notes.append(_("You did not give your education, so the education threshold is not applied."))
    if origin.local_wage_usd is None:
        notes.append(_("You did not enter your pay, so pay is not compared and the pay threshold is not applied."))
    return notes


def compare_to_origin(frame: pd.DataFrame, origin: Origin) -> pd.DataFrame:
    """``frame`` with the columns of ``origin_comparison``."""
    return frame.assign(**origin_comparison(frame, origin))


def origin_comparison(columns, origin: Origin) -> dict[str, np.ndarray]:
    """Job zone step, education step and pay ratio to the origin (pay compared within one
    geography), and whether BLS counts the target within the origin's own occupation. ``columns``
    is a frame or a dict of arrays."""
    size = len(columns["target_job_zone"])
    zone = np.asarray(columns["target_job_zone"], dtype="float64")
    job_zone_step = zone - origin.job_zone if origin.job_zone is not None else np.full(size, np.nan)
    origin_rung = EDUCATION_RANK.get(origin.education) if origin.education else None
    target_rung = np.array(
        [EDUCATION_RANK.get(e, np.nan) if e is not None else np.nan for e in columns["entry_education"]],
        dtype="float64",
    )
    education_step = target_rung - origin_rung if origin_rung is not None else np.full(size, np.nan)
    local = np.asarray(columns["local_annual_wage_median_usd"], dtype="float64")
    national = np.asarray(columns["national_annual_wage_median_usd"], dtype="float64")
    ratio = np.full(size, np.nan)
    basis = np.full(size, "", dtype=object)
    if origin.local_wage_usd:
        use_local = ~np.isnan(local)
        ratio[use_local] = local[use_local] / origin.local_wage_usd
        basis[use_local] = "region"
    if origin.national_wage_usd:
        use_national = np.isnan(ratio) & ~np.isnan(national)
        ratio[use_national] = national[use_national] / origin.national_wage_usd
        basis[use_national] = "nation"
    codes = np.asarray(columns["demand_soc_code"], dtype=object)
    same = (codes == origin.demand_soc_code) if origin.demand_soc_code else np.zeros(size, dtype=bool)
    return {
        "job_zone_step": job_zone_step,
        "education_step": education_step,
        "wage_ratio": ratio,
        "wage_ratio_basis": basis,
        "same_bls_occupation": np.asarray(same, dtype=bool),
    }


# --------------------------------------------------------------------------- thresholds

# threshold -> (words on the page, English marked for the catalog and shown through ``threshold_words``;
# the Thresholds field it reads, None: not adjustable)
THRESHOLD_WORDS = {
    "similarity": (N_("lowest similarity"), "min_similarity"),
    "job_zone": (N_("largest job zone step up"), "max_job_zone_step"),
    "education": (N_("largest education step up"), "max_education_step"),
    "same_occupation": (N_("specialties of your own occupation left out"), "include_same_bls_occupation"),
    "no_jobs_figure": (N_("no BLS jobs figure in the region (no threshold can change this)"), None),
    "local_jobs": (N_("fewest jobs in the region"), "min_local_jobs"),
    "pay": (N_("lowest pay compared with now"), "min_wage_ratio"),
}


def threshold_words(key: str) -> str:
    """A threshold's name on the page ("lowest similarity"), in the visitor's language."""
    return _(THRESHOLD_WORDS[key][0])


def threshold_failures(frame: pd.DataFrame, t: Thresholds) -> pd.DataFrame:
    """One column per threshold (``THRESHOLD_WORDS``): True where the target misses it. A value
    that is not known (no job zone, no pay to compare) never fails a threshold."""
    return pd.DataFrame(_failure_arrays(frame, t), index=frame.index)


def _failure_arrays(columns, t: Thresholds) -> dict[str, np.ndarray]:
    def numbers(name):
        return np.asarray(columns[name], dtype="float64")

    jobs = numbers("local_employment_count")
    same = np.asarray(columns["same_bls_occupation"], dtype=bool)
    return {
        "similarity": numbers("similarity_score") < t.min_similarity,
        "job_zone": numbers("job_zone_step") > t.max_job_zone_step,
        "education": numbers("education_step") > t.max_education_step,
        "same_occupation": same & (not t.include_same_bls_occupation),
        "no_jobs_figure": np.isnan(jobs),
        "local_jobs": jobs < t.min_local_jobs,
        "pay": numbers("wage_ratio") < t.min_wage_ratio,
    }


def _reasons_set_aside(frame: pd.DataFrame, t: Thresholds, area_name: str) -> list[str]:
    reasons = []
    for row in _rows(frame):
        why = []
        if row.fails_similarity:
            why.append(
                _("less alike than the threshold (similarity {similarity} < {threshold:g})").format(
                    similarity=_below(row.similarity_score, t.min_similarity), threshold=t.min_similarity
                )
            )
        if row.fails_job_zone:
            why.append(
                _("needs more preparation (job zone {zone:.0f}, {step:.0f} above now)").format(
                    zone=row.target_job_zone, step=row.job_zone_step
                )
            )
        if row.fails_education:
            why.append(education_reason(row))
        if row.fails_same_occupation:
            why.append(_("a specialty BLS counts within your own occupation (same jobs and pay figures)"))
        if row.demand_soc_code is None:
            why.append(_("BLS publishes no employment numbers for it"))
        elif row.fails_no_jobs_figure:
            why.append(_("BLS released no employment estimate for it in {area}").format(area=area_name))
        elif row.fails_local_jobs:
            why.append(
                (
                    _("only {jobs:,.0f} jobs in {area} for {basis} (< {threshold:,})")
                    if _is_group_figure(row)
                    else _("only {jobs:,.0f} jobs in {area} (< {threshold:,})")
                ).format(
                    jobs=row.local_employment_count, area=area_name, basis=row.demand_basis, threshold=t.min_local_jobs
                )
            )
        if row.fails_pay:
            why.append(
                _("median pay {share:.0%} of now (< {threshold:.0%})").format(
                    share=row.wage_ratio, threshold=t.min_wage_ratio
                )
            )
        reasons.append("; ".join(why))
    return reasons


@dataclass(frozen=True)
class Relaxation:
    """The smallest change of thresholds that ranks at least one occupation."""

    thresholds: Thresholds
    changes: tuple[str, ...]  # "lowest similarity 99 → 56"
    ranked_count: int  # how many occupations the relaxed thresholds rank

    @property
    def words(self) -> str:
        return "; ".join(self.changes)


@dataclass(frozen=True)
class EmptyExplanation:
    """Why nothing is ranked: how many candidates each threshold removed, the one that removed the
    most, and the nearest relaxation (None when no threshold can rank anything here)."""

    removed_counts: dict[str, int]  # threshold key -> candidates that miss it
    main_threshold: str | None  # the adjustable threshold that removed the most
    sentence: str
    relaxation: Relaxation | None


def removed_counts(set_aside: pd.DataFrame) -> dict[str, int]:
    """Candidates each threshold removed (a candidate missing two thresholds counts for both)."""
    return {key: int(set_aside[f"fails_{key}"].sum()) for key in THRESHOLD_WORDS}


def explain_empty(result: TransitionResult) -> EmptyExplanation | None:
    """For an empty ranking: which threshold emptied it and the smallest relaxation that ranks at
    least one occupation (tried on the threshold that removed the most first, then the others,
    then on several at once for the candidate needing the fewest changes). None if something is ranked."""
    if len(result.ranked):
        return None
    counts = removed_counts(result.set_aside)
    adjustable = sorted(
        (key for key, (_words, name) in THRESHOLD_WORDS.items() if name and counts[key]), key=lambda key: -counts[key]
    )
    main = adjustable[0] if adjustable else None
    relaxation = _single_relaxation(result, adjustable) or _combined_relaxation(result, adjustable)
    return EmptyExplanation(counts, main, _empty_sentence(result, counts, main), relaxation)


def _empty_sentence(result: TransitionResult, counts: dict[str, int], main: str | None) -> str:
    total = len(result.set_aside)
    parts = [
        _("{threshold}: {count}").format(threshold=threshold_words(key), count=count)
        for key, count in sorted(counts.items(), key=lambda kv: -kv[1])
        if count
    ]
    sentences = [_("No occupation passes every threshold in {area}.").format(area=result.area_label)]
    if main:
        sentences.append(
            _("The threshold that removed the most is the {threshold} ({value}), which {count} of them miss.").format(
                threshold=threshold_words(main),
                value=threshold_value_words(result.thresholds, main),
                count=counts[main],
            )
        )
    sentences.append(
        _(
            "Of the {total} similar occupations, each threshold removed (an occupation can miss several): {counts}."
        ).format(total=total, counts="; ".join(parts))
    )
    return " ".join(sentences)


def threshold_value_words(t: Thresholds, key: str) -> str:
    """A threshold's value as the page's widget shows it ("25", "1", "100", "90%")."""
    return {
        "similarity": f"{t.min_similarity:g}",
        "job_zone": f"{t.max_job_zone_step}",
        "education": f"{t.max_education_step}",
        "same_occupation": _("left out"),
        "no_jobs_figure": "",
        "local_jobs": f"{t.min_local_jobs:,}",
        "pay": f"{t.min_wage_ratio:.0%}",
    }[key]


# threshold -> (the candidates' column its best value is read from, True: higher is better)
BEST_VALUE_COLUMNS = {
    "similarity": ("similarity_score", True),
    "job_zone": ("job_zone_step", False),
    "education": ("education_step", False),
    "local_jobs": ("local_employment_count", True),
    "pay": ("wage_ratio", True),
}


def best_value(key: str, frame: pd.DataFrame) -> float | None:
    column, higher = BEST_VALUE_COLUMNS[key]
    values = pd.to_numeric(frame[column], errors="coerce").dropna()
    if values.empty:
        return None
    return float(values.max() if higher else values.min())


def relaxed_exactly(t: Thresholds, key: str, pool: pd.DataFrame) -> Thresholds | None:
    """``t`` with only threshold ``key`` moved just far enough to admit the best of ``pool`` (candidates
    that miss ``key``); None for a threshold no value can change, or an empty pool."""
    if pool.empty or THRESHOLD_WORDS[key][1] is None:
        return None
    if key == "same_occupation":
        return replace(t, include_same_bls_occupation=True)
    best = best_value(key, pool)
    if best is None:
        return None
    if key == "similarity":
        return replace(t, min_similarity=float(math.floor(best)))
    if key == "job_zone":
        return replace(t, max_job_zone_step=int(math.ceil(best)))
    if key == "education":
        return replace(t, max_education_step=int(math.ceil(best)))
    if key == "local_jobs":
        return replace(t, min_local_jobs=int(math.floor(best)))
    steps = math.floor(round(best / WAGE_RATIO_STEP, 9))  # the pay slider moves in steps of 5% of now
    return replace(t, min_wage_ratio=round(steps * WAGE_RATIO_STEP, 2))


def _single_relaxation(result: TransitionResult, order: list[str]) -> Relaxation | None:
    """The smallest relaxation of one threshold, on the first in ``order`` where one exists."""
    aside = result.set_aside
    for key in order:
        others = [f"fails_{k}" for k in THRESHOLD_WORDS if k != key]
        pool = aside[~aside[others].any(axis=1) & aside[f"fails_{key}"]]
        if len(pool):
            return _relaxation(result, relaxed_exactly(result.thresholds, key, pool) or result.thresholds)
    return None


def _combined_relaxation(result: TransitionResult, adjustable: list[str]) -> Relaxation | None:
    """Relax several thresholds, just enough for the candidate that needs the fewest changes (the
    most similar one among ties)."""
    aside = result.set_aside[~result.set_aside.fails_no_jobs_figure]
    if aside.empty or not adjustable:
        return None
    needed = aside[[f"fails_{k}" for k in adjustable]].sum(axis=1)
    best = aside.assign(_needed=needed).sort_values(["_needed", "similarity_score"], ascending=[True, False]).head(1)
    thresholds = result.thresholds
    for key in adjustable:
        if bool(best[f"fails_{key}"].iloc[0]):
            thresholds = relaxed_exactly(thresholds, key, best) or thresholds
    return _relaxation(result, thresholds)


def _relaxation(result: TransitionResult, thresholds: Thresholds) -> Relaxation:
    old = result.thresholds
    changes = tuple(
        _change_words(key, old, thresholds)
        for key, (_words, name) in THRESHOLD_WORDS.items()
        if name and getattr(old, name) != getattr(thresholds, name)
    )
    ranked = int((~threshold_failures(result.set_aside, thresholds).any(axis=1)).sum())
    return Relaxation(thresholds, changes, ranked)


def _change_words(key: str, old: Thresholds, new: Thresholds) -> str:
    """ "lowest similarity 99 → 56"; "include specialties of your own occupation"."""
    if key == "same_occupation":
        return _("include specialties of your own occupation")
    return _("{threshold} {old} → {new}").format(
        threshold=threshold_words(key), old=threshold_value_words(old, key), new=threshold_value_words(new, key)
    )


# --------------------------------------------------------------------------- scores


def _score_arrays(columns) -> dict[str, np.ndarray]:
    """The four parts' points and the transition score (see the module docstring)."""
    points = {
        "openings_points": openings_points(columns["local_annual_openings_est_count"]),
        "concentration_points": ratio_points(columns["location_quotient"]),
        "pay_points": ratio_points(columns["wage_ratio"]),
        "similarity_points": np.asarray(columns["similarity_score"], dtype="float64"),
    }
    points["transition_score"] = _total(points)
    return points


def openings_points(openings) -> np.ndarray:
    """20 x log10 of the estimated openings a year (10 -> 20, 100 -> 40), within 0-100; none or unknown: 0."""
    openings = np.asarray(openings, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        points = OPENINGS_POINTS_PER_DECADE * np.log10(np.where(openings > 0, openings, np.nan))
    return np.nan_to_num(np.clip(points, 0, MAX_POINTS))


def ratio_points(ratio) -> np.ndarray:
    """50 x a location quotient or pay ratio, capped at 2 (100 points); not released: neutral (50)."""
    ratio = np.asarray(ratio, dtype="float64")
    return np.where(np.isnan(ratio), NEUTRAL_POINTS, POINTS_PER_RATIO * np.clip(ratio, 0, RATIO_CAP))


def _total(points) -> np.ndarray:
    return sum(
        weight * np.asarray(points[f"{part}_points"], dtype="float64") for part, weight in RANKING_WEIGHTS.items()
    )


def count_group_figures_once(kept: pd.DataFrame) -> pd.DataFrame:
    """A BLS group figure is one piece of evidence of demand, however many targets show it. In each
    group (same ``demand_soc_code``, grain in ``GROUP_GRAINS``) one target carries the openings and
    concentration points: the SOC occupation itself (an O*NET ``.00`` code in a split SOC
    occupation) if it is ranked, else the most similar target. The others get neutral points, never
    more than the carrier's, and ``demand_counted`` False with ``same_figure_as`` naming the carrier."""
    codes, titles = kept.target_onet_soc_code.to_numpy(), kept.target_title.to_numpy()
    groups, grains = kept.demand_soc_code.to_numpy(), kept.demand_grain.to_numpy()
    similarity = kept.similarity_score.to_numpy()
    carrier: dict[str, int] = {}
    for i, (code, group, grain) in enumerate(zip(codes, groups, grains)):
        if group is None or grain not in GROUP_GRAINS:
            continue
        rank_key = (is_soc_occupation_itself(code, grain), similarity[i])
        best = carrier.get(group)
        if best is None or rank_key > (is_soc_occupation_itself(codes[best], grains[best]), similarity[best]):
            carrier[group] = i
    points = {f"{part}_points": kept[f"{part}_points"].to_numpy().copy() for part in RANKING_WEIGHTS}
    counted = np.ones(len(kept), dtype=bool)
    same_as, same_as_code = np.full(len(kept), None, dtype=object), np.full(len(kept), None, dtype=object)
    for i, group in enumerate(groups):
        j = carrier.get(group)
        if j is None or j == i:
            continue
        for part in DEMAND_PARTS:
            points[f"{part}_points"][i] = min(NEUTRAL_POINTS, points[f"{part}_points"][j])
        counted[i], same_as[i], same_as_code[i] = False, titles[j], codes[j]
    return kept.assign(
        **points,
        transition_score=_total(points),
        demand_counted=counted,
        same_figure_as=same_as,
        same_figure_as_code=same_as_code,
    )


def _same_figure_notes(kept: pd.DataFrame) -> list[str]:
    """ "same BLS figure as Compliance Officers (ranked above)" on the rows whose demand points are
    neutral because another ranked row carries that figure; "" elsewhere."""
    rank_of = dict(zip(kept.target_onet_soc_code, kept.transition_rank))
    notes = []
    for rank, counted, title, code in zip(
        kept.transition_rank, kept.demand_counted, kept.same_figure_as, kept.same_figure_as_code
    ):
        if counted:
            notes.append("")
        elif rank_of[code] < rank:
            notes.append(_("same BLS figure as {title} (ranked above)").format(title=title))
        else:
            notes.append(_("same BLS figure as {title} (ranked below)").format(title=title))
    return notes


# --------------------------------------------------------------------------- explanations


def _why(row, means: dict[str, float], origin: Origin, area_name: str) -> str:
    """One sentence: what lifts it to this rank, then the facts behind each part."""
    lead = _leading_part(row, means)
    strongest = strongest_components(row)
    alike = (
        _("similarity {score:.0f} ({rarity}; closest on {components})").format(
            score=row.similarity_score, rarity=describe_score(row.similarity_score), components=and_words(strongest)
        )
        if strongest
        else _("similarity {score:.0f} ({rarity})").format(
            score=row.similarity_score, rarity=describe_score(row.similarity_score)
        )
    )
    if pd.isna(row.local_employment_count):
        jobs = _("no employment estimate released in {area}").format(area=area_name)
    else:
        jobs = (
            _("{jobs:,.0f} jobs in {area} now for {basis}, openings {openings} (estimate)")
            if _is_group_figure(row)
            else _("{jobs:,.0f} jobs in {area} now, openings {openings} (estimate)")
        ).format(
            jobs=row.local_employment_count,
            area=area_name,
            basis=row.demand_basis,
            openings=describe_openings(row.local_annual_openings_est_count),
        )
    lq = (
        _("location quotient {lq:.2f}").format(lq=row.location_quotient)
        if not pd.isna(row.location_quotient)
        else _("location quotient not released (counted as neutral)")
    )
    sentence = _("#{rank} mainly for {part}: {alike}; {jobs}; {lq}; {pay}; {step}.").format(
        rank=row.transition_rank,
        part=_(PART_WORDS[lead]),
        alike=alike,
        jobs=jobs,
        lq=lq,
        pay=_pay_words(row, origin),
        step=_step_words(row),
    )
    if bool(row.same_bls_occupation):
        sentence += " " + _(
            "It is a specialty within your own BLS occupation, so its jobs and pay are the same figures."
        )
    if row.same_figure_note:
        sentence += " " + _(
            "Its jobs, openings and location quotient are the {note}: a figure counts once "
            "in a ranking, so here its openings and concentration get neutral points."
        ).format(note=row.same_figure_note)
    return sentence


def _is_group_figure(row) -> bool:
    """True where the row's figure is a BLS group's (its sentences then name the group)."""
    return bool(row.demand_is_shared) and bool(row.demand_basis)


def and_words(items: list[str]) -> str:
    """ "a and b", "a, b and c": items as one phrase, in the visitor's language."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _leading_part(row, means: dict[str, float]) -> str:
    """The part that lifts this target most above the list's average (never a demand part whose
    figure another row carries)."""
    parts = {part: weight for part, weight in RANKING_WEIGHTS.items() if row.demand_counted or part not in DEMAND_PARTS}
    lifts = {part: weight * (getattr(row, f"{part}_points") - means[part]) for part, weight in parts.items()}
    return max(lifts, key=lifts.get)


def _pay_words(row, origin: Origin) -> str:
    if pd.isna(row.wage_ratio):
        if pd.isna(row.local_annual_wage_median_usd) and pd.isna(row.national_annual_wage_median_usd):
            return _("median pay not published")
        return _("pay not compared (your current pay is unknown)")
    local = row.wage_ratio_basis == "region"
    wage = row.local_annual_wage_median_usd if local else row.national_annual_wage_median_usd
    footnote = row.local_annual_wage_median_footnote if local else row.national_annual_wage_median_footnote
    amount = f"${wage:,.0f}"
    if str(footnote) == "5":
        amount = _("{amount} or more (top-coded)").format(amount=amount)
    if bool(row.demand_is_shared) and local:
        amount = _("{amount} (the same BLS group's)").format(amount=amount)
    return (
        _("median pay here {amount}, {share:.0%} of {compared}")
        if local
        else _("median pay nationally {amount}, {share:.0%} of {compared}")
    ).format(amount=amount, share=row.wage_ratio, compared=origin.wage_words)


def _step_words(row) -> str:
    if pd.isna(row.job_zone_step):
        zone = (
            _("job zone {zone:.0f}").format(zone=row.target_job_zone)
            if not pd.isna(row.target_job_zone)
            else _("job zone not rated")
        )
    else:
        step = int(row.job_zone_step)
        if step == 0:
            zone = _("same job zone (preparation) as now")
        elif step > 0:
            zone = ngettext("{n} job zone above now", "{n} job zones above now", step).format(n=step)
        else:
            zone = ngettext("{n} job zone below now", "{n} job zones below now", -step).format(n=-step)
    if pd.isna(row.entry_education):
        return zone
    return _("{zone}; entry education: {education}").format(zone=zone, education=str(row.entry_education).lower())


def education_reason(row) -> str:
    """Why a target misses the education threshold, naming where its rung comes from (O*NET's share of workers,
    or BLS's typical level where O*NET has no survey) and BLS's typical level beside O*NET's."""
    education = _(EDUCATION_BELOW_WORDS.get(row.entry_education, str(row.entry_education)))
    if row.education_basis == "onet":
        return _(
            "{share:.0f}% of its workers say the job requires {education} or less ({steps:.0f} education steps "
            "above now; BLS typical: {typical})"
        ).format(
            share=row.entry_education_covered_pct,
            education=education,
            steps=row.education_step,
            typical=str(row.typical_entry_education or _("not published")).lower(),
        )
    return _("typically needs {education} to start ({steps:.0f} education steps above now; {basis})").format(
        education=education, steps=row.education_step, basis=basis_words(row.education_basis)
    )


def _below(value: float, threshold: float) -> str:
    """A value just under a threshold, shown with enough digits not to read as equal to it."""
    text = f"{value:.0f}"
    return text if float(text) < threshold else f"{value:.1f}" if float(f"{value:.1f}") < threshold else f"{value:.2f}"


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def area_label(area) -> str:
    """How a region reads in a sentence ("the United States", "Connecticut", "Hartford-...")."""
    return place_words(area.area_kind, area.area_name)


def place_words(area_kind: str, area_name: str) -> str:
    """ "the United States" for the nation, else the area's name."""
    return _("the United States") if area_kind == "national" else area_name


# --------------------------------------------------------------------------- the method in words
# Every sentence the page shows about the ranking is made here from the constants above, so the
# page cannot say one thing while the ranking does another (tests/test_transitions_method_texts.py).

NO_RELAXATION = N_(  # English, marked for the catalog: shown through ``no_relaxation_words``
    "No change of the thresholds ranks an occupation here: BLS publishes no jobs figure in this region for the "
    "similar occupations. Pick a larger region in the sidebar."
)
_STEP_WORDS = (N_("no"), N_("one"), N_("two"), N_("three"), N_("four"), N_("five"), N_("six"), N_("seven"))


def no_relaxation_words() -> str:
    """``NO_RELAXATION`` in the visitor's language."""
    return _(NO_RELAXATION)


def part_scale_words() -> dict[str, str]:
    """Each part of the transition score and its 0-100 scale, in words."""
    examples = ", ".join(f"{count:,} → {float(openings_points(count)):.0f}" for count in OPENINGS_EXAMPLES)
    return {
        "similarity": _("similarity (0-{max_score:g})").format(max_score=MAX_SCORE),
        "openings": _("openings points ({per_decade:g} x log10 of estimated openings a year here: {examples})").format(
            per_decade=OPENINGS_POINTS_PER_DECADE, examples=examples
        ),
        "concentration": _("concentration points ({per_ratio:g} x location quotient, capped at {cap:g})").format(
            per_ratio=POINTS_PER_RATIO, cap=MAX_POINTS
        ),
        "pay": _("pay points ({per_ratio:g} x pay ratio to now, capped at {cap:g})").format(
            per_ratio=POINTS_PER_RATIO, cap=MAX_POINTS
        ),
    }


def method_text() -> str:
    """The transition score and what happens to occupations that miss a threshold."""
    scales = part_scale_words()
    formula = " + ".join(
        _("{weight:.0%} of {part}").format(weight=weight, part=scales[part]) for part, weight in RANKING_WEIGHTS.items()
    )
    return _(
        "Transition score = {formula}. A location quotient or pay ratio BLS did not release counts as neutral "
        "({neutral:g}). Occupations that miss a threshold are set aside with the reason; when none is left, "
        "the page says which threshold removed the most and offers the smallest change that ranks at least one."
    ).format(formula=formula, neutral=NEUTRAL_POINTS)


def score_help() -> str:
    """The tooltip of the transition score column."""
    parts = [_(PART_NAMES[part]) for part in RANKING_WEIGHTS]
    return _("Transition score 0-{max_points:g}: {parts} combined (see “How this works”)").format(
        max_points=MAX_POINTS, parts=and_words(parts)
    )


def education_ladder_words() -> str:
    """BLS's typical entry education as the rungs of ``EDUCATION_RANK``: "no credential; high school; some
    college or a certificate; ...; and a doctoral or professional degree two rungs above a master's (...)"."""
    rungs: dict[int, list[str]] = {}
    for category, rung in sorted(EDUCATION_RANK.items(), key=lambda item: item[1]):
        rungs.setdefault(rung, []).append(category)
    words, below = [], None
    for rung, categories in rungs.items():
        text = _or_words([_(EDUCATION_WORDS[c]) for c in categories])
        if below is not None and rung - below > 1:
            text = _("{rung} {count} rungs above {below}").format(
                rung=text, count=_(_STEP_WORDS[rung - below]), below=_(EDUCATION_BELOW_WORDS[rungs[below][-1]])
            )
        notes = [_(EDUCATION_NOTES[c]) for c in categories if c in EDUCATION_NOTES]
        words.append(text + (f" ({'; '.join(notes)})" if notes else ""))
        below = rung
    return _("{rungs}; and {last}").format(rungs="; ".join(words[:-1]), last=words[-1])


def _or_words(items: list[str]) -> str:
    """ "a or b": alternatives as one phrase, in the visitor's language."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])


def thresholds_text(thresholds: Thresholds = Thresholds()) -> str:
    """The default thresholds and what their steps mean."""
    described = thresholds.describe()
    zones = JOB_ZONE_RANGE[1] - JOB_ZONE_RANGE[0] + 1
    return _(
        "{thresholds}. Job zones are O*NET's {zones} levels of preparation. "
        "Education steps are rungs of this ladder: {ladder}. {rule} "
        "Specialties BLS counts within your own occupation are set aside unless you include them."
    ).format(
        thresholds=f"{described[:1].upper()}{described[1:]}",
        zones=_(_STEP_WORDS[zones]),
        ladder=education_ladder_words(),
        rule=education_rule_text(),
    )


def threshold_help() -> dict[str, str]:
    """The tooltip of each adjustable threshold (keys of ``THRESHOLD_WORDS``)."""
    return {
        "similarity": _("0-{max_score:g}; {scale}.").format(max_score=MAX_SCORE, scale=scale_words()),
        "job_zone": _("O*NET job zones {low}-{high} say how much preparation an occupation needs.").format(
            low=JOB_ZONE_RANGE[0], high=JOB_ZONE_RANGE[1]
        ),
        "education": _("Steps on the education ladder: {ladder}. {rule}").format(
            ladder=education_ladder_words(), rule=education_rule_text()
        ),
        "pay": _("The target's median pay as a share of the current one."),
        "local_jobs": _("BLS OEWS employment in the region."),
        "same_occupation": _(
            "O*NET specialties (Acute Care Nurses for Registered Nurses) that BLS counts within the same occupation: "
            "same jobs and pay figures."
        ),
    }


def group_figures_text() -> str:
    """How a BLS group's figure, shown by several occupations, counts once per ranking."""
    parts = and_words([_(PART_NAMES[part]) for part in DEMAND_PARTS])
    return _(
        "BLS publishes some O*NET occupations only inside a wider code (an O*NET specialty of one SOC occupation, "
        "an “All Other” group, or a group BLS publishes only as a whole); their jobs, openings and pay are then the "
        "group's, and “Whose numbers” names the group beside them. Such a figure is one piece of evidence, so it "
        "counts once per ranking: the group's own SOC occupation (an O*NET code ending in .00) or else the most "
        "similar occupation showing it carries its {parts} points; the others get neutral points "
        "({neutral:g}, or the figure's own points where lower, so a shared figure never lifts a row) and say "
        "“same BLS figure as …”."
    ).format(parts=parts, neutral=NEUTRAL_POINTS)


def figures_note(openings_method: str) -> str:
    """Where the ranked table's figures come from (``openings_method``: the demand model's, naming any
    state whose own projections apply)."""
    return _(
        "Jobs, location quotient and pay: BLS OEWS for the region (wage-and-salary jobs). {openings_method} "
        "Pay is compared in the region when BLS published both medians, otherwise nationally. “Whose numbers” "
        "names the BLS group when a figure is a group's, shared with other occupations; such a figure counts once "
        "in the ranking (“Demand counted once”)."
    ).format(openings_method=openings_method)


def summary_sentence(result: TransitionResult) -> str:
    """ "12 occupations pass the thresholds (...); 38 more similar occupations are set aside below, ..." """
    aside = (
        ngettext(
            "{n} more similar occupation is set aside below, with the reason.",
            "{n} more similar occupations are set aside below, each with the reason.",
            len(result.set_aside),
        ).format(n=len(result.set_aside))
        if len(result.set_aside)
        else _("none of the similar occupations is set aside.")
    )
    return ngettext(
        "{n} occupation passes the thresholds ({thresholds}); {aside}",
        "{n} occupations pass the thresholds ({thresholds}); {aside}",
        len(result.ranked),
    ).format(n=len(result.ranked), thresholds=result.thresholds.describe(), aside=aside)


def shared_figures_sentence(title: str, demand_basis: str, place: str) -> str:
    """Says that a target's figures are a BLS group's, for the closer look at one target."""
    return _(
        "{title}: the jobs, pay and openings figures for {area} are those of {basis}; BLS does not "
        "publish {title} on its own."
    ).format(title=title, area=place, basis=demand_basis)
