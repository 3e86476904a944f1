"""The one-page PDF briefs on the pages, and the print view of the frame.

Browser printing leaves Streamlit's tables (a canvas) and charts blank, so each page that offers a brief
says the brief is its print version; ``print_css`` (sent with the screen rules by ``ui.style``) hides the sidebar, toolbar and buttons when a page
is printed anyway and prints the same pointer at the top. Briefs are made by ``lmi.briefs`` only when the
button is clicked (``st.download_button`` calls the function then) and cached like every other result, on
plain arguments and what is served."""

from __future__ import annotations

import streamlit as st

from lmi.briefs.program import program_brief, program_file_stem
from lmi.briefs.region import occupation_brief, occupation_file_stem, region_brief, region_file_stem
from lmi.briefs.render import render_pdf
from lmi.i18n import N_, _
from lmi.programs.labels import records_source_note
from ui import records_data
from ui.cache import cached, model_query, reference_connection
from ui.region import Region

BRIEF_HEADING = N_("One-page brief (PDF)")
DOWNLOAD_LABEL = N_("Download the one-page brief (PDF)")
PRINT_WORDS = N_(
    "The brief is the print version of this page: browser printing leaves the page's tables and charts blank. "
    "It holds the key figures, one chart, the sources and their vintage, and a link back to this view."
)
PRINT_NOTICE = N_(
    "Printed from the Local Labor Market Dashboard. Tables and charts do not print from the browser: the page's "
    "one-page PDF brief is its print version."
)
PRINT_CSS = """
<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stBaseButton-headerNoPadding"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { padding-top: 0 !important; max-width: 100% !important; }
  [data-testid="stMainBlockContainer"]::before {
    content: "PRINT_NOTICE";
    display: block; font-weight: 600; margin-bottom: 1rem;
  }
}
</style>
"""


def print_css() -> str:
    """The print stylesheet with its notice in the visitor's language (a CSS string: quotes and backslashes
    escaped)."""
    notice = _(PRINT_NOTICE).replace("\\", "\\\\").replace('"', '\\"')
    return PRINT_CSS.replace("PRINT_NOTICE", notice)


def _occupation_pdf(con, model, onet_soc_code: str, area_code: str, state_fips: str | None) -> bytes:
    return render_pdf(occupation_brief(con, model, onet_soc_code, area_code, state_fips))


def _region_pdf(con, model, area_code: str) -> bytes:
    return render_pdf(region_brief(con, model, area_code))


occupation_brief_pdf = model_query(_occupation_pdf, max_entries=32)
occupation_brief_pdf.__doc__ = "One occupation in a region as a one-page PDF (the explorer's figures)."
region_brief_pdf = model_query(_region_pdf, max_entries=32)
region_brief_pdf.__doc__ = "A region's one-page PDF: jobs, pay and the occupations with the most openings."


@cached(max_entries=16)
def program_brief_pdf(program_id: str, threshold: int) -> bytes:
    """One program's one-page PDF from the published figures Program detail shows."""
    summaries = records_data.summaries(threshold)
    program = summaries[summaries.program_id == program_id].iloc[0].to_dict()
    report = records_data.reports(threshold)[program_id]
    targets, fit = records_data.local_fit().of(program_id)
    generated = bool(program["is_generated_example"])
    brief = program_brief(
        reference_connection(),
        program,
        report.overall,
        report.credential_indicator,
        records_data.area_names().get(program["region_area_code"], program["region_area_code"]),
        records_source_note(records_data.status(), threshold, generated),
        None if fit is None else fit.to_dict(),
        targets,
        threshold,
    )
    return render_pdf(brief)


def render_occupation_brief(onet_soc_code: str, title: str, region: Region) -> None:
    """The explorer's brief: this occupation in the region picked in the sidebar."""
    _section(
        _(
            "The occupation's figures here beside the state and the nation, its median wage against all "
            "occupations here, sources and vintage, on one page."
        ),
        lambda: occupation_brief_pdf(onet_soc_code, region.area_code, region.state_fips),
        occupation_file_stem(region.area_code, onet_soc_code, title, region.label),
        "dl_brief_occupation",
    )


def render_region_brief(region: Region) -> None:
    """A brief of the region picked in the sidebar."""
    _section(
        _(
            "{region}: all jobs, the median wage, the occupations with the most estimated openings a year, "
            "sources and vintage, on one page."
        ).format(region=region.label),
        lambda: region_brief_pdf(region.area_code),
        region_file_stem(region.area_code, region.label),
        "dl_brief_region",
        top_level=True,
    )


def render_program_brief(program_id: str, program_name: str, generated: bool, threshold: int) -> None:
    """Program detail's brief: the program's published indicators, rates against the references, local fit."""
    if generated:
        what = _(
            "Its published indicators, its rates against the placement references, local fit, sources and "
            "vintage, labelled generated example data, on one page."
        )
    else:
        what = _(
            "Its published indicators, its rates against the placement references, local fit, sources and "
            "vintage, on one page."
        )
    _section(
        what,
        lambda: program_brief_pdf(program_id, threshold),
        program_file_stem(program_id, program_name, generated),
        "dl_brief_program",
    )


def _section(what: str, make, file_stem: str, key: str, top_level: bool = False) -> None:
    """``top_level``: the section sits directly under the page title (a level-2 heading), not inside the
    section of an occupation or program (level 3), so headings stay in order."""
    (st.header if top_level else st.subheader)(_(BRIEF_HEADING))
    st.write(what)
    st.download_button(
        _(DOWNLOAD_LABEL),
        data=make,
        file_name=f"{file_stem}.pdf",
        mime="application/pdf",
        key=key,
        icon=":material/picture_as_pdf:",
    )
    st.caption(_(PRINT_WORDS))
