"""The method texts the Career transitions page shows are made by the domain from its own constants: each
test reads the numbers back out of the words and checks them against the constants and, where it can,
against what the code actually computes (a ranking, a calibration, a refusal)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from lmi.transitions import (
    columns,
    neighbours,
    pathways,
    ranking,
    self_assessment,
    similarity_method,
    skill_gaps,
)
from lmi.transitions.ranking import (
    DEMAND_PARTS,
    EDUCATION_RANK,
    EDUCATION_WORDS,
    NEUTRAL_POINTS,
    RANKING_WEIGHTS,
    Thresholds,
    TransitionEngine,
)

PART_NAMES = {
    "similarity": "similarity",
    "openings points": "openings",
    "concentration points": "concentration",
    "pay points": "pay",
}
SCALE_EXAMPLE = re.compile(r"(\d+) = (?:only )?1 in ([\d,]+)")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _scale_examples(text: str) -> dict[float, float]:
    return {float(score): _number(count) for score, count in SCALE_EXAMPLE.findall(text)}


# --------------------------------------------------------------------------- ranking


def parsed_ranking_method() -> dict:
    """The transition score as the page states it, read back from the words."""
    text = ranking.method_text()
    weights = {
        PART_NAMES[name]: int(pct) / 100
        for pct, name in re.findall(r"(\d+)% of (similarity|openings points|concentration points|pay points)", text)
    }
    per_decade = _number(re.search(r"openings points \(([\d.]+) x log10", text).group(1))
    per_ratio, cap = (
        _number(x) for x in re.search(r"\(([\d.]+) x location quotient, capped at ([\d.]+)\)", text).groups()
    )
    pay_per_ratio, pay_cap = (
        _number(x) for x in re.search(r"\(([\d.]+) x pay ratio to now, capped at ([\d.]+)\)", text).groups()
    )
    neutral = _number(re.search(r"counts as neutral \(([\d.]+)\)", text).group(1))
    examples = {int(_number(n)): _number(p) for n, p in re.findall(r"([\d,]+) → (\d+)", text)}
    return {
        "weights": weights,
        "per_decade": per_decade,
        "ratio": (per_ratio, cap),
        "pay": (pay_per_ratio, pay_cap),
        "neutral": neutral,
        "examples": examples,
    }


def test_ranking_text_states_the_weights_and_scales_the_ranking_uses():
    stated = parsed_ranking_method()
    assert stated["weights"] == pytest.approx(RANKING_WEIGHTS)
    assert list(stated["weights"]) == list(RANKING_WEIGHTS)
    assert sum(stated["weights"].values()) == pytest.approx(1.0)
    assert stated["per_decade"] == ranking.OPENINGS_POINTS_PER_DECADE
    assert stated["ratio"] == stated["pay"] == (ranking.POINTS_PER_RATIO, ranking.POINTS_PER_RATIO * ranking.RATIO_CAP)
    assert stated["neutral"] == NEUTRAL_POINTS
    assert set(stated["examples"]) == set(ranking.OPENINGS_EXAMPLES)
    for openings, points in stated["examples"].items():
        assert float(ranking.openings_points(openings)) == pytest.approx(points)
    per_ratio, cap = stated["ratio"]
    assert float(ranking.ratio_points(1.0)) == per_ratio
    assert float(ranking.ratio_points(10.0)) == cap
    assert float(ranking.ratio_points(np.nan)) == stated["neutral"]


def test_a_real_ranking_scores_exactly_as_the_text_says(ref_con):
    """Recompute every ranked target's score from its raw figures with the numbers read from the text."""
    stated = parsed_ranking_method()
    per_ratio, cap = stated["ratio"]
    ranked = TransitionEngine(ref_con).from_occupation("29-1141.00", "0025540").ranked
    own = ranked[ranked.demand_counted]  # a repeated BLS group figure gets neutral points instead (group text)
    assert len(own) >= 5

    def ratio(value):
        return stated["neutral"] if math.isnan(value) else min(per_ratio * max(value, 0.0), cap)

    for row in own.itertuples():
        openings = row.local_annual_openings_est_count
        points = {
            "similarity": row.similarity_score,
            "openings": min(max(stated["per_decade"] * math.log10(openings), 0.0), cap) if openings > 0 else 0.0,
            "concentration": ratio(float(row.location_quotient)),
            "pay": ratio(float(row.wage_ratio)),
        }
        expected = sum(stated["weights"][part] * value for part, value in points.items())
        assert row.transition_score == pytest.approx(expected, abs=1e-6), row.target_title


def test_ranking_docstring_formula_matches_the_weights():
    stated = {
        PART_NAMES[name]: float(weight)
        for weight, name in re.findall(
            r"(\d\.\d+) x (similarity|openings points|concentration points|pay points)", ranking.__doc__
        )
    }
    assert stated == pytest.approx(RANKING_WEIGHTS)


def test_group_figures_text_states_the_neutral_points_and_the_parts_counted_once():
    text = ranking.group_figures_text()
    assert _number(re.search(r"neutral points \((\d+)", text).group(1)) == NEUTRAL_POINTS
    assert f"carries its {' and '.join(DEMAND_PARTS)} points" in text


def test_score_tooltip_names_every_part():
    assert columns.TABLE_WORDS["transition_score"][1] == ranking.score_help()
    assert all(part in ranking.score_help() for part in RANKING_WEIGHTS)


# --------------------------------------------------------------------------- thresholds


