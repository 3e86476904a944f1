"""The domain's words in Spanish (lmi.demand, lmi.occupations, lmi.transitions, lmi.sectors, lmi.areas,
lmi.provenance), on the real reference database: column labels, openings, whose numbers a figure is, ranking
reasons, sector flags and source notes come in the visitor's language, and the objects that are built once
and kept (the demand model, the transitions engine, the sector definitions) hand out words in whichever
language is asked for next, never the one they were first used in. Data values (O*NET and BLS titles, area
names) stay as published."""

from __future__ import annotations

import pytest

from lmi import provenance
from lmi.areas import area_kind_words
from lmi.demand import DemandModel, describe_openings
from lmi.demand.area_comparison import region_comparison, shown_comparison
from lmi.demand.codes import CodeResolver
from lmi.demand.columns import help_text, label
from lmi.demand.oews_values import format_usd, headline_figures
from lmi.demand.postings_trend import index_base_words
from lmi.i18n import use_language
from lmi.occupations.levels import describe_level
from lmi.sectors.definitions import load_definitions
from lmi.sectors.flags import FLAG_LABELS, THIN, THRESHOLD_FIELDS, flag_label
from lmi.sectors.reality_check import default_thresholds_for, reality_check_for_area
from lmi.sectors.seats import SeatsError, Targets, parse_seats_text
from lmi.transitions import columns as transition_columns
from lmi.transitions.ranking import Thresholds, TransitionEngine, explain_empty, summary_sentence

HARTFORD, BAKERSFIELD, SPRINGFIELD_MO = "0025540", "0012540", "0044180"
NURSES, PHYSICIAN_ASSISTANTS_GROUP_ES = "29-1141.00", "grupo de BLS 29-1071 Physician Assistants, compartido por 2"


@pytest.fixture(scope="module")
def model(ref_con):
    return DemandModel(ref_con)


@pytest.fixture(scope="module")
def engine(ref_con, model):
    return TransitionEngine(ref_con, model)


def test_column_words_and_openings_follow_the_language():
    with use_language("es"):
        assert label("local_employment_count") == "Empleos aquí"
        assert help_text("local_annual_wage_median_usd") == "BLS OEWS mayo de 2025"
        assert label("not_a_demand_column") == "not_a_demand_column"
        assert transition_columns.label("why") == "Por qué ocupa este lugar"
        assert transition_columns.help_text("transition_score").startswith("Puntuación de cambio de carrera 0-100")
        assert describe_openings(1_234) == "unas 1,200 al año"
        assert describe_openings(0.4) == "menos de 1 al año"
        assert format_usd(239200.0, "5") == "≥ $239,200 (con tope superior)"
        assert describe_level(3.5) == "intermedio"
        assert area_kind_words("nonmetro") == "área no metropolitana"
        assert index_base_words() == "1 feb 2020 = 100"
    assert label("local_employment_count") == "Jobs here"
    assert describe_openings(1_234) == "about 1,200 a year"
    assert transition_columns.TABLE_WORDS["transition_score"][1].startswith("Transition score 0-100")
    assert index_base_words() == "1 Feb 2020 = 100"


def test_one_demand_model_words_its_figures_in_each_language_asked_for(model):
    """The model keeps each area's rows; the words are made when the rows are handed out, so a model first read
    in Spanish still answers in English and the other way round."""
    with use_language("es"):
        spanish = model.occupations(HARTFORD, ["29-1141.01"]).iloc[0]
    english = model.occupations(HARTFORD, ["29-1141.01"]).iloc[0]
    with use_language("es"):
        again = model.occupations(HARTFORD).set_index("onet_soc_code").loc["29-1141.01"]
    assert spanish.demand_basis == "grupo de BLS 29-1141 Registered Nurses, compartido por 5 ocupaciones"
    assert english.demand_basis == "BLS group 29-1141 Registered Nurses, shared by 5 occupations"
    assert again.demand_basis == spanish.demand_basis
    assert spanish.local_projection_source == "Proyecciones de Empleo de BLS 2024-34 (nacional)"
    assert english.local_projection_source == "BLS Employment Projections 2024-34 (national)"
    assert spanish.local_employment_count == english.local_employment_count  # numbers do not change
    with use_language("es"):
        no_figure = model.occupations(HARTFORD, ["49-9081.00"]).iloc[0]
    assert no_figure.local_employment_missing_words == "BLS no publicó ninguna estimación para ella en esta área"


