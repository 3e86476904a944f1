"""Career transitions: how alike two occupations' work is (``similarity``: the build-time method and
the run-time neighbour index), which occupations a worker could move into here, ranked by similarity
and local demand (``ranking``), a worker's own skills as a starting point (``self_assessment``), what
they would need to learn (``skill_gaps``), stepping stones (``pathways``) and the fields of study
(CIP) that lead there (``fields_of_study``)."""
