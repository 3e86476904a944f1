"""Career transitions: how alike two occupations' work is (``similarity_method``: the build-time method
the ETL step runs; ``neighbours``: the run-time index of each occupation's most similar, and why they are
alike; ``onet_agreement``: the check against O*NET's own related occupations), which occupations a worker
could move into here, ranked by similarity and local demand (``ranking``; employer job postings join the
ranking when the worker switches them on: ``posted_signal``), a worker's own skills as a starting point
(``self_assessment``), the education a move asks for, read from O*NET's distribution of required education
(``ladder``), what they would need to learn (``skill_gaps``), stepping stones and career ladders (``pathways``),
which threshold emptied a list and the one-click relaxation (``relaxation``), the
fields of study (CIP) that lead there (``fields_of_study``), and the tables as shown and downloaded
(``tables``, with their words in ``columns``). Each module also writes the words the page shows about its
own method, from its own constants."""
