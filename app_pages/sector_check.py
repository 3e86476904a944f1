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
from lmi.demand.posted import no_postings_words
from lmi.demand.postings_trend import index_base_words, postings_notes, short_date
from lmi.i18n import _, ngettext
from lmi.sectors.flags import (
    FLAG_LABELS,
    HIDDEN,
    SECTOR_FLAGS,
    STRENGTH,
    THIN,
    THRESHOLD_FIELDS,
    FlagThresholds,
    ThresholdError,
    flag_label,
    flag_rules,
    rules_text,
)
from lmi.sectors.method import method_items
from lmi.sectors.reality_check import SectorView
from lmi.sectors.seats import DEFAULT_OVERSUPPLY_RATIO, SEATS_TEXT_EXAMPLE, SeatsError, seats_form_words
from ui import area_maps, briefs_view, data, sector_charts, sector_data, sector_tables
from ui.components import csv_download, md, render_title, source_caption
from ui.figures import show_figure
from ui.language import neutral_key
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
        st.info(_("Choose at least one sector above."))
        render_definitions(names)
        return
    render_sectors(view)
    render_local_postings(view)
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
    render_title(_("Sector reality check"))
    st.write(
        _(
            "Retraining money often follows sectors that grow nationally. This page sets that national signal "
            "against what employers in your region actually employ, flags popular sectors that are thin here, "
            "local strengths, and strong local occupations that no popular sector covers, and compares planned "
            "training seats with the openings we estimate for the region."
        )
    )


def render_brief(region: Region) -> None:
    """A one-page PDF brief of the region (the printable summary of where its jobs and openings are)."""
    briefs_view.render_region_brief(region)


def render_sector_picker(names: dict[str, str]) -> tuple[str, ...]:
    """The sectors to check, in the sector file's order whatever order they were picked in."""
    picked = st.multiselect(
        _("Sectors to check"),
        list(names),
        default=list(names),
        format_func=names.get,
        key=neutral_key("sector_pick"),
        help=_(
            "Each sector is a list of SOC occupations defined in the project's sector file; "
            "see “What is in each sector” below."
        ),
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
        "national_growth_min_pct": _("Default: the {growth:g}% BLS projects for all occupations.").format(
            growth=defaults.national_growth_min_pct
        )
    }
    values = {}
    with st.expander(_("Flag thresholds (change them to test how robust a flag is)")):
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
        st.error(_("These thresholds cannot be used: {problems}.").format(problems=exc))
        return None


