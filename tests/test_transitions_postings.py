"""Job postings as a ranking signal on the Career transitions page (``lmi.transitions.posted_signal``), on the
real reference database and temporary postings stores: a hand-made Hartford file whose counts are known
(tests/posted_helpers.py) and a file of generated example postings (``lmi.postings.example``). Each target gets
the postings of the BLS code its OEWS figures are measured at, the adjustment stays within its stated bounds, a
BLS group's figure counts once, the method text states the constants, and the page offers the switch (off by
default, disabled with the reason when no postings are imported)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lmi.demand import DemandModel
from lmi.demand.posted import load_posted, posted_for_codes
from lmi.i18n import use_language
from lmi.postings.example import GENERATED_SOURCE
from lmi.transitions import posted_signal
from lmi.transitions.posted_signal import (
    MAX_ADJUSTMENT_POINTS,
    POSTINGS_WEIGHT,
    method_text,
    postings_points,
    postings_use,
    with_posted_demand,
)
from lmi.transitions.ranking import NEUTRAL_POINTS, Thresholds, TransitionEngine
from tests.posted_helpers import (
    HARTFORD,
    HARTFORD_NURSES_JOBS,
    NURSES_LAST_12,
    example_store,
    hartford_store,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/career_transitions.py"
PRACTICAL_NURSES = "29-2061.00"
PARALEGALS = "23-2011.00"
# from Licensed Practical Nurses, one more education step lets Registered Nurses (and their O*NET specialties,
# showing the same BLS figure 29-1141) be ranked
NURSES_REACH = Thresholds(max_education_step=2)


@pytest.fixture(scope="module")
def model(ref_con):
    return DemandModel(ref_con)


@pytest.fixture(scope="module")
def engine(ref_con, model):
    return TransitionEngine(ref_con, model)


@pytest.fixture(scope="module")
def example_posted(tmp_path_factory, ref_con):
    """A store of 30,000 generated example postings (about a hundred of them in Hartford)."""
    return load_posted(example_store(tmp_path_factory.mktemp("example") / "store", ref_con, rows=30_000))


@pytest.fixture(scope="module")
def hartford_posted(tmp_path_factory, ref_con):
    """The hand-made Hartford file, marked as generated example data: 76 nurses' postings in the last 12 months."""
    root = tmp_path_factory.mktemp("hartford") / "store"
    return load_posted(hartford_store(root, ref_con, source=GENERATED_SOURCE))


def reranked(engine, model, posted, origin, area, thresholds=None):
    plain = engine.from_occupation(origin, area, thresholds or Thresholds())
    return plain, with_posted_demand(plain, posted_for_codes(posted, model, area), postings_use(posted))


# --------------------------------------------------------------------------- points


def test_postings_points_follow_the_place_with_ties_shared_and_unknowns_neutral():
    points = postings_points([0.0, 5.0, 5.0, 10.0, np.nan])
    assert points.tolist() == [0.0, 50.0, 50.0, 100.0, NEUTRAL_POINTS]
    assert postings_points([3.0, np.nan]).tolist() == [NEUTRAL_POINTS, NEUTRAL_POINTS]  # one rate: no place
    counted = postings_points([1.0, 9.0, 5.0], counted=[True, False, True])
    assert counted.tolist() == [0.0, NEUTRAL_POINTS, 100.0]


# --------------------------------------------------------------------------- known counts


def test_registered_nurses_get_their_own_postings_and_the_top_points(engine, model, hartford_posted):
    """From Licensed Practical Nurses in Hartford: Registered Nurses' 76 postings over 13,850 jobs (the 29-1141
    figure) are the highest rate among the ranked targets, so +5 points; every other target had none."""
    plain, result = reranked(engine, model, hartford_posted, PRACTICAL_NURSES, HARTFORD, NURSES_REACH)
    nurses = result.ranked.set_index("target_onet_soc_code").loc["29-1141.00"]
    assert nurses.demand_soc_code == "29-1141" and nurses.demand_counted
    assert nurses.postings_count == NURSES_LAST_12
    assert nurses.postings_per_1000_jobs == pytest.approx(1000 * NURSES_LAST_12 / HARTFORD_NURSES_JOBS)
    assert nurses.postings_points == 100.0 and nurses.postings_adjustment_points == MAX_ADJUSTMENT_POINTS == 5.0
    assert nurses.transition_score == pytest.approx(nurses.transition_score_without_postings + 5.0)
    assert "Postings: 5.5 per 1,000 jobs in Hartford-West Hartford-East Hartford, CT (76 postings): +5.0 points." in (
        nurses.why
    )
    assert bool(nurses.postings_includes_generated_example)
    others = result.ranked[result.ranked.demand_soc_code != "29-1141"]
    assert (others.postings_count == 0).all() and (others.postings_adjustment_points < 0).all()
    assert set(result.ranked.target_onet_soc_code) == set(plain.ranked.target_onet_soc_code)
    assert plain.postings is None and "postings_points" not in plain.ranked.columns


