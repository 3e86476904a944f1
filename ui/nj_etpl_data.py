"""New Jersey's published ETPL data (reference data, read-only database) for the pages, through the one
cache layer (``ui.cache``): plain functions of plain arguments."""

from __future__ import annotations

from lmi.programs import nj_etpl
from ui.cache import reference_query

cip_families = reference_query(nj_etpl.cip_families, max_entries=4)
cip_families.__doc__ = "The 2-digit CIP families in New Jersey's published outcomes, with their titles."
outcomes = reference_query(nj_etpl.published_outcomes, max_entries=64)
outcomes.__doc__ = "Provider x CIP outcomes as published: ``outcomes(search, family, sort_by)``."
counts = reference_query(nj_etpl.outcome_counts, max_entries=4)
counts.__doc__ = "How many provider x CIP rows and providers there are, and how many Q2 rates New Jersey suppressed."
program_sample = reference_query(nj_etpl.program_sample, max_entries=4)
program_sample.__doc__ = "The ETPL program sample with its provider x CIP outcomes and New Jersey jobs."
