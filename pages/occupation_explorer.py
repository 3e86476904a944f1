"""Occupation explorer: find an occupation, read its O*NET profile, and see its local jobs, pay,
projected growth and estimated openings beside the state and the nation (saying whose numbers they
are when they are a BLS group's), with a map of the state's metro areas. When the occupation is a
dead end ("All Other", not rated, nothing published), it offers the specific occupations people mean."""

from __future__ import annotations

import altair as alt
import streamlit as st

from lmi.demand.area_comparison import for_csv
from lmi.demand.columns import help_text, label
from lmi.demand.oews_values import NO_ESTIMATE, format_estimates, shown_help, shown_labels
from lmi.demand.openings import describe_openings
from lmi.occupations.alternatives import AlternativesOffer
from lmi.occupations.profile import UnknownOccupationError
from ui import data
from ui.components import csv_download, md, source_caption
from ui.demand_view import mark_shared_figures
from ui.occupation_picker import choose_occupation, render_occupation_picker, searched_text
from ui.region import current_region

LEVEL_NAMES = {"area": "This area", "state": "State", "nation": "Nation"}
PICKER_KEY = "explorer"
SHOWN = shown_labels()


def text_columns(frame) -> dict:
    """Column headings with the tooltips of ``lmi.demand.columns`` for a table of formatted figures."""
    tips = shown_help()
    return {name: st.column_config.TextColumn(name, help=tips[name]) for name in frame.columns if name in tips}


def whose(row) -> str:
    """A tooltip's closing sentence naming the BLS group when the figure is a group's ("" otherwise)."""
    return f" Whose numbers: {row.demand_basis}." if row.demand_is_shared else ""


def render_alternatives(offer: AlternativesOffer, file_stem: str, stamp: data.Stamp) -> None:
    """Why the occupation is a dead end, and the occupations to pick instead, as buttons with a reason."""
    st.subheader("Occupations to look at instead")
    st.markdown(md("\n".join(f"- {reason}" for reason in offer.reasons)))
    if offer.alternatives.empty:
        st.info(
            "No occupation O*NET has rated shares its SOC group or is listed by O*NET as related. "
            "Search for another job title above."
        )
        return
    st.write(
        "These specific occupations are rated by O*NET and are what people usually mean. "
        "Pick one to see what the work takes and its figures here."
    )
    for row in offer.alternatives.itertuples():
        st.button(
            f"{row.title} ({row.onet_soc_code})",
            key=f"alternative_{row.onet_soc_code}",
            on_click=choose_occupation,
            args=(PICKER_KEY, row.onet_soc_code),
        )
        st.caption(md(row.reason))
    csv_download(
        mark_shared_figures(offer.alternatives),
        "Download these occupations (CSV)",
        file_stem,
        data.source_note(("onet", "oews", "projections"), stamp),
        key="dl_alternatives",
    )


st.title("Occupation explorer")
st.write(
    "Look up an occupation by any job title people use, see what the work takes, and whether "
    "employers in your region employ and hire people in it."
)

code = render_occupation_picker(PICKER_KEY)
if not code:
    st.info("Type a job title above to begin, for example “registered nurse” or “welder”.")
    st.stop()

stamp = data.stamp()
region = current_region()
try:
    profile = data.profile(code, stamp)
except UnknownOccupationError:
    st.error(f"{code} is not an O*NET occupation in this database. Search again above.")
    st.stop()

st.header(f"{profile.title}")
st.caption(f"O*NET-SOC {profile.onet_soc_code} · SOC {profile.soc_code}")
st.write(profile.description)

offer = data.alternatives(code, region.area_code, region.label, searched_text(PICKER_KEY), stamp)
if offer.is_dead_end:
    render_alternatives(offer, f"{profile.title}-alternatives-{region.label}", stamp)

# ---------------------------------------------------------------- local numbers
st.subheader(f"Jobs, pay and openings — {region.label}")
comparison = data.region_comparison(code, region.area_code, region.state_fips, stamp)
here = comparison.iloc[0]
if not here.demand_soc_code:
    st.warning(
        "BLS does not publish employment or wage estimates for this occupation "
        "(for example, military occupations are outside the OEWS survey)."
    )