def test_specialties_showing_the_nurses_figure_count_it_once(engine, model, hartford_posted):
    """Acute Care Nurses show 29-1141's figure: they carry its rate (named by "Whose numbers"), but only
    Registered Nurses carry its points; they get neutral ones and say so."""
    _plain, result = reranked(engine, model, hartford_posted, PRACTICAL_NURSES, HARTFORD, NURSES_REACH)
    specialties = result.ranked[(result.ranked.demand_soc_code == "29-1141") & ~result.ranked.demand_counted]
    assert len(specialties) >= 1
    assert (specialties.postings_count == NURSES_LAST_12).all()
    assert (specialties.postings_points == NEUTRAL_POINTS).all()
    assert (specialties.postings_adjustment_points == 0).all()
    assert all("for the same BLS figure, counted once" in why for why in specialties.why)
    assert all(basis.startswith("BLS") or "29-1141" in basis for basis in specialties.demand_basis)


# --------------------------------------------------------------------------- generated example postings


@pytest.mark.slow
@pytest.mark.parametrize("origin", ["29-1141.00", PARALEGALS, "43-4051.00"])
def test_every_target_shows_the_postings_of_the_code_its_figures_are_measured_at(engine, model, example_posted, origin):
    _plain, result = reranked(engine, model, example_posted, origin, HARTFORD)
    codes = posted_for_codes(example_posted, model, HARTFORD).set_index("soc_code")
    for frame in (result.ranked, result.set_aside):
        published = frame[frame.demand_soc_code.notna()]
        expected = codes.reindex(published.demand_soc_code)
        assert published.postings_count.tolist() == expected.postings_count.tolist()
        np.testing.assert_allclose(
            published.postings_per_1000_jobs.to_numpy(dtype=float),
            expected.postings_per_1000_jobs.to_numpy(dtype=float),
        )
        assert frame[frame.demand_soc_code.isna()].postings_per_1000_jobs.isna().all()


@pytest.mark.parametrize("origin", ["29-1141.00", PARALEGALS, "43-4051.00", "51-4121.00"])
def test_the_adjustment_is_bounded_and_the_order_follows_the_new_score(engine, model, example_posted, origin):
    plain, result = reranked(engine, model, example_posted, origin, HARTFORD)
    ranked = result.ranked
    assert (ranked.postings_adjustment_points.abs() <= MAX_ADJUSTMENT_POINTS).all()
    assert np.allclose(ranked.postings_adjustment_points, POSTINGS_WEIGHT * (ranked.postings_points - NEUTRAL_POINTS))
    assert np.allclose(
        ranked.transition_score, ranked.transition_score_without_postings + ranked.postings_adjustment_points
    )
    assert ranked.transition_rank.tolist() == list(range(1, len(ranked) + 1))
    assert (np.diff(ranked.transition_score.to_numpy()) <= 1e-9).all()
    before = plain.ranked.set_index("target_onet_soc_code").transition_score
    after = ranked.set_index("target_onet_soc_code").transition_score_without_postings
    assert np.allclose(before.sort_index(), after.sort_index())  # the score without postings is the plain one
    assert all(re.search(r"Postings: .*points\.$|leave its score as it is\.$", why) for why in ranked.why)


def test_a_group_figure_carries_postings_points_once(engine, model, example_posted):
    """Paralegals in Hartford: 13-1041 Compliance Officers and its O*NET specialty Coroners show one BLS figure;
    only the carrier gets its postings points, the other neutral or the carrier's where lower."""
    _plain, result = reranked(engine, model, example_posted, PARALEGALS, HARTFORD)
    by_code = result.ranked.set_index("target_onet_soc_code")
    repeats = result.ranked[~result.ranked.demand_counted]
    assert len(repeats) >= 1
    for row in repeats.itertuples():
        carrier = by_code.loc[row.same_figure_as_code]
        assert row.postings_points <= min(NEUTRAL_POINTS, carrier.postings_points)
        assert row.postings_count == carrier.postings_count  # the same figure, labelled by "Whose numbers"


