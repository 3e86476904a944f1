"""O*NET levels in plain words.

O*NET rates how much of a skill or knowledge an occupation needs on a 0-7 "level" scale and how
important it is on a 1-5 scale. Numbers mean little to a worker, so we show a word band and the
closest of O*NET's own anchor examples for that element ("Read step-by-step instructions for
completing a form" is Reading Comprehension at level 2).

The bands are our choice, so the page states them, in the words ``level_bands_in_words`` makes
from ``LEVEL_BANDS`` itself (below 1.5 "little", 1.5-3 "basic", 3-4.5 "intermediate", 4.5-6
"advanced", 6 and above "expert"). Importance: below 2 "not important", 2-3 "somewhat important",
3-4 "important", 4 and above "very important".
"""

from __future__ import annotations

import math

from lmi.i18n import N_, _

# the band words are English, marked for the catalog; ``describe_level`` and friends return them translated
LEVEL_BANDS = (
    (1.5, N_("little")),
    (3.0, N_("basic")),
    (4.5, N_("intermediate")),
    (6.0, N_("advanced")),
    (math.inf, N_("expert")),
)
IMPORTANCE_BANDS = (
    (2.0, N_("not important")),
    (3.0, N_("somewhat important")),
    (4.0, N_("important")),
    (math.inf, N_("very important")),
)


def describe_level(level: float | None) -> str:
    return _band(level, LEVEL_BANDS)


def level_bands_in_words() -> str:
    """The level bands as the page states them: "O*NET level below 1.5 “little”, 1.5–3 “basic”, …, 6+ “expert”;
    the example is O*NET's closest anchor for that level." Made from ``LEVEL_BANDS``, so text and bands agree."""
    parts, lower = [], None
    for upper, word in LEVEL_BANDS:
        if lower is None:
            parts.append(_("below {upper} “{word}”").format(upper=_number(upper), word=_(word)))
        elif math.isinf(upper):
            parts.append(_("{lower}+ “{word}”").format(lower=_number(lower), word=_(word)))
        else:
            parts.append(_("{lower}–{upper} “{word}”").format(lower=_number(lower), upper=_number(upper), word=_(word)))
        lower = upper
    return _("Levels in words: O*NET level {bands}; the example is O*NET's closest anchor for that level.").format(
        bands=", ".join(parts)
    )


def _number(value: float) -> str:
    return f"{value:g}"


def describe_importance(importance: float | None) -> str:
    return _band(importance, IMPORTANCE_BANDS)


def nearest_anchor(level: float | None, anchors: list[tuple[float, str]]) -> str | None:
    """The anchor example closest to ``level`` (anchors: (value, description) for one element)."""
    if level is None or _missing(level) or not anchors:
        return None
    return min(anchors, key=lambda anchor: abs(anchor[0] - level))[1]


def _band(value: float | None, bands: tuple[tuple[float, str], ...]) -> str:
    if value is None or _missing(value):
        return _("not rated")
    for upper, word in bands:
        if value < upper:
            return _(word)
    return _(bands[-1][1])


def _missing(value: float) -> bool:
    try:
        return math.isnan(value)
    except TypeError:
        return False
