"""The Career transitions page (AppTest) on the real reference database: the main flow, the
self-assessment, and bad input shown as clear messages, never a traceback or an unexplained chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/career_transitions.py"
MECHANIC_QUICK = {"2.B.3.l": 6, "2.B.3.h": 5, "2.A.1.a": 3, "2.A.1.e": 2, "2.A.1.c": 2, "2.A.1.d": 2, "2.B.1.f": 1}


@pytest.fixture
def app(reference_db, tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
    return at.switch_page(PAGE).run()


def ranked(at: AppTest):
    return next(d.value for d in at.dataframe if "Why it ranks here" in d.value.columns)


def in_hartford(at: AppTest) -> AppTest:
    at.sidebar.selectbox(key="region_state").select("Connecticut").run()
    return at.sidebar.selectbox(key="region_area").select("Hartford-West Hartford-East Hartford, CT").run()


def test_page_explains_itself_before_any_input(app):
    assert not app.exception
    assert "Type the job you have or had" in app.info[0].value


def test_registered_nurses_in_hartford_rank_local_targets_with_sources(app):
    in_hartford(app)
    app.text_input(key="transitions_query").input("registered nurse").run()
    assert not app.exception
    table = ranked(app)
    assert {"Nurse Practitioners", "Physician Assistants"} <= set(table.head(5).Occupation)
    practitioners = table.set_index("Occupation").loc["Nurse Practitioners"]
    assert practitioners["Jobs here"] == 1370
    assert practitioners["Why it ranks here"].count("Hartford-West Hartford-East Hartford, CT") >= 1
    subheaders = [s.value for s in app.subheader]
    assert subheaders[0] == "Where Registered Nurses can lead in Hartford-West Hartford-East Hartford, CT"
    assert {"What it would take", "Stepping stones", "Beside O\\*NET's own list of related occupations"} <= set(subheaders)
    captions = " ".join(c.value for c in app.caption)
    assert "Source: O*NET" in captions and "BLS OEWS May 2025" in captions and "Employment Projections" in captions
    assert len(app.get("vega_lite_chart")) >= 3  # similarity vs demand, similarity breakdown, skill gaps
    assert len(app.get("download_button")) >= 4


def test_looking_closer_at_a_target_shows_its_gaps_and_preparation(app):
    app.text_input(key="transitions_query").input("registered nurse").run()
    box = app.selectbox(key="tr_target")
    choice = next(o for o in box.options if o.endswith("Nurse Practitioners"))
    box.select(choice).run()
    assert not app.exception
    gaps = next(d.value for d in app.dataframe if "Priority (importance x gap)" in d.value.columns)
    assert gaps["Skill or knowledge"].iloc[0] == "Biology"
    assert gaps["Priority (importance x gap)"].is_monotonic_decreasing
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Typical entry education (BLS)"] == "Master's degree"
    programs = next(d.value for d in app.dataframe if "CIP code" in d.value.columns)
    assert "51.3805" in set(programs["CIP code"])


def test_onet_reference_sits_beside_our_list(app):
    app.text_input(key="transitions_query").input("registered nurse").run()
    onet = next(d.value for d in app.dataframe if "O*NET tier" in d.value.columns)
    assert set(onet["O*NET tier"]) >= {"Primary-Short", "Primary-Long"}
    assert any("are among our 10 most similar" in m.value for m in app.markdown)


def test_thresholds_too_strict_explain_instead_of_an_empty_table(app):
    app.text_input(key="transitions_query").input("registered nurse").run()
    app.slider(key="tr_min_similarity").set_value(95).run()
    assert not app.exception
    assert any("No occupation passes every threshold" in w.value for w in app.warning)


def test_unknown_occupation_in_the_link_gets_a_clear_error(reference_db, tmp_path, monkeypatch):
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    at.query_params["occupation"] = "99-9999.99"
    at.run().switch_page(PAGE).run()
    assert not at.exception
    assert "is not an O\\*NET occupation in this database" in at.error[0].value


def test_occupation_without_descriptors_gets_a_clear_message(app):
    app.text_input(key="transitions_query").input("55-3016.00").run()  # Infantry: no O*NET descriptors
    assert not app.exception
    assert any("cannot be compared" in w.value for w in app.warning)


def test_all_zero_self_assessment_is_refused_with_a_message(app):
    app.radio(key="tr_mode").set_value("A self-assessment of my skills").run()
    app.button(key="tr_self_submit").click().run()
    assert not app.exception
    assert "All your skill ratings are 0" in app.warning[0].value


def test_quick_self_assessment_with_mechanical_skills_ranks_machine_and_repair_work(app):
    app.radio(key="tr_mode").set_value("A self-assessment of my skills").run()
    assert len([s for s in app.select_slider if s.key.startswith("tr_skill_")]) == 12
    for element, level in MECHANIC_QUICK.items():
        app.select_slider(key=f"tr_skill_{element}").set_value(level)
    app.button(key="tr_self_submit").click().run()
    assert not app.exception
    top = ranked(app).head(10).Occupation.tolist()
    assert "Maintenance and Repair Workers, General" in top
    assert sum(any(w in t for w in ("Mechanic", "Repair", "Machin", "Tool", "Setters")) for t in top) >= 4, top
    assert any("did not enter your pay" in i.value for i in app.info)


def test_full_self_assessment_offers_all_35_skills(app):
    app.radio(key="tr_mode").set_value("A self-assessment of my skills").run()
    app.radio(key="tr_form_size").set_value("Full: all 35 O*NET skills").run()
    assert len([s for s in app.select_slider if s.key.startswith("tr_skill_")]) == 35


def test_region_without_numbers_for_the_occupation_says_so(app):
    app.sidebar.selectbox(key="region_state").select("North Carolina").run()
    app.sidebar.selectbox(key="region_area").select("Durham-Chapel Hill, NC").run()
    app.text_input(key="transitions_query").input("registered nurse").run()
    assert not app.exception
    notes = [i.value for i in app.info]
    assert any("BLS released no employment estimate for Registered Nurses in Durham-Chapel Hill, NC" in n for n in notes)
    assert any("pay is compared with national medians" in n for n in notes)
    assert len(ranked(app)) > 0
