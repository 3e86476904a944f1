"""Sector reality check: for the region picked in the sidebar, which popular training sectors lack
local demand, which are local strengths (and which occupations carry each verdict), which strong
local occupations sit in no popular sector, how each sector's job postings are trending nationally,
how planned training seats compare with estimated openings, and where in the state a sector's
trainees would most likely find work.

Renders only: figures, flags, rules and sentences come from ``lmi.sectors`` (through ``ui.sector_data``),
table columns from ``ui.sector_tables`` and charts from ``ui.sector_charts``."""

from __future__ import annotations

import streamlit as st

from lmi.demand.oews_values import format_usd
from lmi.demand.postings_trend import INDEX_BASE_WORDS, NO_STATE_INDEX_NOTE, STATE_TREND_NOTE
from lmi.sectors.flags import (
    FLAG_LABELS,
    HIDDEN,
    SECTOR_FLAGS,
    STRENGTH,
    THIN,
    THRESHOLD_FIELDS,
    FlagThresholds,
    ThresholdError,
    flag_rules,
    rules_text,
)
from lmi.sectors.method import method_items
from lmi.sectors.reality_check import SectorView
from lmi.sectors.seats import (
    DEFAULT_OVERSUPPLY_RATIO,
    OPENINGS_CAVEAT,
    OVERSUPPLY_RATIO_WORDS,
    SEATS_TEXT_EXAMPLE,
    SEATS_TEXT_HELP,
    SeatsError,
)
from ui import briefs_view, data, sector_charts, sector_data, sector_tables
from ui.components import csv_download, md, source_caption
from ui.region import Region, current_region


def main() -> None:
    region = current_region()
    names = sector_data.sector_definitions().names
    render_intro()
    render_brief(region)
    chosen = render_sector_picker(names)
    thresholds = render_thresholds(region.area_code)
    if thresholds is None:
        return
    view = sector_data.sector_view(region.area_code, region.label, chosen, thresholds)
    if view.is_nation:
        render_national_signal(view)
        render_definitions(names)
        return
    if region.state_fips:
        render_hiring_climate(region.state_fips)
    if not chosen:
        st.info("Choose at least one sector above.")
        render_definitions(names)
        return
    render_sectors(view)
    render_sector_postings(view)
    render_quadrant(view)
    render_occupations(view)
    render_hidden(view)
    render_seats(view)
    if region.state_fips:
        render_areas(region.state_fips, region.state_name, chosen, names)
    render_definitions(names)
    render_method(view)


def render_intro() -> None:
    st.title("Sector reality check")
    st.write(
        "Retraining money often follows sectors that grow nationally. This page sets that national signal "
        "against what employers in your region actually employ, flags popular sectors that are thin here, "
        "local strengths, and strong local occupations that no popular sector covers, and compares planned "
        "training seats with the openings we estimate for the region."
    )


def render_brief(region: Region) -> None:
    """A one-page PDF brief of the region (the printable summary of where its jobs and openings are)."""
    briefs_view.render_region_brief(region)


def render_sector_picker(names: dict[str, str]) -> tuple[str, ...]:
    """The sectors to check, in the sector file's order whatever order they were picked in."""
    picked = st.multiselect(
        "Sectors to check",
        list(names),
        default=list(names),
        format_func=names.get,
        key="sector_pick",
        help="Each sector is a list of SOC occupations defined in the project's sector file; "
        "see “What is in each sector” below.",
    )
    return tuple(key for key in names if key in picked)


