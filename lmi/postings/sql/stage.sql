-- Staging: one row out for each row of the file, its columns cleaned, dated, placed and checked.
-- Run by DuckDB and by Spark SQL (lmi/postings/pipeline.py) from this one text: only functions both engines
-- spell and evaluate the same way (trim, nullif, instr, split_part, lpad, upper, lower, length, substr, TRY_CAST,
-- year, CASE), no engine's date parser (each accepts different shapes, so date shapes are checked here).
-- The one word that differs is the 64-bit hash of the title and repost keys, written ${hash} and filled in
-- per engine (DuckDB hash, Spark xxhash64): hashes are compared only within one engine's own output, so
-- their values need not agree. What is stored is what counting needs, every row with its `problem` (the
-- file itself is kept beside it, as received).
-- Reads: source_rows (the file's columns mapped to the fields, all text, and default_source: what to call
-- the source of a row that names none), place_state, place_county,
-- place_cbsa, place_cbsa_state, place_city (lmi/postings/places.py) and valid_code (lmi/postings/codes.py).
-- `problem` is 'accepted' for a row that is stored, otherwise why it is not.
WITH raw AS (
    SELECT
        -- Long text is trimmed only when it has a space to trim (trimming every title costs more than all the
        -- rest of a row's cleaning).
        nullif(CASE WHEN title LIKE ' %' OR title LIKE '% ' THEN trim(title) ELSE title END, '') AS title,
        nullif(CASE WHEN employer LIKE ' %' OR employer LIKE '% ' THEN trim(employer) ELSE employer END, '')
            AS employer,
        coalesce(trim(posted_date), '') AS posted_text,
        coalesce(trim(expiry_date), '') AS expiry_text,
        nullif(trim(county_fips), '') AS county_text,
        nullif(trim(cbsa_code), '') AS cbsa_text,
        nullif(trim(CASE WHEN instr(city, ',') > 0 THEN substr(city, 1, instr(city, ',') - 1) ELSE city END), '')
            AS city_name,
        nullif(upper(trim(CASE WHEN instr(city, ',') > 0 THEN substr(city, instr(city, ',') + 1) END)), '')
            AS city_state_text,
        nullif(upper(trim(state)), '') AS state_text,
        nullif(upper(trim(occupation_code)), '') AS code_text,
        coalesce(nullif(trim(source), ''), default_source) AS source
    FROM source_rows
),
iso AS (
    -- Dates as YYYY-MM-DD text: ISO dates (a time after a "T" or a space ignored) and US dates (M/D/YYYY,
    -- a time after a space ignored).
    SELECT
        raw.*,
        CASE
            WHEN substr(posted_text, 5, 1) = '-' AND substr(posted_text, 8, 1) = '-'
                AND (length(posted_text) = 10 OR substr(posted_text, 11, 1) IN ('T', ' '))
                THEN substr(posted_text, 1, 10)
            WHEN posted_text LIKE '%/%/%' THEN split_part(posted_text, ' ', 1)
        END AS posted_day_text,
        CASE
            WHEN substr(expiry_text, 5, 1) = '-' AND substr(expiry_text, 8, 1) = '-'
                AND (length(expiry_text) = 10 OR substr(expiry_text, 11, 1) IN ('T', ' '))
                THEN substr(expiry_text, 1, 10)
            WHEN expiry_text LIKE '%/%/%' THEN split_part(expiry_text, ' ', 1)
        END AS expiry_day_text
    FROM raw
),
us AS (
    SELECT
        iso.*,
        CASE
            WHEN length(posted_day_text) = 10 AND substr(posted_day_text, 5, 1) = '-' THEN posted_day_text
            WHEN length(split_part(posted_day_text, '/', 3)) = 4 AND length(split_part(posted_day_text, '/', 1)) <= 2
                AND length(split_part(posted_day_text, '/', 2)) <= 2
                THEN split_part(posted_day_text, '/', 3) || '-' || lpad(split_part(posted_day_text, '/', 1), 2, '0')
                    || '-' || lpad(split_part(posted_day_text, '/', 2), 2, '0')
        END AS posted_iso,
        CASE
            WHEN length(expiry_day_text) = 10 AND substr(expiry_day_text, 5, 1) = '-' THEN expiry_day_text
            WHEN length(split_part(expiry_day_text, '/', 3)) = 4 AND length(split_part(expiry_day_text, '/', 1)) <= 2
                AND length(split_part(expiry_day_text, '/', 2)) <= 2
                THEN split_part(expiry_day_text, '/', 3) || '-' || lpad(split_part(expiry_day_text, '/', 1), 2, '0')
                    || '-' || lpad(split_part(expiry_day_text, '/', 2), 2, '0')
        END AS expiry_iso
    FROM iso
),
dated AS (
    SELECT us.*, TRY_CAST(posted_iso AS DATE) AS posted_parsed, TRY_CAST(expiry_iso AS DATE) AS expiry_parsed
    FROM us
),
looked_up AS (
    SELECT
        d.*,
        county.county_fips AS county_found,
        county.state_fips AS county_state_fips,
        county.cbsa_code AS county_cbsa_code,
        county.area_code AS county_area_code,
        county.state_area_code AS county_state_area_code,
        cbsa.cbsa_code AS cbsa_found,
        coalesce(cbsa.state_fips, cbsa_state.state_fips) AS cbsa_state_fips,
        cbsa.area_code AS cbsa_area_code,
        coalesce(cbsa.state_area_code, cbsa_state.state_area_code) AS cbsa_state_area_code,
        city.city_key AS city_found,
        city.state_fips AS city_state_fips,
        city.cbsa_code AS city_cbsa_code,
        city.area_code AS city_area_code,
        city.state_area_code AS city_state_area_code,
        coalesce(st.state_fips, city_st.state_fips) AS state_found,
        coalesce(st.state_area_code, city_st.state_area_code) AS state_state_area_code,
        st.state_fips AS state_column_found,
        city_st.state_fips AS city_state_found,
        code.code_key AS code_found,
        code.soc_code AS code_soc_code
    FROM dated d
    LEFT JOIN place_county county
        ON county.county_fips = CASE WHEN length(d.county_text) <= 5 THEN lpad(d.county_text, 5, '0') END
    LEFT JOIN place_cbsa cbsa
        ON cbsa.cbsa_code = CASE WHEN length(d.cbsa_text) <= 5 THEN lpad(d.cbsa_text, 5, '0') END
    LEFT JOIN place_state st ON st.state_key = d.state_text
    LEFT JOIN place_state city_st ON city_st.state_key = d.city_state_text
    LEFT JOIN place_city city
        ON city.city_key = upper(d.city_name) || '|' || coalesce(city_st.state_postal, st.state_postal)
    LEFT JOIN place_cbsa_state cbsa_state
        ON cbsa_state.cbsa_code = cbsa.cbsa_code AND cbsa_state.state_fips = coalesce(st.state_fips, city_st.state_fips)
    LEFT JOIN valid_code code ON code.code_key = d.code_text
),
placed AS (
    SELECT
        l.*,
        CASE
            WHEN county_found IS NOT NULL THEN 'county'
            WHEN cbsa_found IS NOT NULL THEN 'cbsa'
            WHEN city_found IS NOT NULL THEN 'city'
            WHEN state_found IS NOT NULL THEN 'state'
        END AS place_level
    FROM looked_up l
),
resolved AS (
    SELECT
        p.*,
        CASE place_level
            WHEN 'county' THEN county_state_fips WHEN 'cbsa' THEN cbsa_state_fips
            WHEN 'city' THEN city_state_fips ELSE state_found
        END AS state_fips,
        CASE place_level
            WHEN 'county' THEN county_state_area_code WHEN 'cbsa' THEN cbsa_state_area_code
            WHEN 'city' THEN city_state_area_code ELSE state_state_area_code
        END AS state_area_code,
        CASE place_level WHEN 'county' THEN county_cbsa_code WHEN 'cbsa' THEN cbsa_found WHEN 'city' THEN city_cbsa_code END
            AS cbsa_code,
        CASE place_level WHEN 'county' THEN county_area_code WHEN 'cbsa' THEN cbsa_area_code WHEN 'city' THEN city_area_code END
            AS area_code,
        CASE
            WHEN title IS NULL AND code_found IS NULL THEN 'no_title'
            WHEN posted_text = '' THEN 'no_posted_date'
            WHEN posted_parsed IS NULL THEN 'posted_date_unreadable'
            WHEN year(posted_parsed) < 2000 OR year(posted_parsed) > 2099 THEN 'posted_date_out_of_range'
            WHEN county_text IS NULL AND cbsa_text IS NULL AND city_name IS NULL AND city_state_text IS NULL
                AND state_text IS NULL THEN 'no_location'
            WHEN place_level IS NULL THEN 'location_unknown'
            ELSE 'accepted'
        END AS problem
    FROM placed p
),
keyed AS (
    SELECT
        r.*,
        lower(title) AS title_key,
        coalesce(area_code, cbsa_code, state_fips) AS place_key
    FROM resolved r
)
SELECT
    problem,
    title_key,
    ${hash}(title_key) AS title_hash,
    CASE
        WHEN employer IS NOT NULL THEN ${hash}(
            lower(employer), coalesce(title_key, ''), place_key, coalesce(state_area_code, ''),
            coalesce(code_soc_code, '')
        )
    END AS repost_key,
    posted_parsed AS posted_date,
    CASE WHEN expiry_parsed >= posted_parsed THEN expiry_parsed END AS expiry_date,
    state_area_code,
    cbsa_code,
    area_code,
    county_found AS county_fips,
    place_level,
    code_soc_code AS given_soc_code,
    source,
    CASE
        WHEN expiry_text <> '' AND (expiry_parsed IS NULL OR year(expiry_parsed) < 2000 OR year(expiry_parsed) > 2099)
            THEN 'unreadable'
        WHEN expiry_parsed < posted_parsed THEN 'before_posted'
    END AS expiry_note,
    CASE WHEN code_text IS NOT NULL AND code_found IS NULL THEN 'not_a_known_code' END AS code_note,
    CASE
        WHEN (county_text IS NOT NULL AND county_found IS NULL) OR (cbsa_text IS NOT NULL AND cbsa_found IS NULL)
            OR (state_text IS NOT NULL AND state_column_found IS NULL)
            OR (city_state_text IS NOT NULL AND city_state_found IS NULL) THEN 'value_not_recognised'
        WHEN city_name IS NOT NULL AND city_found IS NULL AND place_level = 'state' THEN 'city_not_matched'
    END AS location_note,
    -- What a row that is not stored said, for the import's examples of each problem.
    CASE WHEN problem <> 'accepted' THEN title END AS rejected_title,
    CASE WHEN problem <> 'accepted' THEN posted_text END AS rejected_posted_text,
    CASE
        WHEN problem <> 'accepted'
            THEN concat_ws(' / ', county_text, cbsa_text, city_name, city_state_text, state_text)
    END AS rejected_location_text,
    CASE WHEN problem <> 'accepted' THEN code_text END AS rejected_code_text
FROM keyed
