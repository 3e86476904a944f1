"""Region briefs, from the one demand model (``lmi.demand``):

- ``occupation_brief``: one occupation in a region (the Occupation explorer's view): its headline figures
  in the explorer's words, its median wage here, in the state and the nation beside the region's median
  for all occupations (the chart), and the area / state / nation table;
- ``region_brief``: a region on its own: all jobs, the median wage of all occupations, how many codes BLS
  published here, and the occupations with the most estimated openings a year (chart and table), each
  BLS code counted once.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from lmi.areas import area_kind_words, get_area, list_states
from lmi.briefs import links
from lmi.briefs.content import Bar, Brief, BriefFigure, Chart, Table, slug, sources_line, vintage_line
from lmi.demand import DemandModel, describe_openings
from lmi.demand.area_comparison import place_headings, region_comparison, shown_comparison
from lmi.demand.columns import label
from lmi.demand.oews_values import (
    figures_note,
    format_count,
    format_growth,
    format_ratio,
    format_usd,
    headline_figures,
    is_missing,
    shown_labels,
    whose_numbers,
)
from lmi.i18n import _
from lmi.occupations.profile import get_profile

OCCUPATION_SOURCES = ("oews", "projections", "onet")
REGION_SOURCES = ("oews", "projections")
TOP_OCCUPATIONS = 8  # rows of the region brief's chart and table
FIGURE_NOTE_KEYS = ("wage", "jobs")  # headline figures whose first note fits in the figure's box


def occupation_file_stem(area_code: str, onet_soc_code: str, title: str, place: str) -> str:
    """The file name (without .pdf) of an occupation brief, known before the brief is made."""
    return f"brief-{area_code}-{onet_soc_code}-{slug(title)}-{slug(place)}"


def region_file_stem(area_code: str, place: str) -> str:
    return f"brief-{area_code}-{slug(place)}"


def occupation_brief(
    con: duckdb.DuckDBPyConnection,
    model: DemandModel,
    onet_soc_code: str,
    area_code: str,
    state_fips: str | None = None,
) -> Brief:
    """One occupation in a region, with the figures the Occupation explorer shows for it. Raises
    ``UnknownOccupationError`` or ``LookupError`` for a code or area this database does not have."""
    profile = get_profile(con, onet_soc_code)
    comparison = region_comparison(con, model, onet_soc_code, area_code, state_fips)
    here = comparison.iloc[0]
    place = str(here.area_name)
    area = get_area(con, area_code)
    figures = headline_figures(here, model.openings_method())
    shown = [
        BriefFigure(f.label, f.value, f.notes[0] if f.key in FIGURE_NOTE_KEYS and f.notes else "") for f in figures
    ]
    whose = whose_numbers(here)
    notes = []
    if whose:
        notes.append(
            _("{label}: {whose}. The figures are the BLS group's, shared with other occupations.").format(
                label=label("demand_basis"), whose=whose
            )
        )
    notes += [
        f"{label('local_annual_openings_est_count')}: {model.openings_method()}",
        figures_note(),
    ]
    return Brief(
        kind="region",
        title=_("{occupation} in {place}").format(occupation=profile.title, place=place),
        subtitle=f"O*NET-SOC {profile.onet_soc_code} · SOC {profile.soc_code} · "
        + _place_words(con, area.area_kind, state_fips or area.state_fips),
        figures=tuple(shown),
        chart=_wage_chart(profile.title, comparison, model.baseline(str(here.area_code))),
        table=_comparison_table(comparison),
        notes=tuple(notes),
        sources=sources_line(con, OCCUPATION_SOURCES),
        vintage=vintage_line(con, OCCUPATION_SOURCES),
        link=links.link(links.EXPLORER_PATH, area=area_code, occupation=onet_soc_code),
        file_stem=occupation_file_stem(area_code, onet_soc_code, profile.title, place),
    )


def _wage_chart(title: str, comparison: pd.DataFrame, baseline) -> Chart:
    """The occupation's median annual wage at each level (area, state, nation) and the region's median wage
    of all occupations, for "does it pay more than most jobs here?"."""
    shown = shown_comparison(comparison)
    bars = [
        Bar(str(area), _number(wage), str(words), highlight=index == 0)
        for index, (wage, area, words) in enumerate(
            zip(
                comparison.local_annual_wage_median_usd,
                shown[place_headings()["area"]],
                shown[shown_labels()["wage"]],
            )
        )
    ]
    all_value = baseline.local_annual_wage_median_usd
    bars.append(
        Bar(_("All occupations: {area}").format(area=baseline.area_name), _number(all_value), format_usd(all_value))
    )
    in_words = "; ".join(f"{b.label}: {b.value_text}" for b in bars)
    return Chart(
        title=_("Median annual wage of {occupation}, and of all occupations here").format(occupation=title),
        bars=tuple(bars),
        alt_text=_("Median annual wage. {bars}.").format(bars=in_words),
    )


def _number(value) -> float | None:
    return None if is_missing(value) else float(value)


def _comparison_table(comparison: pd.DataFrame) -> Table:
    labels = shown_labels()
    shown = shown_comparison(comparison)
    keys = ("jobs", "wage", "wage_range", "lq", "openings")
    columns = (place_headings()["area"], *(labels[k] for k in keys))
    rows = tuple(tuple(str(v) for v in row) for row in shown[list(columns)].itertuples(index=False))
    return Table(_("This area beside its state and the nation"), columns, rows, widths=(3.2, 1.2, 1.5, 2.4, 1.2, 1.6))


# ------------------------------------------------------------------------------------------------ a region alone


def region_brief(con: duckdb.DuckDBPyConnection, model: DemandModel, area_code: str) -> Brief:
    """A region's jobs, pay and where its openings are. Raises ``LookupError`` for an unknown area code."""
    area = get_area(con, area_code)
    baseline = model.baseline(area_code)
    codes = model.bls_codes(area_code)
    published = int(codes.has_local_estimate.sum()) if "has_local_estimate" in codes else 0
    top = _top_openings(codes)
    figures = (
        BriefFigure(
            _("All jobs here"), format_count(baseline.local_total_employment_count), _("wage and salary jobs, OEWS")
        ),
        BriefFigure(
            _("Median annual wage, all occupations"),
            format_usd(baseline.local_annual_wage_median_usd),
            _("half earn more"),
        ),
        BriefFigure(_("Occupations BLS published here"), f"{published:,}", _("codes with a jobs estimate")),
        BriefFigure(
            _("Projected growth 2024-34, all occupations"),
            format_growth(baseline.national_growth_2024_34_pct),
            _("nation (BLS Employment Projections)"),
        ),
    )
    return Brief(
        kind="region",
        title=area.area_name,
        subtitle=_("OEWS area {code} · {place}").format(
            code=area.area_code, place=_place_words(con, area.area_kind, area.state_fips)
        ),
        figures=figures,
        chart=_openings_chart(area.area_name, top),
        table=_top_table(top),
        notes=(
            _(
                "Each row is a code BLS publishes numbers for; a BLS group's figure (such as 31-1120 Home Health and "
                "Personal Care Aides) counts once."
            ),
            f"{label('local_annual_openings_est_count')}: {model.openings_method()}",
            figures_note(),
        ),
        sources=sources_line(con, REGION_SOURCES),
        vintage=vintage_line(con, REGION_SOURCES),
        link=links.link(links.SECTORS_PATH, area=area_code),
        file_stem=region_file_stem(area_code, area.area_name),
    )


