"""How the Sector reality check's tables look: which columns each shows, under which words (the demand
columns' words come from ``lmi.demand.columns``), in which number format. Formatting only: every figure,
flag and sentence comes from ``lmi.sectors``; the page shows and downloads exactly these frames."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.demand import JOBS_PER_RATE_BASE
from lmi.demand.columns import help_text, label
from lmi.demand.oews_values import format_usd
from lmi.demand.posted import DEFAULT_MONTHS
from lmi.demand.postings_trend import index_base_words
from lmi.i18n import _
from ui.components import md


def headers() -> dict[str, str]:
    """Every header the page's tables use, in the visitor's language (the demand columns' words come from
    ``lmi.demand.columns``): built on each call, never at import, so a header follows a language switch."""
    return {
        "jobs": label("local_employment_count"),
        "lq": label("location_quotient"),
        "openings": label("local_annual_openings_est_count"),
        "growth": label("national_growth_2024_34_pct"),
        "national_openings": label("national_annual_openings_count"),
        "wage": label("local_annual_wage_median_usd"),
        "whose": label("demand_basis"),
        "code": label("soc_code"),
        "title": label("soc_title"),
        "per_10k": _("Est. openings per {base} local jobs").format(base=f"{JOBS_PER_RATE_BASE:,}"),
        "postings": _("Indeed postings, nation (index, 12-month change)"),
        "index": _("Index ({base})").format(base=index_base_words()),
        "national_share": _("Share of national jobs (%)"),
        "above_median": _("Local jobs paying above the area median (%)"),
        "with_estimates": _("Occupations with local estimates"),
        "signature": _("Signature occupation"),
        "sector": _("Sector"),
        "sector_key": _("Sector key"),
        "flag": _("Flag"),
        "why": _("Why"),
        "occupations": _("Occupations"),
        "indeed_sector": _("Indeed sector"),
        "latest_date": _("Latest date"),
        "year_earlier": _("A year earlier"),
        "change_12m": _("Change over 12 months (%)"),
        "wage_ratio": _("Wage ÷ area median"),
        "target": _("Sector or occupation"),
        "entered_as": _("Entered as"),
        "target_code": _("Code"),
        "seats": _("Seats a year"),
        "seats_ratio": _("Seats ÷ openings"),
        "openings_are": _("Which occupations the openings are"),
        "rank": _("Rank"),
        "area": _("Area"),
        "kind": _("Kind"),
        "crosses_state_line": _("Crosses a state line"),
        "file_line": _("Line in sector file"),
        "local_postings": _("Job postings here (last {months} months)").format(months=DEFAULT_MONTHS),
        "postings_rate": label("postings_per_1000_jobs"),
        "postings_trend": _("{trend} (%)").format(trend=label("postings_trend_pct")),
        "postings_from": label("postings_period_start"),
        "postings_to": label("postings_period_end"),
        "postings_generated": label("postings_includes_generated_example"),
        "local_signal": _("Local postings in words"),
    }


def group_help() -> str:
    """The tooltip of the "Whose numbers" column."""
    return _(
        "Blank where the figure is the code's own. Otherwise the figure is a BLS group's: an “All Other” "
        "residual or a code covering several O*NET occupations, named here; it is counted once."
    )


def column_formats() -> dict:
    """``st.dataframe`` column settings shared by every table on the page (labels, tooltips, formats)."""
    h, column = headers(), st.column_config
    return {
        h["growth"]: column.NumberColumn(h["growth"], format="%.1f", help=help_text("national_growth_2024_34_pct")),
        h["national_openings"]: column.NumberColumn(
            h["national_openings"], format="localized", help=help_text("national_annual_openings_count")
        ),
        h["national_share"]: column.NumberColumn(format="%.2f"),
        h["jobs"]: column.NumberColumn(h["jobs"], format="localized", help=help_text("local_employment_count")),
        h["lq"]: column.NumberColumn(h["lq"], format="%.2f", help=help_text("location_quotient")),
        h["openings"]: column.NumberColumn(
            h["openings"], format="localized", help=help_text("local_annual_openings_est_count")
        ),
        h["per_10k"]: column.NumberColumn(format="%.1f"),
        h["above_median"]: column.NumberColumn(format="%.0f"),
        h["wage"]: column.TextColumn(h["wage"], help=help_text("local_annual_wage_median_usd")),
        h["wage_ratio"]: column.NumberColumn(format="%.2f"),
        h["seats"]: column.NumberColumn(format="localized"),
        h["seats_ratio"]: column.NumberColumn(format="%.2f"),
        h["whose"]: column.TextColumn(h["whose"], help=group_help(), width="medium"),
        h["code"]: column.TextColumn(h["code"], help=help_text("soc_code")),
        h["title"]: column.TextColumn(h["title"], help=help_text("soc_title")),
        h["postings"]: column.TextColumn(
            h["postings"],
            width="medium",
            help=_(
                "Indeed Hiring Lab's national postings index ({base}) for each Indeed sector the sector file maps "
                "to this sector."
            ).format(base=index_base_words()),
        ),
        h["why"]: column.TextColumn(width="large"),
        h["latest_date"]: column.DateColumn(format="D MMM YYYY"),
        h["index"]: column.NumberColumn(format="%.1f"),
        h["year_earlier"]: column.NumberColumn(format="%.1f"),
        h["change_12m"]: column.NumberColumn(format="%+.1f"),
        h["local_postings"]: column.NumberColumn(format="localized", help=help_text("postings_count")),
        h["postings_rate"]: column.NumberColumn(format="%.2f", help=help_text("postings_per_1000_jobs")),
        h["postings_trend"]: column.NumberColumn(format="%+.1f", help=help_text("postings_trend_pct")),
        h["postings_from"]: column.DateColumn(format="MMM YYYY", help=help_text("postings_period_start")),
        h["postings_to"]: column.DateColumn(format="MMM YYYY", help=help_text("postings_period_end")),
        h["postings_generated"]: column.CheckboxColumn(help=help_text("postings_includes_generated_example")),
        h["local_signal"]: column.TextColumn(width="medium"),
    }


def national_table(sectors: pd.DataFrame) -> pd.DataFrame:
    """The national signal alone, per sector (for the nation, where there is nothing local to compare)."""
    h = headers()
    return pd.DataFrame(
        {
            h["sector"]: sectors.sector_name,
            h["growth"]: sectors.national_growth_2024_34_pct,
            h["national_openings"]: sectors.national_annual_openings_count,
            h["national_share"]: sectors.national_employment_share_pct,
            h["postings"]: sectors.national_postings_words,
            **local_postings_columns(sectors),
            h["occupations"]: sectors.occupations_count,
        }
    )


def sectors_table(sectors: pd.DataFrame) -> pd.DataFrame:
    """Each chosen sector's flag, the sentence behind it, and the national and local figures it rests on."""
    h = headers()
    return pd.DataFrame(
        {
            h["sector"]: sectors.sector_name,
            h["flag"]: sectors.flag_label,
            h["why"]: sectors.flag_reason,
            h["growth"]: sectors.national_growth_2024_34_pct,
            h["national_openings"]: sectors.national_annual_openings_count,
            h["postings"]: sectors.national_postings_words,
            **local_postings_columns(sectors),
            h["national_share"]: sectors.national_employment_share_pct,
            h["jobs"]: sectors.local_employment_count,
            h["lq"]: sectors.location_quotient,
            h["openings"]: _whole(sectors.local_annual_openings_est_count),
            h["per_10k"]: sectors.local_openings_per_10k_jobs,
            h["above_median"]: sectors.local_jobs_above_area_median_wage_pct,
            h["with_estimates"]: _of(sectors.occupations_with_local_estimate_count, sectors.occupations_count),
        }
    )