def render_thresholds(area_code: str) -> FlagThresholds | None:
    """Every flag threshold, starting from the defaults; None (with the reason shown) when they cannot be used."""
    defaults = sector_data.default_thresholds(area_code)
    keys = {
        "national_growth_min_pct": "sector_growth_min",
        "thin_lq_below": "sector_thin_lq",
        "strength_lq_min": "sector_strength_lq",
        "hidden_openings_per_10k_min": "sector_hidden_rate",
        "min_local_coverage_pct": "sector_min_coverage",
    }
    steps = {"national_growth_min_pct": 0.5, "hidden_openings_per_10k_min": 1.0, "min_local_coverage_pct": 5.0}
    helps = {
        "national_growth_min_pct": f"Default: the {defaults.national_growth_min_pct:g}% BLS projects for all "
        "occupations."
    }
    values = {}
    with st.expander("Flag thresholds (change them to test how robust a flag is)"):
        cells = [*st.columns(3), *st.columns(3)]
        for cell, (field, setting) in zip(cells, THRESHOLD_FIELDS.items()):
            values[field] = cell.number_input(
                setting.words,
                value=float(getattr(defaults, field)),
                min_value=setting.minimum,
                max_value=setting.maximum,
                step=steps.get(field, 0.05),
                key=keys[field],
                help=helps.get(field),
            )
    try:
        return FlagThresholds(**values)
    except ThresholdError as exc:
        st.error(f"These thresholds cannot be used: {exc}.")
        return None


def render_national_signal(view: SectorView) -> None:
    """For the nation there is nothing local to compare: the national signal alone."""
    st.info(
        "Pick a state, or a metro or nonmetropolitan area, in the sidebar: the reality check compares the "
        "national signal with a region's employers. Below is the national signal alone."
    )
    if view.sectors.empty:
        return
    shown = sector_tables.national_table(view.sectors)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=sector_tables.column_formats(),
        key="sector_national_table",
    )
    note = source_caption("projections", "oews", "indeed")
    csv_download(
        shown,
        "Download (CSV)",
        "sectors-national-signal",
        f"{note} {sector_data.sector_file_note()}",
        key="dl_national",
    )
    render_sector_postings(view)


def render_hiring_climate(state_fips: str) -> None:
    """The state's postings trend beside the nation's: context for the region, not evidence about a sector."""
    trend = sector_data.postings_trend_for(state_fips)
    if trend is None:
        st.caption(NO_STATE_INDEX_NOTE)
        return
    st.header(f"Hiring climate: job postings in {trend.state_name}")
    cols = st.columns(3)
    cols[0].metric(
        f"Indeed postings index, {trend.latest_on:%d %b %Y}",
        f"{trend.latest_index:.1f}",
        help=f"{INDEX_BASE_WORDS}. All postings in the state, not one sector.",
    )
    cols[1].metric(
        "Change over 12 months",
        f"{trend.change_12m_pct:+.1f}%",
        help=f"Against {trend.year_earlier_index:.1f} on {trend.year_earlier_on:%d %b %Y}.",
    )
    cols[2].metric(
        "United States, same 12 months",
        f"{trend.national_change_12m_pct:+.1f}%",
        help="Indeed's seasonally adjusted national index.",
    )
    st.altair_chart(sector_charts.postings_chart(sector_data.postings_series(state_fips)), width="stretch")
    source_caption("indeed")
    st.caption(f"{STATE_TREND_NOTE} Sector postings (national) are shown below the sector flags.")


def render_sectors(view: SectorView) -> None:
    """Each chosen sector's flag and, in words, what the verdict rests on."""
    st.header(f"Popular sectors in {view.area_name}")
    cols = st.columns(3)
    cols[0].metric(FLAG_LABELS[THIN], view.flag_count(THIN))
    cols[1].metric("Local strengths", view.flag_count(STRENGTH))
    cols[2].metric("Hidden local demand (occupations)", len(view.hidden))
    shown = sector_tables.sectors_table(view.sectors)
    st.dataframe(
        shown, hide_index=True, width="stretch", column_config=sector_tables.column_formats(), key="sector_flags_table"
    )
    st.markdown(
        "**Each verdict and what it rests on**\n\n"
        + "\n".join(
            f"- **{row.sector_name}: {row.flag_label}.** {md(row.flag_reason)}" for row in view.sectors.itertuples()
        )
    )
    note = source_caption("oews", "projections")
    file_note = sector_data.sector_file_note()
    legend = "; ".join(f"**{flag}**: {rule}" for flag, rule in flag_rules(view.thresholds, SECTOR_FLAGS))
    st.caption(
        "Each “Why” names the occupations that carry the sector here and the sector's signature occupations "
        f"BLS released no local estimate for. {file_note} Flags: {legend}."
    )
    csv_download(
        shown,
        "Download the sector flags (CSV)",
        f"sector-flags-{view.area_name}",
        f"{note} {file_note}",
        key="dl_sector_flags",
    )


