"""What each threshold removed when nothing is ranked, and the relaxation of exactly one threshold
(``lmi.transitions.relaxation``), on the real reference database and on small hand-made frames."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from lmi.transitions import relaxation
from lmi.transitions.ranking import Thresholds, TransitionEngine, threshold_failures
from lmi.transitions.self_assessment import SelfAssessment, SelfAssessmentModel
from lmi.transitions.self_assessment import transitions as self_assessed

HARTFORD, NATION = "0025540", "0000000"
NURSES = "29-1141.00"
# twelve honest quick ratings no occupation is alike enough to at the default threshold
UNMATCHED_RATINGS = {
    "2.A.1.a": 2,
    "2.A.1.c": 5,
    "2.A.1.d": 1,
    "2.A.1.e": 3,
    "2.A.1.f": 1,
    "2.B.1.f": 4,
    "2.B.1.e": 4,
    "2.B.1.c": 4,
    "2.B.3.h": 4,
    "2.B.3.l": 2,
    "2.B.3.e": 1,
    "2.B.5.d": 4,
}


@pytest.fixture(scope="module")
def engine(ref_con) -> TransitionEngine:
    return TransitionEngine(ref_con)


@pytest.fixture(scope="module")
def model(ref_con) -> SelfAssessmentModel:
    return SelfAssessmentModel(ref_con)


def test_counts_match_the_thresholds_each_candidate_misses(engine):
    result = engine.from_occupation(NURSES, HARTFORD, Thresholds(min_similarity=95))
    assert result.ranked.empty
    fails = threshold_failures(result.set_aside, result.thresholds)
    found = relaxation.removals(result)
    assert found[0].threshold == "similarity" and found[0].removed_count == len(result.set_aside)
    for removal in found:
        missed = fails[removal.threshold]
        alone = missed & ~fails.drop(columns=[removal.threshold]).any(axis=1)
        assert removal.removed_count == int(missed.sum()) > 0
        assert removal.only_this_count == int(alone.sum())
    assert [r.removed_count for r in found] == sorted((r.removed_count for r in found), reverse=True)


def test_relaxing_exactly_the_threshold_that_removed_everything_ranks_again(engine):
    result = engine.from_occupation(NURSES, HARTFORD, Thresholds(min_similarity=95))
    first = relaxation.offered(result)[0]
    assert first.threshold == "similarity"
    assert replace(first.relaxed, min_similarity=95) == result.thresholds  # nothing else changed
    again = engine.from_occupation(NURSES, HARTFORD, first.relaxed)
    assert len(again.ranked) == first.ranked_after >= 1
    assert (again.ranked.similarity_score >= first.relaxed.min_similarity).all()
    words = relaxation.change_words(first, result.thresholds)
    assert words == f"Relax the lowest similarity from 95 to {first.relaxed.min_similarity:g} and rank again"


def test_honest_self_ratings_that_match_nothing_say_the_best_similarity_and_relax_to_it(engine, model):
    result = self_assessed(engine, model, SelfAssessment(UNMATCHED_RATINGS), NATION, Thresholds())
    assert result.ranked.empty
    best = result.set_aside.similarity_score.max()
    assert best < 25
    reason = relaxation.empty_reason(result)
    assert reason.startswith("No occupation passes every threshold in the United States.")
    assert "Of the 50 occupations most like your self-assessment:" in reason
    assert f"- the lowest similarity (25) removed 50 of 50; the best similarity is {best:.1f}" in reason
    [only] = relaxation.offered(result)
    assert only.relaxed.min_similarity == int(best)
    again = self_assessed(engine, model, SelfAssessment(UNMATCHED_RATINGS), NATION, only.relaxed)
    assert len(again.ranked) >= 1


def test_a_threshold_whose_removed_all_miss_another_offers_no_button(engine):
    """Jobs and pay both strict: relaxing one alone ranks nothing when every candidate misses the other too."""
    strict = Thresholds(min_similarity=0, min_local_jobs=10_000_000, min_wage_ratio=1.5)
    result = engine.from_occupation(NURSES, HARTFORD, strict)
    assert result.ranked.empty
    by_key = {removal.threshold: removal for removal in relaxation.removals(result)}
    if by_key["local_jobs"].only_this_count == 0:
        assert by_key["local_jobs"].relaxed is None and by_key["local_jobs"].ranked_after == 0
    assert all(removal.ranked_after >= 1 for removal in relaxation.offered(result))


def test_nothing_to_explain_when_something_is_ranked(engine):
    result = engine.from_occupation(NURSES, HARTFORD, Thresholds())
    assert len(result.ranked) and relaxation.empty_reason(result) == ""


def _candidates(**columns) -> pd.DataFrame:
    base = {
        "similarity_score": [40.0, 30.0],
        "job_zone_step": [0.0, 0.0],
        "education_step": [0.0, 0.0],
        "same_bls_occupation": [False, False],
        "local_employment_count": [500.0, 500.0],
        "wage_ratio": [1.0, 1.0],
    }
    return pd.DataFrame(base | columns)


@pytest.mark.parametrize(
    ("key", "columns", "expected"),
    [
        ("pay", {"wage_ratio": [0.87, 0.62]}, {"min_wage_ratio": 0.85}),  # down to the slider's 5% step
        ("local_jobs", {"local_employment_count": [80.5, 20.0]}, {"min_local_jobs": 80}),
        ("similarity", {"similarity_score": [19.4, 12.0]}, {"min_similarity": 19.0}),
        ("job_zone", {"job_zone_step": [3.0, 2.0]}, {"max_job_zone_step": 2}),
        ("education", {"education_step": [4.0, 2.0]}, {"max_education_step": 2}),
    ],
)
def test_each_threshold_moves_just_far_enough_to_admit_the_best(key, columns, expected):
    pool = _candidates(**columns)
    relaxed = relaxation.relaxed_exactly(Thresholds(), key, pool)
    assert relaxed == replace(Thresholds(), **expected)
    assert not threshold_failures(pool, relaxed)[key].all()


def test_no_value_relaxes_a_missing_jobs_figure():
    assert relaxation.relaxed_exactly(Thresholds(), "no_jobs_figure", _candidates()) is None