def test_thresholds_text_states_the_defaults_and_the_education_ladder():
    text = ranking.thresholds_text()
    default = Thresholds()
    assert default.describe()[1:] in text
    assert f"at least {default.min_similarity:.0f}" in text and f"{default.min_wage_ratio:.0%} of now" in text
    assert f"at least {default.min_local_jobs:,} jobs" in text
    ladder = ranking.education_ladder_words()
    assert ladder in text and ladder in ranking.threshold_help()["education"]
    rungs = sorted(set(EDUCATION_RANK.values()))
    assert len(ladder.split("; ")) == len(rungs)
    positions = [ladder.index(words) for words in EDUCATION_WORDS.values()]
    order = [EDUCATION_RANK[category] for category in EDUCATION_WORDS]
    assert [rank for _, rank in sorted(zip(positions, order))] == sorted(order)  # words in ladder order
    gaps = [b - a for a, b in zip(rungs, rungs[1:]) if b - a > 1]
    stated = re.findall(r"(\w+) rungs above", ladder)
    assert [ranking._STEP_WORDS.index(word) for word in stated] == gaps


def test_threshold_tooltips_use_the_similarity_scale_and_job_zones():
    tips = ranking.threshold_help()
    assert set(tips) == {key for key, (_, field) in ranking.THRESHOLD_WORDS.items() if field}
    assert f"{ranking.JOB_ZONE_RANGE[0]}-{ranking.JOB_ZONE_RANGE[1]}" in tips["job_zone"]
    for score, count in _scale_examples(tips["similarity"]).items():
        assert similarity_method.one_in(score) == pytest.approx(count)


# --------------------------------------------------------------------------- similarity


def test_similarity_scale_words_match_the_calibration():
    """On 100,000 evenly spread pairs, the value that only 1 in n pairs exceeds scores what the text says."""
    stated = _scale_examples(similarity_method.method_text())
    assert stated[similarity_method.MAX_SCORE] == pytest.approx(1 / similarity_method.MIN_SHARE)
    calibration = similarity_method.Calibration.fit(np.arange(100_000, dtype=np.float64))
    for score, count in stated.items():
        value = 100_000 - 100_000 / count - 1
        assert float(calibration.score(np.array([value]))[0]) == pytest.approx(score, abs=0.5)
        if score < similarity_method.MAX_SCORE:
            assert f"1 in {count:,.0f} pairs" in neighbours.describe_score(score)


def test_similarity_text_counts_the_components_and_the_tuning_grid():
    text = similarity_method.method_text()
    count = re.search(r"compared on (\w+) components", text).group(1)
    assert similarity_method._COUNT_WORDS.index(count) == len(similarity_method.COMPONENTS)
    tuning = similarity_method.tuning_text(0.574, 10)
    grid = re.search(r"each weight tried at ([\d., and]+)\)", tuning).group(1)
    assert [float(v) for v in re.findall(r"[\d.]+", grid)] == [float(v) for v in similarity_method.TUNING_GRID]
    assert "Our top 10 currently hold 57%" in tuning


def test_similarity_docstring_table_matches_the_component_weights():
    rows = re.findall(r"^   (\w+)\s+.*?\s([\d.]+)$", similarity_method.__doc__, flags=re.MULTILINE)
    stated = {key: float(weight) for key, weight in rows if key in similarity_method.WEIGHTS}
    assert stated == similarity_method.WEIGHTS


def test_breakdown_note_uses_the_scale_and_names_what_was_not_compared():
    note = neighbours.breakdown_note(41.6, ["Skills", "Knowledge"])
    assert "(42 here;" in note and note.endswith("self-assessment): Skills, Knowledge.")
    for score, count in _scale_examples(note).items():
        assert similarity_method.one_in(score) == pytest.approx(count)


# --------------------------------------------------------------------------- self-assessment, stepping stones, gaps


def test_self_assessment_text_states_its_weights_and_the_fewest_skills():
    text = self_assessment.method_text()
    stated = {
        name.replace(" ", "_"): float(w) for name, w in re.findall(r"(skills|interests|work styles) ([\d.]+)", text)
    }
    assert stated == self_assessment.SELF_WEIGHTS
    fewest = int(re.search(r"At least (\d+) rated skills", text).group(1))
    assert fewest == self_assessment.MIN_RATED_SKILLS
    too_few = {f"2.A.1.{letter}": 3.0 + i for i, letter in enumerate("abcdefg"[: fewest - 1])}
    with pytest.raises(self_assessment.SelfAssessmentError, match=f"at least {fewest} skills"):
        self_assessment.validate(self_assessment.SelfAssessment(too_few))


def test_self_assessment_form_words_state_the_rating_scales():
    for text, bounds in (
        (self_assessment.skill_scale_text(), self_assessment.LEVEL_RANGE),
        (self_assessment.interest_scale_text(), self_assessment.INTEREST_RANGE),
        (self_assessment.work_style_scale_text(), self_assessment.WORK_STYLE_RANGE),
    ):
        assert f"{bounds[0]:g}" in text and f"{bounds[1]:g}" in text


def test_stepping_stones_text_states_the_desirable_pay():
    pct = int(re.search(r"at least (\d+)% of now", pathways.method_text()).group(1))
    assert pct == round(pathways.DESIRABLE_WAGE_RATIO * 100)


def test_gap_texts_state_the_importance_and_gap_thresholds():
    note = skill_gaps.method_note("level now", from_self_assessment=False)
    assert float(re.search(r"importance ≥ ([\d.]+)", note).group(1)) == skill_gaps.MIN_TARGET_IMPORTANCE
    assert float(re.search(r"at least ([\d.]+) level above", note).group(1)) == skill_gaps.MIN_GAP_LEVELS
    sentence = skill_gaps.no_gaps_sentence("Nurse Practitioners", from_self_assessment=True)
    assert float(re.search(r"needs a level ([\d.]+) or more", sentence).group(1)) == skill_gaps.MIN_GAP_LEVELS
