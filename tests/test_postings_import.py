"""Importing postings files into the postings store, on the real reference database: every rule of the
staging SQL on a hand-made file, refusals of bad files with nothing stored, idempotence, all-or-nothing,
layouts, and the counts at every scale."""

from __future__ import annotations

import gzip
import json
import shutil
import threading

import duckdb
import pyarrow as pa
import pyarrow.csv as pv
import pyarrow.parquet as pq
import pytest

from lmi.db import PROJECT_ROOT
from lmi.postings import importer
from lmi.postings.aggregate import read_aggregate, refresh_aggregate
from lmi.postings.coding import TitleCoder
from lmi.postings.importer import import_postings
from lmi.postings.layouts import FIELDS, LayoutError, parse_overrides, resolve_mapping
from lmi.postings.pipeline import REJECTED_COLUMNS, STORED_COLUMNS, cells_sql
from lmi.postings.store import PostingsStore, StoreBusyError
from tests.postings_helpers import (
    KANSAS,
    KANSAS_CITY,
    MISSOURI,
    PHOENIX,
    RULE_PROBLEMS,
    RULE_ROWS,
    RULE_STORED,
    SPRINGFIELD_MO,
    write_csv,
)


@pytest.fixture(scope="module")
def coder(ref_con):
    return TitleCoder(ref_con)


@pytest.fixture()
def store(tmp_path):
    return PostingsStore(tmp_path / "store")


@pytest.fixture()
def rules_file(tmp_path):
    return write_csv(tmp_path / "rules.csv", RULE_ROWS)


def _import(path, ref_con, store, coder, **options):
    return import_postings(path, ref_con, store, coder=coder, **options)


def test_rows_are_stored_or_counted_by_reason(rules_file, ref_con, store, coder):
    result = _import(rules_file, ref_con, store, coder)
    assert result.outcome == "imported", result.message
    assert result.rows_in_file == len(RULE_ROWS)
    assert dict(result.rejected) == RULE_PROBLEMS
    assert result.rows_stored == RULE_STORED
    assert set(result.examples) == set(RULE_PROBLEMS)
    assert result.notes["expiry_before_posted"] == 1 and result.notes["expiry_unreadable"] == 1
    assert result.notes["code_not_a_known_code"] == 1  # 47-2110 is a broad group
    assert result.notes["location_city_not_matched"] == 1  # Smallville, MO
    assert result.notes["metro_without_state"] == 1  # Kansas City without a state
    entry = store.log_entries()[-1]
    assert entry["outcome"] == "imported" and entry["rows_stored_count"] == RULE_STORED
    assert entry["rejected_by_reason"] == RULE_PROBLEMS


def test_stored_rows_have_the_declared_columns(rules_file, ref_con, store, coder):
    """What a stored row holds is declared once (``STORED_COLUMNS``, then what a row that is not counted said)."""
    _import(rules_file, ref_con, store, coder)
    (stored,) = store.postings_files()
    names = pq.read_schema(stored).names
    assert names == [*STORED_COLUMNS, *REJECTED_COLUMNS]


def test_counts_at_every_scale_follow_the_rules(rules_file, ref_con, store, coder):
    _import(rules_file, ref_con, store, coder)
    refresh_aggregate(store)
    counts = read_aggregate(store)
    cell = counts.set_index(["area_code", "soc_code", counts.posted_month.astype(str).str[:10]])
    nurses = cell.loc[(SPRINGFIELD_MO, "29-1141", "2025-01-01")]  # case and spaces aside, Jan 7 is a repost
    assert (nurses.postings_count, nurses.reposts_removed_count, nurses.from_given_code_count) == (4, 2, 1)
    assert cell.loc[(SPRINGFIELD_MO, "29-1141", "2025-03-01")].postings_count == 1
    assert cell.loc[(SPRINGFIELD_MO, "53-3032", "2025-01-01")].postings_count == 1  # CDL-A driver, by CBSA
    assert cell.loc[(SPRINGFIELD_MO, "41-2011", "2025-02-01")].postings_count == 1  # "Springfield, MO"
    assert cell.loc[(MISSOURI, "41-2011", "2025-02-01")].postings_count == 2  # and Smallville, MO
    welders = cell.loc[(KANSAS_CITY, "51-4121", "2025-02-01")]
    assert (welders.postings_count, welders.reposts_removed_count) == (2, 0)
    assert cell.loc[(KANSAS, "51-4121", "2025-02-01")].postings_count == 1
    assert cell.loc[(PHOENIX, "47-2111", "2025-04-01")].postings_count == 1
    national = counts[counts.area_kind == "national"]
    assert national.postings_count.sum() + national.reposts_removed_count.sum() == RULE_STORED
    meta = store.aggregate_meta()
    assert meta["postings_count"] == national.postings_count.sum() and "30 days" in meta["repost_rule"]


