"""The language choice every page shares: English or Spanish, picked in the sidebar and kept in the URL
(``?lang=es``) so a shared link opens in the language it was sent in.

``apply_language()`` runs first in every script run (before any word is rendered): it reads the
session's choice, or the link's on a session's first run, and makes it the run's language
(``lmi.i18n.set_language``). ``render_language_picker()`` draws the choice in the sidebar."""

from __future__ import annotations

import streamlit as st

from lmi.i18n import LANGUAGE_PARAM, LANGUAGES, _, normalise_language, set_language
from ui import links

LANGUAGE_KEY = "language"


def apply_language() -> str:
    """Set this run's language from the picker (or the link, the first time) and return its code."""
    if links.once_per_session(LANGUAGE_PARAM) or LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = normalise_language(links.param(LANGUAGE_PARAM))
    return set_language(st.session_state[LANGUAGE_KEY])


def render_language_picker() -> str:
    """The sidebar's language choice (each language named in itself); keeps ``?lang=`` in the URL."""
    code = st.sidebar.radio(
        "Language / Idioma", list(LANGUAGES), format_func=LANGUAGES.get, key=LANGUAGE_KEY, horizontal=True
    )
    links.keep(LANGUAGE_PARAM, None if code == "en" else code)
    return code


def data_values_note() -> str:
    """Said once per page in Spanish: the data are shown as their publishers wrote them."""
    return _(
        "Occupation titles (O*NET), BLS area and occupation names, and names staff entered are shown as "
        "published, in English."
    )