def test_postings_use_says_where_and_when_and_labels_generated_data(example_posted):
    use = postings_use(example_posted)
    assert use.includes_generated_example_data
    assert use.period_words == "Jan 2025 to Dec 2025"
    caption = use.caption()
    assert caption.startswith("Job postings: example.csv (import #1) — generated example data; posted ")
    assert "The ranking uses the postings of Jan 2025 to Dec 2025." in caption
    assert "Generated example data" in caption


# --------------------------------------------------------------------------- the method in words


def test_method_text_states_the_weight_the_bound_and_the_neutral_points():
    text = method_text()
    assert f"{POSTINGS_WEIGHT:g} x (postings points − {NEUTRAL_POINTS:g})" in text
    assert f"at most {MAX_ADJUSTMENT_POINTS:g} points up or down" in text
    assert "Off unless you switch it on" in text and "BLS group's figure counts once" in text
    assert MAX_ADJUSTMENT_POINTS == POSTINGS_WEIGHT * 50


def test_docstring_formula_matches_the_weight():
    doc = posted_signal.__doc__
    assert f"{POSTINGS_WEIGHT:.2f} x (postings points - {NEUTRAL_POINTS:g})" in doc
    assert f"-{MAX_ADJUSTMENT_POINTS:g} to +{MAX_ADJUSTMENT_POINTS:g} points" in doc


# --------------------------------------------------------------------------- the page


def _app(reference_db, tmp_path, monkeypatch, postings_dir: Path) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(postings_dir))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
    at = at.switch_page(PAGE).run()
    at.sidebar.selectbox(key="region_state").select("Connecticut").run()
    at.sidebar.selectbox(key="region_area").select("Hartford-West Hartford-East Hartford, CT").run()
    at.text_input(key="transitions_query").input("registered nurse").run()
    assert not at.exception, at.exception
    return at


def _ranked(at: AppTest):
    return next(d.value for d in at.dataframe if "why" in d.value.columns)


def test_page_ranks_with_postings_when_switched_on(reference_db, tmp_path, monkeypatch, ref_con):
    store = example_store(tmp_path / "postings", ref_con, rows=30_000)
    at = _app(reference_db, tmp_path, monkeypatch, store.root)
    switch = at.toggle(key="tr_postings")
    assert not switch.value and not switch.disabled  # offered, off by default
    assert "postings_per_1000_jobs" not in _ranked(at).columns
    switch.set_value(True).run()
    assert not at.exception, at.exception
    table = _ranked(at)
    assert {"postings_per_1000_jobs", "postings_count", "postings_adjustment_points", "postings_source"} <= set(
        table.columns
    )
    assert table.postings_adjustment_points.abs().max() <= MAX_ADJUSTMENT_POINTS
    assert table.postings_includes_generated_example.all()
    assert table.postings_source.str.contains("generated example data").all()
    captions = " ".join(c.value for c in at.caption)
    assert "The ranking uses the postings of Jan 2025 to Dec 2025." in captions
    assert "Generated example data" in captions
    assert all("Postings" in why or "postings" in why for why in table.why)
    method = " ".join(m.value for m in at.markdown)
    assert "**Job postings (optional).**" in method


@pytest.mark.slow
def test_page_disables_the_switch_without_postings(reference_db, tmp_path, monkeypatch):
    at = _app(reference_db, tmp_path, monkeypatch, tmp_path / "empty-store")
    switch = at.toggle(key="tr_postings")
    assert switch.disabled and not switch.value
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Off: no job postings are imported yet") for c in captions)
    assert "postings_per_1000_jobs" not in _ranked(at).columns


@pytest.mark.slow
def test_page_speaks_spanish_with_postings_on(reference_db, tmp_path, monkeypatch, ref_con):
    store = example_store(tmp_path / "postings", ref_con, rows=30_000)
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(store.root))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    for name, value in {"lang": "es", "area": HARTFORD, "occupation": "29-1141.00"}.items():
        at.query_params[name] = value
    with use_language("es"):
        at.run().switch_page(PAGE).run()
        assert at.toggle(key="tr_postings").label == "Usar las ofertas de empleo locales en la clasificación"
        at.toggle(key="tr_postings").set_value(True).run()
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "La clasificación usa las ofertas de" in captions
    assert all("Ofertas: " in why or "ofertas" in why for why in _ranked(at).why)
