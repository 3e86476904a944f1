"""The language choice every page shares: English or Spanish, picked in the sidebar and kept in the URL
(``?lang=es``) so a shared link opens in the language it was sent in.

``apply_language()`` runs first in every script run (before any word is rendered): it reads the
session's choice, or the link's on a session's first run, and makes it the run's language
(``lmi.i18n.set_language``). ``render_language_picker()`` draws the choice in the sidebar.

A choice widget whose option values are codes (a region's area code, a mode's key) keeps its choice when
the visitor switches language if its key is marked with ``neutral_key``: Streamlit's browser side sends a
choice back as the label it shows, which the other language no longer has, so on the run that changes
the language each marked choice is read while the previous run's labels still decode it and set again."""

from __future__ import annotations

import streamlit as st

from lmi.i18n import DEFAULT_LANGUAGE, LANGUAGE_PARAM, LANGUAGES, _, current_language, normalise_language, set_language
from ui import links

LANGUAGE_KEY = "language"
NEUTRAL_KEYS = "_language_neutral_keys"  # session state: keys of choice widgets whose values are codes
LAST_LANGUAGE = "_language_of_last_run"


def apply_language() -> str:
    """Set this run's language from the picker (or the link, the first time) and return its code; on a
    switch of language, carry every ``neutral_key`` choice over."""
    if links.once_per_session(LANGUAGE_PARAM) or LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = normalise_language(links.param(LANGUAGE_PARAM))
    code = set_language(st.session_state[LANGUAGE_KEY])
    if st.session_state.get(LAST_LANGUAGE, code) != code:
        carry_choices_over()
    st.session_state[LAST_LANGUAGE] = code
    return code


def neutral_key(key: str) -> str:
    """``key`` of a selectbox, radio, multiselect or select slider whose option values are codes shown by a
    ``format_func``, marked so its choice survives a language switch; returns ``key`` (``key=neutral_key(..)``)."""
    st.session_state.setdefault(NEUTRAL_KEYS, set()).add(key)
    return key


def carry_choices_over() -> None:
    """Before any widget is drawn: set each marked choice to its value (decoded from the labels of the
    previous run's language), so it is not lost to labels this language does not have."""
    for key in sorted(st.session_state.get(NEUTRAL_KEYS, ())):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


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


def render_data_values_note() -> None:
    """The data-values note as a caption, in any language but English (where it would say nothing new)."""
    if current_language() != DEFAULT_LANGUAGE:
        st.caption(data_values_note())
