"""New Jersey ETPL published data on the real shipped snapshot: values as New Jersey publishes them
(rows read from outcomes_schcip.csv by hand), -99999 kept as suppressed and never as a number,
contact fields never shipped, and the download refusing with a clear message."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from etl.catalog import source_by_key
from etl.download import choose_sources
from etl.errors import DownloadError
from etl.snapshot import SHIPPED_SNAPSHOT
from lmi.db import query_rows
from lmi.i18n import use_language
from lmi.programs import nj_etpl
from lmi.provenance import source_note

CONTACT_COLUMNS = {
    "contactname",
    "contactphone",
    "contactfirstname",
    "contactlastname",
    "contacttitle",
    "phone",
    "phoneextension",
    "fax",
    "email",
    "website",
    "street1",
    "street2",
    "mstreet1",
    "mstreet2",
    "zip",
    "mzip",
    "busroute1",
    "trnroute1",
    "google_direction_url",
    "statecomment",
    "wibcomment",
}


def outcome(ref_con, provider_id: str, cip_code: str) -> dict:
    frame = ref_con.execute(
        "SELECT * FROM core_nj_etpl_outcome WHERE provider_id = ? AND cip_code = ?", [provider_id, cip_code]
    ).df()
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


def test_published_row_matches_the_file(ref_con):
    # outcomes_schcip.csv: 8615,510801,0.846153846153846,0.848275862068966,0.902777777777778,5576.5,5815,6407,
    # 0.934959349593496,0.935483870967742,182,145,72,154,123,65,123,62
    row = outcome(ref_con, "8615", "51.0801")
    assert row["employed_q2_pct"] == pytest.approx(84.6153846153846)
    assert row["employed_q8_pct"] == pytest.approx(90.2777777777778)
    assert row["quarterly_wage_avg_q2_usd"] == 5576.5
    assert row["quarterly_wage_avg_q8_usd"] == 6407
    assert row["retention_q4_pct"] == pytest.approx(93.4959349593496)
    assert (row["completers_q2_count"], row["completers_q4_count"], row["completers_q8_count"]) == (182, 145, 72)
    assert row["wage_calc_q2_count"] == 154
    assert not row["employed_q2_suppressed"]


def test_minus_99999_is_suppressed_never_a_number(ref_con):
    # 6,511020,0,0,0,-99999,-99999,-99999,-99999,-99999,10,10,7,0,0,0,0,0: a published 0% and suppressed wages
    row = outcome(ref_con, "6", "51.1020")
    assert row["employed_q2_pct"] == 0 and not row["employed_q2_suppressed"]
    assert row["quarterly_wage_avg_q2_suppressed"] and row["retention_q4_suppressed"]
    assert row["quarterly_wage_avg_q2_usd"] != row["quarterly_wage_avg_q2_usd"]  # NaN: no number
    # 8783,521902,...,PerRetention8 = -99999 beside published values in the same row
    mixed = outcome(ref_con, "8783", "52.1902")
    assert mixed["retention_q4_pct"] == 100 and mixed["retention_q8_suppressed"]
    negative = ref_con.execute("""SELECT count(*) FROM core_nj_etpl_outcome WHERE least(employed_q2_pct,
        employed_q4_pct, employed_q8_pct, quarterly_wage_avg_q2_usd, quarterly_wage_avg_q4_usd,
        quarterly_wage_avg_q8_usd, retention_q4_pct, retention_q8_pct) < 0""").fetchone()[0]
    assert negative == 0


def test_suppressed_counts_match_the_file(ref_con):
    # the file holds 1,565 rows, 476 of them with PerEmployed2 = -99999, and 998 with PerRetention8 = -99999
    counts = nj_etpl.outcome_counts(ref_con)
    assert counts == {"rows": 1565, "employed_q2_suppressed": 476, "providers": 417}
    assert (
        ref_con.execute("SELECT count(*) FROM core_nj_etpl_outcome WHERE retention_q8_suppressed").fetchone()[0] == 998
    )


def test_formatted_table_says_suppressed(ref_con):
    frame = nj_etpl.published_outcomes(ref_con, search="Rowan College of South Jersey", sort_by="completers_q2_count")
    shown = nj_etpl.format_published(frame)
    row = shown[shown.cip_code == "51.1020"].iloc[0]
    assert row["quarterly_wage_avg_q2_usd"] == "suppressed"
    assert row["employed_q2_pct"] == "0.0%"
    assert not any(str(v).startswith("-99999") for v in shown.to_numpy().ravel())
    assert not [c for c in shown.columns if c.endswith("_suppressed")]


def test_program_sample_with_costs_and_credentials(ref_con):
    sample = nj_etpl.program_sample(ref_con)
    assert len(sample) == 128
    massage = sample[sample.program_id == "27384"].iloc[0]  # Fortis Institute - Wayne, Massage Therapy
    assert massage.total_cost_usd == 15578 and massage.clock_hours == 750
    assert massage.license_name == "MASSAGE THERAPIST" and massage.industry_credential == "Massage and Bodywork"
    assert int(sample.has_published_outcomes.sum()) == 42
    assert not sample.provider_name.str.startswith('"').any()


def test_no_contact_fields_reach_the_snapshot():
    for name in ("raw_nj_etpl_outcomes", "raw_nj_etpl_programs", "raw_nj_etpl_providers"):
        columns = set(pq.read_schema(SHIPPED_SNAPSHOT / f"{name}.parquet").names)
        assert not columns & CONTACT_COLUMNS, name
        assert not [c for c in columns if "phone" in c or "email" in c or "street" in c or "contact" in c]


def test_source_note_names_vintage_and_license(ref_con):
    note = source_note(ref_con, "nj_etpl")
    assert "New Jersey ETPL (published)" in note
    assert "ETPL as of 2023-05-04; providers 2021-03-05" in note and "MIT" in note


def test_download_is_not_automated_and_says_so():
    assert "nj_etpl" not in [spec.key for spec in choose_sources(None)]
    with pytest.raises(DownloadError, match="not automated.*newjersey/d4ad"):
        choose_sources(["nj_etpl"])
    with pytest.raises(DownloadError, match="not automated"):
        source_by_key("nj_etpl").read_downloaded(SHIPPED_SNAPSHOT)


def test_linked_jobs_read_bls_groups_once(ref_con):
    """A CIP linked to home health aides (31-1121) and personal care aides (31-1122) reads New Jersey's
    31-1120 group figure once, not zero and not twice."""
    sample = nj_etpl.program_sample(ref_con).set_index("program_id")
    linked = query_rows(ref_con, "SELECT cip_code FROM core_cip_soc WHERE soc_code IN ('31-1121', '31-1122')")
    cips = {row[0] for row in linked} & set(sample.cip_code)
    group = query_rows(
        ref_con,
        "SELECT local_employment_count FROM out_soc_demand s JOIN core_area a USING (area_code) "
        "WHERE a.area_kind = 'state' AND a.state_fips = '34' AND s.soc_code = '31-1120'",
    )[0][0]
    for cip in cips:
        row = sample[sample.cip_code == cip].iloc[0]
        assert row.nj_jobs_in_linked_occupations_count >= group


def test_readable_tables_keep_suppressed_and_missing_outcomes_as_words(ref_con):
    import inspect

    assert inspect.signature(nj_etpl.published_outcomes).parameters["limit"].default == nj_etpl.PUBLISHED_ROWS_LIMIT
    published = nj_etpl.readable_outcomes(nj_etpl.published_outcomes(ref_con, "Rowan College of South Jersey"))
    assert list(published.columns[:5]) == ["Provider ID", "Provider", "County", "CIP", "Training category"]
    assert published[published.CIP == "51.1020"].iloc[0]["Average quarterly wage, 2nd quarter"] == "suppressed"
    sample = nj_etpl.program_sample(ref_con)
    shown = nj_etpl.readable_sample(sample)
    assert list(shown.columns) == list(nj_etpl.SAMPLE_COLUMN_LABELS.values()) and len(shown) == len(sample)
    without = shown[~sample.has_published_outcomes.to_numpy()]
    assert len(without) and set(without["Completers (provider × CIP)"]) == {nj_etpl.NO_PUBLISHED_OUTCOME}
    families = nj_etpl.cip_families(ref_con)
    assert nj_etpl.family_label(families, None) == "All"
    assert nj_etpl.family_label(families, "51").startswith("51 — Health")


def test_readable_tables_read_in_spanish_with_values_as_published(ref_con):
    with use_language("es"):
        published = nj_etpl.readable_outcomes(nj_etpl.published_outcomes(ref_con, "Rowan College of South Jersey"))
        sample = nj_etpl.readable_sample(nj_etpl.program_sample(ref_con))
        assert nj_etpl.sort_label("completers_q2_count") == "Personas que completaron"
        assert nj_etpl.family_label(nj_etpl.cip_families(ref_con), None) == "Todos"
    assert list(published.columns[:5]) == [
        "ID del proveedor",
        "Proveedor",
        "Condado",
        "CIP",
        "Categoría de capacitación",
    ]
    row = published[published.CIP == "51.1020"].iloc[0]
    assert row["Salario trimestral promedio, 2.º trimestre"] == "suprimido"
    assert row["Proveedor"].startswith("Rowan College of South Jersey")  # names as New Jersey publishes them
    assert "sin resultado publicado" in set(sample["Personas que completaron (proveedor × CIP)"])
