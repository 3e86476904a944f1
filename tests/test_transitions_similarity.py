"""Occupation similarity on the real reference database: the build-time method
(lmi.transitions.similarity_method, run by the ETL step into out_occupation_similarity), the run-time
neighbour index (lmi.transitions.neighbours) and the agreement with O*NET (lmi.transitions.onet_agreement);
plus the arithmetic pieces on small synthetic inputs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmi.occupations.profile import UnknownOccupationError
from lmi.transitions import onet_agreement, similarity_method
from lmi.transitions.neighbours import NeighbourIndex, NoDescriptorsError, describe_score


@pytest.fixture(scope="module")
def neighbours(ref_con):
    return NeighbourIndex(ref_con)


def test_every_occupation_with_descriptors_has_fifty_neighbours_without_itself(ref_con):
    rows = ref_con.execute("""
        SELECT count(DISTINCT onet_soc_code), min(n), max(n), sum(self_pairs), min(low), max(high)
        FROM (SELECT onet_soc_code, count(*) AS n,
                     count(*) FILTER (WHERE onet_soc_code = target_onet_soc_code) AS self_pairs,
                     min(similarity_score) AS low, max(similarity_score) AS high
              FROM out_occupation_similarity GROUP BY 1)""").fetchone()
    occupations, fewest, most, self_pairs, low, high = rows
    described = ref_con.execute("""SELECT count(*) FROM (SELECT onet_soc_code FROM core_occupation_rating
        UNION SELECT onet_soc_code FROM core_occupation_interest
        UNION SELECT onet_soc_code FROM core_occupation_dwa)""").fetchone()[0]
    assert occupations == described == 923
    assert fewest == most == similarity_method.NEIGHBOURS_KEPT
    assert self_pairs == 0
    assert 0 <= low <= high <= 100


def test_ranks_follow_the_similarity_and_components_explain_it(neighbours):
    frame = neighbours.neighbours("29-1141.00")
    assert frame.similarity_rank.tolist() == list(range(1, 51))
    assert frame.similarity_score.is_monotonic_decreasing
    first = frame.iloc[0]
    scores = {c.key: first[f"{c.key}_score"] for c in similarity_method.COMPONENTS}
    weighted = sum(similarity_method.WEIGHTS[k] * v for k, v in scores.items()) / sum(
        similarity_method.WEIGHTS.values()
    )
    assert first.components_used == 7
    assert first.weighted_component_mean == pytest.approx(weighted, abs=1e-3)
    assert frame.weighted_component_mean.is_monotonic_decreasing
    assert first.similarity_score > first.weighted_component_mean  # few pairs reach a high weighted mean


def test_registered_nurses_are_closest_to_nursing_and_health_occupations(neighbours):
    top = neighbours.neighbours("29-1141.00", 10)
    assert top.target_onet_soc_code.str[:2].isin(["29", "31"]).all(), top.target_title.tolist()  # health care
    assert {"Nurse Practitioners", "Licensed Practical and Licensed Vocational Nurses", "Physician Assistants"} <= set(
        top.target_title
    )


def test_electricians_are_closest_to_construction_and_electrical_trades(neighbours):
    top = neighbours.neighbours("47-2111.00", 10).target_onet_soc_code.tolist()
    assert "47-3013.00" in top  # Helpers--Electricians
    assert "47-2152.00" in top  # Plumbers, Pipefitters, and Steamfitters
    assert all(code[:2] in ("47", "49") for code in top), top


def test_occupations_without_ratings_are_compared_on_what_they_have(neighbours):
    # Paramedics (29-2043.00): O*NET rates no skills, but publishes DWAs, tasks and interests
    frame = neighbours.neighbours("29-2043.00", 10)
    assert (frame.components_used == 3).all()
    assert frame.skills_score.isna().all() and frame.tasks_score.notna().all()
    assert "Emergency Medical Technicians" in frame.target_title.tolist()


def test_agreement_with_onet_related_occupations_is_at_least_055(ref_con):
    agreement = onet_agreement.agreement_with_onet(ref_con)
    assert agreement["occupations"] == 923
    assert agreement["recall_at_k"] >= 0.55


def test_unknown_and_undescribed_occupations_raise_clear_errors(neighbours):
    with pytest.raises(UnknownOccupationError, match="99-9999.99"):
        neighbours.neighbours("99-9999.99")
    with pytest.raises(NoDescriptorsError, match="Infantry"):
        neighbours.neighbours("55-3016.00")
    with pytest.raises(UnknownOccupationError):
        neighbours.neighbours("bogus")


def test_onet_reference_lists_their_ten_primary_with_our_ranks(ref_con):
    theirs = onet_agreement.onet_agreement_for(ref_con, "29-1141.00")
    primary = theirs[theirs.relatedness_tier.isin(onet_agreement.PRIMARY_TIERS)]
    assert len(primary) == 10
    nps = theirs[theirs.title == "Nurse Practitioners"].iloc[0]
    assert nps.in_our_top_k and nps.our_rank <= 10


# --------------------------------------------------------------------------- arithmetic


def test_calibration_scores_twenty_points_per_tenfold_rarity():
    values = np.arange(100_000, dtype=np.float64)
    calibration = similarity_method.Calibration.fit(values)
    scores = calibration.score(np.array([99_999, 99_989, 98_999, 89_999, 0], dtype=np.float64))
    # more alike than the value: 0, 10, 1,000, 10,000 and 99,999 pairs out of 100,000
    assert scores[0] == pytest.approx(100)
    assert scores[1] == pytest.approx(80, abs=0.5)
    assert scores[2] == pytest.approx(40, abs=0.5)
    assert scores[3] == pytest.approx(20, abs=0.5)
    assert scores[4] == pytest.approx(0, abs=0.01)


def test_combine_averages_only_the_components_both_have():
    scores = {"skills": np.array([40.0, np.nan]), "tasks": np.array([60.0, 30.0])}
    combined = similarity_method.combine(scores, {"skills": 1.0, "tasks": 3.0})
    assert combined[0] == pytest.approx(55.0)
    assert combined[1] == pytest.approx(30.0)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=2, max_value=25), st.integers(min_value=1, max_value=40), st.integers(0, 10_000))
def test_sparse_pair_products_equal_the_dense_gram_matrix(rows, cols, seed):
    rng = np.random.default_rng(seed)
    dense = np.where(rng.random((rows, cols)) < 0.3, rng.random((rows, cols)), 0.0)
    r, c = np.nonzero(dense)
    pairs = similarity_method.sparse_pair_products(r, c, dense[r, c], rows, dense_above=3)
    expected = similarity_method.upper_pairs((dense @ dense.T).astype(np.float32))
    np.testing.assert_allclose(pairs, expected, rtol=1e-4, atol=1e-5)


def test_pair_index_matches_triu_order():
    n = 7
    rows, cols = np.triu_indices(n, k=1)
    assert (similarity_method.pair_index(rows, cols, n) == np.arange(len(rows))).all()
    assert (similarity_method.pair_index(cols, rows, n) == np.arange(len(rows))).all()


def test_describe_score_says_how_rare_a_closer_pair_is():
    assert describe_score(40) == "only 1 in 100 pairs of occupations is more alike"
    assert describe_score(60) == "only 1 in 1,000 pairs of occupations is more alike"
    assert describe_score(None) == "not comparable"
