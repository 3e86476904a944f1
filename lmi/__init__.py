"""Domain package: queries and analytics over the reference database, with no Streamlit in it.

Grouped by capability, each package's ``__init__`` saying what it owns:

- ``occupations``: finding an occupation and its O*NET profile;
- ``demand``: the one local-demand model (jobs, wages, openings) at the grain BLS measures it;
- ``transitions``: similarity, ranked moves, self-assessment, skill gaps, stepping stones;
- ``sectors``: sector definitions, totals, flags, the reality check, seats;
- ``programs``: recorded programs' published outcomes, suppression and local fit;
- ``records``: the staff records store (schema, imports, validation).

Shared by all: ``db`` (opening the reference database, the one query helper), ``areas`` (the areas
OEWS publishes) and ``provenance`` (where every figure comes from).

Every function takes a DuckDB connection first and binds every value as a parameter; table and
column names only ever come from allow-lists in this package. Pages call these functions and
render what they return.
"""
