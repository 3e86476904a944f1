"""The frame's look where Streamlit's defaults fall short of WCAG 2.1 AA, and the document's language.

One stylesheet, sent once per run by app.py (style-only HTML takes no room on the page): the screen rules
below and the print rules of ``ui.briefs_view``. The screen rules fix what axe-core finds on every page:

- Captions (every source line, the sidebar's data vintages) are the text colour at 60 % opacity, 3.8:1 on
  white and on the sidebar, under the 4.5:1 that small text needs (WCAG 1.4.3). At 75 % they reach about
  6:1 and stay lighter than body text, in the light and the dark theme alike.
- Streamlit removes the browser's focus outline from links, page links and several buttons and marks
  focus with a faint background or shadow; keyboard users get a 2 px outline in the text colour on
  whatever has keyboard focus (WCAG 2.4.7). Radio buttons and checkboxes hide their input, so the outline
  goes around the option's label.

``render_document_language`` keeps ``<html lang>`` on the visitor's language, so a screen reader reads a
Spanish page with Spanish pronunciation (WCAG 3.1.1): Streamlit serves ``lang="en"`` and has no setting.
"""

from __future__ import annotations

import json

import streamlit as st

from lmi.i18n import LANGUAGES, current_language
from ui.briefs_view import print_css

SCREEN_CSS = """
<style>
.stApp [data-testid="stCaptionContainer"] { opacity: 0.75; }
.stApp :focus-visible { outline: 2px solid currentColor !important; outline-offset: 2px !important; }
.stApp label:has(input:focus-visible) { outline: 2px solid currentColor; outline-offset: 2px; }
.st-key-document_language { display: none; }
</style>
"""

DOCUMENT_LANGUAGE_KEY = "document_language"


def render_page_style() -> None:
    """The frame's stylesheet: contrast and focus on screen, the print view on paper."""
    st.html(SCREEN_CSS + print_css())


def document_language_script(code: str) -> str:
    """A script that sets ``<html lang>`` to ``code``, one of the supported languages (nothing else is
    written into the script)."""
    if code not in LANGUAGES:
        raise ValueError(f"not a supported language: {code!r}")
    return f"<script>document.documentElement.lang = {json.dumps(code)};</script>"


def render_document_language() -> None:
    """Set the page's ``lang`` attribute to this run's language. The script runs in the app's own page (not
    an iframe) whenever the language changes; its container is hidden, so it takes no room in the sidebar."""
    with st.sidebar.container(key=DOCUMENT_LANGUAGE_KEY):
        st.html(document_language_script(current_language()), unsafe_allow_javascript=True)
