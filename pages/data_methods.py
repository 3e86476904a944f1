"""Data & methods: every source with its version, license and attribution; what the snapshot
leaves out; how O*NET occupations map to BLS codes; the provenance table and the data checks."""

from __future__ import annotations

import streamlit as st

from ui import data, sector_data
from ui.components import csv_download, md


def main() -> None:
    """Sources first, then what the data leaves out, the methods, and what this build loaded and checked."""
    st.title("Data & methods")
    st.write(
        "Every number in this dashboard comes from a public source listed here, loaded by the project's "
        "ETL into a local database. Nothing is imputed: where a publisher did not release a value, the "
        "dashboard says so."
    )
    render_sources()
    render_project_files()
    render_snapshot_gaps()
    render_crosswalk()
    render_demand_model()
    render_provenance()
    render_data_checks()


def render_sources() -> None:
    st.header("Sources and licenses")
    sources = data.sources()
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


def render_project_files() -> None:
    st.header("The project's own data files")
    st.markdown(
        md(
            "- **Sector definitions**: which SOC occupations make up each popular training sector, with the public "
            "documents each list follows; the *Sector reality check* page lists every occupation and citation. "
            f"{sector_data.sector_file_note()}\n"
            "- **Program records** (programs, participants, employer partners) are entered by staff on *Import "
            "program records* and kept in a separate database that only the app writes. The records shipped for "
            "demonstration are **generated example data**, labelled as such wherever they appear; they are not real "
            "programs or people.\n"
            "- **Reference codes**: ANSI/FIPS state codes with USPS abbreviations (U.S. Census Bureau)."
        )
    )


def render_snapshot_gaps() -> None:
    st.header("What this snapshot does not contain")
    bullets = (*data.snapshot_gaps(), f"- {data.top_coding_note()}")
    st.markdown(md("\n".join(bullets)))


def render_crosswalk() -> None:
    st.header(md("O*NET occupations and BLS codes"))
    st.write(md(data.crosswalk_method()))
    st.dataframe(
        data.coverage_summary(),
        hide_index=True,
        column_config={
            "dataset": "Dataset",
            "match_method": "Match",
            "what_it_means": "What it means",
            "onet_occupations": "O*NET occupations",
        },
    )
    unmatched = data.unmatched_occupations()
    with st.expander(md(f"The {len(unmatched)} O*NET occupations not matched exactly")):
        st.dataframe(unmatched, hide_index=True, width="stretch")
        csv_download(unmatched, "Download (CSV)", "onet-soc-coverage", "core_onet_soc_crosswalk", key="dl_unmatched")


def render_demand_model() -> None:
    st.header("Local demand: one model, at the grain BLS measures it")
    st.write(md(data.demand_method()))
    st.markdown(md(f"**Estimated local openings.** {data.openings_method()}"))
    st.dataframe(
        data.demand_grain_summary(),
        hide_index=True,
        column_config={
            "demand_grain": "Whose figure",
            "what_it_means": "What it means",
            "onet_occupations_count": "O*NET occupations",
            "bls_codes_count": "BLS codes",
        },
    )
    shared = data.shared_figures()
    with st.expander(md(f"The {len(shared)} BLS codes whose figures several O*NET occupations share")):
        st.dataframe(shared, hide_index=True, width="stretch")
        csv_download(
            shared,
            "Download (CSV)",
            "shared-bls-figures",
            f"out_occupation_demand. {data.source_note(('oews', 'onet'))}",
            key="dl_shared_figures",
        )


def render_provenance() -> None:
    st.header("Provenance")
    st.write(
        "One row per raw table: the source and version, where the file came from, its SHA-256, rows loaded, "
        "and the build."
    )
    provenance = data.provenance_table()
    st.dataframe(provenance, hide_index=True, width="stretch")
    csv_download(provenance, "Download provenance (CSV)", "provenance", "meta_provenance table", key="dl_provenance")


def render_data_checks() -> None:
    st.header("Data checks")
    checks = data.data_checks()
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


main()