def render_national_signal(view: SectorView) -> None:
    """For the nation there is nothing local to compare: the national signal alone."""
    st.info(
        _(
            "Pick a state, or a metro or nonmetropolitan area, in the sidebar: the reality check compares the "
            "national signal with a region's employers. Below is the national signal alone."
        )
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
    if view.local_postings is not None:
        st.caption(md(view.local_postings.caption()))
        note = f"{note} {view.local_postings.caption()}"
    csv_download(
        shown,
        _("Download (CSV)"),
        _("sectors-national-signal"),
        f"{note} {sector_data.sector_file_note()}",
        key="dl_national",
    )
    render_sector_postings(view)


def render_hiring_climate(state_fips: str) -> None:
    """The state's postings trend beside the nation's: context for the region, not evidence about a sector."""
    trend = sector_data.postings_trend_for(state_fips)
    notes = postings_notes()
    if trend is None:
        st.caption(notes["no_state_index"])
        return
    st.header(_("Hiring climate: job postings in {state}").format(state=trend.state_name))
    cols = st.columns(3)
    cols[0].metric(
        _("Indeed postings index, {date}").format(date=short_date(trend.latest_on)),
        f"{trend.latest_index:.1f}",
        help=_("{base}. All postings in the state, not one sector.").format(base=index_base_words()),
    )
    cols[1].metric(
        _("Change over 12 months"),
        f"{trend.change_12m_pct:+.1f}%",
        help=_("Against {index:.1f} on {date}.").format(
            index=trend.year_earlier_index, date=short_date(trend.year_earlier_on)
        ),
    )
    cols[2].metric(
        _("United States, same 12 months"),
        f"{trend.national_change_12m_pct:+.1f}%",
        help=_("Indeed's seasonally adjusted national index."),
    )
    series = sector_data.postings_series(state_fips)
    show_figure(
        sector_charts.postings_chart(series, trend.state_name), sector_charts.postings_summary(series, trend.state_name)
    )
    source_caption("indeed")
    st.caption(
        _("{note} Sector postings (national) are shown below the sector flags.").format(note=notes["state_trend"])
    )


def render_sectors(view: SectorView) -> None:
    """Each chosen sector's flag and, in words, what the verdict rests on."""
    st.header(_("Popular sectors in {area}").format(area=view.area_name))
    cols = st.columns(3)
    cols[0].metric(flag_label(THIN), view.flag_count(THIN))
    cols[1].metric(_("Local strengths"), view.flag_count(STRENGTH))
    cols[2].metric(_("Hidden local demand (occupations)"), len(view.hidden))
    shown = sector_tables.sectors_table(view.sectors)
    st.dataframe(
        shown, hide_index=True, width="stretch", column_config=sector_tables.column_formats(), key="sector_flags_table"
    )
    st.markdown(
        _("**Each verdict and what it rests on**")
        + "\n\n"
        + "\n".join(
            f"- **{row.sector_name}: {row.flag_label}.** {md(row.flag_reason)}{sector_tables.verdict_postings_words(row)}"
            for row in view.sectors.itertuples()
        )
    )
    note = source_caption("oews", "projections")
    if view.local_postings is not None:
        st.caption(md(view.local_postings.caption()))
        note = f"{note} {view.local_postings.caption()}"
    file_note = sector_data.sector_file_note()
    legend = "; ".join(f"**{flag}**: {rule}" for flag, rule in flag_rules(view.thresholds, SECTOR_FLAGS))
    st.caption(
        _(
            "Each “Why” names the occupations that carry the sector here and the sector's signature occupations "
            "BLS released no local estimate for. {file_note} Flags: {legend}."
        ).format(file_note=file_note, legend=legend)
    )
    csv_download(
        shown,
        _("Download the sector flags (CSV)"),
        _("sector-flags-{area}").format(area=view.area_name),
        f"{note} {file_note}",
        key="dl_sector_flags",
    )


def render_local_postings(view: SectorView) -> None:
    """Each sector's local job postings (last 12 months, per 1,000 jobs, trend) beside its national signal."""
    st.header(_("Local signal: employers' job postings in {area}").format(area=view.area_name))
    if view.local_postings is None:
        st.info(md(no_postings_words()))
        return
    shown = sector_tables.local_signal_table(view.sectors)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=sector_tables.column_formats(),
        key="sector_local_postings_table",
    )
    caption = view.local_postings.caption()
    st.caption(md(caption))
    note = source_caption("projections", "oews", "indeed")
    csv_download(
        shown,
        _("Download the local postings by sector (CSV)"),
        _("sector-local-postings-{area}").format(area=view.area_name),
        f"{note} {caption} {sector_data.sector_file_note()}",
        key="dl_sector_local_postings",
    )


def render_sector_postings(view: SectorView) -> None:
    """The chosen sectors' national postings trends, a second national signal beside the projections."""
    st.header(_("Second national signal: job postings by sector (Indeed)"))
    if view.postings.empty:
        st.info(_("No chosen sector is mapped to an Indeed Hiring Lab sector."))
        return
    st.write(
        _(
            "BLS projects ten years ahead; Indeed's postings index shows what employers advertise now. Latest "
            "published value: {date}, against the same day a year earlier."
        ).format(date=short_date(view.postings.latest_on.max()))
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
        _("Download the postings trends (CSV)"),
        _("sector-postings-indeed"),
        f"{note} {sector_data.sector_file_note()}",
        key="dl_sector_postings",
    )


