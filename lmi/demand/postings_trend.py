"""Job-postings trends from the Indeed Hiring Lab index (1 February 2020 = 100; seasonally adjusted,
seven-day trailing average): current, if rough, signals beside BLS's ten-year projections.

Two uses:

- **the state's trend** beside the nation's (``state_postings_trend``): all postings on Indeed in the
  state, not any one sector, so the page shows it as context for the region, never as evidence
  about a sector. Indeed publishes no index for Puerto Rico, Guam or the Virgin Islands; for them
  ``state_postings_trend`` returns None. The national series shown is Indeed's seasonally adjusted
  one; the state series is the one Indeed publishes for states.
- **each sector's national postings trend** (``sector_postings_trends``), the second national signal
  per sector: Indeed publishes sector series for the nation only, in its own sectors (grouped by job
  title); the sector file maps each of the project's sectors to the Indeed sectors that match it
  (``core_sector_indeed``, the project's mapping, not Indeed's). Each mapped Indeed sector is shown
  on its own: Indeed publishes indexes, not counts, so they cannot be added into one sector figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd
from babel.dates import format_date

from lmi.db import query_df, query_rows
from lmi.i18n import N_, _, current_language

YEAR_DAYS = 365
INDEX_BASE_DATE = date(2020, 2, 1)  # Indeed's indexes are 100 on this day
INDEX_BASE_WORDS = f"{INDEX_BASE_DATE.day} {INDEX_BASE_DATE:%b %Y} = 100"  # English; shown: ``index_base_words``
DATE_LOCALES = {"en": "en_US", "es": "es_US"}  # the CLDR locale a date is written in, per language
# English, marked for the catalog; shown through ``_()`` (``postings_notes`` returns them translated)
NATIONAL_SERIES = N_("United States (seasonally adjusted)")
NO_MATCHING_SECTOR = N_("no matching Indeed sector")
STATE_TREND_NOTE = N_(
    "The index covers all of a state's postings; Indeed publishes no state series by sector, so it is context "
    "for the region, not evidence about any one sector."
)
NO_STATE_INDEX_NOTE = N_("Indeed Hiring Lab publishes no job-postings index for this state or territory.")
SECTOR_MAPPING_NOTE = N_(
    "Which Indeed sectors match each of ours is the project's mapping (in the sector file), not Indeed's: Indeed "
    "groups postings by job title into its own sectors, so a match is approximate. Indexes, not counts, so mapped "
    "sectors are shown one by one, never added."
)


def short_date(day: date) -> str:
    """ "27 Sep 2024" ("27 sep 2024" in Spanish): a day as the postings words write it."""
    return format_date(day, "d MMM y", locale=DATE_LOCALES.get(current_language(), "en_US"))


def index_base_words() -> str:
    """ "1 Feb 2020 = 100": what the indexes are measured against, in the visitor's language."""
    return _("{day} = 100").format(day=short_date(INDEX_BASE_DATE))


def postings_notes() -> dict[str, str]:
    """The notes pages show beside postings, in the visitor's language: ``state_trend`` (the state index
    covers all postings), ``no_state_index`` (Indeed publishes none for the place), ``sector_mapping``."""
    return {
        "state_trend": _(STATE_TREND_NOTE),
        "no_state_index": _(NO_STATE_INDEX_NOTE),
        "sector_mapping": _(SECTOR_MAPPING_NOTE),
    }


@dataclass(frozen=True)
class PostingsTrend:
    state_postal: str
    state_name: str
    latest_on: date
    latest_index: float
    year_earlier_on: date
    year_earlier_index: float
    national_latest_index: float
    national_year_earlier_index: float

    @property
    def change_12m_pct(self) -> float:
        return 100 * (self.latest_index / self.year_earlier_index - 1)

    @property
    def national_change_12m_pct(self) -> float:
        return 100 * (self.national_latest_index / self.national_year_earlier_index - 1)


def state_postings_trend(con: duckdb.DuckDBPyConnection, state_fips: str) -> PostingsTrend | None:
    """Latest state and national index values and their values a year earlier (same day or the
    closest earlier day published)."""
    rows = query_rows(
        con,
        """
        WITH st AS (SELECT s.state_postal, s.state_name FROM core_state s WHERE s.state_fips = $state),
        latest AS (SELECT max(p.posted_on) AS on_day FROM core_indeed_state_postings p JOIN st USING (state_postal)),
        earlier AS (SELECT max(p.posted_on) AS on_day FROM core_indeed_state_postings p JOIN st USING (state_postal), latest
                    WHERE p.posted_on <= latest.on_day - INTERVAL 365 DAY)
        SELECT st.state_postal, st.state_name, latest.on_day, sl.postings_index, earlier.on_day, se.postings_index,
               nl.postings_index_sa, ne.postings_index_sa
        FROM st, latest, earlier
        JOIN core_indeed_state_postings sl ON sl.state_postal = st.state_postal AND sl.posted_on = latest.on_day
        JOIN core_indeed_state_postings se ON se.state_postal = st.state_postal AND se.posted_on = earlier.on_day
        JOIN core_indeed_national_postings nl ON nl.posted_on = latest.on_day
        JOIN core_indeed_national_postings ne ON ne.posted_on = earlier.on_day
    """,
        {"state": state_fips},
    )
    return PostingsTrend(*rows[0]) if rows else None


