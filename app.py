"""Router and frame of the dashboard: sets the visitor's language first, registers every page
explicitly (titles in that language) and lists them in the sidebar's page menu, renders the shared language
and region pickers (both kept in the URL), the data-vintage footer, the stylesheet (contrast, focus, print)
and the document's language, and stops with instructions when the database is missing.

Run with ``streamlit run app.py`` (see README for the one-command setup).
"""

from __future__ import annotations

import streamlit as st

from lmi.i18n import _
from lmi.records.db import RecordsUnavailable
from ui.components import render_footer, render_missing_database
from ui.language import apply_language, render_language_picker
from ui.navigation import render_page_menu
from ui.region import render_region_picker
from ui.server_guards import install_clear_cache_guard
from ui.style import render_document_language, render_page_style

TITLE = "Local Labor Market Dashboard"


def pages() -> dict[str, list[st.Page]]:
    """Every page under its section, titled in the run's language (URLs stay the same in every language)."""
    return {
        _("Workers and occupations"): [
            st.Page(
                "app_pages/occupation_explorer.py",
                title=_("Occupation explorer"),
                icon=":material/search:",
                url_path="occupations",
                default=True,
            ),
            st.Page(
                "app_pages/career_transitions.py",
                title=_("Career transitions"),
                icon=":material/route:",
                url_path="transitions",
            ),
        ],
        _("Regions and sectors"): [
            st.Page(
                "app_pages/sector_check.py",
                title=_("Sector reality check"),
                icon=":material/balance:",
                url_path="sectors",
            ),
            st.Page(
                "app_pages/layoff_planner.py", title=_("Layoff response"), icon=":material/groups:", url_path="layoff"
            ),
        ],
        _("Training programs"): [
            st.Page(
                "app_pages/program_list.py", title=_("Program outcomes"), icon=":material/school:", url_path="programs"
            ),
            st.Page(
                "app_pages/program_detail.py", title=_("Program detail"), icon=":material/insights:", url_path="program"
            ),
            st.Page(
                "app_pages/funding_view.py", title=_("Funding view"), icon=":material/payments:", url_path="funding"
            ),
            st.Page(
                "app_pages/program_import.py",
                title=_("Import program records"),
                icon=":material/upload_file:",
                url_path="import",
            ),
            st.Page(
                "app_pages/postings_import.py",
                title=_("Import job postings"),
                icon=":material/work:",
                url_path="import-postings",
            ),
            st.Page(
                "app_pages/state_projections_import.py",
                title=_("Import state projections"),
                icon=":material/trending_up:",
                url_path="import-projections",
            ),
        ],
        _("About the data"): [
            st.Page("app_pages/data_methods.py", title=_("Data & methods"), icon=":material/info:", url_path="data"),
        ],
    }


def main() -> None:
    """Route to the chosen page inside the frame: page menu, language and region pickers and data vintages in
    the sidebar."""
    apply_language()
    st.set_page_config(page_title=_(TITLE), page_icon="📊", layout="wide")
    render_page_style()
    sections = pages()
    navigation = st.navigation(sections, position="hidden")  # the menu is ui.navigation's (list semantics)
    render_page_menu(sections)
    render_language_picker()
    render_document_language()
    if render_missing_database():
        return
    render_region_picker()
    render_footer()
    try:
        navigation.run()
    except RecordsUnavailable as unavailable:  # another process holds the records file: say so, no traceback
        st.warning(str(unavailable))


install_clear_cache_guard()  # a client's Clear cache must not empty every visitor's caches (public mode)
main()
