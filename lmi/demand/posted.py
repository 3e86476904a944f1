"""Posted demand: employers' job postings (``lmi.postings``'s counts) beside the demand model's OEWS jobs, at
the code BLS measures the jobs at.

Postings are counted by detailed SOC code (``29-1141``, ``31-1121``) and month; OEWS sometimes publishes only a
group (``31-1120`` Home Health and Personal Care Aides, an "All Other" residual, ``53-1047``). To put postings
beside OEWS jobs without showing one occupation's numbers under another's name, the postings of every detailed
code inside the BLS code are added up, and the row says which codes were added (``postings_soc_codes``): 31-1121
and 31-1122 (and postings a file coded at 31-1120 itself) count together under 31-1120, never under 31-1121
alone, and a group's postings are never shown under one of its occupations' names.

Who uses what (the names are a contract: the explorer, the program pages, the transitions and sector pages import
them):

- ``load_posted(store)`` -> ``PostedDemand`` (or None when nothing is counted): the store's counts and where they
  come from (``source_words``, ``period_words``, ``includes_generated_example_data``);
- ``posted_for_codes(posted, model, area_code, months)``: one row per BLS code the demand model publishes for the
  area (``DemandModel.bls_codes`` grain) with the postings of the last ``months`` months, their average a month,
  their trend, and postings per 1,000 OEWS jobs (``POSTED_COLUMNS``);
- ``posted_for_occupation(posted, model, area_code, onet_soc_code)``: the row of the code one O*NET occupation's
  figures are measured at, with whose numbers they are;
- ``posted_monthly(posted, area_code, soc_codes)``: postings per month, for a trend chart;
- ``posted_totals(frame)``: a set of rows added up (a program's target codes, a sector), each BLS code once;
- ``area_postings(posted, model, area_code, months)``: the area's postings that no row shows (not coded to an
  occupation, or of an occupation BLS publishes no estimates for), stated as counts.

The period is the same for every area and occupation: the last ``months`` months up to the last month any
posting was posted in (the last month may be partly covered when a file was exported mid-month; the period says
which months). Postings are placed in the nation, states and metro areas only; OEWS's nonmetropolitan areas have
none (a posting there counts in its state), so their rows say why they are empty instead of showing zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from babel.dates import format_date

from lmi.demand.model import DemandModel
from lmi.demand.postings_trend import DATE_LOCALES
from lmi.i18n import N_, _, current_language, ngettext
from lmi.postings.aggregate import coding_rule_words, read_aggregate, repost_rule_words
from lmi.postings.pipeline import DEFAULT_WINDOW_DAYS, MIN_CONFIDENCE
from lmi.postings.store import PostingsStore

DEFAULT_MONTHS = 12  # postings are shown for the last year of the data
TREND_MONTHS = 3  # the trend compares the last 3 months with the 3 before
TREND_MIN_POSTINGS = 20  # fewer postings than this in the earlier 3 months: no trend (a percentage of noise)
PER_JOBS_BASE = 1_000  # postings per 1,000 OEWS jobs
COUNTED_AREA_KINDS = ("national", "state", "metro")  # where postings are placed (``lmi.postings.places``)
FILES_NAMED = 4  # file names written out in the source line; more are counted
GENERATED_WORDS = N_("generated example data")
GENERATED_NOTE = N_(
    "Generated example data: these postings were made up to show how the page works; no count here is a real figure."
)
NOT_PLACED_HERE = N_("postings are not placed in nonmetropolitan areas (they count in their state)")
NOT_A_PUBLISHED_CODE = N_("not a code BLS publishes numbers for here")
NO_POSTINGS_HOW = N_(
    "No job postings have been imported yet. Staff import a job bank's or a vendor's export with "
    "`python -m lmi.postings import FILE` (see docs/postings.md)."
)
POSTED_COLUMNS = [
    "area_code",
    "soc_code",
    "soc_title",
    "postings_soc_codes",
    "postings_soc_codes_count",
    "postings_is_group_sum",
    "postings_basis",
    "postings_count",
    "postings_per_month_avg",
    "postings_trend_pct",
    "local_employment_count",
    "postings_per_1000_jobs",
    "postings_months_count",
    "postings_period_start",
    "postings_period_end",
    "postings_missing_words",
    "postings_source",
    "postings_includes_generated_example",
]
MONTHLY_COLUMNS = ["posted_month", "postings_count", "reposts_removed_count"]


@dataclass(frozen=True, eq=False)
class PostedDemand:
    """The store's counts as last aggregated, and where they come from.

    ``counts``: the aggregate (``lmi.postings.pipeline.AGGREGATE_COLUMNS``) with ``posted_month`` as a month-start
    timestamp, counts as integers and ``soc_code`` None for postings not coded to an occupation. Read-only: it is
    shared by every page through the cache."""

    counts: pd.DataFrame
    meta: dict
    period_start: dt.date  # first posted month
    period_end: dt.date  # last posted month
    includes_generated_example_data: bool
    file_names: tuple[str, ...]
    import_ids: tuple[int, ...]

    @property
    def computed_utc(self) -> str:
        return str(self.meta.get("computed_utc", ""))

    @property
    def months_in_data(self) -> int:
        return _month_number(self.period_end) - _month_number(self.period_start) + 1

    def window(self, months: int = DEFAULT_MONTHS) -> tuple[dt.date, dt.date]:
        """First and last month of the last ``months`` months of the data (fewer when the data is shorter)."""
        count = max(1, min(int(months), self.months_in_data))
        return _add_months(self.period_end, 1 - count), self.period_end

    def period_words(self, start: dt.date | None = None, end: dt.date | None = None) -> str:
        """ "Jan 2025 to Dec 2025" (the whole data unless a period is given), in the visitor's language."""
        start, end = start or self.period_start, end or self.period_end
        if start == end:
            return month_words(start)
        return _("{start} to {end}").format(start=month_words(start), end=month_words(end))

    def source_words(self) -> str:
        """Which files and imports the postings come from, whether they are generated, the months they were
        posted in and how many reposts were removed: the line every postings figure carries."""
        ids = ", ".join(f"#{i}" for i in self.import_ids)
        imports = ngettext("import {ids}", "imports {ids}", len(self.import_ids)).format(ids=ids)
        generated = f" — {_(GENERATED_WORDS)}" if self.includes_generated_example_data else ""
        return _(
            "Job postings: {files} ({imports}){generated}; posted {period}; {reposts} reposts removed (the same "
            "employer's same title in the same place within {window} days)."
        ).format(
            files=self._files_words(),
            imports=imports,
            generated=generated,
            period=self.period_words(),
            reposts=f"{int(self.meta.get('reposts_removed_count', 0)):,}",
            window=int(self.meta.get("window_days", DEFAULT_WINDOW_DAYS)),
        )

    def method_words(self) -> str:
        """How the postings were counted (repost rule, occupation coding), in the visitor's language."""
        window = int(self.meta.get("window_days", DEFAULT_WINDOW_DAYS))
        confidence = float(self.meta.get("min_confidence", MIN_CONFIDENCE))
        return f"{repost_rule_words(window)} {coding_rule_words(confidence)}"

    def _files_words(self) -> str:
        named = ", ".join(self.file_names[:FILES_NAMED])
        more = len(self.file_names) - FILES_NAMED
        return _("{files} and {count} more").format(files=named, count=more) if more > 0 else named


