"""Reference data for the pages, through the one cache layer (``ui.cache``): plain functions of plain
arguments, each cached on its arguments and on what is being served (reference file and records
revision), so a rebuilt database or a new import is never mixed with old results."""

from __future__ import annotations

from lmi import areas, provenance
from lmi.demand import across_states, area_comparison, oews_values
from lmi.demand.codes import CodeResolver
from lmi.occupations import alternatives as occupation_alternatives
from lmi.occupations import coverage, search
from lmi.occupations import profile as occupations
from ui.cache import demand_model, model_query, reference_connection, reference_query, resource

connection = reference_connection  # the reference database, for ui modules that compose domain calls

__all__ = ["connection", "demand_model"]


def openings_method() -> str:
    """The openings method in words for the model now served (names states whose own projections apply)."""
    return demand_model().openings_method()


@resource(max_entries=1)
def code_resolver() -> CodeResolver:
    """Resolves any O*NET-SOC, SOC or published BLS code to the code BLS publishes numbers for."""
    return CodeResolver(reference_connection())


@resource(max_entries=1)
def title_index() -> search.TitleIndex:
    """The one title index of the database served: the occupation search and the postings import's title
    coder share it, so the app builds it once."""
    return search.load_title_index(reference_connection())


def _search(con, query: str, limit: int = 15):
    return search.search_occupations(title_index(), query, limit)


search_occupations = reference_query(_search, max_entries=256)
profile = reference_query(occupations.get_profile, max_entries=64)
top_ratings = reference_query(occupations.top_ratings)
typical_education = reference_query(occupations.typical_education, max_entries=64)
education_distribution = reference_query(occupations.education_distribution, max_entries=64)
interests = reference_query(occupations.interests, max_entries=64)
region_comparison = model_query(area_comparison.region_comparison, max_entries=256)
areas_of_state = model_query(area_comparison.areas_of_state, max_entries=256)
states_of_nation = model_query(across_states.occupation_across_states, max_entries=64)
states = reference_query(areas.list_states, max_entries=4)
areas_in_state = reference_query(areas.list_areas_in_state, max_entries=64)
data_vintages = reference_query(provenance.data_vintages, max_entries=4)
sources = reference_query(provenance.sources, max_entries=4)
provenance_table = reference_query(provenance.provenance_table, max_entries=4)
data_checks = reference_query(provenance.data_checks, max_entries=4)
snapshot_gaps = reference_query(provenance.snapshot_gaps, max_entries=4)
top_coding_note = reference_query(oews_values.top_coding_note, max_entries=4)
coverage_summary = reference_query(coverage.coverage_summary, max_entries=4)
crosswalk_method = reference_query(coverage.crosswalk_method, max_entries=4)
demand_method = reference_query(coverage.demand_method, max_entries=4)
unmatched_occupations = reference_query(coverage.unmatched_occupations, max_entries=4)
demand_grain_summary = reference_query(coverage.demand_grain_summary, max_entries=4)
shared_figures = reference_query(coverage.shared_figures, max_entries=4)


def _source_note(con, keys: tuple[str, ...]) -> str:
    return provenance.source_note(con, *keys)


source_note = reference_query(_source_note, max_entries=64)


def _alternatives(con, model, onet_soc_code: str, area_code: str, area_name: str, searched: str | None):
    return occupation_alternatives.offer_alternatives(
        con, model, profile(onet_soc_code), area_code, area_name, searched
    )


alternatives = model_query(_alternatives)
alternatives.__doc__ = "Why the occupation is a dead end, if it is one, and the ranked occupations to offer instead."
