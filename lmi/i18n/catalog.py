"""The message catalogs: ``locales/<lang>/LC_MESSAGES/messages.po`` at the project root, standard gettext
PO files that translators and tools (Babel, Poedit, Weblate) read and write. English is the source
language, so it has no catalog: a message id is its English text.

A catalog is read once per process (Babel's PO reader) into a plain dict; fuzzy entries are left out, so
a translation a tool only guessed is never shown."""

from __future__ import annotations

import functools
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "messages"

Translation = str | tuple[str, ...]  # a plain message's text, or a plural message's forms


def catalog_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_path() -> Path:
    return LOCALES_DIR / f"{DOMAIN}.pot"


def read_catalog(language: str) -> Catalog:
    """The PO file of ``language`` as a Babel catalog (empty when there is none yet)."""
    path = catalog_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


@functools.cache
def translations(language: str) -> dict[str, Translation]:
    """Message id (or plural singular id) -> translated text (or plural forms), translated entries only."""
    found: dict[str, Translation] = {}
    for message in read_catalog(language):
        if not message.id or message.fuzzy:
            continue
        key = message.id[0] if message.pluralizable else message.id
        text = tuple(message.string) if message.pluralizable else message.string
        if all(text) if isinstance(text, tuple) else text:
            found[key] = text
    return found
