"""Posted demand (``lmi.demand.posted``) on the real reference database and postings stores made for the test: a
hand-made Hartford file whose counts are known, and generated example postings. Group codes add up their detailed
codes' postings, the ratio to OEWS jobs, the trend, the period, the words saying where postings come from, and
the postings no occupation counts."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from lmi.demand import DemandModel
from lmi.demand.columns import COLUMN_WORDS
from lmi.demand.posted import (
    POSTED_COLUMNS,
    area_postings,
    bls_code_of,
    code_members,
    load_posted,
    member_codes,
    posted_for_codes,
    posted_for_occupation,
    posted_monthly,
    posted_totals,
)
from lmi.i18n import use_language
from lmi.postings.aggregate import read_aggregate
from lmi.postings.coding import TitleCoder
from lmi.postings.store import PostingsStore
from tests.posted_helpers import (
    AIDES_LAST_12,
    CONNECTICUT,
    FILE_NAME,
    HARTFORD,
    HARTFORD_AIDES_JOBS,
    HARTFORD_NURSES_JOBS,
    MILITARY,
    NATION,
    NURSES_LAST_12,
    NURSES_TREND_PCT,
    UNCODED,
    example_store,
    hartford_store,
)

NONMETRO_NEBRASKA = "3100006"


@pytest.fixture(scope="module")
def coder(ref_con):
    return TitleCoder(ref_con)


@pytest.fixture(scope="module")
def model(ref_con):
    return DemandModel(ref_con)


@pytest.fixture(scope="module")
def hartford(tmp_path_factory, ref_con, coder):
    return load_posted(hartford_store(tmp_path_factory.mktemp("posted") / "store", ref_con, coder))


@pytest.fixture(scope="module")
def generated(tmp_path_factory, ref_con, coder):
    store = example_store(tmp_path_factory.mktemp("generated") / "store", ref_con, coder=coder)
    return store, load_posted(store)


def test_nothing_aggregated_is_no_posted_demand(tmp_path):
    assert load_posted(PostingsStore(tmp_path / "empty")) is None


def test_period_files_and_imports(hartford):
    assert (hartford.period_start, hartford.period_end) == (dt.date(2024, 12, 1), dt.date(2025, 12, 1))
    assert hartford.months_in_data == 13
    assert hartford.window(12) == (dt.date(2025, 1, 1), dt.date(2025, 12, 1))
    assert hartford.window(60) == (dt.date(2024, 12, 1), dt.date(2025, 12, 1))  # never before the data
    assert hartford.import_ids == (1,) and hartford.file_names[0].endswith(FILE_NAME)
    assert not hartford.includes_generated_example_data
    assert hartford.period_words() == "Dec 2024 to Dec 2025"


def test_source_words_say_files_imports_period_and_reposts(hartford, generated):
    words = hartford.source_words()
    assert FILE_NAME in words and "(import #1)" in words and "posted Dec 2024 to Dec 2025" in words
    assert "30 days" in words and "generated example data" not in words
    _store, example = generated
    assert example.includes_generated_example_data
    assert "— generated example data;" in example.source_words()
    with use_language("es"):
        spanish = hartford.source_words()
        assert spanish != words and FILE_NAME in spanish and "dic 2024" in spanish


def test_a_group_adds_up_its_detailed_codes_postings(hartford, model):
    whole = posted_for_codes(hartford, model, HARTFORD)
    assert list(whole.columns) == POSTED_COLUMNS and whole.soc_code.is_unique
    frame = whole.set_index("soc_code")
    aides = frame.loc["31-1120"]
    assert aides.postings_count == AIDES_LAST_12  # 3 at 31-1121.00, 2 at 31-1122, 1 at 31-1120 itself
    assert aides.postings_soc_codes == "31-1120; 31-1121; 31-1122" and aides.postings_soc_codes_count == 3
    assert bool(aides.postings_is_group_sum) and "31-1121, 31-1122" in aides.postings_basis
    assert aides.local_employment_count == HARTFORD_AIDES_JOBS
    assert aides.postings_per_1000_jobs == pytest.approx(1000 * AIDES_LAST_12 / HARTFORD_AIDES_JOBS)
    nurses = frame.loc["29-1141"]
    assert nurses.postings_soc_codes == "29-1141" and not nurses.postings_is_group_sum
    # the detailed codes never get a row of their own: a row is a code BLS publishes, and 31-1121 is not one
    assert "31-1121" not in frame.index and "31-1122" not in frame.index


def test_an_occupation_inside_a_group_shows_the_groups_postings_under_the_groups_name(hartford, model):
    row = posted_for_occupation(hartford, model, HARTFORD, "31-1121.00")
    assert (row.soc_code, row.soc_title) == ("31-1120", "Home Health and Personal Care Aides")
    assert row.postings_count == AIDES_LAST_12  # the group's 6, not the 3 coded 31-1121
    assert bool(row.demand_is_shared) and "31-1120" in row.demand_basis
    assert member_codes(row) == ["31-1120", "31-1121", "31-1122"]
    assert posted_monthly(hartford, HARTFORD, member_codes(row)).postings_count.sum() == AIDES_LAST_12


def test_last_twelve_months_ratio_and_trend(hartford, model):
    nurses = posted_for_codes(hartford, model, HARTFORD, soc_codes=["29-1141"]).iloc[0]
    assert nurses.postings_count == NURSES_LAST_12  # December 2024 is outside the last 12 months
    assert nurses.postings_months_count == 12
    assert nurses.postings_per_month_avg == pytest.approx(NURSES_LAST_12 / 12)
    assert (nurses.postings_period_start, nurses.postings_period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 1))
    assert nurses.local_employment_count == HARTFORD_NURSES_JOBS
    assert nurses.postings_per_1000_jobs == pytest.approx(1000 * NURSES_LAST_12 / HARTFORD_NURSES_JOBS)
    assert nurses.postings_trend_pct == pytest.approx(NURSES_TREND_PCT)  # 45 in Oct-Dec against 30 in Jul-Sep
    aides = posted_for_codes(hartford, model, HARTFORD, soc_codes=["31-1120"]).iloc[0]
    assert np.isnan(aides.postings_trend_pct)  # 0 postings in Jul-Sep: too few to compare
    three = posted_for_codes(hartford, model, HARTFORD, months=3, soc_codes=["29-1141"]).iloc[0]
    assert (three.postings_count, three.postings_months_count) == (45, 3)


def test_the_state_and_nation_count_the_metro_postings_and_a_nonmetro_area_says_why_it_has_none(hartford, model):
    for area in (CONNECTICUT, NATION):
        assert posted_for_codes(hartford, model, area, soc_codes=["29-1141"]).postings_count.iloc[0] == NURSES_LAST_12
    nonmetro = posted_for_codes(hartford, model, NONMETRO_NEBRASKA, soc_codes=["29-1141"]).iloc[0]
    assert np.isnan(nonmetro.postings_count) and "nonmetropolitan" in nonmetro.postings_missing_words
    elsewhere = posted_for_codes(hartford, model, "0035620", soc_codes=["29-1141"]).iloc[0]  # New York: none here
    assert elsewhere.postings_count == 0 and elsewhere.postings_missing_words == ""
    unknown = posted_for_codes(hartford, model, HARTFORD, soc_codes=["31-1121"]).iloc[0]  # not a published code
    assert np.isnan(unknown.postings_count) and unknown.postings_missing_words.startswith("not a code BLS publishes")


def test_postings_no_occupation_counts_are_stated(hartford, model):
    area = area_postings(hartford, model, HARTFORD)
    assert (area.uncoded_count, area.no_bls_code_count) == (UNCODED, MILITARY)
    assert area.postings_count == NURSES_LAST_12 + AIDES_LAST_12 + UNCODED + MILITARY
    assert "2 could not be coded" in area.words() and "1 are of occupations BLS publishes no estimates" in area.words()


def test_monthly_counts_fill_every_month(hartford):
    monthly = posted_monthly(hartford, HARTFORD, ["29-1141"])
    assert list(monthly.columns) == ["posted_month", "postings_count", "reposts_removed_count"]
    assert len(monthly) == 13 and monthly.posted_month.iloc[0] == dt.date(2024, 12, 1)
    assert monthly.postings_count.tolist() == [1, 1, 0, 0, 0, 0, 0, 10, 10, 10, 15, 15, 15]


def test_totals_count_each_code_once(hartford, model):
    frame = posted_for_codes(hartford, model, HARTFORD, soc_codes=["29-1141", "31-1120", "29-1141"])
    totals = posted_totals(frame)
    assert totals.codes_count == 2 and totals.postings_count == NURSES_LAST_12 + AIDES_LAST_12
    jobs = HARTFORD_NURSES_JOBS + HARTFORD_AIDES_JOBS
    assert totals.postings_per_1000_jobs == pytest.approx(1000 * (NURSES_LAST_12 + AIDES_LAST_12) / jobs)


def test_generated_example_postings_add_up_to_the_aggregate(generated, model):
    """Every counted posting of the nation is in exactly one place: a BLS code's row, not coded, or of an
    occupation no BLS code covers; each group's row is the sum of its detailed codes in the aggregate."""
    store, posted = generated
    frame = posted_for_codes(posted, model, NATION)
    area = area_postings(posted, model, NATION)
    assert frame.postings_count.sum() + area.uncoded_count + area.no_bls_code_count == area.postings_count
    assert area.postings_count == store.aggregate_meta()["postings_count"]  # 12 months of data: all of it
    counts = read_aggregate(store)
    national = counts[counts.area_kind == "national"]
    by_code = national.groupby("soc_code").postings_count.sum()
    under = bls_code_of(code_members(model, NATION))
    expected = by_code.groupby(by_code.index.map(under)).sum()
    shown = frame.set_index("soc_code").postings_count
    assert (shown.reindex(expected.index) == expected).all()
    assert frame.postings_includes_generated_example.all()
    groups = frame[frame.postings_is_group_sum].set_index("soc_code")
    assert groups.loc["53-1047"].postings_soc_codes == "53-1042; 53-1043; 53-1044; 53-1047; 53-1049"


def test_new_columns_have_words():
    for column in POSTED_COLUMNS:
        if column.startswith("postings_"):
            assert column in COLUMN_WORDS, column
