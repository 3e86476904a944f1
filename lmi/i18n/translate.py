"""The translation functions every user-facing string goes through.

- ``_("Jobs here")``: the text in the current language (English when no translation is catalogued);
- ``N_("Jobs here")``: marks text kept in a module-level constant for extraction, translated later where
  it is shown with ``_(constant)``;
- ``ngettext("{n} program", "{n} programs", n)``: the plural form the language needs for ``n``.

Placeholders are named and filled after translation (``_("Jobs in {area}").format(area=name)``) so a
translator can move them; f-strings cannot be extracted and are not used for translated text."""

from __future__ import annotations

from lmi.i18n.catalog import translations
from lmi.i18n.language import DEFAULT_LANGUAGE, current_language


def _(message: str) -> str:
    """``message`` in the current language."""
    language = current_language()
    if language == DEFAULT_LANGUAGE or not message:
        return message
    found = translations(language).get(message)
    return found if isinstance(found, str) else message


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (module-level constants)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the current language. English and Spanish both
    use the singular for exactly one; CLDR's Spanish has a third form for exact millions ("1 millón de"),
    which no count here needs, so any other count takes the general plural, the last form."""
    language = current_language()
    english = singular if count == 1 else plural
    if language == DEFAULT_LANGUAGE:
        return english
    found = translations(language).get(singular)
    if not isinstance(found, tuple):
        return english
    return found[0] if count == 1 else found[-1]
