"""The sidebar's page menu: each section's name as a heading, the section's pages as links under it.

Streamlit 1.67's own sectioned menu puts each section's header and links in a ``<div>`` straight inside
its ``<ul>``, which assistive technology cannot read as a list (axe-core: list, listitem, both serious).
So ``st.navigation`` only routes (``position="hidden"``) and the menu is drawn here with ``st.page_link``,
which switches pages inside the session like the built-in menu and marks the current page; the section
headings are level 3, like the sidebar's other sections (Region)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

PAGE_MENU_KEY = "page_menu"


def render_page_menu(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """Every page, under its section's heading, at the top of the sidebar."""
    with st.sidebar.container(key=PAGE_MENU_KEY):
        for section, pages in sections.items():
            st.subheader(section, anchor=False)
            for page in pages:
                st.page_link(page)
