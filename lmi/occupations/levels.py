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

LEVEL_BANDS = ((1.5, "little"), (3.0, "basic"), (4.5, "intermediate"), (6.0, "advanced"), (math.inf, "expert"))
IMPORTANCE_BANDS = (
    (2.0, "not important"),
    (3.0, "somewhat important"),
    (4.0, "important"),
    (math.inf, "very important"),
)


def describe_level(level: float | None) -> str:
    return _band(level, LEVEL_BANDS)


def level_bands_in_words() -> str:
    """The level bands as the page states them: "O*NET level below 1.5 “little”, 1.5–3 “basic”, …, 6+ “expert”;
    the example is O*NET's closest anchor for that level." Made from ``LEVEL_BANDS``, so text and bands agree."""
    parts, lower = [], None
    for upper, word in LEVEL_BANDS:
        if lower is None:
            parts.append(f"below {_number(upper)} “{word}”")
        elif math.isinf(upper):
            parts.append(f"{_number(lower)}+ “{word}”")
        else:
            parts.append(f"{_number(lower)}–{_number(upper)} “{word}”")
        lower = upper
    return (
        "Levels in words: O*NET level " + ", ".join(parts) + "; the example is O*NET's closest anchor for that level."
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
        return "not rated"
    for upper, word in bands:
        if value < upper:
            return word
    return bands[-1][1]


def _missing(value: float) -> bool:
    try:
        return math.isnan(value)
    except TypeError:
        return False
