-- Staging: one row out for each row of the file (source_rows), dated, placed and checked through the
-- file's distinct values cleaned once each (file_titles, file_dates, file_codes, file_places: the queries
-- beside this one), so that a row costs only its joins and its hashes. `problem` is 'accepted' for a row that
-- is stored, otherwise why it is not.
WITH joined AS (
    SELECT
        r.title AS title_raw,
        r.posted_date AS posted_raw,
        r.occupation_code AS code_raw,
        r.county_fips AS county_raw,
        r.cbsa_code AS cbsa_raw,
        r.city AS city_raw,
        r.state AS state_raw,
        coalesce(nullif(trim(r.source), ''), r.default_source) AS source,
        -- Long text is trimmed only when it has a space to trim (trimming every employer costs more than all
        -- the rest of a row's cleaning).
        lower(
            nullif(CASE WHEN r.employer LIKE ' %' OR r.employer LIKE '% ' THEN trim(r.employer) ELSE r.employer END, '')
        ) AS employer_key,
        t.has_title,
        t.title_key,
        t.title_hash,
        pd.is_empty AS posted_empty,
        pd.parsed AS posted_parsed,
        pd.in_range AS posted_in_range,
        ed.is_empty AS expiry_empty,
        ed.parsed AS expiry_parsed,
        ed.in_range AS expiry_in_range,
        c.has_code,
        c.code_known,
        c.code_soc_code,
        p.place_key,
        p.state_area_code,
        p.cbsa_code,
        p.area_code,
        p.county_fips,
        p.place_level,
        p.has_location_text,
        p.location_note
    FROM source_rows r
    LEFT JOIN file_titles t ON t.title_raw = coalesce(r.title, '')
    LEFT JOIN file_dates pd ON pd.date_raw = coalesce(r.posted_date, '')
    LEFT JOIN file_dates ed ON ed.date_raw = coalesce(r.expiry_date, '')
    LEFT JOIN file_codes c ON c.code_raw = coalesce(r.occupation_code, '')
    LEFT JOIN file_places p ON p.place_ref = ${hash}(
        coalesce(r.county_fips, ''), coalesce(r.cbsa_code, ''), coalesce(r.city, ''), coalesce(r.state, '')
    )
),
judged AS (
    SELECT
        joined.*,
        CASE
            WHEN NOT has_title AND NOT code_known THEN 'no_title'
            WHEN posted_empty THEN 'no_posted_date'
            WHEN posted_parsed IS NULL THEN 'posted_date_unreadable'
            WHEN NOT posted_in_range THEN 'posted_date_out_of_range'
            WHEN NOT has_location_text THEN 'no_location'
            WHEN place_level IS NULL THEN 'location_unknown'
            ELSE 'accepted'
        END AS problem
    FROM joined
)
SELECT
    problem,
    title_hash,
    -- The repost key hashes the same values, in the same order, as before the distinct-value tables (stores
    -- staged then and since count each other's reposts).
    CASE
        WHEN employer_key IS NOT NULL THEN ${hash}(
            employer_key, coalesce(title_key, ''), place_key, coalesce(state_area_code, ''), coalesce(code_soc_code, '')
        )
    END AS repost_key,
    posted_parsed AS posted_date,
    CASE WHEN expiry_parsed >= posted_parsed THEN expiry_parsed END AS expiry_date,
    state_area_code,
    cbsa_code,
    area_code,
    county_fips,
    place_level,
    code_soc_code AS given_soc_code,
    source,
    CASE
        WHEN NOT expiry_empty AND NOT expiry_in_range THEN 'unreadable'
        WHEN expiry_parsed < posted_parsed THEN 'before_posted'
    END AS expiry_note,
    CASE WHEN has_code AND NOT code_known THEN 'not_a_known_code' END AS code_note,
    location_note,
    -- What a row that is not stored said, for the import's examples of each problem (as in the file, trimmed).
    CASE WHEN problem <> 'accepted' THEN nullif(trim(title_raw), '') END AS rejected_title,
    CASE WHEN problem <> 'accepted' THEN coalesce(trim(posted_raw), '') END AS rejected_posted_text,
    CASE
        WHEN problem <> 'accepted' THEN concat_ws(
            ' / ', nullif(trim(county_raw), ''), nullif(trim(cbsa_raw), ''), nullif(trim(city_raw), ''),
            nullif(trim(state_raw), '')
        )
    END AS rejected_location_text,
    CASE WHEN problem <> 'accepted' THEN nullif(upper(trim(code_raw)), '') END AS rejected_code_text
FROM judged
