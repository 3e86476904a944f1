"""The Sector reality check's method text agrees with the constants the code uses: the thresholds in force,
the number of members named as carrying a sector and the share that makes them carry it, the openings method
of the demand model, and the way every page words an estimate. No database needed."""

from __future__ import annotations

import re

from lmi.demand import describe_openings
from lmi.demand.openings import OPENINGS_METHOD
from lmi.sectors.flags import FLAG_LABELS, FlagThresholds, count_words, rules_text
from lmi.sectors.method import OPENINGS_EXAMPLE_COUNT, method_items
from lmi.sectors.totals import CARRIERS_MAX, CARRIERS_SHARE_PCT

STRICT = FlagThresholds(
    national_growth_min_pct=10.0,
    thin_lq_below=0.5,
    strength_lq_min=2.0,
    hidden_openings_per_10k_min=8.0,
    min_local_coverage_pct=60.0,
)


def items(thresholds: FlagThresholds = STRICT, openings: str = OPENINGS_METHOD) -> dict[str, str]:
    return dict(method_items(thresholds, openings))


def test_every_flag_is_explained_with_the_rule_in_force():
    flags = items()["Flags"]
    for flag, rule in rules_text(STRICT).items():
        assert f"“{FLAG_LABELS[flag]}”: {rule}" in flags
    assert "below 0.5" in flags and "at least 2" in flags and "at least 10%" in flags and "at least 8 " in flags


def test_the_coverage_a_sector_needs_is_the_threshold_in_force():
    assert "cover less than 60% of its national jobs is not judged" in items()["A sector's location quotient"]


def test_what_carries_a_verdict_names_the_carrier_constants():
    carries = items()["What carries a verdict"]
    assert f"its {count_words(CARRIERS_MAX)} largest occupations" in carries
    assert f"at least {CARRIERS_SHARE_PCT:g}% of its local jobs" in carries


def test_openings_are_the_demand_models_method_worded_as_everywhere():
    states = f"{OPENINGS_METHOD} States' own projections loaded: Connecticut."
    openings = items(openings=states)["Estimated local openings"]
    assert openings.startswith(states)
    assert f"(“{describe_openings(OPENINGS_EXAMPLE_COUNT)}”)" in openings


def test_no_threshold_value_is_written_into_the_method_except_from_the_thresholds():
    """The default thresholds (0.75, 1.25, 5, 50%) appear only when they are the thresholds in force."""
    text = " ".join(items().values())
    for default in ("0.75", "1.25", "cover less than 50%", "at least 5 "):
        assert default not in text, default
    assert re.search(r"at least 1\.25", " ".join(items(FlagThresholds(national_growth_min_pct=3.1)).values()))