def month_words(month: dt.date) -> str:
    """ "Jan 2025" ("ene 2025" in Spanish)."""
    return format_date(month, "MMM y", locale=DATE_LOCALES.get(current_language(), "en_US"))


def no_postings_words() -> str:
    """The one line a page shows where postings would be, when none are imported."""
    return _(NO_POSTINGS_HOW)


def generated_note() -> str:
    return _(GENERATED_NOTE)


# ------------------------------------------------------------------------------------------------ loading


def load_posted(store: PostingsStore | None = None) -> PostedDemand | None:
    """The store's counts and their description; None when nothing was aggregated or no posting is counted."""
    store = store or PostingsStore.default()
    meta = store.aggregate_meta()
    if not meta or not int(meta.get("postings_count", 0)):
        return None
    counts = _normalised(read_aggregate(store))
    if counts.empty or not counts.postings_count.sum():
        return None
    months = counts.posted_month
    import_ids = tuple(int(i) for i in meta.get("import_ids", []))
    names = {int(e["import_id"]): str(e.get("file_name", "")) for e in store.stored_imports()}
    return PostedDemand(
        counts=counts,
        meta=dict(meta),
        period_start=months.min().date(),
        period_end=months.max().date(),
        includes_generated_example_data=bool(meta.get("includes_generated_example_data", False)),
        file_names=tuple(names.get(i) or f"#{i}" for i in import_ids),
        import_ids=import_ids,
    )


