"""Occupation explorer: find an occupation, read its O*NET profile, and see its local numbers
beside the state and the nation, with a map of the state's metro areas."""

from __future__ import annotations

import altair as alt
import streamlit as st

from lmi.occupations import UnknownOccupationError
from lmi.oews_values import format_estimates
from ui import data
from ui.components import csv_download, md, source_caption
from ui.occupation_picker import render_occupation_picker
from ui.region import current_region

LEVEL_NAMES = {"area": "This area", "state": "State", "nation": "Nation"}

st.title("Occupation explorer")
st.write("Look up an occupation by any job title people use, see what the work takes, and whether "
         "employers in your region employ people in it.")

code = render_occupation_picker("explorer")
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

# ---------------------------------------------------------------- local numbers
st.subheader(f"Jobs and pay — {region.label}")
if not profile.oews_soc_code:
    st.warning("BLS does not publish employment or wage estimates for this occupation "
               "(for example, military occupations are outside the OEWS survey).")
else:
    if profile.oews_soc_code != profile.soc_code or not profile.onet_soc_code.endswith(".00"):
        st.info(f"BLS publishes these numbers for **{profile.oews_soc_title}** (SOC {profile.oews_soc_code}), "
                f"which includes {profile.title}.")
    comparison = data.region_comparison(profile.oews_soc_code, region.area_code, region.state_fips, stamp)
    shown = format_estimates(comparison)
    shown.insert(0, "Area", [f"{LEVEL_NAMES[lv]}: {name}" for lv, name in zip(comparison.level, comparison.area_name)])
    cols = st.columns(3)
    cols[0].metric("Employment", shown.iloc[0]["Employment"])
    cols[1].metric("Median annual wage", shown.iloc[0]["Median annual wage"],
                   help="Half of the workers earn more, half less. 10th–90th percentile: "
                        + shown.iloc[0]["10th–90th percentile"])
    cols[2].metric("Location quotient", shown.iloc[0]["Location quotient"],
                   help="Share of the area's jobs in this occupation relative to the nation's share. "
                        "Above 1: more concentrated here than nationally.")
    cols[1].caption(f"10th–90th percentile: {shown.iloc[0]['10th–90th percentile']}")
    st.dataframe(shown, hide_index=True, width="stretch")
    oews_note = source_caption("oews")
    st.caption("“not released”: BLS did not publish the estimate (footnote 8). “≥ … (top-coded)”: BLS "
               "publishes only that the wage is at least this amount (footnote 5). Employment excludes the "
               "self-employed.")
    csv_download(comparison, "Download these numbers (CSV)", f"{profile.title}-{region.label}", oews_note,
                 key="dl_comparison")

    # ------------------------------------------------------------ map of the state's areas
    if region.state_fips:
        st.subheader("Across the state's metro and nonmetropolitan areas")
        areas = data.areas_of_state(profile.oews_soc_code, region.state_fips, stamp)
        mapped = areas.dropna(subset=["latitude_deg", "employment_count"])
        if mapped.empty:
            st.info("BLS released no metro-area estimates for this occupation in this state.")
        else:
            base = alt.Chart(mapped).encode(longitude="longitude_deg:Q", latitude="latitude_deg:Q")
            circles = base.mark_circle(opacity=0.8, stroke="black", strokeWidth=0.5).encode(
                size=alt.Size("employment_count:Q", title="Employment", scale=alt.Scale(range=[40, 1600])),
                color=alt.Color("location_quotient:Q", title="Location quotient",
                                scale=alt.Scale(scheme="redblue", domainMid=1, reverse=True)),
                tooltip=[alt.Tooltip("area_name:N", title="Area"),
                         alt.Tooltip("employment_count:Q", title="Employment", format=","),
                         alt.Tooltip("annual_wage_median_usd:Q", title="Median annual wage", format="$,.0f"),
                         alt.Tooltip("location_quotient:Q", title="Location quotient", format=".2f")],
            )
            labels = base.mark_text(align="left", dx=12, fontSize=11).encode(
                text=alt.Text("short_name:N"))
            chart = (circles + labels).transform_calculate(
                short_name="split(datum.area_name, ',')[0]").project(type="albersUsa").properties(height=420)
            st.altair_chart(chart, width="stretch")
            st.caption("Circles sit at each metro area's Census centroid, sized by employment and coloured by "
                       "location quotient (red: more concentrated than nationally). Nonmetropolitan areas have "
                       "no centroid and appear only in the table. " + data.source_note(("oews", "geo"), stamp))
        table = format_estimates(areas)
        table.insert(0, "Area", areas.area_name.values)
        table.insert(1, "Kind", areas.area_kind.map({"metro": "metro", "nonmetro": "nonmetropolitan"}).values)
        st.dataframe(table, hide_index=True, width="stretch")
        csv_download(areas, "Download the state's areas (CSV)", f"{profile.title}-areas-{region.state_fips}",
                     data.source_note(("oews", "geo"), stamp), key="dl_areas")
    else:
        st.caption("Pick a state in the sidebar to see a map of its metro areas.")

# ---------------------------------------------------------------- profile
st.subheader("What the work takes")
education = data.typical_education(code, stamp)
zone_cols = st.columns(3)
zone_cols[0].metric("Job zone", f"{profile.job_zone} of 5" if profile.job_zone else "not rated",
                    help=profile.job_zone_name or "")
zone_cols[1].metric("Typical entry education (BLS)", education["bls_typical_entry_education"] or "not published")
zone_cols[2].metric(md("Most reported by workers (O*NET)"), education["onet_most_reported"] or "not rated",
                    help=(f"{education['onet_most_reported_pct']:.0f}% of respondents"
                          if education["onet_most_reported_pct"] else None))
if profile.job_zone_name:
    st.caption(f"{profile.job_zone_name}. {profile.job_zone_education or ''}")
if education["bls_on_the_job_training"]:
    st.caption(f"BLS: typical on-the-job training: {education['bls_on_the_job_training']}; "
               f"related work experience: {education['bls_work_experience']}.")

if not profile.has_ratings:
    st.info(md("O*NET has not rated skills and knowledge for this occupation (it is an 'All Other' or new "
            "occupation). Try a related, more specific occupation."))
else:
    skill_tab, knowledge_tab = st.tabs(["Top skills", "Top knowledge"])
    for tab, domain, name in ((skill_tab, "skill", "Skill"), (knowledge_tab, "knowledge", "Knowledge")):
        ratings = data.top_ratings(code, domain, 8, stamp)
        shown = ratings.rename(columns={"element_name": name, "importance_words": "Importance",
                                        "level_words": "Level needed", "level_example": "What that level looks like"})
        with tab:
            st.dataframe(shown[[name, "Importance", "Level needed", "What that level looks like"]],
                         hide_index=True, width="stretch")
            csv_download(ratings, f"Download {name.lower()} ratings (CSV)", f"{profile.title}-{domain}",
                         data.source_note(("onet",), stamp), key=f"dl_{domain}")
    source_caption("onet")
    st.caption(md("Levels in words: O*NET level below 1.5 “little”, 1.5–3 “basic”, 3–4.5 “intermediate”, "
               "4.5–6 “advanced”, 6+ “expert”; the example is O*NET's closest anchor for that level."))
