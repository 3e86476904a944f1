-- Counting: stored postings -> one row per (state, metro area, occupation, month), reposts removed.
-- Run unchanged by DuckDB and by Spark SQL (lmi/postings/pipeline.py). Parameters (numbers only, checked
-- before they are written in): ${window_days}, ${min_confidence}.
-- Reads: postings (the stored rows whose problem is 'accepted', lmi/postings/sql/stage.sql) and title_codes
-- (title_hash, soc_code, confidence: each distinct title coded once, lmi/postings/coding.py).
--
-- Occupation: the file's own code when it is a known SOC or O*NET-SOC code; otherwise the code of the title
-- when its confidence is at least ${min_confidence}; otherwise none (soc_code NULL: counted, not coded).
-- Reposts: a posting by the same employer with the same title in the same place (metro area, else CBSA,
-- else state; and the same state and file-given occupation code, when there are) posted no more than
-- ${window_days} days after that employer's previous posting of it is a repost and is not counted again
-- (repost_key: a 64-bit hash of those values, lower-cased, made by the staging SQL). Postings without an
-- employer are never taken for reposts. Postings with one key on one day count in the same cells whichever
-- is kept, so every engine gives the same counts.
WITH coded AS (
    SELECT
        p.posted_date,
        p.state_area_code,
        p.area_code,
        p.repost_key,
        p.title_hash,
        CASE WHEN p.given_soc_code IS NOT NULL THEN 1 ELSE 0 END AS from_given_code,
        CASE
            WHEN p.given_soc_code IS NOT NULL THEN p.given_soc_code
            WHEN t.confidence >= ${min_confidence} THEN t.soc_code
        END AS soc_code
    FROM postings p
    LEFT JOIN title_codes t ON t.title_hash = p.title_hash
),
flagged AS (
    -- Postings without an employer (repost_key NULL) are spread over partitions by title and day so that no
    -- engine gathers them all in one; they are never reposts.
    SELECT
        coded.*,
        CASE
            WHEN repost_key IS NOT NULL AND posted_date <= lag(posted_date) OVER (
                PARTITION BY repost_key, CASE WHEN repost_key IS NULL THEN title_hash END,
                    CASE WHEN repost_key IS NULL THEN posted_date END
                ORDER BY posted_date
            ) + ${window_days} THEN 1
            ELSE 0
        END AS is_repost
    FROM coded
)
SELECT
    state_area_code,
    area_code,
    soc_code,
    make_date(year(posted_date), month(posted_date), 1) AS posted_month,
    sum(1 - is_repost) AS postings_count,
    sum(is_repost) AS reposts_removed_count,
    sum(CASE WHEN is_repost = 0 THEN from_given_code ELSE 0 END) AS from_given_code_count
FROM flagged
GROUP BY state_area_code, area_code, soc_code, make_date(year(posted_date), month(posted_date), 1)
