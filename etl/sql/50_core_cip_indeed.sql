-- CIP programs and the CIP-to-SOC crosswalk; Indeed job postings indexes with real dates.

CREATE TABLE core_cip AS
SELECT cip_code, rtrim(cip_title, '.') AS cip_title, cip_definition, cip_family
FROM raw_cip_codes
WHERE length(cip_code) = 7;

CREATE TABLE core_cip_soc AS
SELECT DISTINCT cip_code, soc_code
FROM raw_cip_soc_crosswalk
WHERE cip_code <> '99.9999' AND soc_code <> '99-9999' AND soc_code LIKE '__-____';

CREATE TABLE core_indeed_state_postings AS
SELECT upper(state) AS state_postal, CAST(date AS DATE) AS posted_on, postings_index
FROM raw_indeed_state_postings;

CREATE TABLE core_indeed_national_postings AS
SELECT CAST(date AS DATE) AS posted_on, postings_index_sa, postings_index_nsa
FROM raw_indeed_national_postings
WHERE variable = 'total postings';

CREATE TABLE core_indeed_sector_postings AS
SELECT sector, CAST(date AS DATE) AS posted_on, postings_index
FROM raw_indeed_sector_postings
WHERE variable = 'total postings';
