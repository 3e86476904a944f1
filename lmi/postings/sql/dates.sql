-- Each distinct posted or expiry date text of the file (file_values), read once: ISO dates (a time after a "T"
-- or a space ignored) and US dates (M/D/YYYY, a time after a space ignored), with no engine's date parser
-- (each accepts different shapes, so the shapes are checked here). in_range: a year 2000-2099.
WITH texts AS (
    SELECT date_raw, trim(date_raw) AS date_text
    FROM (
        SELECT posted_raw AS date_raw FROM file_values WHERE posted_raw IS NOT NULL
        UNION
        SELECT expiry_raw AS date_raw FROM file_values WHERE expiry_raw IS NOT NULL
    ) d
),
days AS (
    SELECT
        texts.*,
        CASE
            WHEN substr(date_text, 5, 1) = '-' AND substr(date_text, 8, 1) = '-'
                AND (length(date_text) = 10 OR substr(date_text, 11, 1) IN ('T', ' '))
                THEN substr(date_text, 1, 10)
            WHEN date_text LIKE '%/%/%' THEN split_part(date_text, ' ', 1)
        END AS day_text
    FROM texts
),
isos AS (
    SELECT
        days.*,
        CASE
            WHEN length(day_text) = 10 AND substr(day_text, 5, 1) = '-' THEN day_text
            WHEN length(split_part(day_text, '/', 3)) = 4 AND length(split_part(day_text, '/', 1)) <= 2
                AND length(split_part(day_text, '/', 2)) <= 2
                THEN split_part(day_text, '/', 3) || '-' || lpad(split_part(day_text, '/', 1), 2, '0')
                    || '-' || lpad(split_part(day_text, '/', 2), 2, '0')
        END AS iso_text
    FROM days
)
SELECT
    date_raw,
    date_text = '' AS is_empty,
    parsed,
    parsed IS NOT NULL AND year(parsed) >= 2000 AND year(parsed) <= 2099 AS in_range
FROM (SELECT isos.*, TRY_CAST(iso_text AS DATE) AS parsed FROM isos) p