def _normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """Months as month-start timestamps, counts as integers, a missing code as None (whatever the engine wrote)."""
    if frame.empty:
        return frame
    out = pd.DataFrame(
        {
            "area_kind": frame.area_kind.astype(object),
            "area_code": frame.area_code.astype(object),
            "soc_code": frame.soc_code.astype(object).where(frame.soc_code.notna(), None),
            "posted_month": pd.to_datetime(frame.posted_month).dt.to_period("M").dt.to_timestamp(),
        }
    )
    for column in ("postings_count", "reposts_removed_count", "from_given_code_count"):
        out[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0).astype("int64")
    return out


# ------------------------------------------------------------------------------------------------ codes


def code_members(model: DemandModel, area_code: str) -> dict[str, tuple[str, ...]]:
    """BLS code -> the detailed codes whose postings are added up under it: the code itself (a file may code a
    posting at 31-1120) and every SOC code of the O*NET occupations the demand model reads at it (31-1121,
    31-1122). The same crosswalk the demand model is built on, so postings and jobs cover the same work."""
    members: dict[str, set[str]] = {code: {code} for code in model.bls_codes(area_code).soc_code}
    occupations = model.occupations(area_code)[["onet_soc_code", "demand_soc_code"]]
    for onet, bls in zip(occupations.onet_soc_code, occupations.demand_soc_code):
        if isinstance(bls, str) and bls in members:
            members[bls].add(onet[:7])
    return {code: tuple(sorted(found)) for code, found in members.items()}


