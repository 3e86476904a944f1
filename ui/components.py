"""Small rendering helpers: source captions under numbers, CSV downloads that carry their source,
the data-vintage footer, and what the frame says when there is no database to serve."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

import pandas as pd
import streamlit as st

from lmi.db import MissingDatabaseError, reference_db_path
from lmi.i18n import _, current_language, use_language
from lmi.provenance import source_short_name
from ui import data
from ui.downloads import frame_csv_bytes
from ui.language import render_data_values_note


def render_title(title: str) -> None:
    """The page's title and, in a language other than English, the one note that data values (titles,
    area names) are shown as their publishers wrote them: every page opens with this one call."""
    st.title(title)
    render_data_values_note()


def source_caption(*source_keys: str) -> str:
    """Write the source line under a block of numbers and return it (for the CSV)."""
    note = data.source_note(tuple(source_keys))
    st.caption(md(note))
    return note


def csv_download(
    frame: pd.DataFrame | Callable[[], pd.DataFrame], label: str, file_stem: str, source: str, key: str
) -> None:
    """Offer exactly what is shown as CSV, with a ``source`` column so the file says where it came from
    (headed in the visitor's language, like the table's own headers). Text cells that a spreadsheet would read
    as a formula are quoted (``ui.downloads``): names typed by staff reach this file as they were typed.

    ``frame`` may be a function that makes the frame (a table made for the file only, such as one with its
    figures marked): it is then called on click, not on every rerun."""
    # Made on click (Streamlit calls the function then, outside the script run, so the visitor's language goes
    # with it): a page offers a dozen CSVs and rebuilt every one on every rerun, a fifth of a repeated search's
    # CPU. A click does not rerun the page ("ignore"): nothing on it changes, and a rerun would replace the
    # file's registration while the browser asks for it.
    make = functools.partial(_csv_with_source, frame, _("source"), source, current_language())
    st.download_button(label, make, file_name=f"{_slug(file_stem)}.csv", mime="text/csv", key=key, on_click="ignore")


def _csv_with_source(
    frame: pd.DataFrame | Callable[[], pd.DataFrame], source_header: str, source: str, language: str
) -> bytes:
    with use_language(language):
        out = (frame() if callable(frame) else frame).copy()
        out[source_header] = source
        return frame_csv_bytes(out)


def render_missing_database() -> bool:
    """When the reference database has not been built, say how to build it and return True (the frame then
    renders nothing else); False when it opens."""
    try:
        data.connection()
    except (MissingDatabaseError, FileNotFoundError):
        st.error(
            _(
                "The reference database {path} has not been built yet. "
                "Run `./dev.sh start` (or `python -m etl build`) and reload this page."
            ).format(path=reference_db_path())
        )
        return True
    return False


def render_footer() -> None:
    """The sidebar's data vintages: the version of every source this database holds, and its build."""
    vintages = data.data_vintages()
    parts = [f"{source_short_name(k)} {v}" for k, v in sorted(vintages["versions"].items())]
    st.sidebar.divider()
    st.sidebar.caption(_("**Data vintages:** {vintages}.").format(vintages=md("; ".join(parts))))
    if vintages["built_utc"]:
        st.sidebar.caption(
            _("Database built {built} (build {build_id}). See *Data & methods* for sources and licenses.").format(
                built=vintages["built_utc"], build_id=vintages["build_id"]
            )
        )


def md(text: str) -> str:
    """Markdown-safe text: "O*NET" twice in one string would otherwise turn the words between into
    italics. Only that asterisk is escaped, so intended **bold** still works."""
    return text.replace("O*NET", "O\\*NET")


_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>#|~$:])")
WORD_JOINER = "\u2060"  # invisible, and no letter, digit or punctuation: it breaks what an autolink must match
_AUTOLINKS = (
    (re.compile(r"(\\:)(//)"), r"\1" + WORD_JOINER + r"\2"),  # https://... (the colon is already escaped)
    (re.compile(r"(?i)\b(www)(\.)"), r"\1" + WORD_JOINER + r"\2"),  # www.example.org
    (re.compile(r"(@)"), r"\1" + WORD_JOINER),  # someone@example.org
)


def literal_markdown(text: str) -> str:
    """``text`` as Markdown that shows it literally, on one line: figure summaries name programs and providers
    as staff typed them, and import messages name uploaded files and what the file reader said of them, so
    their asterisks, underscores, brackets, angle brackets, dollar signs (maths) and colons (Streamlit's colour
    and emoji directives) are escaped, never interpreted. Escapes cannot stop GitHub's autolinks (they are found
    in the text after escapes are read), so a word joiner (U+2060, invisible) goes into ``://``, ``www.`` and
    after ``@``: a name holding a URL or an address shows it as text, not as a link."""
    escaped = _MARKDOWN_ACTIVE.sub(r"\\\1", " ".join(str(text).split()))
    for pattern, replacement in _AUTOLINKS:
        escaped = pattern.sub(replacement, escaped)
    return escaped


def _slug(text: str) -> str:
    """A file name from words in any language: accents dropped ("ocupación" -> "ocupacion"), then a-z0-9."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
