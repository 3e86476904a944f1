"""Data & methods: every source with its version, license and attribution; what the snapshot
leaves out; how O*NET occupations map to BLS codes; the provenance table and the data checks."""

from __future__ import annotations

import streamlit as st

from lmi.i18n import _, ngettext
from lmi.postings.aggregate import coding_rule_words, repost_rule_words
from ui import data, sector_data
from ui.components import csv_download, md, render_title


def main() -> None:
    """Sources first, then what the data leaves out, the methods, and what this build loaded and checked."""
    render_title(_("Data & methods"))
    st.write(
        _(
            "Every number in this dashboard comes from a public source listed here, loaded by the project's "
            "ETL into a local database. Nothing is imputed: where a publisher did not release a value, the "
            "dashboard says so."
        )
    )
    render_sources()
    render_project_files()
    render_snapshot_gaps()
    render_crosswalk()
    render_demand_model()
    render_provenance()
    render_data_checks()


def render_sources() -> None:
    st.header(_("Sources and licenses"))
    sources = data.sources()
    for row in sources.itertuples():
        with st.expander(md(f"{row.title} — {row.version}"), expanded=False):
            license_line = _("**License:** [{license}]({url})").format(license=row.license, url=row.license_url)
            st.markdown(f"{license_line}  \n" + _("**Home:** {homepage}").format(homepage=row.homepage))
            st.markdown(md(_("**Attribution:** {attribution}").format(attribution=row.attribution)))
            files = ", ".join(f"`{u}`" for u in row.official_urls)
            st.markdown(_("**Official files:** {files}").format(files=files))
    csv_download(
        sources.drop(columns=["official_urls"]),
        _("Download the source list (CSV)"),
        _("sources"),
        _("meta_source table of this database"),
        key="dl_sources",
    )


def render_project_files() -> None:
    st.header(_("The project's own data files"))
    items = (
        _(
            "**Sector definitions**: which SOC occupations make up each popular training sector, with the public "
            "documents each list follows; the *Sector reality check* page lists every occupation and citation. "
            "{file_note}"
        ).format(file_note=sector_data.sector_file_note()),
        _(
            "**Program records** (programs, participants, employer partners) are entered by staff on *Import "
            "program records* and kept in a separate database that only the app writes. The records shipped for "
            "demonstration are **generated example data**, labelled as such wherever they appear; they are not real "
            "programs or people."
        ),
        _(
            "**Job postings** exported by a state job bank, the NLx Research Hub or a vendor are imported by staff on "
            "*Import job postings* (or with `python -m lmi.postings import`) into a store of their own, apart from "
            "the reference database and the program records. Each distinct title is coded to an O*NET-SOC "
            "occupation once, and postings are counted by area, occupation and posted month. {repost_rule} "
            "{coding_rule} The postings `./dev.sh start` loads into an empty store are **generated example data**, "
            "labelled as such wherever they appear; they are not real postings."
        ).format(repost_rule=repost_rule_words(), coding_rule=coding_rule_words()),
        _("**Reference codes**: ANSI/FIPS state codes with USPS abbreviations (U.S. Census Bureau)."),
    )
    st.markdown(md("\n".join(f"- {item}" for item in items)))


def render_snapshot_gaps() -> None:
    st.header(_("What this snapshot does not contain"))
    bullets = (*data.snapshot_gaps(), f"- {data.top_coding_note()}")
    st.markdown(md("\n".join(bullets)))