def bls_code_of(members: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Detailed postings code -> the BLS code its postings count under (``code_members`` turned round)."""
    return {detailed: bls for bls, codes in members.items() for detailed in codes}


# ------------------------------------------------------------------------------------------------ by code


def posted_for_codes(
    posted: PostedDemand,
    model: DemandModel,
    area_code: str,
    months: int = DEFAULT_MONTHS,
    soc_codes: list[str] | None = None,
) -> pd.DataFrame:
    """One row per BLS code the demand model publishes for the area (or per code of ``soc_codes``, in that
    order) with its postings beside its OEWS jobs (``POSTED_COLUMNS``): postings of the last ``months`` months
    (added up over the detailed codes inside the BLS code, listed in ``postings_soc_codes``), their average a
    month, the trend of the last 3 months against the 3 before, and postings per 1,000 OEWS jobs."""
    demand = model.bls_codes(area_code, soc_codes)
    members = code_members(model, area_code)
    start, end = posted.window(months)
    covered = model.baseline(area_code).area_kind in COUNTED_AREA_KINDS
    area = _area_counts(posted, area_code)
    in_window = _by_bls(area, members, start, end)
    last, before = _trend_windows(posted)
    recent = _by_bls(area, members, *last) if last else pd.Series(dtype="int64")
    earlier = _by_bls(area, members, *before) if before else pd.Series(dtype="int64")
    codes = demand.soc_code.tolist()
    listed = [members.get(code, ()) for code in codes]
    counted = [covered and code in members for code in codes]
    count = np.array([in_window.get(c, 0) if ok else np.nan for c, ok in zip(codes, counted)], dtype="float64")
    jobs = pd.to_numeric(demand.local_employment_count, errors="coerce").to_numpy(dtype="float64")
    period_months = _month_number(end) - _month_number(start) + 1
    frame = pd.DataFrame(
        {
            "area_code": area_code,
            "soc_code": codes,
            "soc_title": demand.soc_title.tolist(),
            "postings_soc_codes": ["; ".join(found) for found in listed],
            "postings_soc_codes_count": [len(found) for found in listed],
            "postings_is_group_sum": [_is_group_sum(code, found) for code, found in zip(codes, listed)],
            "postings_basis": [
                _basis_words(code, title, found) for code, title, found in zip(codes, demand.soc_title, listed)
            ],
            "postings_count": count,
            "postings_per_month_avg": count / period_months,
            "postings_trend_pct": [
                trend_pct(recent.get(c, 0), earlier.get(c, 0)) if ok and last else np.nan
                for c, ok in zip(codes, counted)
            ],
            "local_employment_count": jobs,
            "postings_per_1000_jobs": _per_jobs(count, jobs),
            "postings_months_count": period_months,
            "postings_period_start": start,
            "postings_period_end": end,
            "postings_missing_words": [_missing_words(covered, code in members) for code in codes],
            "postings_source": posted.source_words(),
            "postings_includes_generated_example": posted.includes_generated_example_data,
        }
    )
    frame["postings_trend_pct"] = frame.postings_trend_pct.astype("float64")
    return frame[POSTED_COLUMNS]


def posted_for_occupation(
    posted: PostedDemand, model: DemandModel, area_code: str, onet_soc_code: str, months: int = DEFAULT_MONTHS
) -> pd.Series | None:
    """The postings row of the BLS code one O*NET occupation's figures are measured at (``demand_soc_code``),
    with whose numbers they are (``onet_soc_code``, ``occupation_title``, ``demand_basis``,
    ``demand_is_shared``); None when no BLS code covers the occupation (its postings are then among those
    ``area_postings`` counts as of occupations BLS publishes no estimates for)."""
    occupation = model.occupations(area_code, [onet_soc_code]).iloc[0]
    code = occupation.demand_soc_code
    if not isinstance(code, str):
        return None
    row = posted_for_codes(posted, model, area_code, months, [code]).iloc[0].copy()
    for column in ("onet_soc_code", "occupation_title", "demand_basis", "demand_is_shared"):
        row[column] = occupation[column]
    return row


def _missing_words(area_covered: bool, code_published: bool) -> str:
    """Why a row has no postings figure ("" when it has one): never an empty figure that reads as zero."""
    if not area_covered:
        return _(NOT_PLACED_HERE)
    return "" if code_published else _(NOT_A_PUBLISHED_CODE)


def _area_counts(posted: PostedDemand, area_code: str) -> pd.DataFrame:
    counts = posted.counts
    return counts[counts.area_code == area_code]


def _by_bls(area: pd.DataFrame, members: dict[str, tuple[str, ...]], start: dt.date, end: dt.date) -> pd.Series:
    """Postings of ``start``..``end`` added up by the BLS code each detailed code counts under."""
    inside = area[(area.posted_month >= pd.Timestamp(start)) & (area.posted_month <= pd.Timestamp(end))]
    coded = inside[inside.soc_code.notna()]
    under = coded.soc_code.map(bls_code_of(members))
    return coded.postings_count.groupby(under).sum()


def _trend_windows(posted: PostedDemand):
    """(first, last) month of the last ``TREND_MONTHS`` months and of the ones before; (None, None) when the
    data covers fewer than twice as many months."""
    if posted.months_in_data < 2 * TREND_MONTHS:
        return None, None
    end = posted.period_end
    last = (_add_months(end, 1 - TREND_MONTHS), end)
    before = (_add_months(end, 1 - 2 * TREND_MONTHS), _add_months(end, -TREND_MONTHS))
    return last, before


def trend_pct(recent: float, earlier: float) -> float:
    """Change of the last 3 months against the 3 before, in percent; NaN when the earlier months had too few
    postings for a percentage to mean anything."""
    if earlier < TREND_MIN_POSTINGS:
        return np.nan
    return 100.0 * (float(recent) / float(earlier) - 1.0)


def _per_jobs(count: np.ndarray, jobs: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(jobs > 0, PER_JOBS_BASE * count / jobs, np.nan)


def _is_group_sum(code: str, members: tuple[str, ...]) -> bool:
    return any(member != code for member in members)


def _basis_words(code: str, title, members: tuple[str, ...]) -> str:
    """Whose postings a row counts: "SOC 29-1141" for a code's own, or the detailed codes added up for a group."""
    if not _is_group_sum(code, members):
        return _("postings coded {code}").format(code=code)
    return _("postings of {codes} added up: the detailed occupations in BLS group {code} {title}").format(
        codes=", ".join(members), code=code, title=title
    )


# ------------------------------------------------------------------------------------------------ monthly


def posted_monthly(posted: PostedDemand, area_code: str, soc_codes: list[str]) -> pd.DataFrame:
    """Postings per month of the data (every month, zero where none) in the area, added up over ``soc_codes``
    (detailed codes: a BLS code's ``postings_soc_codes``): posted_month, postings_count, reposts_removed_count."""
    area = _area_counts(posted, area_code)
    picked = area[area.soc_code.isin(list(soc_codes))]
    sums = picked.groupby("posted_month")[["postings_count", "reposts_removed_count"]].sum()
    months = pd.date_range(pd.Timestamp(posted.period_start), pd.Timestamp(posted.period_end), freq="MS")
    filled = sums.reindex(months, fill_value=0).rename_axis("posted_month").reset_index()
    filled["posted_month"] = filled.posted_month.dt.date
    return filled[MONTHLY_COLUMNS].astype({"postings_count": "int64", "reposts_removed_count": "int64"})


def member_codes(row: pd.Series) -> list[str]:
    """The detailed codes of a ``posted_for_codes`` row, as a list (for ``posted_monthly``)."""
    return [code for code in str(row.postings_soc_codes).split("; ") if code]


# ------------------------------------------------------------------------------------------------ totals


@dataclass(frozen=True)
class PostedTotals:
    """Postings added up over several BLS codes (a program's targets, a sector), each code once."""

    postings_count: float
    local_employment_count: float  # jobs of the codes with both a jobs figure and postings counted
    postings_per_1000_jobs: float
    codes_count: int
    codes_with_jobs_count: int


def posted_totals(frame: pd.DataFrame) -> PostedTotals:
    """The postings of ``posted_for_codes`` rows added up, each BLS code once; the ratio only over codes with an
    OEWS jobs figure (a code BLS released no jobs for here adds postings but no jobs, so it is left out of the
    ratio rather than inflating it)."""
    rows = frame.drop_duplicates("soc_code")
    counted = rows[rows.postings_count.notna()]
    with_jobs = counted[counted.local_employment_count > 0]
    jobs = float(with_jobs.local_employment_count.sum())
    ratio = PER_JOBS_BASE * float(with_jobs.postings_count.sum()) / jobs if jobs > 0 else np.nan
    return PostedTotals(
        postings_count=float(counted.postings_count.sum()) if len(counted) else np.nan,
        local_employment_count=jobs if len(with_jobs) else np.nan,
        postings_per_1000_jobs=ratio,
        codes_count=len(rows),
        codes_with_jobs_count=len(with_jobs),
    )


# ------------------------------------------------------------------------------------------------ area


@dataclass(frozen=True)
class AreaPostings:
    """An area's postings in a period, and those no BLS-code row shows, stated rather than hidden."""

    area_code: str
    period_start: dt.date
    period_end: dt.date
    postings_count: int  # all postings placed in the area in the period
    uncoded_count: int  # not coded to an occupation (no code, title coded below the confidence)
    no_bls_code_count: int  # coded to an occupation BLS publishes no estimates for (military, ...)
    is_covered: bool  # False for areas postings are never placed in (nonmetropolitan areas)

    def words(self) -> str:
        """ "Of 1,234 postings here from Jan 2025 to Dec 2025, 56 could not be coded to an occupation and 3 are of
        occupations BLS publishes no estimates for; no row above counts them." """
        if not self.is_covered:
            return _(NOT_PLACED_HERE).capitalize() + "."
        return _(
            "Of {total} postings here from {start} to {end}, {uncoded} could not be coded to an occupation and "
            "{no_bls} are of occupations BLS publishes no estimates for; no occupation's figures count them."
        ).format(
            total=f"{self.postings_count:,}",
            start=month_words(self.period_start),
            end=month_words(self.period_end),
            uncoded=f"{self.uncoded_count:,}",
            no_bls=f"{self.no_bls_code_count:,}",
        )


def area_postings(
    posted: PostedDemand, model: DemandModel, area_code: str, months: int = DEFAULT_MONTHS
) -> AreaPostings:
    """The area's postings of the last ``months`` months: all of them, those not coded to an occupation and
    those of occupations no BLS code covers (neither is in any ``posted_for_codes`` row)."""
    start, end = posted.window(months)
    area = _area_counts(posted, area_code)
    inside = area[(area.posted_month >= pd.Timestamp(start)) & (area.posted_month <= pd.Timestamp(end))]
    known = bls_code_of(code_members(model, area_code))
    uncoded = inside.soc_code.isna()
    no_bls = ~uncoded & ~inside.soc_code.isin(list(known))
    return AreaPostings(
        area_code=area_code,
        period_start=start,
        period_end=end,
        postings_count=int(inside.postings_count.sum()),
        uncoded_count=int(inside.postings_count[uncoded].sum()),
        no_bls_code_count=int(inside.postings_count[no_bls].sum()),
        is_covered=model.baseline(area_code).area_kind in COUNTED_AREA_KINDS,
    )


# ------------------------------------------------------------------------------------------------ months


def _month_number(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _add_months(day: dt.date, months: int) -> dt.date:
    total = _month_number(day) + months
    return dt.date(total // 12, total % 12 + 1, 1)
