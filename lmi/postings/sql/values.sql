-- Distinct values: every distinct value of the columns whose cleaning is worth doing once per value (title,
-- posted and expiry dates, occupation code) and every distinct combination of the location columns, from one
-- read of the file (source_rows). NULL and '' are one value here (the cleaning treats them alike), so a NULL
-- in a row of this table only means the row belongs to another grouping.
SELECT title_raw, posted_raw, expiry_raw, code_raw, county_raw, cbsa_raw, city_raw, state_raw
FROM (
    SELECT
        coalesce(title, '') AS title_raw,
        coalesce(posted_date, '') AS posted_raw,
        coalesce(expiry_date, '') AS expiry_raw,
        coalesce(occupation_code, '') AS code_raw,
        coalesce(county_fips, '') AS county_raw,
        coalesce(cbsa_code, '') AS cbsa_raw,
        coalesce(city, '') AS city_raw,
        coalesce(state, '') AS state_raw
    FROM source_rows
) s
GROUP BY GROUPING SETS (
    (title_raw), (posted_raw), (expiry_raw), (code_raw), (county_raw, cbsa_raw, city_raw, state_raw)
)
