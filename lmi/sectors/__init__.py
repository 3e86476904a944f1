"""The sector reality check: the project's sector definitions (``definitions``), sector totals from
occupation rows (``totals``), the flags and their sentences (``flags``), the whole check for one area
(``reality_check``), one sector across a state's areas (``across_areas``) and planned training seats
against estimated openings (``seats``). Demand comes from ``lmi.demand``."""