def render_quadrant(view: SectorView) -> None:
    """National growth against local concentration, for the sectors or their occupations."""
    st.header(_("National growth against local concentration"))
    choices = {"sectors": _("Sectors"), "occupations": _("Occupations in the chosen sectors")}
    shown = st.radio(
        _("Show"),
        list(choices),
        format_func=lambda key: choices.get(key, ""),
        horizontal=True,
        key=neutral_key("sector_quadrant_view"),
    )
    by_occupation = shown == "occupations"
    points = sector_charts.quadrant_points(view, occupations=by_occupation)
    if points.empty:
        st.info(_("No sector or occupation here has a published location quotient to plot."))
        return
    chart = sector_charts.quadrant_chart(points, view.thresholds, named=not by_occupation)
    show_figure(chart, sector_charts.quadrant_summary(points))
    st.caption(f"{sector_charts.quadrant_caption(view.thresholds)} {md(data.source_note(('oews', 'projections')))}")


def render_occupations(view: SectorView) -> None:
    """The chosen sectors' occupations, each with its own flag and sentence."""
    st.header(_("Occupations in the chosen sectors"))
    carried = set(view.occupations.flag)
    labels = {flag: flag_label(flag) for flag in FLAG_LABELS if flag in carried}  # keys survive a language switch
    picked = st.multiselect(
        _("Show flags"),
        list(labels),
        default=list(labels),
        format_func=labels.get,
        key=neutral_key("sector_occupation_flags"),
    )
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
        _(
            "One row per code BLS publishes numbers for, under BLS's title. “{whose}” names the O*NET "
            "occupations a group figure covers (an “All Other” residual, or a code O*NET splits); the figure is the "
            "group's and is counted once. Wage ÷ area median: the local median annual wage over {median}, the "
            "median of all occupations in {area}. “≥ … (top-coded)”: BLS publishes only a lower bound. {source}"
        ).format(
            whose=sector_tables.headers()["whose"],
            median=format_usd(view.area_wage_median_usd),
            area=view.area_name,
            source=md(note),
        )
    )
    csv_download(
        shown,
        _("Download the occupation flags (CSV)"),
        _("sector-occupations-{area}").format(area=view.area_name),
        f"{note} {sector_data.sector_file_note()}",
        key="dl_sector_occupations",
    )


def render_hidden(view: SectorView) -> None:
    """Strong local occupations that a portfolio built around popular sectors would miss."""
    st.header(_("Hidden local demand: strong local occupations in no popular sector"))
    st.write(
        _("Occupations with a {rule}. A training portfolio built around popular sectors would miss them.").format(
            rule=rules_text(view.thresholds)[HIDDEN]
        )
    )
    if view.hidden.empty:
        st.info(
            _("No occupation outside the popular sectors meets the hidden-demand rule in {area}.").format(
                area=view.area_name
            )
        )
        return
    shown = sector_tables.hidden_table(view.hidden)
    st.dataframe(
        shown, hide_index=True, width="stretch", column_config=sector_tables.column_formats(), key="sector_hidden_table"
    )
    note = source_caption("oews", "projections")
    csv_download(
        shown,
        _("Download hidden local demand (CSV)"),
        _("hidden-local-demand-{area}").format(area=view.area_name),
        f"{note} {sector_data.sector_file_note()}",
        key="dl_hidden",
    )


def render_seats(view: SectorView) -> None:
    """Planned seats, typed one a line, against the estimated openings they compete for."""
    st.header(_("Planned training seats against estimated openings"))
    words = seats_form_words()
    st.write(_("{help} Example:").format(help=words["help"]))
    st.code(SEATS_TEXT_EXAMPLE, language=None)
    cols = st.columns([3, 1])
    typed = cols[0].text_area(
        _("Planned seats a year"), key="sector_seats", height=140, placeholder=SEATS_TEXT_EXAMPLE.splitlines()[0]
    )
    ratio = cols[1].number_input(
        words["oversupply_ratio"],
        value=DEFAULT_OVERSUPPLY_RATIO,
        min_value=0.05,
        step=0.05,
        key="sector_oversupply_ratio",
    )
    if not typed.strip():
        return
    try:
        compared = sector_data.seat_comparison(typed, view.area_code, view.area_name, view.thresholds, ratio)
    except SeatsError as exc:
        st.error(
            _("These seats were not accepted; fix each line and try again:")
            + "\n\n"
            + "\n".join(f"- {problem}" for problem in exc.problems)
        )
        return
    shown = sector_tables.seats_table(compared)
    st.dataframe(
        shown, hide_index=True, width="stretch", column_config=sector_tables.column_formats(), key="sector_seats_table"
    )
    note = data.source_note(("oews", "projections"))
    st.caption(f"{words['caveat']} {md(note)}")
    csv_download(
        shown,
        _("Download the seat comparison (CSV)"),
        _("seats-vs-openings-{area}").format(area=view.area_name),
        f"{note} {sector_data.sector_file_note()}",
        key="dl_seats",
    )