elif here.demand_is_shared:
    st.info(
        f"BLS publishes these figures for **{here.demand_title}** (SOC {here.demand_soc_code}), not for "
        f"{profile.title} alone: {here.demand_basis}."
    )
shown = format_estimates(comparison)
first = shown.iloc[0]
no_jobs_figure = bool(here.local_employment_missing_words)
cols = st.columns(3)
cols[0].metric(
    SHOWN["jobs"],
    NO_ESTIMATE if no_jobs_figure else first[SHOWN["jobs"]],
    help=help_text("local_employment_count") + "; wage and salary jobs, the self-employed excluded." + whose(here),
)
if no_jobs_figure:
    cols[0].caption(f"Why: {here.local_employment_missing_words}")
if here.demand_is_shared:
    cols[0].caption(f"Whose numbers: {here.demand_basis}")
cols[1].metric(
    SHOWN["wage"],
    first[SHOWN["wage"]],
    help="Half of the workers earn more, half less. 10th–90th percentile: "
    + first[SHOWN["wage_range"]]
    + "."
    + whose(here),
)
cols[1].caption(f"10th–90th percentile: {first[SHOWN['wage_range']]}")
cols[2].metric(
    SHOWN["lq"],
    first[SHOWN["lq"]],
    help="Share of the area's jobs in this occupation relative to the nation's share. "
    "Above 1: more concentrated here than nationally." + whose(here),
)
cols = st.columns(3)
cols[0].metric(
    SHOWN["openings"],
    describe_openings(here.local_annual_openings_est_count),
    help=f"{data.openings_method()} Basis: {here.openings_basis_words}." + whose(here),
)
cols[0].caption(f"Basis: {here.openings_basis_words}")
projections_code = f" at BLS code {here.projections_soc_code}" if here.projections_soc_code else ""
cols[1].metric(
    SHOWN["growth"],
    first[SHOWN["growth"]],
    help=f"{help_text('national_growth_2024_34_pct')}, national employment change 2024 to 2034"
    f"{projections_code}." + whose(here),
)
shown.insert(0, "Area", [f"{LEVEL_NAMES[lv]}: {name}" for lv, name in zip(comparison.level, comparison.area_name)])
st.dataframe(shown, hide_index=True, width="stretch", column_config=text_columns(shown))
source_note = source_caption("oews", "projections")
st.caption(md(f"{label('local_annual_openings_est_count')}: {data.openings_method()}"))
st.caption(
    "“not released”: BLS did not publish the estimate (footnote 8). “≥ … (top-coded)”: BLS "
    "publishes only that the wage is at least this amount (footnote 5). Jobs exclude the self-employed. "
    "“Whose numbers” names the BLS group when the figures are a group's, shared with other occupations."
)
csv_download(
    for_csv(mark_shared_figures(comparison)),
    "Download these numbers (CSV)",
    f"{profile.title}-{region.label}",
    source_note,
    key="dl_comparison",
)

