"""Sector reality check: for the region picked in the sidebar, which popular training sectors lack
local demand, which are local strengths, which strong local occupations sit in no popular sector,
how planned training seats compare with estimated openings, and where in the state a sector's
trainees would most likely find work. Renders only: numbers and rules come from ``lmi``."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from lmi.demand import JOBS_PER_RATE_BASE
from lmi.oews_values import format_usd
from lmi.seats import SeatsError, compare_seats, parse_seats_text
from lmi.sector_flags import FLAG_LABELS, FlagThresholds, ThresholdError, default_thresholds, rules_text
from ui import data, sector_data
from ui.components import csv_download, source_caption
from ui.region import current_region

FLAG_COLORS = {
    "Popular nationally, thin locally": "#d62728",
    "Local strength": "#2ca02c",
    "Balanced": "#7f7f7f",
    "Thin locally, not growing fast nationally": "#ff9896",
    "No local estimate": "#c7c7c7",
    "Too little local data": "#c7c7c7",
    "Hidden local demand": "#1f77b4",
}
SEATS_EXAMPLE = "healthcare, 120\n29-1141, 40\nclean_energy, 25"

stamp = data.stamp()
region = current_region()
sector_list = sector_data.sector_list(stamp)
sector_names = dict(zip(sector_list.sector_key, sector_list.sector_name))
file_note = sector_data.sector_file_note(stamp)

st.title("Sector reality check")
st.write("Retraining money often follows sectors that grow nationally. This page sets that national signal "
         "against what employers in your region actually employ, flags popular sectors that are thin here, "
         "local strengths, and strong local occupations that no popular sector covers, and compares planned "
         "training seats with the openings we estimate for the region.")

chosen = st.multiselect("Sectors to check", list(sector_names), default=list(sector_names),
                        format_func=sector_names.get, key="sector_pick",
                        help="Each sector is a list of SOC occupations defined in the project's sector file; "
                             "see “What is in each sector” below.")

baseline = sector_data.area_baseline(region.area_code, stamp)
defaults = default_thresholds(baseline.national_growth_2024_34_pct)
with st.expander("Flag thresholds (change them to test how robust a flag is)"):
    cols = st.columns(3)
    growth_min = cols[0].number_input(
        "“Growing nationally”: projected growth 2024–34 at least (%)", value=defaults.national_growth_min_pct,
        step=0.5, key="sector_growth_min",
        help=f"Default: the {defaults.national_growth_min_pct:g}% BLS projects for all occupations.")
    thin_lq = cols[1].number_input("“Thin locally”: location quotient below", value=defaults.thin_lq_below,
                                   min_value=0.05, step=0.05, key="sector_thin_lq")
    strength_lq = cols[2].number_input("“Local strength”: location quotient at least", value=defaults.strength_lq_min,
                                       min_value=0.05, step=0.05, key="sector_strength_lq")
    cols = st.columns(3)
    hidden_rate = cols[0].number_input("“Hidden demand”: estimated openings per 10,000 local jobs at least",
                                       value=defaults.hidden_openings_per_10k_min, min_value=0.0, step=1.0,
                                       key="sector_hidden_rate")
    min_coverage = cols[1].number_input("Judge a sector only if local estimates cover at least (% of its jobs)",
                                        value=defaults.min_local_coverage_pct, min_value=0.0, max_value=100.0,
                                        step=5.0, key="sector_min_coverage")
try:
    thresholds = FlagThresholds(growth_min, thin_lq, strength_lq, hidden_rate, min_coverage)
except ThresholdError as exc:
    st.error(f"These thresholds cannot be used: {exc}.")
    st.stop()
rules = rules_text(thresholds)


def sector_definitions() -> None:
    """What is in each sector, with its citations: shown for every region, including the nation."""
    st.subheader("What is in each sector")
    key = st.selectbox("Sector to show", list(sector_names), format_func=sector_names.get, key="sector_definition")
    row = sector_list.set_index("sector_key").loc[key]
    st.markdown(f"**{row.sector_name}** — {row.description}  \n*Basis:* {row.basis}.  \n*How the list was made:* "
                f"{row.selection}")
    citations = sector_data.sector_citations((key,), stamp)
    st.markdown("*Follows:* " + "; ".join(f"{c.publisher}, [{c.title}]({c.url})" for c in citations.itertuples()))
    members = sector_data.sector_occupations((key,), stamp)
    st.dataframe(members.rename(columns={"soc_code": "SOC code", "occupation_title": "Occupation (OEWS title)",
                                         "file_line": "Line in sector file"})
                 [["SOC code", "Occupation (OEWS title)", "Line in sector file"]], hide_index=True, width="stretch")
    st.caption(f"{len(members)} occupations. {file_note} Occupations can belong to several sectors, so sector "
               "totals overlap and must not be added up.")
    every = sector_data.sector_occupations(tuple(sector_names), stamp)
    csv_download(every[["sector_key", "sector_name", "soc_code", "occupation_title"]],
                 "Download every sector's occupations (CSV)", "sector-definitions", file_note, key="dl_sector_defs")


# ---------------------------------------------------------------- the nation: national signal only
if region.kind == "national":
    st.info("Pick a state, or a metro or nonmetropolitan area, in the sidebar: the reality check compares the "
            "national signal with a region's employers. Below is the national signal alone.")
    national = sector_data.reality_check(region.area_code, region.label, tuple(chosen), thresholds, stamp).sectors
    if len(national):
        shown = national.rename(columns={
            "sector_name": "Sector", "national_growth_2024_34_pct": "Projected growth 2024–34 (%)",
            "national_annual_openings_count": "Projected openings a year",
            "national_employment_share_pct": "Share of national jobs (%)", "occupations_count": "Occupations"})
        shown = shown[["Sector", "Projected growth 2024–34 (%)", "Projected openings a year",
                       "Share of national jobs (%)", "Occupations"]]
        st.dataframe(shown, hide_index=True, width="stretch", column_config={
            "Projected growth 2024–34 (%)": st.column_config.NumberColumn(format="%.1f"),
            "Projected openings a year": st.column_config.NumberColumn(format="localized"),
            "Share of national jobs (%)": st.column_config.NumberColumn(format="%.1f")})
        note = source_caption("projections", "oews")
        csv_download(shown, "Download (CSV)", "sectors-national-signal", f"{note} {file_note}", key="dl_national")
    sector_definitions()
    st.stop()

# ---------------------------------------------------------------- a state or an area
check = sector_data.reality_check(region.area_code, region.label, tuple(chosen), thresholds, stamp)
area = region.label

if region.state_fips:
    trend = sector_data.postings_trend_for(region.state_fips, stamp)
    if trend:
        st.subheader(f"Hiring climate: job postings in {trend.state_name}")
        cols = st.columns(3)
        cols[0].metric(f"Indeed postings index, {trend.latest_on:%d %b %Y}", f"{trend.latest_index:.1f}",
                       help="1 February 2020 = 100. All postings in the state, not one sector.")
        cols[1].metric("Change over 12 months", f"{trend.change_12m_pct:+.1f}%",
                       help=f"Against {trend.year_earlier_index:.1f} on {trend.year_earlier_on:%d %b %Y}.")
        cols[2].metric("United States, same 12 months", f"{trend.national_change_12m_pct:+.1f}%",
                       help="Indeed's seasonally adjusted national index.")
        series = sector_data.postings_series(region.state_fips, stamp)
        st.altair_chart(alt.Chart(series).mark_line().encode(
            x=alt.X("posted_on:T", title=None), y=alt.Y("postings_index:Q", title="Index, 1 Feb 2020 = 100"),
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top"))).properties(height=200),
            width="stretch")
        source_caption("indeed")
        st.caption("The index covers all of a state's postings; Indeed publishes no state series by sector, so it "
                   "is context for the region, not evidence about any one sector.")
    else:
        st.caption("Indeed Hiring Lab publishes no job-postings index for this state or territory.")

if not chosen:
    st.info("Choose at least one sector above.")
    sector_definitions()
    st.stop()

# ---------------------------------------------------------------- sectors
st.subheader(f"Popular sectors in {area}")
sectors = check.sectors
counts = sectors.flag_label.value_counts()
cols = st.columns(3)
cols[0].metric("Popular nationally, thin locally", int(counts.get(FLAG_LABELS["thin_locally"], 0)))
cols[1].metric("Local strengths", int(counts.get(FLAG_LABELS["local_strength"], 0)))
cols[2].metric("Hidden local demand (occupations)", len(check.hidden))

shown_sectors = pd.DataFrame({
    "Sector": sectors.sector_name,
    "Flag": sectors.flag_label,
    "Why": sectors.flag_reason,
    "National growth 2024–34 (%)": sectors.national_growth_2024_34_pct,
    "National openings a year": sectors.national_annual_openings_count,
    "Share of national jobs (%)": sectors.national_employment_share_pct,
    "Local jobs": sectors.local_employment_count,
    "Location quotient": sectors.location_quotient,
    "Est. local openings a year": sectors.local_annual_openings_est_count.round(0),
    f"Est. openings per {JOBS_PER_RATE_BASE:,} local jobs": sectors.local_openings_per_10k_jobs,
    "Local jobs paying above the area median (%)": sectors.local_jobs_above_area_median_wage_pct,
    "Occupations with local estimates": [f"{int(a)} of {int(b)}" for a, b in
                                         zip(sectors.occupations_with_local_estimate_count, sectors.occupations_count)],
})
NUMBER_FORMATS = {
    "National growth 2024–34 (%)": st.column_config.NumberColumn(format="%.1f"),
    "Growth 2024–34 (%)": st.column_config.NumberColumn(format="%.1f"),
    "National openings a year": st.column_config.NumberColumn(format="localized"),
    "Share of national jobs (%)": st.column_config.NumberColumn(format="%.2f"),
    "Local jobs": st.column_config.NumberColumn(format="localized"),
    "Location quotient": st.column_config.NumberColumn(format="%.2f"),
    "Est. local openings a year": st.column_config.NumberColumn(format="localized"),
    f"Est. openings per {JOBS_PER_RATE_BASE:,} local jobs": st.column_config.NumberColumn(format="%.1f"),
    "Local jobs paying above the area median (%)": st.column_config.NumberColumn(format="%.0f"),
    "Wage ÷ area median": st.column_config.NumberColumn(format="%.2f"),
    "Seats a year": st.column_config.NumberColumn(format="localized"),
    "Seats ÷ openings": st.column_config.NumberColumn(format="%.2f"),
    "Why": st.column_config.TextColumn(width="large"),
}
st.dataframe(shown_sectors, hide_index=True, width="stretch", column_config=NUMBER_FORMATS, key="sector_flags_table")
note = source_caption("oews", "projections")
st.caption(f"{file_note} Flags: " + "; ".join(f"**{FLAG_LABELS[k]}**: {rules[k]}" for k in
                                               ("thin_locally", "local_strength", "balanced", "thin_not_growing",
                                                "too_little_local_data")) + ".")
csv_download(shown_sectors, "Download the sector flags (CSV)", f"sector-flags-{area}", f"{note} {file_note}",
             key="dl_sector_flags")

# ---------------------------------------------------------------- quadrant chart
st.subheader("National growth against local concentration")
view = st.radio("Show", ["Sectors", "Occupations in the chosen sectors"], horizontal=True, key="sector_quadrant_view")
if view == "Sectors":
    points = sectors.rename(columns={"sector_name": "label"})
else:
    points = check.occupations.drop_duplicates("soc_code").rename(columns={"occupation_title": "label"})
points = points.dropna(subset=["location_quotient", "national_growth_2024_34_pct"])
points = points[points.location_quotient > 0]
if points.empty:
    st.info("No sector or occupation here has a published location quotient to plot.")
else:
    x = alt.X("location_quotient:Q", title="Local concentration (location quotient, log scale)",
              scale=alt.Scale(type="log"))
    y = alt.Y("national_growth_2024_34_pct:Q", title="Projected national growth 2024–34 (%)")
    dots = alt.Chart(points).mark_circle(opacity=0.8, stroke="black", strokeWidth=0.4).encode(
        x=x, y=y,
        size=alt.Size("local_employment_count:Q", title="Local jobs", scale=alt.Scale(range=[30, 1500])),
        color=alt.Color("flag_label:N", title="Flag", scale=alt.Scale(domain=list(FLAG_COLORS),
                                                                      range=list(FLAG_COLORS.values()))),
        tooltip=[alt.Tooltip("label:N", title="Name"), alt.Tooltip("flag_label:N", title="Flag"),
                 alt.Tooltip("location_quotient:Q", title="Location quotient", format=".2f"),
                 alt.Tooltip("national_growth_2024_34_pct:Q", title="National growth (%)", format=".1f"),
                 alt.Tooltip("local_employment_count:Q", title="Local jobs", format=","),
                 alt.Tooltip("local_annual_openings_est_count:Q", title="Est. openings a year", format=",.0f")])
    guides = pd.DataFrame({"location_quotient": [thresholds.thin_lq_below, thresholds.strength_lq_min]})
    vrules = alt.Chart(guides).mark_rule(strokeDash=[4, 4], color="#555").encode(x="location_quotient:Q")
    hrule = alt.Chart(pd.DataFrame({"national_growth_2024_34_pct": [thresholds.national_growth_min_pct]})).mark_rule(
        strokeDash=[4, 4], color="#555").encode(y="national_growth_2024_34_pct:Q")
    layers = [dots, vrules, hrule]
    if view == "Sectors":
        layers.append(alt.Chart(points).mark_text(align="left", dx=8, fontSize=11).encode(x=x, y=y, text="label:N"))
    st.altair_chart(alt.layer(*layers).properties(height=440), width="stretch")
    st.caption(f"Top left: growing nationally (at least {thresholds.national_growth_min_pct:g}%, horizontal line) "
               f"but thin here (location quotient below {thresholds.thin_lq_below:g}, left dashed line). Right of "
               f"{thresholds.strength_lq_min:g}: local strengths. Circle size: local jobs. Occupations without a "
               "published local estimate cannot be plotted. " + data.source_note(("oews", "projections"), stamp))

# ---------------------------------------------------------------- occupations
st.subheader("Occupations in the chosen sectors")
occupations = check.occupations
present = [label for label in FLAG_LABELS.values() if label in set(occupations.flag_label)]
picked = st.multiselect("Show flags", present, default=present, key="sector_occupation_flags")
rows = occupations[occupations.flag_label.isin(picked)]
shown_occupations = pd.DataFrame({
    "Sector": rows.sector_name,
    "SOC code": rows.soc_code,
    "Occupation": rows.occupation_title,
    "Flag": rows.flag_label,
    "Why": rows.flag_reason,
    "Growth 2024–34 (%)": rows.national_growth_2024_34_pct,
    "National openings a year": rows.national_annual_openings_count,
    "Share of national jobs (%)": rows.national_employment_share_pct,
    "Local jobs": rows.local_employment_count,
    "Location quotient": rows.location_quotient,
    "Local median wage": [format_usd(v, f) for v, f in zip(rows.local_annual_wage_median_usd,
                                                            rows.local_annual_wage_median_footnote)],
    "Wage ÷ area median": rows.local_wage_to_area_median_ratio,
    "Est. local openings a year": rows.local_annual_openings_est_count.round(0),
})
st.dataframe(shown_occupations, hide_index=True, width="stretch", column_config=NUMBER_FORMATS,
             key="sector_occupations_table")
area_median = format_usd(baseline.local_annual_wage_median_usd)
st.caption(f"Wage ÷ area median: the occupation's local median annual wage over {area_median}, the median of all "
           f"occupations in {area}. “≥ … (top-coded)”: BLS publishes only a lower bound. {note}")
csv_download(shown_occupations, "Download the occupation flags (CSV)", f"sector-occupations-{area}",
             f"{note} {file_note}", key="dl_sector_occupations")

# ---------------------------------------------------------------- hidden local demand
st.subheader("Hidden local demand: strong local occupations in no popular sector")
st.write(f"Occupations with a {rules['hidden_local_demand']}. A training portfolio built around popular sectors "
         "would miss them.")
hidden = check.hidden
if hidden.empty:
    st.info(f"No occupation outside the popular sectors meets the hidden-demand rule in {area}.")
else:
    shown_hidden = pd.DataFrame({
        "SOC code": hidden.soc_code, "Occupation": hidden.occupation_title, "Why": hidden.flag_reason,
        "Local jobs": hidden.local_employment_count, "Location quotient": hidden.location_quotient,
        "Est. local openings a year": hidden.local_annual_openings_est_count.round(0),
        f"Est. openings per {JOBS_PER_RATE_BASE:,} local jobs": hidden.local_openings_per_10k_jobs,
        "Growth 2024–34 (%)": hidden.national_growth_2024_34_pct,
        "Local median wage": [format_usd(v, f) for v, f in zip(hidden.local_annual_wage_median_usd,
                                                                hidden.local_annual_wage_median_footnote)],
    })
    st.dataframe(shown_hidden, hide_index=True, width="stretch", column_config=NUMBER_FORMATS,
                 key="sector_hidden_table")
    source_caption("oews", "projections")
    csv_download(shown_hidden, "Download hidden local demand (CSV)", f"hidden-local-demand-{area}",
                 f"{note} {file_note}", key="dl_hidden")

# ---------------------------------------------------------------- training seats
st.subheader("Planned training seats against estimated openings")
st.write("Enter planned seats a year, one line per sector or occupation: a sector key or name, or a SOC code, "
         "then the number of seats. Example:")
st.code(SEATS_EXAMPLE, language=None)
cols = st.columns([3, 1])
typed = cols[0].text_area("Planned seats a year", key="sector_seats", height=140,
                          placeholder="healthcare, 120")
ratio = cols[1].number_input("Flag oversupply when seats exceed this many times the estimated openings",
                             value=1.0, min_value=0.05, step=0.05, key="sector_oversupply_ratio")
if typed.strip():
    targets = sector_data.seat_targets(stamp)
    try:
        seats = parse_seats_text(typed, targets)
    except SeatsError as exc:
        st.error("These seats were not accepted; fix each line and try again:\n\n"
                 + "\n".join(f"- {problem}" for problem in exc.problems))
    else:
        all_sectors = sector_data.reality_check(region.area_code, area, tuple(sector_names), thresholds, stamp)
        compared = compare_seats(seats, all_sectors.sectors, sector_data.occupation_demand(region.area_code, stamp),
                                 targets, area, ratio)
        shown_seats = pd.DataFrame({
            "Sector or occupation": compared.target_name, "Code": compared.target_code,
            "Seats a year": compared.seats_per_year_count,
            "Est. local openings a year": compared.local_annual_openings_est_count.round(0),
            "Seats ÷ openings": compared.seats_to_openings_ratio, "Flag": compared.flag_label,
            "Why": compared.flag_reason})
        st.dataframe(shown_seats, hide_index=True, width="stretch", column_config=NUMBER_FORMATS,
                     key="sector_seats_table")
        st.caption("Openings are also filled by people already trained, by movers and by other programs, and "
                   "completers are usually fewer than seats: seats close to the openings already leave little room. "
                   f"{note}")
        csv_download(shown_seats, "Download the seat comparison (CSV)", f"seats-vs-openings-{area}",
                     f"{note} {file_note}", key="dl_seats")

# ---------------------------------------------------------------- across the state's areas
if region.state_fips:
    state_name = next((s for s in data.states(stamp).itertuples() if s.state_fips == region.state_fips)).state_name
    st.subheader(f"Where in {state_name} would a sector's trainees most likely find work?")
    ranked_key = st.selectbox("Sector to rank the areas for", chosen, format_func=sector_names.get,
                              key="sector_ranking_pick")
    ranking = sector_data.sector_across_areas(ranked_key, region.state_fips, stamp)
    mapped = ranking.dropna(subset=["latitude_deg", "local_annual_openings_est_count"])
    if not mapped.empty:
        chart = alt.Chart(mapped).mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5).encode(
            longitude="longitude_deg:Q", latitude="latitude_deg:Q",
            size=alt.Size("local_annual_openings_est_count:Q", title="Est. openings a year",
                          scale=alt.Scale(range=[40, 1600])),
            color=alt.Color("location_quotient:Q", title="Location quotient",
                            scale=alt.Scale(scheme="redblue", domainMid=1, reverse=True)),
            tooltip=[alt.Tooltip("area_name:N", title="Area"), alt.Tooltip("openings_rank:Q", title="Rank"),
                     alt.Tooltip("local_annual_openings_est_count:Q", title="Est. openings a year", format=",.0f"),
                     alt.Tooltip("local_employment_count:Q", title="Jobs", format=","),
                     alt.Tooltip("location_quotient:Q", title="Location quotient", format=".2f")],
        )
        top = mapped[mapped.openings_rank <= 5].assign(
            label=lambda f: f.openings_rank.astype(str) + " " + f.area_name.str.split(r"[-,]", regex=True).str[0])
        names = alt.Chart(top).mark_text(align="left", dx=9, fontSize=11).encode(
            longitude="longitude_deg:Q", latitude="latitude_deg:Q", text="label:N")
        st.altair_chart(alt.layer(chart, names).project(type="albersUsa").properties(height=420), width="stretch")
    shown_ranking = pd.DataFrame({
        "Rank": ranking.openings_rank, "Area": ranking.area_name,
        "Kind": ranking.area_kind.map({"metro": "metro", "nonmetro": "nonmetropolitan"}),
        "Est. local openings a year": ranking.local_annual_openings_est_count.round(0),
        f"Est. openings per {JOBS_PER_RATE_BASE:,} local jobs": ranking.local_openings_per_10k_jobs,
        "Local jobs": ranking.local_employment_count, "Location quotient": ranking.location_quotient,
        "Local jobs paying above the area median (%)": ranking.local_jobs_above_area_median_wage_pct,
        "Occupations with local estimates": [f"{int(a)} of {int(b)}" for a, b in zip(
            ranking.occupations_with_local_estimate_count, ranking.occupations_count)],
        "Crosses a state line": ranking.states_count > 1,
    })
    st.dataframe(shown_ranking, hide_index=True, width="stretch", column_config=NUMBER_FORMATS,
                 key="sector_ranking_table")
    geo_note = data.source_note(("oews", "projections", "geo"), stamp)
    st.caption("Ranked by estimated openings a year: the number of jobs a completer could compete for; the five "
               "highest are numbered on the map. Circles sit "
               "at each metro area's Census centroid, sized by estimated openings and coloured by the sector's "
               "location quotient (red: more concentrated than nationally); nonmetropolitan areas have no centroid "
               "and appear only in the table. A metro area crossing a state line is counted with all its jobs. "
               + geo_note)
    csv_download(shown_ranking, "Download the ranking (CSV)", f"{ranked_key}-areas-{state_name}",
                 f"{geo_note} {file_note}", key="dl_sector_ranking")

sector_definitions()

# ---------------------------------------------------------------- method
with st.expander("How these numbers are made"):
    st.markdown(
        "- **National signal** — BLS Employment Projections 2024–34: projected employment change (%) and average "
        "annual openings (from growth, people leaving the labor force and people changing occupation). A sector's "
        "growth is its occupations' total change over their total 2024 employment.\n"
        "- **Local reality** — BLS OEWS May 2025 for the area: employment, location quotient (the occupation's share "
        "of local jobs over its share of national jobs) and median wage. OEWS excludes the self-employed.\n"
        "- **A sector's location quotient** compares like with like: local jobs in the sector's occupations that BLS "
        "released here, over the same occupations' national jobs, each as a share of all jobs. Where BLS withheld "
        "some occupations, local jobs and openings are “at least” figures.\n"
        "- **Estimated local openings** = national annual openings × the area's share of national employment in the "
        "occupation (area OEWS jobs ÷ national jobs in the projections), i.e. BLS's national openings per job applied "
        "to local jobs. This assumes local turnover and growth equal the nation's; openings among the "
        "self-employed are not allocated. No estimate is made where BLS released no local employment.\n"
        "- **Flags** — " + "; ".join(f"*{FLAG_LABELS[k]}*: {v}" for k, v in rules.items()) + ".\n"
        "- **Sectors** are the project's own lists (data/sectors), each citing the public documents it follows; "
        "change them there and rebuild the database.")
