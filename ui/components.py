"""Small rendering helpers: source captions under numbers, CSV downloads that carry their source,
the data-vintage footer, and what the frame says when there is no database to serve."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from lmi.db import MissingDatabaseError, reference_db_path
from lmi.provenance import SOURCE_SHORT_NAMES
from ui import data


def source_caption(*source_keys: str) -> str:
    """Write the source line under a block of numbers and return it (for the CSV)."""
    note = data.source_note(tuple(source_keys))
    st.caption(md(note))
    return note


def csv_download(frame: pd.DataFrame, label: str, file_stem: str, source: str, key: str) -> None:
    """Offer exactly what is shown as CSV, with a ``source`` column so the file says where it came from."""
    out = frame.copy()
    out["source"] = source
    st.download_button(
        label, out.to_csv(index=False).encode("utf-8"), file_name=f"{_slug(file_stem)}.csv", mime="text/csv", key=key
    )


def render_missing_database() -> bool:
    """When the reference database has not been built, say how to build it and return True (the frame then
    renders nothing else); False when it opens."""
    try:
        data.connection()
    except (MissingDatabaseError, FileNotFoundError):
        st.error(
            f"The reference database {reference_db_path()} has not been built yet. "
            "Run `./dev.sh start` (or `python -m etl build`) and reload this page."
        )
        return True
    return False


def render_footer() -> None:
    """The sidebar's data vintages: the version of every source this database holds, and its build."""
    vintages = data.data_vintages()
    parts = [f"{SOURCE_SHORT_NAMES.get(k, k)} {v}" for k, v in sorted(vintages["versions"].items())]
    st.sidebar.divider()
    st.sidebar.caption("**Data vintages:** " + md("; ".join(parts)) + ".")
    if vintages["built_utc"]:
        st.sidebar.caption(
            f"Database built {vintages['built_utc']} (build {vintages['build_id']}). "
            "See *Data & methods* for sources and licenses."
        )


def md(text: str) -> str:
    """Markdown-safe text: "O*NET" twice in one string would otherwise turn the words between into
    italics. Only that asterisk is escaped, so intended **bold** still works."""
    return text.replace("O*NET", "O\\*NET")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
