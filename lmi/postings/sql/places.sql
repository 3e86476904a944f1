-- Each distinct combination of the location columns of the file (file_values), placed once: a county FIPS
-- code, else a CBSA code, else a city with its state ("City, ST", else the state column), else a state, each
-- looked up in the place tables (lmi/postings/places.py). place_ref: the hash the file's rows join on (of the
-- four texts as received: one 64-bit key joins far faster than four texts, and a file's few thousand
-- combinations give two of them the same hash with odds of about one in a trillion); place_key: the place the repost rule compares (metro area, else CBSA, else state).
WITH texts AS (
    SELECT
        county_raw,
        cbsa_raw,
        city_raw,
        state_raw,
        nullif(trim(county_raw), '') AS county_text,
        nullif(trim(cbsa_raw), '') AS cbsa_text,
        nullif(
            trim(CASE WHEN instr(city_raw, ',') > 0 THEN substr(city_raw, 1, instr(city_raw, ',') - 1) ELSE city_raw END),
            ''
        ) AS city_name,
        nullif(upper(trim(CASE WHEN instr(city_raw, ',') > 0 THEN substr(city_raw, instr(city_raw, ',') + 1) END)), '')
            AS city_state_text,
        nullif(upper(trim(state_raw)), '') AS state_text
    FROM file_values
    WHERE county_raw IS NOT NULL
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
        city_st.state_fips AS city_state_found
    FROM texts d
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
),
leveled AS (
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
        CASE place_level
            WHEN 'county' THEN county_cbsa_code WHEN 'cbsa' THEN cbsa_found WHEN 'city' THEN city_cbsa_code
        END AS cbsa_code,
        CASE place_level
            WHEN 'county' THEN county_area_code WHEN 'cbsa' THEN cbsa_area_code WHEN 'city' THEN city_area_code
        END AS area_code
    FROM leveled p
)
SELECT
    ${hash}(county_raw, cbsa_raw, city_raw, state_raw) AS place_ref,
    coalesce(area_code, cbsa_code, state_fips) AS place_key,
    state_area_code,
    cbsa_code,
    area_code,
    county_found AS county_fips,
    place_level,
    county_text IS NOT NULL OR cbsa_text IS NOT NULL OR city_name IS NOT NULL OR city_state_text IS NOT NULL
        OR state_text IS NOT NULL AS has_location_text,
    CASE
        WHEN (county_text IS NOT NULL AND county_found IS NULL) OR (cbsa_text IS NOT NULL AND cbsa_found IS NULL)
            OR (state_text IS NOT NULL AND state_column_found IS NULL)
            OR (city_state_text IS NOT NULL AND city_state_found IS NULL) THEN 'value_not_recognised'
        WHEN city_name IS NOT NULL AND city_found IS NULL AND place_level = 'state' THEN 'city_not_matched'
    END AS location_note
FROM resolved
