"""Data & methods: every source with its version, license and attribution; what the snapshot
leaves out; how O*NET occupations map to BLS codes; the provenance table and the data checks."""

from __future__ import annotations

import streamlit as st

from ui import data, sector_data
from ui.components import csv_download, md

stamp = data.stamp()
st.title("Data & methods")
st.write(
    "Every number in this dashboard comes from a public source listed here, loaded by the project's "
    "ETL into a local database. Nothing is imputed: where a publisher did not release a value, the "
    "dashboard says so."
)

st.header("Sources and licenses")
sources = data.sources(stamp)
for row in sources.itertuples():
    with st.expander(md(f"{row.title} — {row.version}"), expanded=False):
        st.markdown(f"**License:** [{row.license}]({row.license_url})  \n**Home:** {row.homepage}")
        st.markdown(md(f"**Attribution:** {row.attribution}"))
        st.markdown("**Official files:** " + ", ".join(f"`{u}`" for u in row.official_urls))
csv_download(
    sources.drop(columns=["official_urls"]),
    "Download the source list (CSV)",
    "sources",
    "meta_source table of this database",
    key="dl_sources",
)

st.header("The project's own data files")
st.markdown(
    md(
        f"- **Sector definitions** ({sector_data.sector_file_note(stamp)}): which SOC occupations make up each "
        "popular training sector, with the public documents each list follows; the *Sector reality check* page lists "
        "every occupation and citation.\n"
        "- **Program records** (programs, participants, employer partners) are entered by staff on *Import program "
        "records* and kept in a separate database that only the app writes. The records shipped for demonstration "
        "are **generated example data**, labelled as such wherever they appear; they are not real programs or people.\n"
        "- **Reference codes**: ANSI/FIPS state codes with USPS abbreviations (U.S. Census Bureau)."
    )
)

st.header("What this snapshot does not contain")
st.markdown(
    md(
        "- **O*NET Abilities and Work Context** are not in the shipped snapshot, and **Work Activities** come from "
        "O*NET 28.2 (February 2024; same content model) because the 29.3 copy available to the project lacks them. "
        "A full O*NET download (`python -m etl download`) can refresh them.\n"
        "- **OEWS** is kept for all industries combined (nation, states, metro and nonmetropolitan areas); "
        "industry-by-occupation detail (national only) is not shipped. OEWS excludes the self-employed.\n"
        "- **BLS projections** are national; state long-term projections (Projections Central) are not shipped. "
        "Local openings are allocations of national openings unless staff import a state's projections; each figure "
        "says which.\n"
        "- **Indeed Hiring Lab** indexes are national, by state and by Indeed's own sectors; the metro file "
        "stopped in 2022 and is not used.\n"
        "- **Top-coded wages**: BLS publishes only that some wages are at least $239,200 a year ($115.00 an hour). "
        "They are stored as that bound with BLS's footnote and shown as “≥ $239,200 (top-coded)”. In a few "
        "cells BLS publishes a lower percentile above that bound; the page then shows the higher published value "
        "as the floor."
    )
)

st.header(md("O*NET occupations and BLS codes"))
st.write(
    md(
        "O*NET describes about 1,000 occupations; BLS publishes numbers for about 830 SOC codes, sometimes "
        "only as a combination. Each O*NET occupation is matched to the code BLS publishes: *exact*, the SOC "
        "*broad group* BLS publishes as one line (e.g. 13-1020), or the one *residual* code in the same broad "
        "group that BLS uses for a combination (e.g. 53-1047). Military occupations have no civilian estimates."
    )
)
st.dataframe(data.coverage_summary(stamp), hide_index=True)
unmatched = data.unmatched_occupations(stamp)
with st.expander(md(f"The {len(unmatched)} O*NET occupations not matched exactly")):
    st.dataframe(unmatched, hide_index=True, width="stretch")
    csv_download(unmatched, "Download (CSV)", "onet-soc-coverage", "core_onet_soc_crosswalk", key="dl_unmatched")

st.header("Local demand: one model, at the grain BLS measures it")
st.write(
    md(
        "Every page, download and notebook reads local demand from one table the ETL builds, "
        "`out_occupation_demand`: one row per area and O*NET occupation, holding the OEWS May 2025 employment, wages "
        "and location quotient, the national 2024-34 projections and the local openings estimate, together with "
        "`demand_soc_code`, the BLS code whose numbers these are. When several O*NET occupations are covered by one "
        "BLS code (O*NET splits Registered Nurses into five specialties; BLS publishes home health aides and personal "
        'care aides only together as 31-1120; "All Other" codes cover many occupations), they show the same '
        'figure, and the dashboard says so beside the figure: "BLS group 31-1120 Home Health and Personal Care '
        'Aides, shared by 2 occupations". Rankings and sector totals count such a figure once. A value BLS did not '
        "release stays empty with the reason, never zero. `out_soc_demand` holds the same numbers once per BLS code."
    )
)
st.markdown(md(f"**Estimated local openings.** {data.openings_method()}"))
st.dataframe(
    data.demand_grain_summary(stamp),
    hide_index=True,
    column_config={
        "demand_grain": "Whose figure",
        "onet_occupations_count": "O*NET occupations",
        "bls_codes_count": "BLS codes",
    },
)
st.caption(
    md(
        "Whose figure: own = the BLS code covers this occupation alone; shared_soc = O*NET splits one SOC "
        'occupation; all_other = an "All Other" residual; bls_aggregate = BLS publishes only the group; '
        "bls_combined = one BLS code for several SOC codes; none = no BLS estimate covers it."
    )
)
shared = data.shared_figures(stamp)
with st.expander(md(f"The {len(shared)} BLS codes whose figures several O*NET occupations share")):
    st.dataframe(shared, hide_index=True, width="stretch")
    csv_download(
        shared,
        "Download (CSV)",
        "shared-bls-figures",
        "out_occupation_demand (BLS OEWS May 2025, O*NET 29.3)",
        key="dl_shared_figures",
    )

st.header("Provenance")
st.write(
    "One row per raw table: the source and version, where the file came from, its SHA-256, rows loaded, and the build."
)
provenance = data.provenance_table(stamp)
st.dataframe(provenance, hide_index=True, width="stretch")
csv_download(provenance, "Download provenance (CSV)", "provenance", "meta_provenance table", key="dl_provenance")

st.header("Data checks")
checks = data.data_checks(stamp)
st.write(
    f"{int(checks.passed.sum())} of {len(checks)} checks passed on this build. A failing check stops a "
    "build, so a database that is serving has passed them all."
)
st.dataframe(checks, hide_index=True, width="stretch")
st.caption(
    md(
        "BLS.gov cannot vouch for the data or analyses derived from these data after the data have been "
        "retrieved from BLS.gov. O*NET® is a trademark of USDOL/ETA; this dashboard uses O*NET data under "
        "CC BY 4.0 and has modified it."
    )
)