def local_postings_columns(sectors: pd.DataFrame) -> dict[str, pd.Series]:
    """Each sector's local postings beside its national signal (``lmi.sectors.posted``), with the months they
    cover and the generated-example label; none when no postings are imported."""
    if "postings_count" not in sectors.columns:
        return {}
    h = headers()
    return {
        h["local_postings"]: pd.to_numeric(sectors.postings_count, errors="coerce"),
        h["postings_rate"]: pd.to_numeric(sectors.postings_per_1000_jobs, errors="coerce").round(2),
        h["postings_trend"]: pd.to_numeric(sectors.postings_trend_pct, errors="coerce").round(1),
        h["postings_from"]: sectors.postings_period_start,
        h["postings_to"]: sectors.postings_period_end,
        h["postings_generated"]: sectors.postings_includes_generated_example.astype(bool),
    }


def verdict_postings_words(row) -> str:
    """ " *Job postings here:* …" after a sector's verdict, when postings are imported; "" otherwise."""
    words = getattr(row, "local_postings_words", None)
    if not isinstance(words, str):
        return ""
    return " " + _("*Job postings here:* {words}.").format(words=md(words))


def local_signal_table(sectors: pd.DataFrame) -> pd.DataFrame:
    """The national-hype check beside the local posting signal: each sector's national growth and Indeed trend,
    its flag here, and its local postings (``lmi.sectors.posted``)."""
    h = headers()
    return pd.DataFrame(
        {
            h["sector"]: sectors.sector_name,
            h["growth"]: sectors.national_growth_2024_34_pct,
            h["postings"]: sectors.national_postings_words,
            h["flag"]: sectors.flag_label,
            h["jobs"]: sectors.local_employment_count,
            **local_postings_columns(sectors),
            h["local_signal"]: sectors.local_postings_words,
        }
    )


def postings_table(trends: pd.DataFrame) -> pd.DataFrame:
    """One row per (sector, mapped Indeed sector): Indeed's index now, a year earlier, and the change."""
    h = headers()
    return pd.DataFrame(
        {
            h["sector"]: trends.sector_name,
            h["indeed_sector"]: trends.indeed_sector,
            h["latest_date"]: trends.latest_on,
            h["index"]: trends.latest_index,
            h["year_earlier"]: trends.year_earlier_index,
            h["change_12m"]: trends.change_12m_pct,
        }
    )