def render_sector_postings(view: SectorView) -> None:
    """The chosen sectors' national postings trends, a second national signal beside the projections."""
    st.header("Second national signal: job postings by sector (Indeed)")
    if view.postings.empty:
        st.info("No chosen sector is mapped to an Indeed Hiring Lab sector.")
        return
    st.write(
        "BLS projects ten years ahead; Indeed's postings index shows what employers advertise now. Latest "
        f"published value: {view.postings.latest_on.max():%d %b %Y}, against the same day a year earlier."
    )
    shown = sector_tables.postings_table(view.postings)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=sector_tables.column_formats(),
        key="sector_postings_table",
    )
    note = source_caption("indeed")
    st.caption(view.postings_note)
    csv_download(
        shown,
        "Download the postings trends (CSV)",
        "sector-postings-indeed",
        f"{note} {sector_data.sector_file_note()}",
        key="dl_sector_postings",
    )


def render_quadrant(view: SectorView) -> None:
    """National growth against local concentration, for the sectors or their occupations."""
    st.header("National growth against local concentration")
    shown = st.radio(
        "Show", ["Sectors", "Occupations in the chosen sectors"], horizontal=True, key="sector_quadrant_view"
    )
    by_occupation = shown != "Sectors"
    points = sector_charts.quadrant_points(view, occupations=by_occupation)
    if points.empty:
        st.info("No sector or occupation here has a published location quotient to plot.")
        return
    chart = sector_charts.quadrant_chart(points, view.thresholds, named=not by_occupation)
    st.altair_chart(chart, width="stretch")
    st.caption(f"{sector_charts.quadrant_caption(view.thresholds)} {md(data.source_note(('oews', 'projections')))}")


def render_occupations(view: SectorView) -> None:
    """The chosen sectors' occupations, each with its own flag and sentence."""
    st.header("Occupations in the chosen sectors")
    present = view.occupation_flags()
    picked = st.multiselect("Show flags", present, default=present, key="sector_occupation_flags")
    shown = sector_tables.occupations_table(view.occupations, picked)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=sector_tables.column_formats(),
        key="sector_occupations_table",
    )
    note = data.source_note(("oews", "projections"))
    st.caption(
        f"One row per code BLS publishes numbers for, under BLS's title. “{sector_tables.WHOSE}” names the O*NET "
        "occupations a group figure covers (an “All Other” residual, or a code O*NET splits); the figure is the "
        "group's and is counted once. Wage ÷ area median: the local median annual wage over "
        f"{format_usd(view.area_wage_median_usd)}, the median of all occupations in {view.area_name}. "
        f"“≥ … (top-coded)”: BLS publishes only a lower bound. {md(note)}"
    )
    csv_download(
        shown,
        "Download the occupation flags (CSV)",
        f"sector-occupations-{view.area_name}",
        f"{note} {sector_data.sector_file_note()}",
        key="dl_sector_occupations",
    )


def render_hidden(view: SectorView) -> None:
    """Strong local occupations that a portfolio built around popular sectors would miss."""
    st.header("Hidden local demand: strong local occupations in no popular sector")
    st.write(
        f"Occupations with a {rules_text(view.thresholds)[HIDDEN]}. A training portfolio built around popular "
        "sectors would miss them."
    )
    if view.hidden.empty:
        st.info(f"No occupation outside the popular sectors meets the hidden-demand rule in {view.area_name}.")
        return
    shown = sector_tables.hidden_table(view.hidden)
    st.dataframe(
        shown, hide_index=True, width="stretch", column_config=sector_tables.column_formats(), key="sector_hidden_table"
    )
    note = source_caption("oews", "projections")
    csv_download(
        shown,
        "Download hidden local demand (CSV)",
        f"hidden-local-demand-{view.area_name}",
        f"{note} {sector_data.sector_file_note()}",
        key="dl_hidden",
    )