def postings_series(con: duckdb.DuckDBPyConnection, state_fips: str) -> pd.DataFrame:
    """Weekly points (every 7th day from ``INDEX_BASE_DATE``) of the state and national index, long format
    for a line chart: posted_on, series, postings_index. Empty where Indeed publishes no state index."""
    return query_df(
        con,
        """
        WITH st AS (SELECT state_postal, state_name FROM core_state WHERE state_fips = $state)
        SELECT p.posted_on, st.state_name AS series, p.postings_index
        FROM core_indeed_state_postings p JOIN st USING (state_postal)
        WHERE (p.posted_on - $base) % 7 = 0
        UNION ALL
        SELECT n.posted_on, $national, n.postings_index_sa
        FROM core_indeed_national_postings n
        WHERE (n.posted_on - $base) % 7 = 0
          AND EXISTS (SELECT 1 FROM core_indeed_state_postings p JOIN st USING (state_postal))
        ORDER BY 1, 2
    """,
        {"state": state_fips, "base": INDEX_BASE_DATE, "national": _(NATIONAL_SERIES)},
    )


# ---------------------------------------------------------------- sector series (national)

SECTOR_TREND_COLUMNS = [
    "sector_key",
    "sector_name",
    "indeed_sector",
    "mapping_order",
    "latest_on",
    "latest_index",
    "year_earlier_on",
    "year_earlier_index",
    "change_12m_pct",
]


def sector_postings_trends(con: duckdb.DuckDBPyConnection, sector_keys: list[str]) -> pd.DataFrame:
    """Per (sector, mapped Indeed sector): the latest published index, the index a year earlier (same
    day, or the closest earlier day published) and the change over those 12 months, in the sector
    file's order. Sectors mapped to no Indeed sector have no rows."""
    if not sector_keys:
        return pd.DataFrame(columns=SECTOR_TREND_COLUMNS)
    frame = query_df(
        con,
        """
        WITH mapped AS (
            SELECT m.sector_key, s.sector_name, m.indeed_sector, m.mapping_order, s.sector_order
            FROM core_sector_indeed m JOIN core_sector s USING (sector_key)
            WHERE list_contains($keys, m.sector_key)
        ),
        latest AS (
            SELECT p.sector, max(p.posted_on) AS latest_on FROM core_indeed_sector_postings p GROUP BY p.sector
        ),
        earlier AS (
            SELECT p.sector, max(p.posted_on) AS year_earlier_on
            FROM core_indeed_sector_postings p JOIN latest l USING (sector)
            WHERE p.posted_on <= l.latest_on - INTERVAL 365 DAY
            GROUP BY p.sector
        )
        SELECT m.sector_key, m.sector_name, m.indeed_sector, m.mapping_order, l.latest_on, pl.postings_index AS latest_index,
               e.year_earlier_on, pe.postings_index AS year_earlier_index,
               100 * (pl.postings_index / pe.postings_index - 1) AS change_12m_pct
        FROM mapped m
        JOIN latest l ON l.sector = m.indeed_sector
        JOIN core_indeed_sector_postings pl ON pl.sector = m.indeed_sector AND pl.posted_on = l.latest_on
        LEFT JOIN earlier e ON e.sector = m.indeed_sector
        LEFT JOIN core_indeed_sector_postings pe ON pe.sector = m.indeed_sector AND pe.posted_on = e.year_earlier_on
        ORDER BY m.sector_order, m.mapping_order
    """,
        {"keys": list(sector_keys)},
    )
    return frame[SECTOR_TREND_COLUMNS]


def sector_postings_words(trends: pd.DataFrame) -> dict[str, str]:
    """Per sector key, the trend in one line for a table cell, dated: "Nursing 123.5 (−18.2% in 12 months
    to 27 Sep 2024); Personal Care & Home Health 167.2 (−2.6%)"."""
    words: dict[str, str] = {}
    for key, rows in trends.groupby("sector_key", sort=False):
        parts = []
        for n, row in enumerate(rows.itertuples()):
            if pd.isna(row.change_12m_pct):
                change = _("no value a year earlier")
            elif n == 0:
                change = _("{change} in 12 months to {day}").format(
                    change=_signed(row.change_12m_pct), day=short_date(row.latest_on)
                )
            else:
                change = _signed(row.change_12m_pct)
            parts.append(f"{row.indeed_sector} {row.latest_index:.1f} ({change})")
        words[key] = "; ".join(parts)
    return words


def sector_postings_column(sector_keys: pd.Series, trends: pd.DataFrame) -> pd.Series:
    """``sector_postings_words`` for each of ``sector_keys``, saying so where a sector matches no Indeed sector."""
    return sector_keys.map(sector_postings_words(trends)).fillna(_(NO_MATCHING_SECTOR))


def _signed(pct: float) -> str:
    """ "+1.5%", "−18.2%" (a true minus sign)."""
    return f"{pct:+.1f}%".replace("-", "−")


def sector_mapping_note(trends: pd.DataFrame, indeed_notes: dict[str, str], sector_names: dict[str, str]) -> str:
    """Under the sector trends: the mapping is the project's, plus the sector file's note on each shown sector
    whose match is partial ("Indeed has no energy sector; ...")."""
    shown = set(trends.sector_key)
    notes = [f"{sector_names[key]}: {note}" for key, note in indeed_notes.items() if note and key in shown]
    return " ".join([_(SECTOR_MAPPING_NOTE), *notes])
