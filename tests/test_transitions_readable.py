"""Career transitions people can read (AppTest on the real reference database): compact tables with a detail
panel for the chosen row, the O*NET agreement stated once and matching its ticks, an empty result with its
reason and a one-click relaxation, O*NET's level examples labelled as O*NET's, and all of it in Spanish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto
from streamlit.testing.v1 import AppTest

from lmi.i18n import use_language
from tests.test_transitions_relaxation import UNMATCHED_RATINGS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/career_transitions.py"
HARTFORD = "0025540"


@pytest.fixture
def app(reference_db, tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    return AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)


def opened(at: AppTest, language: str = "en", **params: str) -> AppTest:
    for name, value in {"lang": language, **params}.items():
        at.query_params[name] = value
    with use_language(language):
        at.run().switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def keyed_table(at: AppTest, key: str):
    return next(d.value for d in at.dataframe if d.key == key)


def every_column(at: AppTest):
    """The ranked table with every column (collapsed under the compact one, as in the download)."""
    return next(d.value for d in at.dataframe if "why" in d.value.columns)


def figures(at: AppTest, first_label: str = "Figure", value_label: str = "Value") -> dict[str, str]:
    """The detail panel of the chosen target: the first static table, one figure a line."""
    table = at.table[0].value
    return dict(zip(table[first_label], table[value_label]))


def test_ranked_table_is_compact_and_the_chosen_row_has_its_panel(app):
    at = opened(app, area=HARTFORD, occupation="29-1141.00")
    shown = keyed_table(at, "tr_ranked_table")
    assert list(shown.columns) == [
        "transition_rank",
        "target_title",
        "transition_score",
        "local_employment_count",
        "local_annual_openings_est_count",
        "median_pay",
        "demand_basis",
    ]
    assert {"why", "location_quotient", "demand_soc_code"} <= set(every_column(at).columns)
    at.selectbox(key="tr_target").select("29-1171.00").run()  # the keyboard route: a selectbox of the listed rows
    assert not at.exception, at.exception
    panel = figures(at)
    assert panel["Jobs here"] == "1,370"
    assert panel["BLS code of the figures"] == "29-1171"
    assert panel["Whose numbers"] == "its own figures, not a BLS group's"
    assert panel["Median pay"].startswith("$") and panel["Pay vs now (%)"].endswith("%")
    markdown = " ".join(m.value for m in at.markdown)
    assert "**Figures for Nurse Practitioners in Hartford-West Hartford-East Hartford, CT**" in markdown
    assert (
        "**Where it stands:**" in markdown and "**Skills and knowledge to build for Nurse Practitioners**" in markdown
    )


def test_a_group_figure_names_its_group_in_the_panel(app):
    at = opened(app, area=HARTFORD, occupation="23-2011.00")
    rows = every_column(at).set_index("target_onet_soc_code")
    shared = rows[rows.demand_basis.str.startswith("BLS group ")]
    assert len(shared)
    code = shared.index[0]
    at.selectbox(key="tr_target").select(code).run()
    panel = figures(at)
    assert panel["Whose numbers"] == shared.demand_basis.iloc[0]
    assert panel["BLS code of the figures"] == shared.demand_soc_code.iloc[0]
    assert panel["Jobs here"] == f"{shared.local_employment_count.iloc[0]:,.0f}"


def test_the_compact_tables_select_one_row(app):
    """A row selected with the mouse picks the occupation in the panel's selectbox (browser test); here: both
    compact tables offer single-row selection and rerun on it."""
    at = opened(app, area=HARTFORD, occupation="23-2011.00")
    for key in ("tr_ranked_table", "tr_path_table"):
        grid = next(d for d in at.dataframe if d.key == key)
        assert list(grid.proto.selection_mode) == [DataframeProto.SelectionMode.SINGLE_ROW]
    assert at.selectbox(key="tr_path_target").options  # the keyboard route to a path's panel


def test_the_agreement_sentence_and_the_ticks_count_the_same(app):
    at = opened(app, area=HARTFORD, occupation="29-1141.00")
    sentence = next(m.value for m in at.markdown if "primary related occupations for Registered Nurses" in m.value)
    found = int(re.search(r"for Registered Nurses, (\d+) are among our 10 most similar", sentence).group(1))
    ours = next(d.value for d in at.dataframe if "In O*NET's primary list" in d.columns)
    assert int(ours["In O*NET's primary list"].sum()) == found
    assert set(ours.loc[ours["In O*NET's primary list"], "O*NET tier"]) <= {"Primary-Short", "Primary-Long"}
    assert not ours.loc[ours["O*NET tier"] == "Supplemental", "In O*NET's primary list"].any()
    assert "In O*NET's list" not in ours.columns
    assert any("Only O*NET's primary related occupations" in c.value for c in at.caption)


def test_level_examples_are_labelled_as_onets(app):
    at = opened(app, area=HARTFORD, occupation="29-1141.00")
    gaps = next(d.value for d in at.dataframe if "Priority (importance x gap)" in d.value.columns)
    assert "O*NET's generic example of the level needed" not in gaps.columns  # listed under it instead
    assert any(e.label == "O*NET's examples of the levels needed" for e in at.expander)
    assert any("the same for every occupation" in c.value for c in at.caption)
    assert any("NET's example of a level near it: “" in m.value for m in at.markdown)


def test_the_rating_form_says_its_examples_are_onets(app):
    at = opened(app)
    at.radio(key="tr_mode").set_value("self_assessment").run()
    assert any("NET's own for that skill" in m.value for m in at.markdown)
    assert any(c.value.startswith("O*NET's examples of levels: ") for c in at.caption)


def rate_and_submit(at: AppTest, ratings: dict[str, int]) -> AppTest:
    at.radio(key="tr_mode").set_value("self_assessment").run()
    for element, level in ratings.items():
        at.select_slider(key=f"tr_skill_{element}").set_value(level)
    at.button(key="tr_self_submit").click().run()
    assert not at.exception, at.exception
    return at


def test_self_ratings_matching_nothing_say_why_and_relax_in_one_click(app):
    at = rate_and_submit(opened(app), UNMATCHED_RATINGS)
    warning = next(w.value for w in at.warning if "No occupation passes every threshold" in w.value)
    assert "Of the 50 occupations most like your self-assessment:" in warning
    best = float(re.search(r"the best similarity is (\d+\.\d)", warning).group(1))
    assert best < 25 and "the lowest similarity (25) removed 50 of 50" in warning
    assert any("none is ranked here" in i.value for i in at.info)  # stepping stones say why there are none
    button = at.button(key="tr_relax")
    assert button.label == f"Relax the lowest similarity from 25 to {int(best)} and rank again"
    button.click().run()
    assert not at.exception, at.exception
    assert at.slider(key="tr_min_similarity").value == int(best)
    assert not any("No occupation passes every threshold" in w.value for w in at.warning)
    assert len(keyed_table(at, "tr_ranked_table")) >= 1


@pytest.mark.slow
def test_the_readable_page_in_spanish(app):
    at = opened(app, "es", area=HARTFORD, occupation="29-1141.00")
    with use_language("es"):
        at.selectbox(key="tr_target").select("29-1171.00").run()
    assert not at.exception, at.exception
    panel = figures(at, "Cifra", "Valor")
    assert panel["De quién son las cifras"] == "sus propias cifras, no las de un grupo de BLS"
    assert any(e.label == "Ejemplos de O*NET de los niveles necesarios" for e in at.expander)
    assert any("En la lista primaria de O*NET" in d.value.columns for d in at.dataframe)
    with use_language("es"):
        at.slider(key="tr_min_similarity").set_value(95).run()
    warning = next(w.value for w in at.warning if "Ninguna ocupación" in w.value or "ninguna ocupación" in w.value)
    assert "el umbral «similitud mínima» (95) quitó 50 de 50" in warning
    assert at.button(key="tr_relax").label.startswith("Relajar el umbral «similitud mínima» de 95 a ")
