"""Changes to the catalogs: adding translations, dropping messages no code asks for, and the checks the
tests run. Writes go through one file lock and a temporary file swapped in, so two writers never
interleave and a crash never leaves half a catalog."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from lmi.i18n.catalog import LOCALES_DIR, catalog_path, read_catalog, template_path, translations
from lmi.i18n.extract import Message, extract_messages, placeholders

TRANSLATED_LANGUAGES = ("es",)
PROJECT = "Local Labor Market Dashboard"
HOLDER = "the Local Labor Market Dashboard contributors"


@contextmanager
def _locked() -> Iterator[None]:
    LOCALES_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOCALES_DIR / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write(catalog: Catalog, path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        write_po(out, catalog, width=110, no_location=True, sort_output=True, omit_header=False)
    os.replace(temporary, path)
    translations.cache_clear()


def _message_id(message: Message):
    return (message.id, message.plural) if message.plural else message.id


def add_translations(found: dict, language: str = "es") -> str:
    """Set each ``{english: spanish}`` (a list of forms for a plural) in ``language``'s catalog."""
    with _locked():
        catalog = read_catalog(language)
        known = {m.id[0] if m.pluralizable else m.id: m for m in catalog if m.id}
        for english, text in found.items():
            if not english or not text:
                continue
            message = known.get(english)
            forms = _plural_forms(catalog, text) if isinstance(text, list) else text
            if message is not None:
                message.string = forms
                message.flags.discard("fuzzy")
            elif isinstance(text, list):
                catalog.add((english, english), forms)
            else:
                catalog.add(english, text)
        _write(catalog, catalog_path(language))
    return f"{len(found)} translations added to {catalog_path(language)}"


def _plural_forms(catalog: Catalog, forms: list[str]) -> tuple[str, ...]:
    """[singular, plural] spread over the catalog's plural forms: Spanish (CLDR) has one, many (exact
    millions) and other; "many" and "other" read the same for the counts this dashboard shows."""
    return tuple(forms[:1] + [forms[-1]] * (catalog.num_plurals - 1))


def update_catalogs() -> str:
    """Write the template from the code and drop, from every catalog, messages no code asks for; plural
    messages get their plural English id from the code."""
    wanted = extract_messages()
    with _locked():
        template = Catalog(project=PROJECT, domain="messages", copyright_holder=HOLDER)
        for message in wanted.values():
            template.add(_message_id(message))
        _write(template, template_path())
        for language in TRANSLATED_LANGUAGES:
            old = translations(language)
            catalog = Catalog(locale=language, domain="messages", project=PROJECT, copyright_holder=HOLDER)
            for message in wanted.values():
                if message.id in old:
                    catalog.add(_message_id(message), old[message.id])
            _write(catalog, catalog_path(language))
    missing = missing_translations(wanted)
    return f"{len(wanted)} messages; {len(missing)} without Spanish (python -m lmi.i18n missing)"


def missing_translations(wanted: dict[str, Message], language: str = "es") -> dict[str, object]:
    """Messages of ``wanted`` that ``language`` lacks, as a fill-in template (plurals as two forms)."""
    have = translations(language)
    return {m.id: (["", ""] if m.plural else "") for m in wanted.values() if m.id not in have}


def catalog_problems(language: str = "es") -> list[str]:
    """Why the catalog is not complete: messages without a translation, entries no code asks for, and
    translations whose ``{placeholders}`` differ from the English (they would fail or lose a value)."""
    wanted = extract_messages()
    have = translations(language)
    problems = [f"no {language} translation: {m.id!r} ({m.locations[0]})" for m in wanted.values() if m.id not in have]
    problems += [f"no code asks for: {key!r}" for key in sorted(set(have) - set(wanted))]
    for key, text in have.items():
        message = wanted.get(key)
        forms = text if isinstance(text, tuple) else (text,)
        if message and any(placeholders(form) != message.placeholders() for form in forms):
            problems.append(f"placeholders differ: {key!r} -> {forms!r}")
    return problems