def render_areas(state_fips: str, state_name: str, chosen: tuple[str, ...], names: dict[str, str]) -> None:
    """One sector across the state's metro and nonmetropolitan areas: a map and a ranking."""
    st.header(_("Where in {state} would a sector's trainees most likely find work?").format(state=state_name))
    sector_key = st.selectbox(
        _("Sector to rank the areas for"), chosen, format_func=names.get, key=neutral_key("sector_ranking_pick")
    )
    ranking = sector_data.sector_across_areas(sector_key, state_fips)
    if not ranking.empty:
        sector_map = area_maps.sector_state_map(ranking, state_fips, state_name, names.get(sector_key, sector_key))
        area_maps.show_map(sector_map, key="sector_areas_map")
    shown = sector_tables.ranking_table(ranking)
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=sector_tables.column_formats(),
        key="sector_ranking_table",
    )
    geo_note = data.source_note(("oews", "projections", "geo", "us_atlas"))
    st.caption(f"{area_maps.sector_ranking_caption()} {geo_note}")
    csv_download(
        shown,
        _("Download the ranking (CSV)"),
        _("{sector}-areas-{state}").format(sector=sector_key, state=state_name),
        f"{geo_note} {sector_data.sector_file_note()}",
        key="dl_sector_ranking",
    )


def render_definitions(names: dict[str, str]) -> None:
    """What is in each sector, with its citations: shown for every region, including the nation."""
    st.header(_("What is in each sector"))
    sector_key = st.selectbox(
        _("Sector to show"), list(names), format_func=names.get, key=neutral_key("sector_definition")
    )
    sector = sector_data.sector_definitions().sector(sector_key)
    file_note = sector_data.sector_file_note()
    lines = (
        f"**{sector.sector_name}** — {sector.description}",
        _("*Basis:* {basis}.").format(basis=sector.basis),
        _("*How the list was made:* {selection}").format(selection=sector.selection),
    )
    st.markdown(md("  \n".join(lines)))
    citations = sector_data.sector_citations((sector_key,))
    followed = "; ".join(f"{c.publisher}, [{c.title}]({c.url})" for c in citations.itertuples())
    st.markdown(_("*Follows:* {citations}").format(citations=followed))
    members = sector_data.sector_occupations((sector_key,))
    st.dataframe(
        sector_tables.members_table(members),
        hide_index=True,
        width="stretch",
        column_config=sector_tables.column_formats(),
        key="sector_members_table",
    )
    st.caption(
        ngettext(
            "{count} occupation, {signature} of them signature occupations (the ones people mean when they name "
            "the sector). {file_note} Occupations can belong to several sectors, so sector totals overlap and "
            "must not be added up.",
            "{count} occupations, {signature} of them signature occupations (the ones people mean when they name "
            "the sector). {file_note} Occupations can belong to several sectors, so sector totals overlap and "
            "must not be added up.",
            len(members),
        ).format(count=len(members), signature=int(members.is_signature.sum()), file_note=file_note)
    )
    csv_download(
        sector_tables.every_member_table(sector_data.sector_occupations(tuple(names))),
        _("Download every sector's occupations (CSV)"),
        _("sector-definitions"),
        file_note,
        key="dl_sector_defs",
    )


def render_method(view: SectorView) -> None:
    """How the numbers are made, in the domain's own words for the thresholds and openings method in use."""
    with st.expander(_("How these numbers are made")):
        items = method_items(view.thresholds, data.openings_method(), local_postings=view.local_postings is not None)
        st.markdown(md("\n".join(f"- **{term}** — {text}" for term, text in items)))


main()
