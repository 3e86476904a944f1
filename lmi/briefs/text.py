"""Text the PDF's core fonts can show. fpdf2's 14 standard fonts need no font file (so a brief renders on
a fresh machine with no system fonts) but only know one byte per character: Windows-1252 here, which has
“ ” – — … • ® and ©. Anything else is spelled out (≥ as ">=", → as "->") or reduced to its plain letter
(é stays, ő becomes o); as a last resort "?" stands in, so rendering never fails on a name."""

from __future__ import annotations

import unicodedata

ENCODING = "windows-1252"
SPELLED_OUT = {
    "≥": ">=",
    "≤": "<=",
    "≠": "!=",
    "→": "->",
    "←": "<-",
    "↔": "<->",
    "−": "-",  # minus sign
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "―": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u200b": "",
    "✓": "yes",
    "✗": "no",
    "·": "·",
}


def pdf_safe(text: object) -> str:
    """``text`` in characters Windows-1252 encodes, meaning kept where the font cannot show a character."""
    out = []
    for char in str(text):
        char = SPELLED_OUT.get(char, char)
        if _encodes(char):
            out.append(char)
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(plain if plain and _encodes(plain) else "?")
    return "".join(out)


def _encodes(text: str) -> bool:
    try:
        text.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True