def render_crosswalk() -> None:
    st.header(md(_("O*NET occupations and BLS codes")))
    st.write(md(data.crosswalk_method()))
    st.dataframe(
        data.coverage_summary(),
        hide_index=True,
        column_config={
            "dataset": _("Dataset"),
            "match_method": _("Match"),
            "what_it_means": _("What it means"),
            "onet_occupations": _("O*NET occupations"),
        },
    )
    unmatched = data.unmatched_occupations()
    with st.expander(md(_("The {count} O*NET occupations not matched exactly").format(count=len(unmatched)))):
        st.dataframe(
            unmatched,
            hide_index=True,
            width="stretch",
            column_config={
                "onet_soc_code": _("O*NET-SOC code"),
                "title": _("O*NET title"),
                "oews_soc_code": _("OEWS code"),
                "oews_match_method": _("OEWS match"),
                "projections_soc_code": _("Projections code"),
                "projections_match_method": _("Projections match"),
            },
        )
        csv_download(unmatched, _("Download (CSV)"), "onet-soc-coverage", "core_onet_soc_crosswalk", key="dl_unmatched")


def render_demand_model() -> None:
    st.header(_("Local demand: one model, at the grain BLS measures it"))
    st.write(md(data.demand_method()))
    st.markdown(md(_("**Estimated local openings.** {method}").format(method=data.openings_method())))
    st.dataframe(
        data.demand_grain_summary(),
        hide_index=True,
        column_config={
            "demand_grain": _("Whose figure"),
            "what_it_means": _("What it means"),
            "onet_occupations_count": _("O*NET occupations"),
            "bls_codes_count": _("BLS codes"),
        },
    )
    shared = data.shared_figures()
    with st.expander(
        md(_("The {count} BLS codes whose figures several O*NET occupations share").format(count=len(shared)))
    ):
        st.dataframe(
            shared,
            hide_index=True,
            width="stretch",
            column_config={
                "demand_soc_code": _("BLS code"),
                "demand_title": _("BLS title"),
                "demand_grain": _("Whose figure"),
                "shared_with_count": _("Occupations sharing the figure"),
                "onet_occupations": _("O*NET occupations"),
            },
        )
        csv_download(
            shared,
            _("Download (CSV)"),
            "shared-bls-figures",
            f"out_occupation_demand. {data.source_note(('oews', 'onet'))}",
            key="dl_shared_figures",
        )


def render_provenance() -> None:
    st.header(_("Provenance"))
    st.write(
        _(
            "One row per raw table: the source and version, where the file came from, its SHA-256, rows loaded, "
            "and the build."
        )
    )
    provenance = data.provenance_table()
    st.dataframe(
        provenance,
        hide_index=True,
        width="stretch",
        column_config={
            "raw_table": _("Raw table"),
            "source_key": _("Source key"),
            "version": _("Version"),
            "origin": _("Where the file came from"),
            "row_count": _("Rows loaded"),
            "snapshot_sha256": _("SHA-256"),
            "retrieved_utc": _("Retrieved (UTC)"),
            "built_utc": _("Built (UTC)"),
            "build_id": _("Build"),
            "made_from": _("Made from"),
        },
    )
    csv_download(
        provenance, _("Download provenance (CSV)"), _("provenance"), _("meta_provenance table"), key="dl_provenance"
    )


def render_data_checks() -> None:
    st.header(_("Data checks"))
    checks = data.data_checks()
    st.write(
        ngettext(
            "{passed} of {count} check passed on this build. A failing check stops a build, so a database that is "
            "serving has passed them all.",
            "{passed} of {count} checks passed on this build. A failing check stops a build, so a database that is "
            "serving has passed them all.",
            len(checks),
        ).format(passed=int(checks.passed.sum()), count=len(checks))
    )
    st.dataframe(
        checks,
        hide_index=True,
        width="stretch",
        column_config={
            "check_name": _("Check"),
            "protects": _("What it protects"),
            "kind": _("Kind"),
            "violations": _("Violations"),
            "passed": _("Passed"),
        },
    )
    st.caption(
        md(
            _(
                "BLS.gov cannot vouch for the data or analyses derived from these data after the data have been "
                "retrieved from BLS.gov. O*NET® is a trademark of USDOL/ETA; this dashboard uses O*NET data under "
                "CC BY 4.0 and has modified it."
            )
        )
    )


main()
