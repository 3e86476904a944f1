"""English and Spanish: every word the dashboard shows comes from a message catalog (gettext PO files
under ``locales/``), in the language the visitor chose. Data values (O*NET titles, BLS area and
occupation names, program names staff typed) are shown as published, in English."""

from lmi.i18n.language import (
    DEFAULT_LANGUAGE,
    LANGUAGE_PARAM,
    LANGUAGES,
    current_language,
    normalise_language,
    set_language,
    use_language,
)
from lmi.i18n.translate import N_, _, ngettext

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_PARAM",
    "N_",
    "_",
    "current_language",
    "ngettext",
    "normalise_language",
    "set_language",
    "use_language",
]