# ---------------------------------------------------------------- map of the state's areas
if here.demand_soc_code and region.state_fips:
    st.subheader("Across the state's metro and nonmetropolitan areas")
    areas = data.areas_of_state(code, region.state_fips, stamp)
    table = format_estimates(areas)
    areas_shown = areas.assign(
        openings_words=table[SHOWN["openings"]].values, whose_numbers=table[SHOWN["whose"]].values
    )
    mapped = areas_shown.dropna(subset=["latitude_deg", "local_employment_count"])
    if mapped.empty:
        st.info("BLS released no metro-area estimates for this occupation in this state.")
    else:
        tooltip = [
            alt.Tooltip("area_name:N", title="Area"),
            alt.Tooltip("local_employment_count:Q", title=SHOWN["jobs"], format=","),
            alt.Tooltip("local_annual_wage_median_usd:Q", title=SHOWN["wage"], format="$,.0f"),
            alt.Tooltip("location_quotient:Q", title=SHOWN["lq"], format=".2f"),
            alt.Tooltip("openings_words:N", title=SHOWN["openings"]),
        ]
        if here.demand_is_shared:
            tooltip.append(alt.Tooltip("whose_numbers:N", title=SHOWN["whose"]))
        base = alt.Chart(mapped).encode(longitude="longitude_deg:Q", latitude="latitude_deg:Q")
        circles = base.mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5).encode(
            size=alt.Size("local_employment_count:Q", title=SHOWN["jobs"], scale=alt.Scale(range=[40, 1600])),
            color=alt.Color(
                "location_quotient:Q", title=SHOWN["lq"], scale=alt.Scale(scheme="redblue", domainMid=1, reverse=True)
            ),
            tooltip=tooltip,
        )
        labels = base.mark_text(align="left", dx=12, fontSize=11).encode(text=alt.Text("short_name:N"))
        chart = (
            (circles + labels)
            .transform_calculate(short_name="split(datum.area_name, ',')[0]")
            .project(type="albersUsa")
            .properties(height=420)
        )
        st.altair_chart(chart, width="stretch")
        whose_note = f" Whose numbers: {here.demand_basis}." if here.demand_is_shared else ""
        st.caption(
            "Circles sit at each metro area's Census centroid, sized by jobs and coloured by "
            "location quotient (red: more concentrated than nationally). Nonmetropolitan areas have "
            "no centroid and appear only in the table."
            + whose_note
            + " "
            + data.source_note(("oews", "projections", "geo"), stamp)
        )
    table.insert(0, "Area", areas.area_name.values)
    table.insert(1, "Kind", areas.area_kind.map({"metro": "metro", "nonmetro": "nonmetropolitan"}).values)
    st.dataframe(table, hide_index=True, width="stretch", column_config=text_columns(table))
    csv_download(
        for_csv(mark_shared_figures(areas)),
        "Download the state's areas (CSV)",
        f"{profile.title}-areas-{region.state_fips}",
        data.source_note(("oews", "projections", "geo"), stamp),
        key="dl_areas",
    )
elif here.demand_soc_code:
    st.caption("Pick a state in the sidebar to see a map of its metro areas.")

# ---------------------------------------------------------------- profile
st.subheader("What the work takes")
education = data.typical_education(code, stamp)
zone_cols = st.columns(3)
zone_cols[0].metric(
    "Job zone", f"{profile.job_zone} of 5" if profile.job_zone else "not rated", help=profile.job_zone_name or ""
)
zone_cols[1].metric("Typical entry education (BLS)", education["bls_typical_entry_education"] or "not published")
zone_cols[2].metric(
    md("Most reported by workers (O*NET)"),
    education["onet_most_reported"] or "not rated",
    help=(
        f"{education['onet_most_reported_pct']:.0f}% of respondents" if education["onet_most_reported_pct"] else None
    ),
)
if profile.job_zone_name:
    st.caption(f"{profile.job_zone_name}. {profile.job_zone_education or ''}")
if education["bls_on_the_job_training"]:
    st.caption(
        f"BLS: typical on-the-job training: {education['bls_on_the_job_training']}; "
        f"related work experience: {education['bls_work_experience']}."
    )

if not profile.has_ratings:
    st.info(
        md(
            "O*NET has not rated skills and knowledge for this occupation (it is an 'All Other' or new "
            "occupation). Pick one of the rated occupations offered above under “Occupations to look at instead”."
        )
    )
else:
    skill_tab, knowledge_tab = st.tabs(["Top skills", "Top knowledge"])
    for tab, domain, name in ((skill_tab, "skill", "Skill"), (knowledge_tab, "knowledge", "Knowledge")):
        ratings = data.top_ratings(code, domain, 8, stamp)
        shown = ratings.rename(
            columns={
                "element_name": name,
                "importance_words": "Importance",
                "level_words": "Level needed",
                "level_example": "What that level looks like",
            }
        )
        with tab:
            st.dataframe(
                shown[[name, "Importance", "Level needed", "What that level looks like"]],
                hide_index=True,
                width="stretch",
            )
            csv_download(
                ratings,
                f"Download {name.lower()} ratings (CSV)",
                f"{profile.title}-{domain}",
                data.source_note(("onet",), stamp),
                key=f"dl_{domain}",
            )
    source_caption("onet")
    st.caption(
        md(
            "Levels in words: O*NET level below 1.5 “little”, 1.5–3 “basic”, 3–4.5 “intermediate”, "
            "4.5–6 “advanced”, 6+ “expert”; the example is O*NET's closest anchor for that level."
        )
    )
