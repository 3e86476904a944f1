-- State long-term occupational projections (Projections Central), one row per state x SOC code as the
-- state published it. raw_state_projection is optional (etl/sources/state_projections.py): the shipped
-- snapshot does not carry it, so when no snapshot table was loaded it is declared here, empty, and
-- core_state_projection is empty too; lmi.demand then keeps the national-rate estimates everywhere.
-- Kept: rows of states OEWS publishes (the United States row, STFIPS 0, is BLS's national projection,
-- which the build reads from BLS itself) with a SOC-shaped code. (NA) figures stay NULL, never 0.

CREATE TABLE IF NOT EXISTS raw_state_projection (
    state_fips VARCHAR, area_name VARCHAR, soc_code VARCHAR, soc_title VARCHAR,
    base_year BIGINT, base_employment_count DOUBLE, projected_year BIGINT, projected_employment_count DOUBLE,
    employment_change_count DOUBLE, employment_change_pct DOUBLE, annual_openings_count DOUBLE
);

CREATE TABLE core_state_projection AS
SELECT s.state_fips,
       s.state_name,
       trim(r.soc_code)                  AS soc_code,
       trim(r.soc_title)                 AS soc_title,
       CAST(r.base_year AS INTEGER)      AS base_year,
       CAST(r.projected_year AS INTEGER) AS projected_year,
       r.base_employment_count,
       r.projected_employment_count,
       r.employment_change_count,
       r.employment_change_pct,
       r.annual_openings_count
FROM raw_state_projection r
JOIN core_state s ON s.state_fips = lpad(trim(r.state_fips), 2, '0')
WHERE regexp_full_match(trim(r.soc_code), '\d{2}-\d{4}')
ORDER BY s.state_fips, soc_code;
