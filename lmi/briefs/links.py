"""The dashboard's links that keep state: the page's path plus the region and the main selection,
``/?area=0025540&occupation=29-1141.00`` (the Occupation explorer) or ``/program?area=...&program=EX-WELD``.

The names of the query parameters live here so the pages that read them (``ui.region``,
``ui.occupation_picker``, the program picker) and the briefs that print them agree."""

from __future__ import annotations

import re
from urllib.parse import urlencode

AREA_PARAM = "area"  # an OEWS area code (0000000 the nation, 09 + 00000 a state, a CBSA or nonmetro code)
OCCUPATION_PARAM = "occupation"  # an O*NET-SOC code such as 29-1141.00
PROGRAM_PARAM = "program"  # a program_id of the records store

AREA_CODE_PATTERN = re.compile(r"^\d{7}$")
ONET_SOC_PATTERN = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
SOC_PATTERN = re.compile(r"^\d{2}-\d{4}$")
SHOWN_TEXT_MAX = 60  # characters of an unknown value a page repeats back

# The explorer is the default page, which Streamlit serves at the root whatever its url_path: a link to
# /occupations opens it behind a "Page not found" dialog, so its links name the root.
EXPLORER_PATH = ""
TRANSITIONS_PATH = "transitions"
SECTORS_PATH = "sectors"
PROGRAM_PATH = "program"
LAYOFF_PATH = "layoff"  # the Layoff response planner (its inputs: ``lmi.planner.inputs.to_params``)


def link(path: str, **params: str | None) -> str:
    """``/path?a=1&b=2`` with the given parameters in order (empty ones left out)."""
    query = urlencode({key: value for key, value in params.items() if value})
    return f"/{path}?{query}" if query else f"/{path}"


def occupation_code(text: str) -> str | None:
    """The O*NET-SOC code a link's ``occupation`` names: as given (29-1141.00), or a SOC code's main
    O*NET occupation (29-1141 -> 29-1141.00); None when the text is neither."""
    text = text.strip()
    if ONET_SOC_PATTERN.match(text):
        return text
    if SOC_PATTERN.match(text):
        return f"{text}.00"
    return None


def is_area_code(text: str) -> bool:
    return bool(AREA_CODE_PATTERN.match(text.strip()))


def shown_text(text: str) -> str:
    """A value from a link as a page may repeat it: one line, at most ``SHOWN_TEXT_MAX`` characters. The page
    still escapes it for markdown."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= SHOWN_TEXT_MAX else flat[: SHOWN_TEXT_MAX - 1] + "…"
