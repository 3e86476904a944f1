"""How the Sector reality check's tables look: which columns each shows, under which words (the demand
columns' words come from ``lmi.demand.columns``), in which number format. Formatting only: every figure,
flag and sentence comes from ``lmi.sectors``; the page shows and downloads exactly these frames."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.demand import JOBS_PER_RATE_BASE
from lmi.demand.columns import help_text, label
from lmi.demand.oews_values import format_usd
from lmi.demand.postings_trend import INDEX_BASE_WORDS

JOBS, LQ = label("local_employment_count"), label("location_quotient")
OPENINGS = label("local_annual_openings_est_count")
GROWTH, NATIONAL_OPENINGS = label("national_growth_2024_34_pct"), label("national_annual_openings_count")
WAGE, WHOSE = label("local_annual_wage_median_usd"), label("demand_basis")
CODE, TITLE = label("soc_code"), label("soc_title")
PER_10K = f"Est. openings per {JOBS_PER_RATE_BASE:,} local jobs"
POSTINGS = "Indeed postings, nation (index, 12-month change)"
INDEX = f"Index ({INDEX_BASE_WORDS})"
NATIONAL_SHARE = "Share of national jobs (%)"
ABOVE_MEDIAN = "Local jobs paying above the area median (%)"
WITH_ESTIMATES = "Occupations with local estimates"
SIGNATURE = "Signature occupation"
GROUP_HELP = (
    "Blank where the figure is the code's own. Otherwise the figure is a BLS group's: an “All Other” "
    "residual or a code covering several O*NET occupations, named here; it is counted once."
)


def column_formats() -> dict:
    """``st.dataframe`` column settings shared by every table on the page (labels, tooltips, formats)."""
    column = st.column_config
    return {
        GROWTH: column.NumberColumn(GROWTH, format="%.1f", help=help_text("national_growth_2024_34_pct")),
        NATIONAL_OPENINGS: column.NumberColumn(
            NATIONAL_OPENINGS, format="localized", help=help_text("national_annual_openings_count")
        ),
        NATIONAL_SHARE: column.NumberColumn(format="%.2f"),
        JOBS: column.NumberColumn(JOBS, format="localized", help=help_text("local_employment_count")),
        LQ: column.NumberColumn(LQ, format="%.2f", help=help_text("location_quotient")),
        OPENINGS: column.NumberColumn(OPENINGS, format="localized", help=help_text("local_annual_openings_est_count")),
        PER_10K: column.NumberColumn(format="%.1f"),
        ABOVE_MEDIAN: column.NumberColumn(format="%.0f"),
        WAGE: column.TextColumn(WAGE, help=help_text("local_annual_wage_median_usd")),
        "Wage ÷ area median": column.NumberColumn(format="%.2f"),
        "Seats a year": column.NumberColumn(format="localized"),
        "Seats ÷ openings": column.NumberColumn(format="%.2f"),
        WHOSE: column.TextColumn(WHOSE, help=GROUP_HELP, width="medium"),
        CODE: column.TextColumn(CODE, help=help_text("soc_code")),
        TITLE: column.TextColumn(TITLE, help=help_text("soc_title")),
        POSTINGS: column.TextColumn(
            POSTINGS,
            width="medium",
            help=f"Indeed Hiring Lab's national postings index ({INDEX_BASE_WORDS}) for each Indeed sector the "
            "sector file maps to this sector.",
        ),
        "Why": column.TextColumn(width="large"),
        "Latest date": column.DateColumn(format="D MMM YYYY"),
        INDEX: column.NumberColumn(format="%.1f"),
        "A year earlier": column.NumberColumn(format="%.1f"),
        "Change over 12 months (%)": column.NumberColumn(format="%+.1f"),
    }


def national_table(sectors: pd.DataFrame) -> pd.DataFrame:
    """The national signal alone, per sector (for the nation, where there is nothing local to compare)."""
    return pd.DataFrame(
        {
            "Sector": sectors.sector_name,
            GROWTH: sectors.national_growth_2024_34_pct,
            NATIONAL_OPENINGS: sectors.national_annual_openings_count,
            NATIONAL_SHARE: sectors.national_employment_share_pct,
            POSTINGS: sectors.national_postings_words,
            "Occupations": sectors.occupations_count,
        }
    )


def sectors_table(sectors: pd.DataFrame) -> pd.DataFrame:
    """Each chosen sector's flag, the sentence behind it, and the national and local figures it rests on."""
    return pd.DataFrame(
        {
            "Sector": sectors.sector_name,
            "Flag": sectors.flag_label,
            "Why": sectors.flag_reason,
            GROWTH: sectors.national_growth_2024_34_pct,
            NATIONAL_OPENINGS: sectors.national_annual_openings_count,
            POSTINGS: sectors.national_postings_words,
            NATIONAL_SHARE: sectors.national_employment_share_pct,
            JOBS: sectors.local_employment_count,
            LQ: sectors.location_quotient,
            OPENINGS: _whole(sectors.local_annual_openings_est_count),
            PER_10K: sectors.local_openings_per_10k_jobs,
            ABOVE_MEDIAN: sectors.local_jobs_above_area_median_wage_pct,
            WITH_ESTIMATES: _of(sectors.occupations_with_local_estimate_count, sectors.occupations_count),
        }
    )


