"""The one demand model (out_soc_demand, out_occupation_demand, lmi.demand) on the real shipped data:
whose numbers each occupation shows, why a figure is missing, and one openings estimate everywhere."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lmi.db import query_df
from lmi.demand import DemandModel, describe_openings
from lmi.demand.codes import CodeResolver, UnknownOccupationCodeError
from lmi.demand.labels import basis_label, is_shared

SPRINGFIELD_MO = "0044180"
HARTFORD = "0025540"
NATION = "0000000"
REQUIRED_COLUMNS = {
    "area_code",
    "onet_soc_code",
    "demand_soc_code",
    "demand_title",
    "shared_with_count",
    "local_employment_count",
    "local_employment_missing_reason",
    "local_annual_wage_median_usd",
    "location_quotient",
    "national_growth_2024_34_pct",
    "national_annual_openings_count",
    "local_annual_openings_est_count",
    "openings_basis",
}


@pytest.fixture(scope="module")
def model(ref_con):
    return DemandModel(ref_con)


def _row(ref_con, area_code: str, onet_soc_code: str) -> pd.Series:
    frame = query_df(
        ref_con,
        "SELECT * FROM out_occupation_demand WHERE area_code = $a AND onet_soc_code = $o",
        {"a": area_code, "o": onet_soc_code},
    )
    assert len(frame) == 1
    return frame.iloc[0]


def test_table_has_the_issue_columns(ref_con):
    columns = set(query_df(ref_con, "SELECT * FROM out_occupation_demand LIMIT 0").columns)
    assert REQUIRED_COLUMNS <= columns


def test_every_area_has_every_occupation(ref_con):
    counts = query_df(
        ref_con,
        """
        SELECT (SELECT count(*) FROM core_area) * (SELECT count(*) FROM core_occupation) AS expected,
               (SELECT count(*) FROM out_occupation_demand) AS actual""",
    ).iloc[0]
    assert counts.actual == counts.expected


def test_solar_thermal_installers_show_the_plumbers_group_in_springfield(ref_con):
    row = _row(ref_con, SPRINGFIELD_MO, "47-2152.04")
    assert row.demand_soc_code == "47-2152"
    assert row.demand_title == "Plumbers, Pipefitters, and Steamfitters"
    assert row.shared_with_count > 1
    assert row.demand_grain == "shared_soc"
    assert row.local_employment_count == 660


def test_solar_pv_installers_in_springfield_are_null_with_the_reason_never_zero(ref_con):
    row = _row(ref_con, SPRINGFIELD_MO, "47-2231.00")
    assert row.demand_soc_code == "47-2231"
    assert pd.isna(row.local_employment_count)
    assert row.local_employment_missing_reason == "not_published_for_area"
    assert pd.isna(row.local_annual_openings_est_count)
    assert row.openings_basis == "no_local_employment"


def test_personal_care_aides_in_hartford_read_the_home_health_aggregate(ref_con):
    row = _row(ref_con, HARTFORD, "31-1122.00")
    assert row.demand_soc_code == "31-1120"
    assert row.demand_grain == "bls_aggregate"
    assert row.local_employment_count == 19230


def test_footnote_8_stays_null_with_not_released(ref_con):
    frame = query_df(
        ref_con,
        """
        SELECT d.local_employment_count, d.local_employment_missing_reason
        FROM out_occupation_demand d JOIN core_oews_estimate e
          ON e.area_code = d.area_code AND e.soc_code = d.demand_soc_code
        WHERE e.employment_footnote = '8' LIMIT 50""",
    )
    assert len(frame) > 0
    assert frame.local_employment_count.isna().all()
    assert (frame.local_employment_missing_reason == "not_released").all()


def test_occupations_without_a_bls_code_say_so(ref_con):
    row = _row(ref_con, HARTFORD, "55-1011.00")
    assert row.demand_grain == "none" and pd.isna(row.demand_soc_code)
    assert row.local_employment_missing_reason == "no_bls_code"


def test_all_other_groups_are_marked(ref_con):
    orthoptists = _row(ref_con, HARTFORD, "29-1299.02")
    naturopaths = _row(ref_con, HARTFORD, "29-1299.01")
    assert orthoptists.demand_soc_code == naturopaths.demand_soc_code == "29-1299"
    assert orthoptists.demand_grain == "all_other" and orthoptists.shared_with_count >= 2


def test_own_figures_are_shared_with_nobody(ref_con):
    frame = query_df(
        ref_con, "SELECT DISTINCT demand_grain, shared_with_count FROM out_occupation_demand WHERE demand_grain = 'own'"
    )
    assert set(frame.shared_with_count) == {1}


def test_local_openings_are_national_rate_times_local_jobs(ref_con):
    row = _row(ref_con, HARTFORD, "29-1141.00")
    expected = row.national_annual_openings_count * row.local_employment_count / row.national_employment_2024_count
    assert row.local_annual_openings_est_count == pytest.approx(expected)
    assert row.openings_basis == "national_rate"


def test_model_labels_whose_numbers_they_are(model):
    frame = model.occupations(SPRINGFIELD_MO, ["47-2152.04", "47-2231.00", "47-2111.00"]).set_index("onet_soc_code")
    assert frame.loc["47-2152.04", "demand_basis"] == (
        "BLS group 47-2152 Plumbers, Pipefitters, and Steamfitters, shared by 2 occupations"
    )
    assert bool(frame.loc["47-2152.04", "demand_is_shared"])
    assert not bool(frame.loc["47-2111.00", "demand_is_shared"])
    assert frame.loc["47-2111.00", "demand_basis"] == "BLS 47-2111 Electricians"
    assert "no estimate" in frame.loc["47-2231.00", "local_employment_missing_words"]


def test_model_keeps_order_and_gives_empty_rows_for_unknown_codes(model):
    frame = model.occupations(HARTFORD, ["31-1122.00", "99-9999.99", "29-1141.00"])
    assert frame.onet_soc_code.tolist() == ["31-1122.00", "99-9999.99", "29-1141.00"]
    assert math.isnan(frame.local_employment_count.iloc[1])


def test_bls_grain_counts_a_group_once(model):
    frame = model.bls_codes(HARTFORD)
    assert frame.soc_code.is_unique
    row = frame.set_index("soc_code").loc["31-1120"]
    assert row.local_employment_count == 19230 and row.onet_occupations_count == 2


def test_nation_location_quotient_is_one(model):
    frame = model.bls_codes(NATION, ["29-1141"])
    assert frame.location_quotient.iloc[0] == 1.0


def test_area_context_is_computed_once(model):
    row = model.occupations(HARTFORD, ["29-1141.00"]).iloc[0]
    assert row.local_employment_share_pct == pytest.approx(100 * 13850 / row.area_total_employment_count)
    assert row.local_openings_per_10k_jobs == pytest.approx(
        10_000 * row.local_annual_openings_est_count / row.area_total_employment_count
    )


@pytest.mark.parametrize(
    "given, published",
    [
        ("31-1120", "31-1120"),
        ("31-1121", "31-1120"),
        ("31-1121.00", "31-1120"),
        ("13-1020", "13-1020"),
        ("29-2010", "29-2010"),
        ("47-2152.04", "47-2152"),
        ("53-1042", "53-1047"),
    ],
)
def test_any_code_resolves_to_the_published_one(ref_con, given, published):
    assert CodeResolver(ref_con).resolve(given).bls_soc_code == published


@pytest.mark.parametrize("given, words", [("55-1011", "not a code BLS publishes"), ("nurse", "not an occupation code")])
def test_unknown_codes_are_refused_in_words(ref_con, given, words):
    with pytest.raises(UnknownOccupationCodeError, match=words):
        CodeResolver(ref_con).resolve(given)


def test_openings_have_one_wording():
    assert describe_openings(47.6) == "about 48 a year"
    assert describe_openings(1234) == "about 1,200 a year"
    assert describe_openings(0.4) == "fewer than 1 a year"
    assert describe_openings(float("nan")) == "not estimated"


def test_labels_for_own_and_missing_codes():
    assert basis_label(None, None, "none", None) == ""
    assert not is_shared("own", 1) and is_shared("all_other", 3) and not is_shared(None, None)
