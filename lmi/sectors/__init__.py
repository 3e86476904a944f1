"""The sector reality check: the project's sector definitions (``definitions``), sector totals from
occupation rows (``totals``), the flags and their sentences (``flags``), the whole check for one area as
the ``SectorView`` the page renders (``reality_check``), each sector's local job postings beside its
national signal (``posted``), one sector across a state's areas (``across_areas``), planned training seats
against estimated openings (``seats``) and the method in words built from the constants the code uses
(``method``). Demand comes from ``lmi.demand``."""
