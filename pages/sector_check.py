"""Sector reality check: for the region picked in the sidebar, which popular training sectors lack
local demand, which are local strengths (and which occupations carry each verdict), which strong
local occupations sit in no popular sector, how each sector's job postings are trending nationally,
how planned training seats compare with estimated openings, and where in the state a sector's
trainees would most likely find work. Renders only: numbers, rules and sentences come from ``lmi``."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from lmi.demand import JOBS_PER_RATE_BASE
from lmi.demand.columns import help_text, label
from lmi.demand.oews_values import format_usd
from lmi.demand.postings_trend import sector_postings_words
from lmi.sectors.flags import FLAG_LABELS, FlagThresholds, ThresholdError, default_thresholds, rules_text
from lmi.sectors.seats import SeatsError, compare_seats, parse_seats_text
from ui import data, sector_data
from ui.components import csv_download, md, source_caption
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
SEATS_EXAMPLE = "healthcare, 120\n29-1141, 40\n31-1121.00, 30\nclean_energy, 25"
JOBS, LQ = label("local_employment_count"), label("location_quotient")
OPENINGS = label("local_annual_openings_est_count")
GROWTH, NATIONAL_OPENINGS = label("national_growth_2024_34_pct"), label("national_annual_openings_count")
WAGE, WHOSE = label("local_annual_wage_median_usd"), label("demand_basis")
CODE, TITLE = label("soc_code"), label("soc_title")
PER_10K = f"Est. openings per {JOBS_PER_RATE_BASE:,} local jobs"
POSTINGS = "Indeed postings, nation (index, 12-month change)"
GROUP_HELP = (
    "Blank where the figure is the code's own. Otherwise the figure is a BLS group's: an “All Other” "
    "residual or a code covering several O*NET occupations, named here; it is counted once."
)

stamp = data.stamp()
region = current_region()

stamp = data.stamp()
region = current_region()
sector_list = sector_data.sector_list(stamp)
sector_names = dict(zip(sector_list.sector_key, sector_list.sector_name))
file_note = sector_data.sector_file_note(stamp)

st.title("Sector reality check")
st.write(
    "Retraining money often follows sectors that grow nationally. This page sets that national signal "
    "against what employers in your region actually employ, flags popular sectors that are thin here, "
    "local strengths, and strong local occupations that no popular sector covers, and compares planned "
    "training seats with the openings we estimate for the region."
)

chosen = st.multiselect(
    "Sectors to check",
    list(sector_names),
    default=list(sector_names),
    format_func=sector_names.get,
    key="sector_pick",
    help="Each sector is a list of SOC occupations defined in the project's sector file; "
    "see “What is in each sector” below.",
)

baseline = sector_data.area_baseline(region.area_code, stamp)
defaults = default_thresholds(baseline.national_growth_2024_34_pct)
with st.expander("Flag thresholds (change them to test how robust a flag is)"):
    cols = st.columns(3)
    growth_min = cols[0].number_input(
        "“Growing nationally”: projected growth 2024–34 at least (%)",
        value=defaults.national_growth_min_pct,
        step=0.5,
        key="sector_growth_min",
        help=f"Default: the {defaults.national_growth_min_pct:g}% BLS projects for all occupations.",
    )
    thin_lq = cols[1].number_input(
        "“Thin locally”: location quotient below",
        value=defaults.thin_lq_below,
        min_value=0.05,
        step=0.05,
        key="sector_thin_lq",
    )
    strength_lq = cols[2].number_input(
        "“Local strength”: location quotient at least",
        value=defaults.strength_lq_min,
        min_value=0.05,
        step=0.05,
        key="sector_strength_lq",
    )
    cols = st.columns(3)
    hidden_rate = cols[0].number_input(
        "“Hidden demand”: estimated openings per 10,000 local jobs at least",
        value=defaults.hidden_openings_per_10k_min,
        min_value=0.0,
        step=1.0,
        key="sector_hidden_rate",
    )
    min_coverage = cols[1].number_input(
        "Judge a sector only if local estimates cover at least (% of its jobs)",
        value=defaults.min_local_coverage_pct,
        min_value=0.0,
        max_value=100.0,
        step=5.0,
        key="sector_min_coverage",
    )
try:
    thresholds = FlagThresholds(growth_min, thin_lq, strength_lq, hidden_rate, min_coverage)
except ThresholdError as exc:
    st.error(f"These thresholds cannot be used: {exc}.")
    st.stop()
rules = rules_text(thresholds)

NUMBER_FORMATS = {
    GROWTH: st.column_config.NumberColumn(GROWTH, format="%.1f", help=help_text("national_growth_2024_34_pct")),
    NATIONAL_OPENINGS: st.column_config.NumberColumn(
        NATIONAL_OPENINGS, format="localized", help=help_text("national_annual_openings_count")
    ),
    "Share of national jobs (%)": st.column_config.NumberColumn(format="%.2f"),
    JOBS: st.column_config.NumberColumn(JOBS, format="localized", help=help_text("local_employment_count")),
    LQ: st.column_config.NumberColumn(LQ, format="%.2f", help=help_text("location_quotient")),
    OPENINGS: st.column_config.NumberColumn(
        OPENINGS, format="localized", help=help_text("local_annual_openings_est_count")
    ),
    PER_10K: st.column_config.NumberColumn(format="%.1f"),
    "Local jobs paying above the area median (%)": st.column_config.NumberColumn(format="%.0f"),
    WAGE: st.column_config.TextColumn(WAGE, help=help_text("local_annual_wage_median_usd")),
    "Wage ÷ area median": st.column_config.NumberColumn(format="%.2f"),
    "Seats a year": st.column_config.NumberColumn(format="localized"),
    "Seats ÷ openings": st.column_config.NumberColumn(format="%.2f"),
    WHOSE: st.column_config.TextColumn(WHOSE, help=GROUP_HELP, width="medium"),
    CODE: st.column_config.TextColumn(CODE, help=help_text("soc_code")),
    TITLE: st.column_config.TextColumn(TITLE, help=help_text("soc_title")),
    POSTINGS: st.column_config.TextColumn(
        POSTINGS,
        width="medium",
        help="Indeed Hiring Lab's national postings index (1 Feb 2020 = 100) for "
        "each Indeed sector the sector file maps to this sector.",
    ),
    "Why": st.column_config.TextColumn(width="large"),
}


def sector_postings() -> pd.DataFrame:
    """The chosen sectors' national postings trends, shown beside the projections as a second signal."""
    trends = sector_data.sector_postings(tuple(chosen), stamp)
    st.subheader("Second national signal: job postings by sector (Indeed)")
    if trends.empty:
        st.info("No chosen sector is mapped to an Indeed Hiring Lab sector.")
        return trends
    latest = trends.latest_on.max()
    st.write(
        f"BLS projects ten years ahead; Indeed's postings index shows what employers advertise now. Latest "
        f"published value: {latest:%d %b %Y}, against the same day a year earlier."
    )
    shown = pd.DataFrame(
        {
            "Sector": trends.sector_key.map(sector_names),
            "Indeed sector": trends.indeed_sector,
            "Latest date": trends.latest_on,
            "Index (1 Feb 2020 = 100)": trends.latest_index,
            "A year earlier": trends.year_earlier_index,
            "Change over 12 months (%)": trends.change_12m_pct,
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="sector_postings_table",
        column_config={
            "Latest date": st.column_config.DateColumn(format="D MMM YYYY"),
            "Index (1 Feb 2020 = 100)": st.column_config.NumberColumn(format="%.1f"),
            "A year earlier": st.column_config.NumberColumn(format="%.1f"),
            "Change over 12 months (%)": st.column_config.NumberColumn(format="%+.1f"),
        },
    )
    note = source_caption("indeed")
    notes = [
        f"{sector_names[k]}: {n}"
        for k, n in zip(sector_list.sector_key, sector_list.indeed_note)
        if n and k in set(trends.sector_key)
    ]
    st.caption(
        "Which Indeed sectors match each of ours is the project's mapping (in the sector file), not Indeed's: "
        "Indeed groups postings by job title into its own sectors, so a match is approximate. Indexes, "
        "not counts, so mapped sectors are shown one by one, never added. " + " ".join(notes)
    )
    csv_download(
        shown,
        "Download the postings trends (CSV)",
        "sector-postings-indeed",
        f"{note} {file_note}",
        key="dl_sector_postings",
    )
    return trends


def sector_definitions() -> None:
    """What is in each sector, with its citations: shown for every region, including the nation."""
    st.subheader("What is in each sector")
    key = st.selectbox("Sector to show", list(sector_names), format_func=sector_names.get, key="sector_definition")
    row = sector_list.set_index("sector_key").loc[key]
    st.markdown(
        md(
            f"**{row.sector_name}** — {row.description}  \n*Basis:* {row.basis}.  \n*How the list was "
            f"made:* {row.selection}"
        )
    )
    citations = sector_data.sector_citations((key,), stamp)
    st.markdown("*Follows:* " + "; ".join(f"{c.publisher}, [{c.title}]({c.url})" for c in citations.itertuples()))
    members = sector_data.sector_occupations((key,), stamp)
    shown_members = pd.DataFrame(
        {
            CODE: members.soc_code,
            TITLE: members.soc_title,
            "Signature occupation": members.is_signature.map({True: "Signature", False: ""}),
            WHOSE: members.group_label,
            "Line in sector file": members.file_line,
        }
    )
    st.dataframe(
        shown_members, hide_index=True, width="stretch", column_config=NUMBER_FORMATS, key="sector_members_table"
    )
    st.caption(
        f"{len(members)} occupations, {int(members.is_signature.sum())} of them signature occupations (the "
        f"ones people mean when they name the sector). {file_note} Occupations can belong to several sectors, "
        "so sector totals overlap and must not be added up."
    )
    every = sector_data.sector_occupations(tuple(sector_names), stamp)
    csv_download(
        pd.DataFrame(
            {
                "Sector key": every.sector_key,
                "Sector": every.sector_name,
                CODE: every.soc_code,
                TITLE: every.soc_title,
                "Signature occupation": every.is_signature,
                WHOSE: every.group_label,
            }
        ),
        "Download every sector's occupations (CSV)",
        "sector-definitions",
        file_note,
        key="dl_sector_defs",
    )


# ---------------------------------------------------------------- the nation: national signal only
if region.kind == "national":
    st.info(
        "Pick a state, or a metro or nonmetropolitan area, in the sidebar: the reality check compares the "
        "national signal with a region's employers. Below is the national signal alone."
    )
    national = sector_data.reality_check(region.area_code, region.label, tuple(chosen), thresholds, stamp).sectors
    if len(national):
        postings = sector_postings_words(sector_data.sector_postings(tuple(chosen), stamp))
        shown = pd.DataFrame(
            {
                "Sector": national.sector_name,
                GROWTH: national.national_growth_2024_34_pct,
                NATIONAL_OPENINGS: national.national_annual_openings_count,
                "Share of national jobs (%)": national.national_employment_share_pct,
                POSTINGS: national.sector_key.map(postings).fillna("no matching Indeed sector"),
                "Occupations": national.occupations_count,
            }
        )
        st.dataframe(shown, hide_index=True, width="stretch", column_config=NUMBER_FORMATS, key="sector_national_table")
        note = source_caption("projections", "oews", "indeed")
        csv_download(shown, "Download (CSV)", "sectors-national-signal", f"{note} {file_note}", key="dl_national")
        sector_postings()
    sector_definitions()
    st.stop()

# ---------------------------------------------------------------- a state or an area
check = sector_data.reality_check(region.area_code, region.label, tuple(chosen), thresholds, stamp)
area = region.label
groups = sector_data.group_labels(stamp)

if region.state_fips:
    trend = sector_data.postings_trend_for(region.state_fips, stamp)
    if trend:
        st.subheader(f"Hiring climate: job postings in {trend.state_name}")
        cols = st.columns(3)
        cols[0].metric(
            f"Indeed postings index, {trend.latest_on:%d %b %Y}",
            f"{trend.latest_index:.1f}",
            help="1 February 2020 = 100. All postings in the state, not one sector.",
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
        series = sector_data.postings_series(region.state_fips, stamp)
        st.altair_chart(
            alt.Chart(series)
            .mark_line()
            .encode(
                x=alt.X("posted_on:T", title=None),
                y=alt.Y("postings_index:Q", title="Index, 1 Feb 2020 = 100"),
                color=alt.Color("series:N", title=None, legend=alt.Legend(orient="top")),
            )
            .properties(height=200),
            width="stretch",
        )
        source_caption("indeed")
        st.caption(
            "The index covers all of a state's postings; Indeed publishes no state series by sector, so it "
            "is context for the region, not evidence about any one sector. Sector postings (national) are "
            "shown below the sector flags."
        )
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

postings_words = sector_postings_words(sector_data.sector_postings(tuple(chosen), stamp))
shown_sectors = pd.DataFrame(
    {
        "Sector": sectors.sector_name,
        "Flag": sectors.flag_label,
        "Why": sectors.flag_reason,
        GROWTH: sectors.national_growth_2024_34_pct,
        NATIONAL_OPENINGS: sectors.national_annual_openings_count,
        POSTINGS: sectors.sector_key.map(postings_words).fillna("no matching Indeed sector"),
        "Share of national jobs (%)": sectors.national_employment_share_pct,
        JOBS: sectors.local_employment_count,
        LQ: sectors.location_quotient,
        OPENINGS: sectors.local_annual_openings_est_count.round(0),
        PER_10K: sectors.local_openings_per_10k_jobs,
        "Local jobs paying above the area median (%)": sectors.local_jobs_above_area_median_wage_pct,
        "Occupations with local estimates": [
            f"{int(a)} of {int(b)}"
            for a, b in zip(sectors.occupations_with_local_estimate_count, sectors.occupations_count)
        ],
    }
)
st.dataframe(shown_sectors, hide_index=True, width="stretch", column_config=NUMBER_FORMATS, key="sector_flags_table")
st.markdown(
    "**Each verdict and what it rests on**\n\n"
    + "\n".join(f"- **{row.sector_name}: {row.flag_label}.** {md(row.flag_reason)}" for row in sectors.itertuples())
)
note = source_caption("oews", "projections")
st.caption(
    f"Each “Why” names the occupations that carry the sector here and the sector's signature occupations "
    f"BLS released no local estimate for. {file_note} Flags: "
    + "; ".join(
        f"**{FLAG_LABELS[k]}**: {rules[k]}"
        for k in ("thin_locally", "local_strength", "balanced", "thin_not_growing", "too_little_local_data")
    )
    + "."
)
csv_download(
    shown_sectors,
    "Download the sector flags (CSV)",
    f"sector-flags-{area}",
    f"{note} {file_note}",
    key="dl_sector_flags",
)

sector_postings()

# ---------------------------------------------------------------- quadrant chart
st.subheader("National growth against local concentration")
view = st.radio("Show", ["Sectors", "Occupations in the chosen sectors"], horizontal=True, key="sector_quadrant_view")
if view == "Sectors":
    points = sectors.rename(columns={"sector_name": "label"})
else:
    points = check.occupations.drop_duplicates("soc_code").rename(columns={"soc_title": "label"})
points = points.dropna(subset=["location_quotient", "national_growth_2024_34_pct"])
points = points[points.location_quotient > 0][
    [
        "label",
        "flag_label",
        "location_quotient",
        "national_growth_2024_34_pct",
        "local_employment_count",
        "local_annual_openings_est_count",
    ]
]
if points.empty:
    st.info("No sector or occupation here has a published location quotient to plot.")
else:
    x = alt.X(
        "location_quotient:Q", title="Local concentration (location quotient, log scale)", scale=alt.Scale(type="log")
    )
    y = alt.Y("national_growth_2024_34_pct:Q", title="Projected national growth 2024–34 (%)")
    dots = (
        alt.Chart(points)
        .mark_circle(opacity=0.8, stroke="black", strokeWidth=0.4)
        .encode(
            x=x,
            y=y,
            size=alt.Size("local_employment_count:Q", title="Local jobs", scale=alt.Scale(range=[30, 1500])),
            color=alt.Color(
                "flag_label:N",
                title="Flag",
                scale=alt.Scale(domain=list(FLAG_COLORS), range=list(FLAG_COLORS.values())),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Name"),
                alt.Tooltip("flag_label:N", title="Flag"),
                alt.Tooltip("location_quotient:Q", title="Location quotient", format=".2f"),
                alt.Tooltip("national_growth_2024_34_pct:Q", title="National growth (%)", format=".1f"),
                alt.Tooltip("local_employment_count:Q", title="Local jobs", format=","),
                alt.Tooltip("local_annual_openings_est_count:Q", title="Est. openings a year", format=",.0f"),
            ],
        )
    )
    guides = pd.DataFrame({"location_quotient": [thresholds.thin_lq_below, thresholds.strength_lq_min]})
    vrules = alt.Chart(guides).mark_rule(strokeDash=[4, 4], color="#555").encode(x="location_quotient:Q")
    hrule = (
        alt.Chart(pd.DataFrame({"national_growth_2024_34_pct": [thresholds.national_growth_min_pct]}))
        .mark_rule(strokeDash=[4, 4], color="#555")
        .encode(y="national_growth_2024_34_pct:Q")
    )
    layers = [dots, vrules, hrule]
    if view == "Sectors":
        layers.append(alt.Chart(points).mark_text(align="left", dx=8, fontSize=11).encode(x=x, y=y, text="label:N"))
    st.altair_chart(alt.layer(*layers).properties(height=440), width="stretch")
    st.caption(
        f"Top left: growing nationally (at least {thresholds.national_growth_min_pct:g}%, horizontal line) "
        f"but thin here (location quotient below {thresholds.thin_lq_below:g}, left dashed line). Right of "
        f"{thresholds.strength_lq_min:g}: local strengths. Circle size: local jobs; colour: flag. "
        "The same points, with their flags in words, are in the tables above and below. Occupations without a "
        "published local estimate cannot be plotted. " + md(data.source_note(("oews", "projections"), stamp))
    )

# ---------------------------------------------------------------- occupations
st.subheader("Occupations in the chosen sectors")
occupations = check.occupations
present = [flag for flag in FLAG_LABELS.values() if flag in set(occupations.flag_label)]
picked = st.multiselect("Show flags", present, default=present, key="sector_occupation_flags")
rows = occupations[occupations.flag_label.isin(picked)]
shown_occupations = pd.DataFrame(
    {
        "Sector": rows.sector_name,
        CODE: rows.soc_code,
        TITLE: rows.soc_title,
        "Signature occupation": rows.is_signature.map({True: "Signature", False: ""}),
        WHOSE: rows.group_label,
        "Flag": rows.flag_label,
        "Why": rows.flag_reason,
        GROWTH: rows.national_growth_2024_34_pct,
        NATIONAL_OPENINGS: rows.national_annual_openings_count,
        "Share of national jobs (%)": rows.national_employment_share_pct,
        JOBS: rows.local_employment_count,
        LQ: rows.location_quotient,
        WAGE: [
            format_usd(v, f) for v, f in zip(rows.local_annual_wage_median_usd, rows.local_annual_wage_median_footnote)
        ],
        "Wage ÷ area median": rows.local_wage_to_area_median_ratio,
        OPENINGS: rows.local_annual_openings_est_count.round(0),
    }
)
st.dataframe(
    shown_occupations, hide_index=True, width="stretch", column_config=NUMBER_FORMATS, key="sector_occupations_table"
)
area_median = format_usd(baseline.local_annual_wage_median_usd)
st.caption(
    f"One row per code BLS publishes numbers for, under BLS's title. “{WHOSE}” names the O*NET occupations a "
    f"group figure covers (an “All Other” residual, or a code O*NET splits); the figure is the group's and is "
    f"counted once. Wage ÷ area median: the local median annual wage over {area_median}, the median of all "
    f"occupations in {area}. “≥ … (top-coded)”: BLS publishes only a lower bound. {md(note)}"
)
csv_download(
    shown_occupations,
    "Download the occupation flags (CSV)",
    f"sector-occupations-{area}",
    f"{note} {file_note}",
    key="dl_sector_occupations",
)

# ---------------------------------------------------------------- hidden local demand
st.subheader("Hidden local demand: strong local occupations in no popular sector")
st.write(
    f"Occupations with a {rules['hidden_local_demand']}. A training portfolio built around popular sectors "
    "would miss them."
)
hidden = check.hidden
if hidden.empty:
    st.info(f"No occupation outside the popular sectors meets the hidden-demand rule in {area}.")
else:
    shown_hidden = pd.DataFrame(
        {
            CODE: hidden.soc_code,
            TITLE: hidden.soc_title,
            WHOSE: hidden.group_label,
            "Why": hidden.flag_reason,
            JOBS: hidden.local_employment_count,
            LQ: hidden.location_quotient,
            OPENINGS: hidden.local_annual_openings_est_count.round(0),
            PER_10K: hidden.local_openings_per_10k_jobs,
            GROWTH: hidden.national_growth_2024_34_pct,
            WAGE: [
                format_usd(v, f)
                for v, f in zip(hidden.local_annual_wage_median_usd, hidden.local_annual_wage_median_footnote)
            ],
        }
    )
    st.dataframe(
        shown_hidden, hide_index=True, width="stretch", column_config=NUMBER_FORMATS, key="sector_hidden_table"
    )
    source_caption("oews", "projections")
    csv_download(
        shown_hidden,
        "Download hidden local demand (CSV)",
        f"hidden-local-demand-{area}",
        f"{note} {file_note}",
        key="dl_hidden",
    )

# ---------------------------------------------------------------- training seats
st.subheader("Planned training seats against estimated openings")
st.write(
    "Enter planned seats a year, one line per sector or occupation: a sector key or name, or an occupation "
    "code (the code BLS publishes, a SOC code or an O*NET-SOC code such as 31-1121.00), then the number of "
    "seats. An occupation is compared with the openings of the code BLS publishes numbers for. Example:"
)
st.code(SEATS_EXAMPLE, language=None)
cols = st.columns([3, 1])
typed = cols[0].text_area("Planned seats a year", key="sector_seats", height=140, placeholder="healthcare, 120")
ratio = cols[1].number_input(
    "Flag oversupply when seats exceed this many times the estimated openings",
    value=1.0,
    min_value=0.05,
    step=0.05,
    key="sector_oversupply_ratio",
)
if typed.strip():
    targets = sector_data.seat_targets(stamp)
    try:
        seats = parse_seats_text(typed, targets)
    except SeatsError as exc:
        st.error(
            "These seats were not accepted; fix each line and try again:\n\n"
            + "\n".join(f"- {problem}" for problem in exc.problems)
        )
    else:
        all_sectors = sector_data.reality_check(region.area_code, area, tuple(sector_names), thresholds, stamp)
        compared = compare_seats(
            seats, all_sectors.sectors, sector_data.bls_demand(region.area_code), targets, area, ratio, groups
        )
        shown_seats = pd.DataFrame(
            {
                "Sector or occupation": compared.target_name,
                "Entered as": compared.given_code,
                "Code": compared.target_code,
                "Seats a year": compared.seats_per_year_count,
                OPENINGS: compared.local_annual_openings_est_count.round(0),
                "Seats ÷ openings": compared.seats_to_openings_ratio,
                "Flag": compared.flag_label,
                "Which occupations the openings are": compared.openings_are,
                WHOSE: compared.group_label,
                "Why": compared.flag_reason,
            }
        )
        st.dataframe(
            shown_seats, hide_index=True, width="stretch", column_config=NUMBER_FORMATS, key="sector_seats_table"
        )
        st.caption(
            "Openings are also filled by people already trained, by movers and by other programs, and "
            "completers are usually fewer than seats: seats close to the openings already leave little room. "
            f"{md(note)}"
        )
        csv_download(
            shown_seats,
            "Download the seat comparison (CSV)",
            f"seats-vs-openings-{area}",
            f"{note} {file_note}",
            key="dl_seats",
        )

# ---------------------------------------------------------------- across the state's areas
if region.state_fips:
    state_name = next(s for s in data.states(stamp).itertuples() if s.state_fips == region.state_fips).state_name
    st.subheader(f"Where in {state_name} would a sector's trainees most likely find work?")
    ranked_key = st.selectbox(
        "Sector to rank the areas for", chosen, format_func=sector_names.get, key="sector_ranking_pick"
    )
    ranking = sector_data.sector_across_areas(ranked_key, region.state_fips, stamp)
    mapped = ranking.dropna(subset=["latitude_deg", "local_annual_openings_est_count"])
    if not mapped.empty:
        chart = (
            alt.Chart(mapped)
            .mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5)
            .encode(
                longitude="longitude_deg:Q",
                latitude="latitude_deg:Q",
                size=alt.Size(
                    "local_annual_openings_est_count:Q", title="Est. openings a year", scale=alt.Scale(range=[40, 1600])
                ),
                color=alt.Color(
                    "location_quotient:Q",
                    title="Location quotient",
                    scale=alt.Scale(scheme="redblue", domainMid=1, reverse=True),
                ),
                tooltip=[
                    alt.Tooltip("area_name:N", title="Area"),
                    alt.Tooltip("openings_rank:Q", title="Rank"),
                    alt.Tooltip("local_annual_openings_est_count:Q", title="Est. openings a year", format=",.0f"),
                    alt.Tooltip("local_employment_count:Q", title="Jobs", format=","),
                    alt.Tooltip("location_quotient:Q", title="Location quotient", format=".2f"),
                ],
            )
        )
        top = mapped[mapped.openings_rank <= 5].assign(
            label=lambda f: f.openings_rank.astype(str) + " " + f.area_name.str.split(r"[-,]", regex=True).str[0]
        )
        names = (
            alt.Chart(top)
            .mark_text(align="left", dx=9, fontSize=11)
            .encode(longitude="longitude_deg:Q", latitude="latitude_deg:Q", text="label:N")
        )
        st.altair_chart(alt.layer(chart, names).project(type="albersUsa").properties(height=420), width="stretch")
    shown_ranking = pd.DataFrame(
        {
            "Rank": ranking.openings_rank,
            "Area": ranking.area_name,
            "Kind": ranking.area_kind.map({"metro": "metro", "nonmetro": "nonmetropolitan"}),
            OPENINGS: ranking.local_annual_openings_est_count.round(0),
            PER_10K: ranking.local_openings_per_10k_jobs,
            JOBS: ranking.local_employment_count,
            LQ: ranking.location_quotient,
            "Local jobs paying above the area median (%)": ranking.local_jobs_above_area_median_wage_pct,
            "Occupations with local estimates": [
                f"{int(a)} of {int(b)}"
                for a, b in zip(ranking.occupations_with_local_estimate_count, ranking.occupations_count)
            ],
            "Crosses a state line": ranking.states_count > 1,
        }
    )
    st.dataframe(
        shown_ranking, hide_index=True, width="stretch", column_config=NUMBER_FORMATS, key="sector_ranking_table"
    )
    geo_note = data.source_note(("oews", "projections", "geo"), stamp)
    st.caption(
        "Ranked by estimated openings a year: the number of jobs a completer could compete for; the five "
        "highest are numbered on the map. Circles sit "
        "at each metro area's Census centroid, sized by estimated openings and coloured by the sector's "
        "location quotient (red: more concentrated than nationally); nonmetropolitan areas have no centroid "
        "and appear only in the table. A metro area crossing a state line is counted with all its jobs. " + geo_note
    )
    csv_download(
        shown_ranking,
        "Download the ranking (CSV)",
        f"{ranked_key}-areas-{state_name}",
        f"{geo_note} {file_note}",
        key="dl_sector_ranking",
    )

sector_definitions()

# ---------------------------------------------------------------- method
with st.expander("How these numbers are made"):
    st.markdown(
        md(
            "- **National signal** — BLS Employment Projections 2024–34: projected employment change (%) and average "
            "annual openings (from growth, people leaving the labor force and people changing occupation). A sector's "
            "growth is its occupations' total change over their total 2024 employment.\n"
            "- **Local reality** — BLS OEWS May 2025 for the area: employment, location quotient (the occupation's share "
            "of local jobs over its share of national jobs) and median wage. OEWS excludes the self-employed.\n"
            "- **A sector's location quotient** compares like with like: local jobs in the sector's occupations that BLS "
            "released here, over the same occupations' national jobs, each as a share of all jobs. Where BLS withheld "
            "some occupations, local jobs and openings are “at least” figures.\n"
            f"- **Estimated local openings** — {data.openings_method()} No estimate is made where BLS released no local "
            "employment. Sentences word an estimate the same way on every page (“about 1,200 a year”).\n"
            "- **One row per code BLS publishes** — a sector's members are the codes BLS publishes numbers for; where "
            "such a figure is a group's (an “All Other” residual, or a code O*NET splits into several occupations) the "
            "row says so and the figure is counted once.\n"
            "- **What carries a verdict** — each sector's sentence names its three largest occupations here and their "
            "share of its local jobs and openings, and the sector's signature occupations (marked in the sector file) "
            "that BLS released no local estimate for.\n"
            "- **Job postings by sector** — Indeed Hiring Lab's national index for its own sectors, matched to ours by "
            "the project's mapping in the sector file.\n"
            "- **Flags** — " + "; ".join(f"*{FLAG_LABELS[k]}*: {v}" for k, v in rules.items()) + ".\n"
            "- **Sectors** are the project's own lists (data/sectors), each citing the public documents it follows; "
            "change them there and rebuild the database."
        )
    )