def postings_table(trends: pd.DataFrame) -> pd.DataFrame:
    """One row per (sector, mapped Indeed sector): Indeed's index now, a year earlier, and the change."""
    return pd.DataFrame(
        {
            "Sector": trends.sector_name,
            "Indeed sector": trends.indeed_sector,
            "Latest date": trends.latest_on,
            INDEX: trends.latest_index,
            "A year earlier": trends.year_earlier_index,
            "Change over 12 months (%)": trends.change_12m_pct,
        }
    )


def occupations_table(occupations: pd.DataFrame, flag_labels: list[str]) -> pd.DataFrame:
    """The chosen sectors' occupations carrying one of ``flag_labels``, each with its flag and sentence."""
    rows = occupations[occupations.flag_label.isin(flag_labels)]
    return pd.DataFrame(
        {
            "Sector": rows.sector_name,
            CODE: rows.soc_code,
            TITLE: rows.soc_title,
            SIGNATURE: _signature(rows.is_signature),
            WHOSE: rows.group_label,
            "Flag": rows.flag_label,
            "Why": rows.flag_reason,
            GROWTH: rows.national_growth_2024_34_pct,
            NATIONAL_OPENINGS: rows.national_annual_openings_count,
            NATIONAL_SHARE: rows.national_employment_share_pct,
            JOBS: rows.local_employment_count,
            LQ: rows.location_quotient,
            WAGE: _wages(rows),
            "Wage ÷ area median": rows.local_wage_to_area_median_ratio,
            OPENINGS: _whole(rows.local_annual_openings_est_count),
        }
    )


def hidden_table(hidden: pd.DataFrame) -> pd.DataFrame:
    """Strong local occupations in no popular sector."""
    return pd.DataFrame(
        {
            CODE: hidden.soc_code,
            TITLE: hidden.soc_title,
            WHOSE: hidden.group_label,
            "Why": hidden.flag_reason,
            JOBS: hidden.local_employment_count,
            LQ: hidden.location_quotient,
            OPENINGS: _whole(hidden.local_annual_openings_est_count),
            PER_10K: hidden.local_openings_per_10k_jobs,
            GROWTH: hidden.national_growth_2024_34_pct,
            WAGE: _wages(hidden),
        }
    )


def seats_table(compared: pd.DataFrame) -> pd.DataFrame:
    """Each planned seats line beside the estimated openings it competes for (``lmi.sectors.seats``)."""
    return pd.DataFrame(
        {
            "Sector or occupation": compared.target_name,
            "Entered as": compared.given_code,
            "Code": compared.target_code,
            "Seats a year": compared.seats_per_year_count,
            OPENINGS: _whole(compared.local_annual_openings_est_count),
            "Seats ÷ openings": compared.seats_to_openings_ratio,
            "Flag": compared.flag_label,
            "Which occupations the openings are": compared.openings_are,
            WHOSE: compared.group_label,
            "Why": compared.flag_reason,
        }
    )


def ranking_table(ranking: pd.DataFrame) -> pd.DataFrame:
    """One sector across a state's areas, most estimated openings first (``lmi.sectors.across_areas``)."""
    return pd.DataFrame(
        {
            "Rank": ranking.openings_rank,
            "Area": ranking.area_name,
            "Kind": ranking.area_kind_words,
            OPENINGS: _whole(ranking.local_annual_openings_est_count),
            PER_10K: ranking.local_openings_per_10k_jobs,
            JOBS: ranking.local_employment_count,
            LQ: ranking.location_quotient,
            ABOVE_MEDIAN: ranking.local_jobs_above_area_median_wage_pct,
            WITH_ESTIMATES: _of(ranking.occupations_with_local_estimate_count, ranking.occupations_count),
            "Crosses a state line": ranking.states_count > 1,
        }
    )


def members_table(members: pd.DataFrame) -> pd.DataFrame:
    """What is in one sector: its codes, signature occupations, group figures and file lines."""
    return pd.DataFrame(
        {
            CODE: members.soc_code,
            TITLE: members.soc_title,
            SIGNATURE: _signature(members.is_signature),
            WHOSE: members.group_label,
            "Line in sector file": members.file_line,
        }
    )


def every_member_table(members: pd.DataFrame) -> pd.DataFrame:
    """Every sector's occupations, for the download."""
    return pd.DataFrame(
        {
            "Sector key": members.sector_key,
            "Sector": members.sector_name,
            CODE: members.soc_code,
            TITLE: members.soc_title,
            SIGNATURE: members.is_signature,
            WHOSE: members.group_label,
        }
    )


def _whole(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").round(0)


def _of(part: pd.Series, whole: pd.Series) -> list[str]:
    """ "12 of 22"."""
    return [f"{int(a)} of {int(b)}" for a, b in zip(part, whole)]


def _signature(is_signature: pd.Series) -> pd.Series:
    return is_signature.map({True: "Signature", False: ""})


def _wages(rows: pd.DataFrame) -> list[str]:
    """Median wages as BLS means them (top-coded values as "≥ …", withheld ones in words)."""
    return [
        format_usd(value, footnote)
        for value, footnote in zip(rows.local_annual_wage_median_usd, rows.local_annual_wage_median_footnote)
    ]