def test_stores_staged_by_earlier_versions_count_with_new_imports(rules_file, ref_con, store, coder, tmp_path):
    """Imports staged before the distinct-value tables kept a ``title_key`` column, and their repost keys hash
    the same values in the same order as now: an old import and a new one are counted together, and a repost
    across them is found."""
    _import(rules_file, ref_con, store, coder)
    con = duckdb.connect()
    (old_file,) = store.postings_files()
    nurse = con.execute(
        f"SELECT repost_key, area_code, state_area_code FROM read_parquet('{old_file}') "
        "WHERE posted_date = DATE '2025-03-01'"
    ).fetchone()
    assert (
        nurse[0]
        == con.execute(
            "SELECT hash('acme health', 'registered nurse', $area, $state, '')", {"area": nurse[1], "state": nurse[2]}
        ).fetchone()[0]
    )
    con.execute(
        f"COPY (SELECT *, 'older versions kept the title' AS title_key FROM read_parquet('{old_file}')) "
        f"TO '{tmp_path / 'old.parquet'}' (FORMAT parquet)"
    )
    shutil.move(tmp_path / "old.parquet", old_file)
    repost = ("Registered Nurse", "Acme Health", "2025-03-20", "", "29077", "", "", "", "", "state job bank")
    assert _import(write_csv(tmp_path / "later.csv", [repost]), ref_con, store, coder).outcome == "imported"
    refresh_aggregate(store)
    counts = read_aggregate(store)
    march = counts[(counts.area_code == SPRINGFIELD_MO) & (counts.soc_code == "29-1141")]
    march = march[march.posted_month.astype(str).str.startswith("2025-03")].iloc[0]
    assert (march.postings_count, march.reposts_removed_count) == (1, 1)


def test_the_same_file_again_changes_nothing(rules_file, ref_con, store, coder, tmp_path):
    first = _import(rules_file, ref_con, store, coder)
    copy = shutil.copy(rules_file, tmp_path / "renamed.csv")
    again = _import(copy, ref_con, store, coder)
    assert again.outcome == "unchanged" and str(first.import_id) in again.message
    assert len(store.stored_imports()) == 1
    assert {path.parent.name for path in store.postings_files()} == {"import_id=000001"}


def test_csv_gzip_and_parquet_store_the_same_rows(rules_file, ref_con, tmp_path, coder):
    gz = tmp_path / "rules.csv.gz"
    gz.write_bytes(gzip.compress(rules_file.read_bytes()))
    parquet = tmp_path / "rules.parquet"
    as_text = pv.ConvertOptions(column_types={field: pa.string() for field in FIELDS})
    pq.write_table(pv.read_csv(rules_file, convert_options=as_text), parquet)
    results = [
        _import(path, ref_con, PostingsStore(tmp_path / path.name.replace(".", "_")), coder)
        for path in (rules_file, gz, parquet)
    ]
    assert {r.outcome for r in results} == {"imported"}
    assert len({(r.rows_stored, tuple(sorted(r.rejected.items()))) for r in results}) == 1


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"\x00\x01\x02 not a table", "not a CSV"),
        (b"a,b,c\n1,2,3\n", "do not give"),
    ],
)
def test_unreadable_or_unmapped_files_are_refused_with_nothing_stored(content, words, tmp_path, ref_con, store, coder):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = _import(path, ref_con, store, coder)
    assert result.outcome == "refused" and words in result.message
    assert store.postings_files() == [] and store.stored_imports() == []
    assert store.log_entries()[-1]["outcome"] == "refused"


def test_a_file_of_bad_dates_is_refused_by_reason(tmp_path, ref_con, store, coder):
    rows = [("Cashier", "Shop", "yesterday", "", "29077", "", "", "", "", "")] * 5
    result = _import(write_csv(tmp_path / "dates.csv", rows), ref_con, store, coder)
    assert result.outcome == "refused" and dict(result.rejected) == {"posted_date_unreadable": 5}
    assert store.postings_files() == []


def test_a_refused_file_logs_counts_by_reason_never_its_cell_values(tmp_path, ref_con, store, coder):
    rows = [("Cashier", "Shop", "123-45-6789", "", "29077", "", "", "", "", "")] * 5
    result = _import(write_csv(tmp_path / "ssn.csv", rows), ref_con, store, coder)
    assert result.outcome == "refused" and result.examples["posted_date_unreadable"]  # shown to the uploader once
    entry = store.log_entries()[-1]
    assert entry["rejected_by_reason"] == {"posted_date_unreadable": 5} and entry["rejected_examples"] == {}
    assert "123-45-6789" not in store.log_path.read_text(encoding="utf-8")


