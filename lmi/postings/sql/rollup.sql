-- Any scale: the counted cells (lmi/postings/sql/cells.sql, read as `cells`) added up for the nation, each
-- state and each metro area, under the OEWS area codes. A posting placed in a state only (a nonmetropolitan
-- or micropolitan county, a city not named in a CBSA title) counts in its state and the nation; one placed in
-- a metro area that crosses a state line without a state counts in the metro area and the nation.
-- Run unchanged by DuckDB and by Spark SQL.
SELECT 'national' AS area_kind, '0000000' AS area_code, soc_code, posted_month,
       sum(postings_count) AS postings_count, sum(reposts_removed_count) AS reposts_removed_count,
       sum(from_given_code_count) AS from_given_code_count
FROM cells
GROUP BY soc_code, posted_month
UNION ALL
SELECT 'state' AS area_kind, state_area_code AS area_code, soc_code, posted_month,
       sum(postings_count), sum(reposts_removed_count), sum(from_given_code_count)
FROM cells
WHERE state_area_code IS NOT NULL
GROUP BY state_area_code, soc_code, posted_month
UNION ALL
SELECT 'metro' AS area_kind, area_code, soc_code, posted_month,
       sum(postings_count), sum(reposts_removed_count), sum(from_given_code_count)
FROM cells
WHERE area_code IS NOT NULL
GROUP BY area_code, soc_code, posted_month