def occupations_table(occupations: pd.DataFrame, flags: list[str]) -> pd.DataFrame:
    """The chosen sectors' occupations carrying one of ``flags`` (flag keys of ``lmi.sectors.flags``), each
    with its flag and sentence."""
    h = headers()
    rows = occupations[occupations.flag.isin(flags)]
    return pd.DataFrame(
        {
            h["sector"]: rows.sector_name,
            h["code"]: rows.soc_code,
            h["title"]: rows.soc_title,
            h["signature"]: _signature(rows.is_signature),
            h["whose"]: rows.group_label,
            h["flag"]: rows.flag_label,
            h["why"]: rows.flag_reason,
            h["growth"]: rows.national_growth_2024_34_pct,
            h["national_openings"]: rows.national_annual_openings_count,
            h["national_share"]: rows.national_employment_share_pct,
            h["jobs"]: rows.local_employment_count,
            h["lq"]: rows.location_quotient,
            h["wage"]: _wages(rows),
            h["wage_ratio"]: rows.local_wage_to_area_median_ratio,
            h["openings"]: _whole(rows.local_annual_openings_est_count),
        }
    )


def hidden_table(hidden: pd.DataFrame) -> pd.DataFrame:
    """Strong local occupations in no popular sector."""
    h = headers()
    return pd.DataFrame(
        {
            h["code"]: hidden.soc_code,
            h["title"]: hidden.soc_title,
            h["whose"]: hidden.group_label,
            h["why"]: hidden.flag_reason,
            h["jobs"]: hidden.local_employment_count,
            h["lq"]: hidden.location_quotient,
            h["openings"]: _whole(hidden.local_annual_openings_est_count),
            h["per_10k"]: hidden.local_openings_per_10k_jobs,
            h["growth"]: hidden.national_growth_2024_34_pct,
            h["wage"]: _wages(hidden),
        }
    )


def seats_table(compared: pd.DataFrame) -> pd.DataFrame:
    """Each planned seats line beside the estimated openings it competes for (``lmi.sectors.seats``)."""
    h = headers()
    return pd.DataFrame(
        {
            h["target"]: compared.target_name,
            h["entered_as"]: compared.given_code,
            h["target_code"]: compared.target_code,
            h["seats"]: compared.seats_per_year_count,
            h["openings"]: _whole(compared.local_annual_openings_est_count),
            h["seats_ratio"]: compared.seats_to_openings_ratio,
            h["flag"]: compared.flag_label,
            h["openings_are"]: compared.openings_are,
            h["whose"]: compared.group_label,
            h["why"]: compared.flag_reason,
        }
    )


def ranking_table(ranking: pd.DataFrame) -> pd.DataFrame:
    """One sector across a state's areas, most estimated openings first (``lmi.sectors.across_areas``)."""
    h = headers()
    return pd.DataFrame(
        {
            h["rank"]: ranking.openings_rank,
            h["area"]: ranking.area_name,
            h["kind"]: ranking.area_kind_words,
            h["openings"]: _whole(ranking.local_annual_openings_est_count),
            h["per_10k"]: ranking.local_openings_per_10k_jobs,
            h["jobs"]: ranking.local_employment_count,
            h["lq"]: ranking.location_quotient,
            h["above_median"]: ranking.local_jobs_above_area_median_wage_pct,
            h["with_estimates"]: _of(ranking.occupations_with_local_estimate_count, ranking.occupations_count),
            h["crosses_state_line"]: ranking.states_count > 1,
        }
    )


def members_table(members: pd.DataFrame) -> pd.DataFrame:
    """What is in one sector: its codes, signature occupations, group figures and file lines."""
    h = headers()
    return pd.DataFrame(
        {
            h["code"]: members.soc_code,
            h["title"]: members.soc_title,
            h["signature"]: _signature(members.is_signature),
            h["whose"]: members.group_label,
            h["file_line"]: members.file_line,
        }
    )


def every_member_table(members: pd.DataFrame) -> pd.DataFrame:
    """Every sector's occupations, for the download."""
    h = headers()
    return pd.DataFrame(
        {
            h["sector_key"]: members.sector_key,
            h["sector"]: members.sector_name,
            h["code"]: members.soc_code,
            h["title"]: members.soc_title,
            h["signature"]: members.is_signature,
            h["whose"]: members.group_label,
        }
    )


def _whole(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").round(0)


def _of(part: pd.Series, whole: pd.Series) -> list[str]:
    """ "12 of 22"."""
    return [_("{part} of {whole}").format(part=int(a), whole=int(b)) for a, b in zip(part, whole)]


def _signature(is_signature: pd.Series) -> pd.Series:
    return is_signature.map({True: _("Signature"), False: ""})


def _wages(rows: pd.DataFrame) -> list[str]:
    """Median wages as BLS means them (top-coded values as "≥ …", withheld ones in words)."""
    return [
        format_usd(value, footnote)
        for value, footnote in zip(rows.local_annual_wage_median_usd, rows.local_annual_wage_median_footnote)
    ]
