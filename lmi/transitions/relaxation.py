"""When the thresholds leave nothing ranked: what each threshold removed, the best value among the
occupations it removed, and a relaxation of exactly that threshold that ranks something again.

A worker who rated twelve skills honestly and sees "no occupation" learns nothing; "the lowest
similarity (25) removed all 50 occupations most like your self-assessment; the best similarity is 19"
tells them why, and "relax the lowest similarity to 19" undoes it in one click. So for every
threshold that removed at least one of the candidates (``lmi.transitions.ranking.THRESHOLD_WORDS``),
``removals`` gives:

- how many candidates miss it (a candidate can miss several, so the counts can add up to more than
  the candidates), and how many miss it alone;
- the best value among the candidates it removed (the highest similarity, the smallest job zone
  step, the most jobs, ...), against the threshold's value now;
- ``relaxed``: the thresholds with exactly this one moved far enough to admit the best candidate
  that misses only this threshold (so relaxing it alone ranks at least that one), and how many
  candidates the relaxed thresholds rank; None when relaxing this threshold alone ranks nothing (every
  candidate it removed misses another threshold too), or when no threshold can change it (no BLS
  jobs figure in the region).

``empty_reason`` says it in one sentence for the page; ``lmi.transitions.ranking.explain_empty``
still finds a relaxation of several thresholds at once when no single one ranks anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lmi.i18n import _, ngettext
from lmi.transitions.ranking import (
    BEST_VALUE_COLUMNS,
    THRESHOLD_WORDS,
    Thresholds,
    TransitionResult,
    best_value,
    relaxed_exactly,
    threshold_failures,
    threshold_value_words,
    threshold_words,
)


@dataclass(frozen=True)
class ThresholdRemoval:
    """What one threshold removed from the candidates, and the relaxation of exactly that threshold."""

    threshold: str  # a key of ``lmi.transitions.ranking.THRESHOLD_WORDS``
    removed_count: int  # candidates that miss it (they may miss others too)
    only_this_count: int  # candidates that miss it and nothing else
    value_words: str  # the threshold now, as the page shows it ("25", "100", "90%")
    best_words: str | None  # the best value among the candidates it removed (None: no value to compare)
    relaxed: Thresholds | None  # exactly this threshold relaxed; None: relaxing it alone ranks nothing
    ranked_after: int  # candidates the relaxed thresholds rank (0 when ``relaxed`` is None)

    @property
    def adjustable(self) -> bool:
        return THRESHOLD_WORDS[self.threshold][1] is not None


def removals(result: TransitionResult) -> list[ThresholdRemoval]:
    """Every threshold that removed at least one candidate, the one that removed the most first (the
    adjustable ones before those no threshold can change, among equal counts)."""
    aside = result.set_aside
    if aside.empty:
        return []
    fails = threshold_failures(aside, result.thresholds)
    found = []
    for key in THRESHOLD_WORDS:
        missed = fails[key].to_numpy(dtype=bool)
        if not missed.any():
            continue
        alone = missed & ~fails.drop(columns=[key]).any(axis=1).to_numpy(dtype=bool)
        relaxed = relaxed_exactly(result.thresholds, key, aside[alone]) if alone.any() else None
        found.append(
            ThresholdRemoval(
                threshold=key,
                removed_count=int(missed.sum()),
                only_this_count=int(alone.sum()),
                value_words=threshold_value_words(result.thresholds, key),
                best_words=best_value_words(key, aside[missed], aside[alone]),
                relaxed=relaxed,
                ranked_after=0 if relaxed is None else ranked_count(aside, relaxed),
            )
        )
    return sorted(found, key=lambda removal: (-removal.removed_count, not removal.adjustable))


def offered(result: TransitionResult) -> list[ThresholdRemoval]:
    """The relaxations worth a button: exactly one threshold relaxed, ranking at least one occupation;
    the threshold that removed the most first."""
    return [removal for removal in removals(result) if removal.relaxed is not None and removal.ranked_after]


def ranked_count(candidates: pd.DataFrame, thresholds: Thresholds) -> int:
    """How many of ``candidates`` pass every threshold of ``thresholds``."""
    return int((~threshold_failures(candidates, thresholds).any(axis=1)).sum())


def best_value_words(key: str, removed: pd.DataFrame, alone: pd.DataFrame | None = None) -> str | None:
    """The best value among the candidates ``key`` removed, in words ("the best similarity is 63.6"), and
    the best among those that miss only ``key`` (``alone``) when it differs: that is where the relaxation
    moves the threshold ("61.4 among those that miss nothing else")."""
    if key not in BEST_VALUE_COLUMNS:
        return None
    best = best_value(key, removed)
    if best is None:
        return None
    words = {
        "similarity": _("the best similarity is {value}"),
        "job_zone": _("the smallest job zone step is {value}"),
        "education": _("the smallest education step is {value}"),
        "local_jobs": _("the most jobs any has here is {value}"),
        "pay": _("the best median pay is {value} of now"),
    }[key].format(value=_value_text(key, best))
    best_alone = None if alone is None or alone.empty else best_value(key, alone)
    if best_alone is not None and _value_text(key, best_alone) != _value_text(key, best):
        words += " " + _("({value} among those that miss nothing else)").format(value=_value_text(key, best_alone))
    return words


def _value_text(key: str, value: float) -> str:
    if key == "similarity":
        return f"{value:.1f}"
    if key == "pay":
        return f"{value:.0%}"
    return f"{value:,.0f}"


def removal_words(removal: ThresholdRemoval, total: int) -> str:
    """ "the lowest similarity (25) removed 50 of 50; the best similarity is 19"."""
    if not removal.adjustable:
        return ngettext(
            "{count} of {total} has {threshold}",
            "{count} of {total} have {threshold}",
            removal.removed_count,
        ).format(count=removal.removed_count, total=total, threshold=threshold_words(removal.threshold))
    if removal.threshold == "same_occupation":
        words = _("{count} of {total} are specialties of your own occupation, left out")
    else:
        words = _("the {threshold} ({value}) removed {count} of {total}")
    words = words.format(
        threshold=threshold_words(removal.threshold),
        value=removal.value_words,
        count=removal.removed_count,
        total=total,
    )
    return f"{words}; {removal.best_words}" if removal.best_words else words


def empty_reason(result: TransitionResult) -> str:
    """Why nothing is ranked, threshold by threshold, as a short Markdown list: "No occupation passes every
    threshold in the United States. Of the 50 occupations most like your self-assessment:" then one line
    per threshold ("the lowest similarity (25) removed 50 of 50; the best similarity is 19.4"). Empty when
    something is ranked."""
    if len(result.ranked):
        return ""
    total = len(result.set_aside)
    found = removals(result)
    lines = [_("No occupation passes every threshold in {area}.").format(area=result.area_label)]
    if found:
        lines[0] += " " + ngettext(
            "Of the {total} occupation most like {origin}:",
            "Of the {total} occupations most like {origin}:",
            total,
        ).format(total=total, origin=result.origin.label)
        lines.append("")
        lines.extend(f"- {removal_words(removal, total)}" for removal in found)
    if len(found) > 1:
        lines.extend(["", _("An occupation can miss several thresholds.")])
    return "\n".join(lines)


def change_words(removal: ThresholdRemoval, old: Thresholds) -> str:
    """The relaxation in words, for its button: "Relax the lowest similarity to 19 and rank again"."""
    if removal.relaxed is None:
        return ""
    if removal.threshold == "same_occupation":
        return _("Include specialties of your own occupation and rank again")
    return _("Relax the {threshold} from {old} to {new} and rank again").format(
        threshold=threshold_words(removal.threshold),
        old=threshold_value_words(old, removal.threshold),
        new=threshold_value_words(removal.relaxed, removal.threshold),
    )


def ranked_after_words(removal: ThresholdRemoval) -> str:
    """How many occupations the relaxation ranks (the button's tooltip)."""
    return ngettext(
        "Changes only this threshold; {count} occupation passes them all then.",
        "Changes only this threshold; {count} occupations pass them all then.",
        removal.ranked_after,
    ).format(count=removal.ranked_after)