def test_region_comparison_and_headline_figures_in_spanish(ref_con, model):
    with use_language("es"):
        comparison = region_comparison(ref_con, model, NURSES, HARTFORD)
        shown = shown_comparison(comparison)
        figures = {f.key: f for f in headline_figures(comparison.iloc[0], model.openings_method())}
    assert shown["Área"].tolist()[:2] == ["Esta área: Hartford-West Hartford-East Hartford, CT", "Estado: Connecticut"]
    assert figures["openings"].label == "Vacantes anuales estimadas aquí"
    assert figures["openings"].value == "unas 770 al año"
    assert figures["jobs"].help.endswith(
        "De quién son las cifras: grupo de BLS 29-1141 Registered Nurses, compartido por 5 ocupaciones."
    )


def test_ranking_reasons_in_spanish_and_back_in_english(engine):
    """The engine keeps each region's rows; the reasons and group labels are worded per ranking."""
    with use_language("es"):
        spanish = engine.from_occupation(NURSES, HARTFORD)
        empty = engine.from_occupation(NURSES, HARTFORD, Thresholds(min_similarity=99))
        explanation = explain_empty(empty)
        summary = summary_sentence(spanish)
    english = engine.from_occupation(NURSES, HARTFORD)
    assert spanish.ranked.why.iloc[0].startswith("N.º 1 sobre todo por ")
    assert english.ranked.why.iloc[0].startswith("#1 mainly for ")
    assert spanish.ranked.transition_score.tolist() == english.ranked.transition_score.tolist()
    assert any(PHYSICIAN_ASSISTANTS_GROUP_ES in why for why in spanish.ranked.why)
    assert not any("BLS group" in why or "mainly for" in why for why in spanish.ranked.why)
    aside = spanish.set_aside.set_index("target_title").reasons_set_aside
    assert "una especialidad que BLS cuenta dentro de su propia ocupación" in aside["Acute Care Nurses"]
    assert summary.startswith(f"{len(spanish.ranked)} ocupaciones cumplen los umbrales (similitud de al menos 25;")
    assert explanation.sentence.startswith("Ninguna ocupación cumple todos los umbrales en Hartford-")
    assert explanation.relaxation.changes == ("similitud mínima 99 → 57",)
    assert english.ranked.demand_basis.str.startswith("BLS group").any()


def test_sector_flags_and_reasons_in_spanish(ref_con, model):
    definitions = load_definitions(ref_con)  # read once, in English, as the app keeps it
    thresholds = default_thresholds_for(model, BAKERSFIELD)
    with use_language("es"):
        view = reality_check_for_area(
            ref_con, model, BAKERSFIELD, "Bakersfield-Delano, CA", ["it_cybersecurity"], thresholds, definitions
        )
        note, groups = definitions.file_note, definitions.groups
        field = THRESHOLD_FIELDS["hidden_openings_per_10k_min"].words
        occupation_flags = view.occupation_flags()
    it = view.sectors.set_index("sector_key").loc["it_cybersecurity"]
    assert it.flag == THIN and it.flag_label == "Popular a nivel nacional, escasa a nivel local"
    assert it.flag_reason.startswith("BLS proyecta que Information technology and cybersecurity va a crecer un ")
    assert occupation_flags[0] == "Popular a nivel nacional, escasa a nivel local"
    assert note.startswith("Definiciones de sectores: data/sectors/sectors-v2.toml, versión 2")
    aides = groups.set_index("soc_code").group_label["31-1120"]
    assert aides.startswith("Cifra de grupo (un grupo de BLS publicado solo en conjunto) para 2 ocupaciones de O*NET")
    assert field == "“Demanda oculta”: vacantes estimadas por cada 10,000 empleos locales de al menos"
    assert flag_label(THIN) == FLAG_LABELS[THIN] == "Popular nationally, thin locally"
    assert definitions.file_note.startswith("Sector definitions: data/sectors/sectors-v2.toml, version 2")


def test_seat_problems_and_source_notes_in_spanish(ref_con):
    targets = Targets(load_definitions(ref_con).names, CodeResolver(ref_con))
    with use_language("es"), pytest.raises(SeatsError) as caught:
        parse_seats_text("healthcare, -5\n99-9999, 3", targets)
    assert caught.value.problems[0] == "línea 1: los cupos no pueden ser negativos; se recibió -5"
    assert caught.value.problems[1].endswith(
        "99-9999 no es un código para el que BLS publique cifras, y ningún código publicado lo abarca"
    )
    with use_language("es"):
        note = provenance.source_note(ref_con, "oews", "onet")
        gaps = provenance.snapshot_gaps(ref_con)
    assert note == "Fuente: BLS OEWS May 2025 (dominio público); O*NET 29.3 (CC BY 4.0)."  # versions as published
    assert "(febrero de 2024;" in gaps[0]
    assert provenance.source_note(ref_con, "oews") == "Source: BLS OEWS May 2025 (public domain)."