def _place_words(con: duckdb.DuckDBPyConnection, area_kind: str, state_fips: str | None) -> str:
    """ "metro area in Connecticut", "state", "nation" (in the current language)."""
    kind = area_kind_words(area_kind)
    if area_kind not in ("metro", "nonmetro") or not state_fips:
        return kind
    states = list_states(con)
    names = dict(zip(states.state_fips, states.state_name))
    if state_fips not in names:
        return kind
    return _("{kind} in {state}").format(kind=kind, state=names[state_fips])


def _top_openings(codes: pd.DataFrame) -> pd.DataFrame:
    estimated = codes[codes.local_annual_openings_est_count.notna()]
    return estimated.sort_values(["local_annual_openings_est_count", "soc_code"], ascending=[False, True]).head(
        TOP_OCCUPATIONS
    )


def _openings_chart(place: str, top: pd.DataFrame) -> Chart:
    bars = tuple(
        Bar(
            f"{row.soc_title} ({row.soc_code})",
            float(row.local_annual_openings_est_count),
            describe_openings(row.local_annual_openings_est_count),
        )
        for row in top.itertuples()
    )
    in_words = "; ".join(f"{b.label}: {b.value_text}" for b in bars) or _("none estimated")
    return Chart(
        title=_("Occupations with the most estimated openings a year in {place}").format(place=place),
        bars=bars,
        alt_text=_("The {n} occupations with the most estimated openings a year: {bars}.").format(
            n=len(bars), bars=in_words
        ),
    )


def _top_table(top: pd.DataFrame) -> Table:
    labels = shown_labels()
    columns = (_("Occupation (BLS code)"), labels["jobs"], labels["wage"], labels["lq"], labels["openings"])
    rows = tuple(
        (
            f"{row.soc_title} ({row.soc_code})",
            format_count(row.local_employment_count, row.local_employment_footnote),
            format_usd(row.local_annual_wage_median_usd, row.local_annual_wage_median_footnote),
            format_ratio(row.location_quotient),
            describe_openings(row.local_annual_openings_est_count),
        )
        for row in top.itertuples()
    )
    return Table(
        _("The same occupations: jobs, pay and concentration here"), columns, rows, widths=(4.2, 1.2, 1.6, 1.2, 1.6)
    )
