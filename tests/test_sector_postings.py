"""The sector reality check's local posting signal (``lmi.sectors.posted``), on the real reference database and
temporary postings stores: a hand-made Hartford file whose counts are known (tests/posted_helpers.py) and a file
of generated example postings. Each sector's postings are its BLS codes' (each once), the rate divides only by
the jobs of codes with an OEWS figure, the trend follows the stated windows, the words say where and when the
postings come from and label generated data; the page shows them beside the national signal and downloads them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lmi.demand import DemandModel
from lmi.demand.posted import TREND_MIN_POSTINGS, TREND_MONTHS, load_posted, posted_for_codes
from lmi.i18n import use_language
from lmi.sectors.definitions import load_definitions
from lmi.sectors.flags import FlagThresholds
from lmi.sectors.method import method_items
from lmi.sectors.posted import SECTOR_POSTED_COLUMNS, method_text, sector_posted_demand, sector_trend_pct
from lmi.sectors.reality_check import default_thresholds_for, reality_check_for_area
from tests.posted_helpers import AIDES_LAST_12, HARTFORD, NURSES_LAST_12, example_store, hartford_store

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/sector_check.py"
HARTFORD_NAME = "Hartford-West Hartford-East Hartford, CT"


@pytest.fixture(scope="module")
def model(ref_con):
    return DemandModel(ref_con)


@pytest.fixture(scope="module")
def definitions(ref_con):
    return load_definitions(ref_con)


@pytest.fixture(scope="module")
def hartford_posted(tmp_path_factory, ref_con):
    return load_posted(hartford_store(tmp_path_factory.mktemp("hartford") / "store", ref_con))


@pytest.fixture(scope="module")
def example_posted(tmp_path_factory, ref_con):
    return load_posted(example_store(tmp_path_factory.mktemp("example") / "store", ref_con, rows=30_000))


def _view(ref_con, model, definitions, posted, area=HARTFORD, name=HARTFORD_NAME):
    keys = definitions.sectors.sector_key.tolist()
    return reality_check_for_area(
        ref_con, model, area, name, keys, default_thresholds_for(model, area), definitions, posted=posted
    )


def test_healthcare_adds_up_its_codes_postings_and_divides_by_its_released_jobs(model, definitions, hartford_posted):
    """Registered nurses (29-1141: 76) and home health and personal care aides (31-1120, its detailed codes added
    up: 6) are both healthcare; the rate divides by the local jobs of the healthcare codes BLS released here."""
    frame = sector_posted_demand(hartford_posted, model, HARTFORD, definitions.membership, ["healthcare"])
    assert frame.columns.tolist() == SECTOR_POSTED_COLUMNS
    row = frame.iloc[0]
    assert row.postings_count == NURSES_LAST_12 + AIDES_LAST_12
    members = set(definitions.membership.soc_code[definitions.membership.sector_key == "healthcare"])
    jobs = model.bls_codes(HARTFORD)
    released = jobs[jobs.soc_code.isin(members) & (jobs.local_employment_count > 0)].local_employment_count.sum()
    assert row.postings_local_employment_count == released
    assert row.postings_per_1000_jobs == pytest.approx(1000 * (NURSES_LAST_12 + AIDES_LAST_12) / released)
    # Jul-Sep: 30 nurses; Oct-Dec: 45 nurses and 6 aides
    assert row.postings_trend_pct == pytest.approx(100 * (51 / 30 - 1))
    assert (row.postings_period_start, row.postings_period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 1))
    assert not row.postings_includes_generated_example and "hartford-postings.csv" in row.postings_source


def test_a_sector_without_postings_here_says_zero_and_gives_no_trend(model, definitions, hartford_posted):
    frame = sector_posted_demand(hartford_posted, model, HARTFORD, definitions.membership, ["it_cybersecurity"])
    row = frame.iloc[0]
    assert row.postings_count == 0 and row.postings_per_1000_jobs == 0 and np.isnan(row.postings_trend_pct)


def test_nonmetropolitan_areas_say_why_they_have_no_postings(model, definitions, hartford_posted, ref_con):
    nonmetro = ref_con.execute("SELECT area_code FROM core_area WHERE area_kind = 'nonmetro' LIMIT 1").fetchone()[0]
    frame = sector_posted_demand(hartford_posted, model, nonmetro, definitions.membership, ["healthcare"])
    row = frame.iloc[0]
    assert np.isnan(row.postings_count) and "nonmetropolitan" in row.postings_missing_words


def test_trend_needs_twice_the_window_and_enough_earlier_postings():
    months = pd.date_range("2025-01-01", periods=2 * TREND_MONTHS, freq="MS").date
    enough = pd.DataFrame({"posted_month": months, "postings_count": [10, 10, 10, 20, 20, 20]})
    assert sector_trend_pct(enough) == pytest.approx(100.0)
    too_few = enough.assign(postings_count=[1, 1, TREND_MIN_POSTINGS - 3, 50, 50, 50])
    assert np.isnan(sector_trend_pct(too_few))
    assert np.isnan(sector_trend_pct(enough.head(2 * TREND_MONTHS - 1)))


@pytest.mark.slow
def test_every_sectors_postings_are_its_codes_each_once_on_generated_data(ref_con, model, definitions, example_posted):
    view = _view(ref_con, model, definitions, example_posted)
    codes = posted_for_codes(example_posted, model, HARTFORD)
    membership = definitions.membership
    for row in view.sectors.itertuples():
        members = codes[codes.soc_code.isin(set(membership.soc_code[membership.sector_key == row.sector_key]))]
        assert row.postings_count == members.postings_count.sum()
        assert row.postings_codes_count == members.soc_code.nunique() == len(members)
    assert view.sectors.postings_includes_generated_example.all()
    assert view.sectors.postings_count.sum() > 0
    caption = view.local_postings.caption()
    assert caption.startswith("Local postings, Jan 2025 to Dec 2025. Job postings: example.csv (import #1)")
    assert "generated example data" in caption and caption.endswith("no count here is a real figure.")
    assert all(" postings, " in words for words in view.sectors.local_postings_words)


def test_without_postings_the_view_has_no_local_signal(ref_con, model, definitions):
    view = _view(ref_con, model, definitions, None)
    assert view.local_postings is None and "postings_count" not in view.sectors.columns


def test_method_states_the_window_the_rate_and_the_trend_rule():
    text = method_text()
    assert "over the last 12 months" in text and "Per 1,000 jobs" in text
    assert f"the last {TREND_MONTHS} months against the {TREND_MONTHS} before" in text
    assert f"fewer than {TREND_MIN_POSTINGS} postings" in text
    items = dict(method_items(FlagThresholds(5.0), "openings.", local_postings=True))
    assert items["Local job postings"] == text
    assert "Local job postings" not in dict(method_items(FlagThresholds(5.0), "openings."))


def test_the_local_signal_speaks_spanish():
    with use_language("es"):
        text = method_text()
    assert "12 meses" in text and text != method_text()


# --------------------------------------------------------------------------- the page


def _app(reference_db, tmp_path, monkeypatch, postings_dir: Path) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    monkeypatch.setenv("LMI_RECORDS_DB", str(tmp_path / "records.duckdb"))
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(postings_dir))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()
    at = at.switch_page(PAGE).run()
    at.sidebar.selectbox(key="region_state").select("Connecticut").run()
    at.sidebar.selectbox(key="region_area").select(HARTFORD_NAME).run()
    assert not at.exception, at.exception
    return at


def test_page_shows_local_postings_beside_the_national_signal(reference_db, tmp_path, monkeypatch, ref_con):
    store = example_store(tmp_path / "postings", ref_con, rows=30_000)
    at = _app(reference_db, tmp_path, monkeypatch, store.root)
    headers = [h.value for h in at.header]
    assert f"Local signal: employers' job postings in {HARTFORD_NAME}" in headers
    local = next(d.value for d in at.dataframe if "Local postings in words" in d.value.columns).set_index("Sector")
    for column in (
        "Projected growth 2024-34 (nation)",
        "Indeed postings, nation (index, 12-month change)",
        "Job postings here (last 12 months)",
        "Postings per 1,000 jobs",
        "Postings trend (last 3 months) (%)",
        "Generated example postings",
    ):
        assert column in local.columns, column
    assert local["Generated example postings"].all()
    assert local["Job postings here (last 12 months)"].sum() > 0
    flags = next(d.value for d in at.dataframe if "Flag" in d.value.columns and "Why" in d.value.columns)
    assert {"Job postings here (last 12 months)", "Postings per 1,000 jobs"} <= set(flags.columns)  # and its CSV
    captions = " ".join(c.value for c in at.caption)
    assert "Local postings, Jan 2025 to Dec 2025." in captions and "generated example data" in captions
    verdicts = " ".join(m.value for m in at.markdown)
    assert "*Job postings here:*" in verdicts and "Local job postings" in verdicts


def test_page_says_how_to_import_postings_when_there_are_none(reference_db, tmp_path, monkeypatch):
    at = _app(reference_db, tmp_path, monkeypatch, tmp_path / "empty-store")
    assert any("No job postings have been imported yet" in i.value for i in at.info)
    assert not any("Local postings in words" in d.value.columns for d in at.dataframe)
