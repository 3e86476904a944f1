"""Occupation search box shared by pages: type a job title, pick one of the ranked matches.

The pick is kept in ``st.session_state["occupation"]`` so moving between pages keeps it, and in
the URL (``?occupation=29-1141.00``) so a view can be shared. A link's code that is not an O*NET-SOC
occupation of this database is reported (the user's text escaped) and dropped, never a traceback.
"""

from __future__ import annotations

import streamlit as st

from lmi.briefs.links import OCCUPATION_PARAM, occupation_code
from lmi.i18n import _
from lmi.occupations.profile import UnknownOccupationError
from ui import data, links
from ui.language import neutral_key

STATE_KEY = "occupation"
MATCHES_SHOWN = 8


def render_occupation_picker(key: str, label: str | None = None, placeholder: str | None = None) -> str | None:
    """Render the search box and the match list; return the chosen O*NET-SOC code (or None). ``label`` and
    ``placeholder`` come translated; by default the search box's own words."""
    initial = linked_occupation() or st.session_state.get(STATE_KEY)
    query = st.text_input(
        label or _("Search an occupation or job title"),
        key=f"{key}_query",
        placeholder=placeholder or _("e.g. cashier, RN, coal miner, paralegal"),
    )
    if not query.strip():
        return _remember(initial) if initial else None
    matches = data.search_occupations(query, MATCHES_SHOWN)
    if matches.empty:
        st.warning(
            _(
                "No occupation matches {query}. Try another title, a shorter word, or a SOC code such as 29-1141."
            ).format(query=links.escaped(query))
        )
        return _remember(initial) if initial else None
    options = matches.onet_soc_code.tolist()
    labels = {row.onet_soc_code: _label(row) for row in matches.itertuples()}
    chosen = st.radio(_("Matching occupations"), options, format_func=labels.get, key=neutral_key(f"{key}_choice"))
    return _remember(chosen)


def linked_occupation() -> str | None:
    """The link's ``occupation`` as an O*NET-SOC code of this database (a SOC code such as 29-1141 is read as
    its main occupation, 29-1141.00); an unknown one is reported and removed from the URL."""
    text = links.param(OCCUPATION_PARAM)
    if text is None:
        return None
    code = occupation_code(text)
    try:
        if code is None:
            raise UnknownOccupationError(text)
        data.profile(code)
    except UnknownOccupationError:
        st.warning(
            _(
                "This link names the occupation {occupation}, which is not an O\\*NET-SOC occupation in this "
                "database (codes look like 29-1141.00). Search for the occupation below."
            ).format(occupation=links.escaped(text))
        )
        links.drop(OCCUPATION_PARAM)
        return None
    return code


def searched_text(key: str) -> str | None:
    """What the user typed in the search box ``key`` (None when it is empty)."""
    text = str(st.session_state.get(f"{key}_query") or "").strip()
    return text or None


def choose_occupation(key: str, onet_soc_code: str) -> None:
    """Button callback: make ``onet_soc_code`` the chosen occupation, as if picked from the matches.

    The search box is emptied (a callback runs before the widgets are drawn, so it may), otherwise
    the match list would keep answering for the old search on the next run."""
    st.session_state[f"{key}_query"] = ""
    _remember(onet_soc_code)


def _label(row) -> str:
    """ "Title (code)", and the alternate title the search matched when it was not the title itself."""
    if row.matched_kind in ("title", "code"):
        return f"{row.title} ({row.onet_soc_code})"
    return _("{title} ({code}) — matched “{matched}”").format(
        title=row.title, code=row.onet_soc_code, matched=row.matched_title
    )


def _remember(code: str) -> str:
    st.session_state[STATE_KEY] = code
    links.keep(OCCUPATION_PARAM, code)
    return code
