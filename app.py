"""Router and frame of the dashboard: registers every page explicitly, renders the shared region
picker (which keeps the region in the URL), the data-vintage footer and the print stylesheet, and stops
with instructions when the database is missing.

Run with ``streamlit run app.py`` (see README for the one-command setup).
"""

from __future__ import annotations

import streamlit as st

from ui.briefs_view import render_print_css
from ui.components import render_footer, render_missing_database
from ui.region import render_region_picker

TITLE = "Local Labor Market Dashboard"

PAGES = {
    "Workers and occupations": [
        st.Page(
            "pages/occupation_explorer.py",
            title="Occupation explorer",
            icon=":material/search:",
            url_path="occupations",
            default=True,
        ),
        st.Page(
            "pages/career_transitions.py", title="Career transitions", icon=":material/route:", url_path="transitions"
        ),
    ],
    "Regions and sectors": [
        st.Page("pages/sector_check.py", title="Sector reality check", icon=":material/balance:", url_path="sectors"),
    ],
    "Training programs": [
        st.Page("pages/program_list.py", title="Program outcomes", icon=":material/school:", url_path="programs"),
        st.Page("pages/program_detail.py", title="Program detail", icon=":material/insights:", url_path="program"),
        st.Page("pages/funding_view.py", title="Funding view", icon=":material/payments:", url_path="funding"),
        st.Page(
            "pages/program_import.py", title="Import program records", icon=":material/upload_file:", url_path="import"
        ),
        st.Page(
            "pages/state_projections_import.py",
            title="Import state projections",
            icon=":material/trending_up:",
            url_path="import-projections",
        ),
    ],
    "About the data": [
        st.Page("pages/data_methods.py", title="Data & methods", icon=":material/info:", url_path="data"),
    ],
}


def main() -> None:
    """Route to the chosen page inside the frame: region picker and data vintages in the sidebar."""
    st.set_page_config(page_title=TITLE, page_icon="📊", layout="wide")
    render_print_css()
    navigation = st.navigation(PAGES)
    if render_missing_database():
        return
    render_region_picker()
    render_footer()
    navigation.run()


main()