def test_a_file_refused_as_unreadable_logs_no_text_it_quoted(tmp_path, ref_con, store, coder):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1" + b"SECRET-CELL-VALUE" * 10)
    result = _import(path, ref_con, store, coder)
    assert result.outcome == "refused" and result.message.startswith("broken.parquet: ")
    entry = store.log_entries()[-1]
    assert entry["message"].startswith("broken.parquet: ") and "…" in entry["message"]
    assert "SECRET" not in store.log_path.read_text(encoding="utf-8")


def test_a_file_of_unknown_areas_is_refused_by_reason(tmp_path, ref_con, store, coder):
    rows = [("Cashier", "Shop", "2025-01-01", "", "", "99999", "Atlantis", "ZZ", "", "")] * 5
    result = _import(write_csv(tmp_path / "areas.csv", rows), ref_con, store, coder)
    assert result.outcome == "refused" and dict(result.rejected) == {"location_unknown": 5}
    assert store.postings_files() == []


def test_a_mostly_bad_file_is_refused_whole(tmp_path, ref_con, store, coder):
    good = [("Cashier", "Shop", "2025-01-01", "", "29077", "", "", "", "", "")] * 2
    bad = [("Cashier", "Shop", "", "", "29077", "", "", "", "", "")] * 3
    result = _import(write_csv(tmp_path / "mixed.csv", good + bad), ref_con, store, coder)
    assert result.outcome == "refused" and "nothing was stored" in result.message
    assert store.postings_files() == []


def test_a_failure_while_storing_leaves_nothing(rules_file, ref_con, store, coder, monkeypatch):
    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(importer, "_commit", broken)
    with pytest.raises(OSError):
        _import(rules_file, ref_con, store, coder)
    monkeypatch.undo()
    assert store.stored_imports() == [] and store.postings_files() == []
    assert _import(rules_file, ref_con, store, coder).outcome == "imported"


def test_one_writer_at_a_time(store):
    holding, release = threading.Event(), threading.Event()

    def hold():
        with store.writer():
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(5)
    with pytest.raises(StoreBusyError), store.writer(wait=False):
        pass
    release.set()
    thread.join()


def test_vendor_headers_map_automatically_and_can_be_corrected():
    columns = ["Job Title", "Company Name", "Date Posted", "Expiration Date", "City", "State", "ONET_CODE", "Id"]
    mapping = resolve_mapping(columns)
    assert mapping.columns == {
        "title": "Job Title",
        "employer": "Company Name",
        "posted_date": "Date Posted",
        "expiry_date": "Expiration Date",
        "city": "City",
        "state": "State",
        "occupation_code": "ONET_CODE",
    }
    corrected = resolve_mapping(["TITLE_RAW", "POSTED", "MSA"], overrides=parse_overrides(["posted_date=POSTED"]))
    assert corrected.columns == {"title": "TITLE_RAW", "posted_date": "POSTED", "cbsa_code": "MSA"}
    with pytest.raises(LayoutError, match="no column"):
        resolve_mapping(columns, overrides={"cbsa_code": "MSA_CODE"})
    with pytest.raises(LayoutError):
        parse_overrides(["colour=red"])


def test_linkup_layout_reads_its_published_columns(tmp_path, ref_con, store, coder):
    header = ["title", "company_name", "city", "state", "created", "delete_date", "onet_occupation_code"]
    rows = [("Registered Nurse", "Acme", "Springfield", "MO", "2025-01-05 08:00:00", "2025-02-01", "29-1141.00")]
    result = _import(write_csv(tmp_path / "linkup.csv", rows, header), ref_con, store, coder, layout="linkup")
    assert result.outcome == "imported" and result.rows_stored == 1


def test_the_sql_is_written_for_both_engines():
    """The shared SQL avoids what only DuckDB (or only Spark) understands."""
    texts = [path.read_text() for path in (PROJECT_ROOT / "lmi" / "postings" / "sql").glob("*.sql")]
    for text in texts:
        code = "\n".join(line.split("--")[0] for line in text.splitlines())
        for duckdb_only in ("::", "//", "FILTER (", "GROUP BY ALL", "strptime", "date_diff", "QUALIFY", "EXCLUDE"):
            assert duckdb_only not in code
    with pytest.raises(ValueError):
        cells_sql(window_days=-1)
    assert ") + 45 THEN 1" in cells_sql(window_days=45)


def test_the_log_is_plain_json_lines(rules_file, ref_con, store, coder):
    _import(rules_file, ref_con, store, coder)
    lines = store.log_path.read_text().splitlines()
    assert json.loads(lines[0])["file_name"] == "rules.csv"
