"""The full O*NET profile's sections for the occupation explorer (``lmi.occupations.profile_sections``), through
the one cache layer (``ui.cache``): plain functions of plain arguments, keyed on the database served and the
visitor's language."""

from __future__ import annotations

from lmi.occupations import profile_sections as sections
from ui.cache import reference_query

work_activities = reference_query(sections.work_activities, max_entries=64)
work_styles = reference_query(sections.work_styles, max_entries=64)
interest_profile = reference_query(sections.interest_profile, max_entries=64)
high_point_code = reference_query(sections.high_point_code, max_entries=64)
tasks = reference_query(sections.tasks, max_entries=64)
technology_skills = reference_query(sections.technology_skills, max_entries=64)
abilities = reference_query(sections.abilities, max_entries=64)
work_context = reference_query(sections.work_context, max_entries=64)
loaded_parts = reference_query(sections.loaded_parts, max_entries=4)
has_task_ratings = reference_query(sections.has_task_ratings, max_entries=4)
