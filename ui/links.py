"""Links that keep state: the page's URL carries the region and the main selection
(``?area=0025540&occupation=29-1141.00``, ``&program=EX-WELD`` on program pages), so a view can be shared
and opening such a link restores it. The parameter names and code formats are ``lmi.briefs.links``'s.

A value read from a link is the user's text: a page repeats it only as a literal code span (``escaped``), so a
link cannot inject markdown (emphasis, links, bare URLs made links, HTML, colour or emoji directives), and an
unknown value gets a clear message instead of a traceback."""

from __future__ import annotations

import re
from collections.abc import Iterable

import streamlit as st

from lmi.briefs.links import PROGRAM_PARAM, shown_text
from lmi.i18n import _

_BACKTICK_RUNS = re.compile(r"`+")


def param(name: str) -> str | None:
    """The link's value of ``name`` (None when absent or blank)."""
    value = st.query_params.get(name)
    return value.strip() if value and value.strip() else None


def keep(name: str, value: str | None) -> None:
    """Put ``value`` in the URL under ``name`` (removed when None); the URL is only written when it changes."""
    if value is None:
        drop(name)
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def drop(name: str) -> None:
    if name in st.query_params:
        del st.query_params[name]


def escaped(text: str) -> str:
    """Text from a link as markdown that shows it literally: one line, cut to a readable length, in a code
    span whose fence is longer than any run of backticks in it (CommonMark), where nothing is interpreted."""
    flat = shown_text(text)
    fence = "`" * (max((len(run) for run in _BACKTICK_RUNS.findall(flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"


def once_per_session(key: str) -> bool:
    """True the first time it is asked for ``key`` in this browser session (a link is read when it is opened,
    not again on every rerun, which would undo the user's later choices)."""
    flag = f"_link_read_{key}"
    if st.session_state.get(flag):
        return False
    st.session_state[flag] = True
    return True


def check_program_link(program_ids: Iterable[str]) -> None:
    """Before the program picker: a link's ``program`` that is not a recorded program is reported and
    dropped, so the picker falls back to the program chosen before (or the first)."""
    wanted = param(PROGRAM_PARAM)
    if wanted is None or wanted in set(program_ids):
        return
    st.warning(
        _(
            "This link names the program {program}, which is not recorded in this dashboard. Pick a program below."
        ).format(program=escaped(wanted))
    )
    drop(PROGRAM_PARAM)
