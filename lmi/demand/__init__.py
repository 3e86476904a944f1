"""Local employer demand, modelled once, at the grain BLS measures it.

The ETL builds two tables (``etl/steps/step_40_occupation_demand.sql``):

- ``out_soc_demand``: one row per OEWS area x code BLS publishes numbers for (a detailed SOC code,
  an OEWS aggregate such as 31-1120 Home Health and Personal Care Aides, or an "All Other"
  residual): local OEWS employment, wages and location quotient, the national 2024-34 projections
  and the local openings estimate;
- ``out_occupation_demand``: one row per OEWS area x O*NET-SOC occupation, carrying the numbers of
  the BLS code that covers it (``demand_soc_code``), how that code relates to the occupation
  (``demand_grain``) and how many O*NET occupations share those numbers (``shared_with_count``).

Every page, notebook and download reads demand through ``DemandModel`` (``model``) and names columns with
the words in ``columns``; ``labels`` says whose numbers a figure is, ``openings`` holds the one openings
estimate and the one way to word it, ``codes`` resolves any occupation code to the one BLS publishes,
``state_projections`` lays states' own projections over the national rate, ``area_comparison`` and
``oews_values`` show an occupation's figures across areas in BLS's own terms, ``postings_trend``
reads Indeed Hiring Lab's postings indexes, and ``posted`` sets the employer postings a board imported
(``lmi.postings``) beside OEWS employment at the same BLS code, postings of a group's detailed codes summed.
"""

from lmi.demand.model import ALL_OCCUPATIONS, JOBS_PER_RATE_BASE, AreaBaseline, DemandModel
from lmi.demand.openings import allocate_openings, describe_openings

__all__ = [
    "ALL_OCCUPATIONS",
    "JOBS_PER_RATE_BASE",
    "AreaBaseline",
    "DemandModel",
    "allocate_openings",
    "describe_openings",
]
