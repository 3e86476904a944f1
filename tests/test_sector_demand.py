"""Sector totals on the real reference database, read from the one demand model at the grain BLS
publishes (``DemandModel.bls_codes``): the openings allocation, the national and local columns,
sector location quotients that compare like with like, what carries a sector, and group figures
counted once."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lmi.demand import DemandModel, allocate_openings
from lmi.sectors import definitions as sectors
from lmi.sectors.totals import CARRIERS_MAX, sector_carriers, sector_occupation_rows, summarise

BAKERSFIELD, HARTFORD, CONNECTICUT, NATION, SPRINGFIELD_MO = "0012540", "0025540", "0900000", "0000000", "0044180"


@pytest.fixture(scope="module")
def model(ref_con):
    return DemandModel(ref_con)


@pytest.fixture(scope="module")
def membership(ref_con):
    return sectors.sector_membership(ref_con)


@pytest.fixture(scope="module")
def hartford(model):
    return model.bls_codes(HARTFORD).set_index("soc_code")


def test_allocation_is_national_openings_per_job_applied_to_local_jobs():
    assert allocate_openings(189_100, 13_850, 3_391_000) == pytest.approx(189_100 * 13_850 / 3_391_000)
    assert math.isnan(allocate_openings(1000, None, 1000))  # no local estimate: no openings, not zero
    assert math.isnan(allocate_openings(1000, 50, 0))
    result = allocate_openings(
        pd.Series([100.0, 100.0]), pd.Series([10, pd.NA], dtype="Int64"), pd.Series([1000.0, 1000.0])
    )
    assert result.iloc[0] == pytest.approx(1.0) and np.isnan(result.iloc[1])


def test_hartford_registered_nurses_match_published_numbers(hartford):
    """OEWS May 2025: 13,850 RNs in Hartford, LQ 1.06; EP 2024-34: 3,391.0 thousand, +4.9%, 189.1 thousand
    openings a year."""
    rn = hartford.loc["29-1141"]
    assert rn.local_employment_count == 13_850
    assert rn.location_quotient == pytest.approx(1.06)
    assert rn.national_growth_2024_34_pct == pytest.approx(4.9)
    assert rn.national_annual_openings_count == pytest.approx(189_100)
    assert rn.national_employment_2024_count == pytest.approx(3_391_000)
    assert rn.local_annual_openings_est_count == pytest.approx(189_100 * 13_850 / 3_391_000)
    assert rn.local_wage_to_area_median_ratio == pytest.approx(101_470 / rn.area_annual_wage_median_usd)
    assert rn.national_employment_share_pct == pytest.approx(
        100 * rn.national_oews_employment_count / rn.national_total_employment_count
    )


def test_self_employed_openings_are_not_handed_to_an_area(model):
    """Bakersfield has 130 wage-and-salary farm managers; the projections' 836,100 farmers and ranchers are
    mostly self-employed. Openings per projected job (85.5 thousand / 836.1 thousand) give about 13 openings,
    not the 1,700 an OEWS-only share would."""
    row = model.bls_codes(BAKERSFIELD).set_index("soc_code").loc["11-9013"]
    assert row.local_employment_count == 130
    assert row.local_annual_openings_est_count == pytest.approx(85_500 * 130 / 836_100)
    assert row.local_annual_openings_est_count < 20


def test_suppressed_local_estimates_stay_missing(hartford):
    """Solar photovoltaic installers have no published estimate in Hartford: no jobs, LQ or openings are made up."""
    row = hartford.loc["47-2231"]
    assert not row.has_local_estimate
    assert all(
        pd.isna(row[c]) for c in ("local_employment_count", "location_quotient", "local_annual_openings_est_count")
    )


def test_every_published_code_is_listed_once(hartford, model):
    """830 codes with OEWS estimates and projections, plus the 2 BLS projects but OEWS does not survey."""
    assert hartford.index.is_unique and len(hartford) == 832
    nation = model.bls_codes(NATION)
    surveyed = nation[nation.local_employment_missing_reason != "not_surveyed"]
    assert len(surveyed) == 830 and (surveyed.location_quotient == 1.0).all() and surveyed.has_local_estimate.all()


def test_sector_location_quotient_compares_like_with_like(model, membership):
    rows = sector_occupation_rows(model.bls_codes(HARTFORD), membership, ["clean_energy"])
    [total] = summarise(rows, ["sector_key"]).to_dict("records")
    released = rows[rows.has_local_estimate]
    expected = (released.local_employment_count.sum() / released.area_total_employment_count.iloc[0]) / (
        released.national_oews_employment_count.sum() / released.national_total_employment_count.iloc[0]
    )
    assert total["location_quotient"] == pytest.approx(expected)
    assert total["occupations_count"] == len(rows) == 22
    assert total["occupations_with_local_estimate_count"] == len(released) < len(rows)
    assert total["local_coverage_pct"] == pytest.approx(
        100 * released.national_oews_employment_count.sum() / rows.national_oews_employment_count.sum()
    )
    change = rows.national_employment_2034_count.sum() - rows.national_employment_2024_count.sum()
    assert total["national_employment_change_2024_34_count"] == pytest.approx(change)
    assert total["national_growth_2024_34_pct"] == pytest.approx(
        100 * change / rows.national_employment_2024_count.sum()
    )
    assert total["local_annual_openings_est_count"] == pytest.approx(released.local_annual_openings_est_count.sum())


def test_nation_sector_totals_are_the_national_figures(model, membership):
    totals = summarise(sector_occupation_rows(model.bls_codes(NATION), membership), ["sector_key"]).set_index(
        "sector_key"
    )
    assert np.allclose(totals.location_quotient, 1.0)
    assert (totals.local_coverage_pct == 100).all()
    assert totals.loc["healthcare", "national_growth_2024_34_pct"] == pytest.approx(9.70, abs=0.005)
    assert (
        totals.loc["healthcare", "national_growth_2024_34_pct"]
        > totals.loc["hospitality", "national_growth_2024_34_pct"]
    )


def test_state_sector_totals_use_the_state_as_the_area(ref_con, model, membership):
    rows = sector_occupation_rows(model.bls_codes(CONNECTICUT), membership, ["healthcare"])
    [total] = summarise(rows, ["sector_key"]).to_dict("records")
    state_total = ref_con.execute(
        "SELECT employment_count FROM core_oews_estimate WHERE area_code = $a AND soc_code = '00-0000'",
        {"a": CONNECTICUT},
    ).fetchone()[0]
    assert total["local_employment_share_pct"] == pytest.approx(100 * total["local_employment_count"] / state_total)
    assert 0 < total["local_jobs_above_area_median_wage_pct"] < 100


def test_a_group_figure_is_one_row_counted_once(model, membership):
    """Home Health and Personal Care Aides (31-1120) is one BLS figure for two O*NET occupations: the
    healthcare total holds it once, exactly as OEWS publishes it (19,230 jobs in Hartford)."""
    rows = sector_occupation_rows(model.bls_codes(HARTFORD), membership, ["healthcare"])
    aides = rows[rows.soc_code.str.startswith("31-112")]
    assert aides.soc_code.tolist() == ["31-1120"] and aides.local_employment_count.item() == 19_230
    assert aides.onet_occupations_count.item() == 2
    assert rows.soc_code.is_unique
    [total] = summarise(rows, ["sector_key"]).to_dict("records")
    assert total["local_employment_count"] == rows.local_employment_count.sum()


def test_carriers_are_the_largest_members_and_missing_signatures_are_named(model, membership):
    """Springfield, MO: electricians (1,040 jobs), HVAC mechanics (690) and plumbers (660) carry clean energy;
    BLS published no Springfield estimate for solar photovoltaic installers or wind turbine technicians."""
    rows = sector_occupation_rows(model.bls_codes(SPRINGFIELD_MO), membership, ["clean_energy"])
    [carried] = sector_carriers(rows, ["sector_key"]).to_dict("records")
    assert carried["carrier_soc_codes"] == ["47-2111", "49-9021", "47-2152"]
    assert carried["carrier_jobs_counts"] == [1040, 690, 660]
    released = rows[rows.has_local_estimate]
    assert carried["carriers_jobs_share_pct"] == pytest.approx(100 * 2390 / released.local_employment_count.sum())
    assert carried["signature_count"] == 2
    assert carried["signature_missing_titles"] == ["Solar Photovoltaic Installers", "Wind Turbine Service Technicians"]
    assert len(carried["openings_carrier_titles"]) == CARRIERS_MAX
