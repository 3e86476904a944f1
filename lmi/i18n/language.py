"""Which language the words of this request are in.

The language is a context variable, not a global: Streamlit runs every browser session's script in its own
thread, so one visitor reading Spanish never switches another to it. ``app.py`` sets it at the start of
every run from the URL (``?lang=es``); code that renders outside a run (the PDF brief command, tests,
notebooks) wraps its work in ``use_language``.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

DEFAULT_LANGUAGE = "en"
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}  # each language's name in itself
LANGUAGE_PARAM = "lang"  # the URL parameter that carries the language (?lang=es)

_current: contextvars.ContextVar[str] = contextvars.ContextVar("lmi_language", default=DEFAULT_LANGUAGE)


def normalise_language(value: str | None) -> str:
    """A supported language code for any user-supplied value ("ES", "es-US", junk): unknown means English."""
    code = (value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _current.get()


def set_language(value: str | None) -> str:
    """Make ``value`` (normalised) the language of the rest of this run; returns the code set."""
    code = normalise_language(value)
    _current.set(code)
    return code


@contextlib.contextmanager
def use_language(value: str | None) -> Iterator[str]:
    """Words inside the block come in ``value``'s language; the previous language is restored after."""
    token = _current.set(normalise_language(value))
    try:
        yield _current.get()
    finally:
        _current.reset(token)
