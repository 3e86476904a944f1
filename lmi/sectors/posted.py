"""A local posting signal beside the national-hype check: for each sector, the employer job postings placed in
the area over the last 12 months, per 1,000 of the sector's local jobs, and their trend.

A sector is a list of the codes BLS publishes (``lmi.sectors.definitions``); postings are counted at detailed SOC
codes and put beside each BLS code's OEWS jobs by ``lmi.demand.posted.posted_for_codes`` (a group code's postings
are its detailed occupations' added up). A sector's postings are those rows added up, each BLS code once
(``lmi.demand.posted.posted_totals``); the rate divides only the postings of codes with an OEWS jobs figure here
by those codes' jobs, so a code BLS withheld adds postings but does not inflate the rate. The trend compares the
sector's postings in the last ``TREND_MONTHS`` months with the ``TREND_MONTHS`` before, as every postings trend
does (``lmi.demand.posted``), and is left empty when the earlier months had too few postings to make a percentage
mean anything. Sectors overlap (an occupation can belong to several), so their postings must not be added up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lmi.demand.model import DemandModel
from lmi.demand.posted import (
    DEFAULT_MONTHS,
    PER_JOBS_BASE,
    TREND_MIN_POSTINGS,
    TREND_MONTHS,
    PostedDemand,
    generated_note,
    member_codes,
    posted_for_codes,
    posted_monthly,
    posted_totals,
    trend_pct,
)
from lmi.i18n import _

SECTOR_POSTED_COLUMNS = [
    "sector_key",
    "postings_count",
    "postings_per_1000_jobs",
    "postings_trend_pct",
    "postings_local_employment_count",  # the jobs the rate divides by: codes with an OEWS jobs figure here
    "postings_codes_count",
    "postings_codes_with_jobs_count",
    "postings_period_start",
    "postings_period_end",
    "postings_source",
    "postings_includes_generated_example",
    "postings_missing_words",
]


def sector_posted_demand(
    posted: PostedDemand,
    model: DemandModel,
    area_code: str,
    membership: pd.DataFrame,
    sector_keys: list[str],
    months: int = DEFAULT_MONTHS,
) -> pd.DataFrame:
    """One row per sector of ``sector_keys`` (in that order): its postings in the area over the last ``months``
    months, per 1,000 local jobs, their trend, and where and when they were counted (``SECTOR_POSTED_COLUMNS``).
    ``membership`` is the sector file's (sector_key, soc_code) list (``SectorDefinitions.membership``)."""
    codes = posted_for_codes(posted, model, area_code, months)
    start, end = posted.window(months)
    records = []
    for key in sector_keys:
        members = set(membership.soc_code[membership.sector_key == key])
        rows = codes[codes.soc_code.isin(members)]
        totals = posted_totals(rows)
        detailed = sorted({code for _index, row in rows.iterrows() for code in member_codes(row)})
        missing = next((words for words in rows.postings_missing_words if words), "")
        records.append(
            {
                "sector_key": key,
                "postings_count": totals.postings_count,
                "postings_per_1000_jobs": totals.postings_per_1000_jobs,
                "postings_trend_pct": np.nan
                if missing
                else sector_trend_pct(posted_monthly(posted, area_code, detailed)),
                "postings_local_employment_count": totals.local_employment_count,
                "postings_codes_count": totals.codes_count,
                "postings_codes_with_jobs_count": totals.codes_with_jobs_count,
                "postings_period_start": start,
                "postings_period_end": end,
                "postings_source": posted.source_words(),
                "postings_includes_generated_example": posted.includes_generated_example_data,
                "postings_missing_words": missing,
            }
        )
    return pd.DataFrame.from_records(records, columns=SECTOR_POSTED_COLUMNS)


def sector_trend_pct(monthly: pd.DataFrame) -> float:
    """The last ``TREND_MONTHS`` months' postings against the ``TREND_MONTHS`` before, in percent; NaN with fewer
    than twice that many months or fewer than ``TREND_MIN_POSTINGS`` postings in the earlier months.
    ``monthly`` is ``posted_monthly`` (every month of the data, zero where none)."""
    counts = monthly.sort_values("posted_month").postings_count.to_numpy(dtype="float64")
    if len(counts) < 2 * TREND_MONTHS:
        return np.nan
    return trend_pct(counts[-TREND_MONTHS:].sum(), counts[-2 * TREND_MONTHS : -TREND_MONTHS].sum())


def local_postings_words(row) -> str:
    """One sector's local postings in one line, beside its national signal: "1,234 postings, 5.6 per 1,000
    jobs, +12% (last 3 months)"; the reason where there is no figure."""
    if row.postings_missing_words:
        return str(row.postings_missing_words)
    if pd.isna(row.postings_count):
        return _("no postings counted here")
    rate = (
        _("{rate:.1f} per {base:,} jobs").format(rate=row.postings_per_1000_jobs, base=PER_JOBS_BASE)
        if not pd.isna(row.postings_per_1000_jobs)
        else _("no jobs figure to divide by")
    )
    trend = (
        _("{trend:+.0f}% (last {months} months)").format(trend=row.postings_trend_pct, months=TREND_MONTHS)
        if not pd.isna(row.postings_trend_pct)
        else _("too few postings for a trend")
    )
    return _("{count:,.0f} postings, {rate}, {trend}").format(count=row.postings_count, rate=rate, trend=trend)


def method_text() -> str:
    """How a sector's local postings are counted, from the constants the code uses."""
    return _(
        "employers' postings placed in the area over the last {months} months (as imported by staff; the source "
        "line names the files and their months), added up over the sector's BLS codes, each code once (a BLS "
        "group's postings are its detailed occupations' added up). Per {base:,} jobs: only the postings of codes "
        "with an OEWS jobs figure here, over those codes' jobs. Trend: the last {trend} months against the {trend} "
        "before, left empty when those earlier months had fewer than {minimum} postings. Sectors overlap, so their "
        "postings must not be added up. Generated example postings are labelled as such: they are not real figures."
    ).format(months=DEFAULT_MONTHS, base=PER_JOBS_BASE, trend=TREND_MONTHS, minimum=TREND_MIN_POSTINGS)


@dataclass(frozen=True)
class LocalPostings:
    """Where a sector view's local postings come from: the source line (files, imports, months), the period the
    figures cover and whether generated example data is among them."""

    source_words: str
    period_words: str
    includes_generated_example_data: bool

    def caption(self) -> str:
        """The period, the source line and, where it applies, the generated-example label."""
        words = _("Local postings, {period}. {source}").format(period=self.period_words, source=self.source_words)
        if self.includes_generated_example_data:
            words += " " + generated_note()
        return words


def local_postings(posted: PostedDemand, months: int = DEFAULT_MONTHS) -> LocalPostings:
    """The words a page shows beside the sectors' local postings."""
    start, end = posted.window(months)
    return LocalPostings(posted.source_words(), posted.period_words(start, end), posted.includes_generated_example_data)
