"""out_occupation_similarity: for every O*NET occupation with descriptors, its 50 most similar
occupations with the overall similarity and each component's score (method: lmi/transitions/similarity_method.py).
Occupations are those with O*NET ratings, interests or DWAs; their titles and SOC group are compared too.

All ~425,000 pairs are scored with numpy in a fraction of a second; the app then reads one
occupation's rows. O*NET's Related Occupations are deliberately not read here: they are the
independent yardstick (bench/bench_transitions.py). Descriptors come out of DuckDB already
keyed by the occupation's row number, and task words as 64-bit hashes, which keeps string
handling out of Python.
"""

from __future__ import annotations

import duckdb

from lmi.transitions.similarity_method import DescriptorInputs, score_pairs, top_neighbours

# Words that say nothing about the work; dropping words most occupations use removes the rest.
STOP_WORDS = (
    "and",
    "the",
    "for",
    "with",
    "from",
    "into",
    "that",
    "their",
    "this",
    "these",
    "such",
    "other",
    "including",
    "using",
    "use",
    "may",
    "are",
)
MIN_WORD_LETTERS = 3

CODES_SQL = """
    CREATE TEMP TABLE similarity_codes AS
    SELECT onet_soc_code, CAST(row_number() OVER (ORDER BY onet_soc_code) - 1 AS INTEGER) AS row
    FROM (SELECT onet_soc_code FROM core_occupation_rating
          UNION SELECT onet_soc_code FROM core_occupation_interest
          UNION SELECT onet_soc_code FROM core_occupation_dwa)
"""
RATINGS_SQL = """
    WITH ratings AS (SELECT onet_soc_code, domain, element_id, importance, level FROM core_occupation_rating
                     UNION ALL
                     SELECT onet_soc_code, 'ability', element_id, importance, level FROM core_occupation_ability),
         elements AS (
        SELECT domain, element_id,
               CAST(row_number() OVER (PARTITION BY domain ORDER BY element_id) - 1 AS INTEGER) AS element
        FROM (SELECT DISTINCT domain, element_id FROM ratings))
    SELECT c.row, r.domain, e.element, r.importance, r.level
    FROM ratings r JOIN similarity_codes c USING (onet_soc_code) JOIN elements e USING (domain, element_id)
"""
WORK_CONTEXT_SQL = """
    SELECT c.row, CAST(dense_rank() OVER (ORDER BY w.element_id) - 1 AS INTEGER) AS element, w.context_score_pct
    FROM core_occupation_work_context w JOIN similarity_codes c USING (onet_soc_code)
    WHERE w.context_score_pct IS NOT NULL
"""
INTERESTS_SQL = """
    SELECT c.row, CAST(dense_rank() OVER (ORDER BY i.element_id) - 1 AS INTEGER) AS element, i.score_1_to_7
    FROM core_occupation_interest i JOIN similarity_codes c USING (onet_soc_code)
"""
DWA_SQL = """
    SELECT c.row, t.dwa_id AS item, count(DISTINCT t.task_id) AS count
    FROM raw_onet_tasks_to_dwas t JOIN similarity_codes c USING (onet_soc_code)
    GROUP BY ALL
"""
TERMS_SQL = """
    WITH tasks AS (SELECT c.row, any_value(t.task) AS task
                   FROM raw_onet_tasks_to_dwas t JOIN similarity_codes c USING (onet_soc_code)
                   GROUP BY c.row, t.task_id),
         words AS (SELECT row, unnest(string_split_regex(lower(task), '[^a-z]+')) AS term FROM tasks)
    SELECT row, hash(term) AS item, count(*) AS count
    FROM words WHERE length(term) >= $letters AND NOT list_contains($stop, term)
    GROUP BY ALL
"""
TITLE_TERMS_SQL = """
    WITH titles AS (SELECT c.row, t.title_text AS title
                    FROM core_occupation_title t JOIN similarity_codes c USING (onet_soc_code)
                    WHERE t.title_kind IN ('title', 'alternate')),
         words AS (SELECT row, unnest(string_split_regex(lower(title), '[^a-z]+')) AS term FROM titles)
    SELECT row, hash(term) AS item, count(*) AS count
    FROM words WHERE length(term) >= $letters AND NOT list_contains($stop, term)
    GROUP BY ALL
"""


def load_inputs(con: duckdb.DuckDBPyConnection) -> DescriptorInputs:
    """Descriptors of every occupation that has any: ratings (abilities too, where a downloaded full
    release has them), interests, DWAs, task words, title words and work context (full release only)."""
    con.execute("DROP TABLE IF EXISTS similarity_codes")
    con.execute(CODES_SQL)
    try:
        codes = [r[0] for r in con.execute("SELECT onet_soc_code FROM similarity_codes ORDER BY row").fetchall()]
        words = {"letters": MIN_WORD_LETTERS, "stop": list(STOP_WORDS)}
        return DescriptorInputs(
            codes=codes,
            ratings=con.execute(RATINGS_SQL).fetchnumpy(),
            interests=con.execute(INTERESTS_SQL).fetchnumpy(),
            dwa_tasks=con.execute(DWA_SQL).fetchnumpy(),
            task_terms=con.execute(TERMS_SQL, words).fetchnumpy(),
            title_terms=con.execute(TITLE_TERMS_SQL, words).fetchnumpy(),
            work_context=con.execute(WORK_CONTEXT_SQL).fetchnumpy(),
        )
    finally:
        con.execute("DROP TABLE similarity_codes")


def run(con: duckdb.DuckDBPyConnection) -> None:
    frame = top_neighbours(score_pairs(load_inputs(con)))  # empty when fewer than two occupations
    con.register("similarity_frame", frame)
    con.execute("CREATE TABLE out_occupation_similarity AS SELECT * FROM similarity_frame")
    con.unregister("similarity_frame")