def render_seats(view: SectorView) -> None:
    """Planned seats, typed one a line, against the estimated openings they compete for."""
    st.header("Planned training seats against estimated openings")
    st.write(f"{SEATS_TEXT_HELP} Example:")
    st.code(SEATS_TEXT_EXAMPLE, language=None)
    cols = st.columns([3, 1])
    typed = cols[0].text_area(
        "Planned seats a year", key="sector_seats", height=140, placeholder=SEATS_TEXT_EXAMPLE.splitlines()[0]
    )
    ratio = cols[1].number_input(
        OVERSUPPLY_RATIO_WORDS, value=DEFAULT_OVERSUPPLY_RATIO, min_value=0.05, step=0.05, key="sector_oversupply_ratio"
    )
    if not typed.strip():
        return
    try:
        compared = sector_data.seat_comparison(typed, view.area_code, view.area_name, view.thresholds, ratio)
    except SeatsError as exc:
        st.error(
            "These seats were not accepted; fix each line and try again:\n\n"
            + "\n".join(f"- {problem}" for problem in exc.problems)
        )
        return
    shown = sector_tables.seats_table(compared)
    st.dataframe(
        shown, hide_index=True, width="stretch", column_config=sector_tables.column_formats(), key="sector_seats_table"
    )
    note = data.source_note(("oews", "projections"))
    st.caption(f"{OPENINGS_CAVEAT} {md(note)}")
    csv_download(
        shown,
        "Download the seat comparison (CSV)",
        f"seats-vs-openings-{view.area_name}",
        f"{note} {sector_data.sector_file_note()}",
        key="dl_seats",
    )


def render_areas(state_fips: str, state_name: str, chosen: tuple[str, ...], names: dict[str, str]) -> None:
    """One sector across the state's metro and nonmetropolitan areas: a map and a ranking."""
    st.header(f"Where in {state_name} would a sector's trainees most likely find work?")
    sector_key = st.selectbox("Sector to rank the areas for", chosen, format_func=names.get, key="sector_ranking_pick")
    ranking = sector_data.sector_across_areas(sector_key, state_fips)
    chart = sector_charts.areas_map(ranking)
    if chart is not None:
        st.altair_chart(chart, width="stretch")
    shown = sector_tables.ranking_table(ranking)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=sector_tables.column_formats(),
        key="sector_ranking_table",
    )
    geo_note = data.source_note(("oews", "projections", "geo"))
    st.caption(f"{sector_charts.areas_map_caption()} {geo_note}")
    csv_download(
        shown,
        "Download the ranking (CSV)",
        f"{sector_key}-areas-{state_name}",
        f"{geo_note} {sector_data.sector_file_note()}",
        key="dl_sector_ranking",
    )


def render_definitions(names: dict[str, str]) -> None:
    """What is in each sector, with its citations: shown for every region, including the nation."""
    st.header("What is in each sector")
    sector_key = st.selectbox("Sector to show", list(names), format_func=names.get, key="sector_definition")
    sector = sector_data.sector_definitions().sector(sector_key)
    file_note = sector_data.sector_file_note()
    st.markdown(
        md(
            f"**{sector.sector_name}** — {sector.description}  \n*Basis:* {sector.basis}.  \n*How the list was "
            f"made:* {sector.selection}"
        )
    )
    citations = sector_data.sector_citations((sector_key,))
    st.markdown("*Follows:* " + "; ".join(f"{c.publisher}, [{c.title}]({c.url})" for c in citations.itertuples()))
    members = sector_data.sector_occupations((sector_key,))
    st.dataframe(
        sector_tables.members_table(members),
        hide_index=True,
        width="stretch",
        column_config=sector_tables.column_formats(),
        key="sector_members_table",
    )
    st.caption(
        f"{len(members)} occupations, {int(members.is_signature.sum())} of them signature occupations (the "
        f"ones people mean when they name the sector). {file_note} Occupations can belong to several sectors, "
        "so sector totals overlap and must not be added up."
    )
    csv_download(
        sector_tables.every_member_table(sector_data.sector_occupations(tuple(names))),
        "Download every sector's occupations (CSV)",
        "sector-definitions",
        file_note,
        key="dl_sector_defs",
    )


def render_method(view: SectorView) -> None:
    """How the numbers are made, in the domain's own words for the thresholds and openings method in use."""
    with st.expander("How these numbers are made"):
        items = method_items(view.thresholds, data.openings_method())
        st.markdown(md("\n".join(f"- **{term}** — {text}" for term, text in items)))


main()
