-- Areas: the nation, states, metro areas (CBSAs) and BLS nonmetropolitan areas, as OEWS publishes
-- them. Metro areas get their CBSA centroid from the Census gazetteer and every state they touch
-- from the OMB delineation (a metro that crosses a state line belongs to each of its states).

CREATE TABLE core_state AS
SELECT s.state_fips, s.state_postal, s.state_name
FROM raw_ref_us_state_codes s
WHERE s.state_fips IN (SELECT state_code FROM raw_oews_area WHERE areatype_code = 'S');

CREATE TABLE core_area AS
SELECT a.area_code,
       CASE a.areatype_code
           WHEN 'N' THEN 'national'
           WHEN 'S' THEN 'state'
           WHEN 'M' THEN CASE WHEN g.cbsa_code IS NULL THEN 'nonmetro' ELSE 'metro' END
       END                                     AS area_kind,
       a.area_name,
       nullif(a.state_code, '00')              AS state_fips,
       g.cbsa_code,
       g.latitude_deg,
       g.longitude_deg
FROM raw_oews_area a
LEFT JOIN raw_cbsa_gazetteer g
       ON a.areatype_code = 'M' AND g.cbsa_code = substr(a.area_code, 3, 5);

CREATE TABLE core_area_state AS
-- Which states each area belongs to: itself for a state, its home state for a nonmetro area,
-- and every state with a county in the CBSA for a metro area.
SELECT area_code, state_fips FROM core_area WHERE area_kind IN ('state', 'nonmetro')
UNION
SELECT a.area_code, d.state_fips
FROM core_area a
JOIN raw_cbsa_delineation d ON d.cbsa_code = a.cbsa_code
WHERE a.area_kind = 'metro';
