"""Training seats: typed or registry-fed seat tables are checked line by line (negative and
non-numeric seats refused), then compared with estimated local openings and flagged for oversupply."""

from __future__ import annotations

import pytest

from lmi import demand, sectors
from lmi.sector_check import reality_check
from lmi.sector_flags import default_thresholds
from lmi.seats import (NO_ESTIMATE, OVERSUPPLY, SEATS_COLUMNS, WITHIN, SeatsError, Targets, compare_seats,
                       parse_seats_text, seats_table)

BAKERSFIELD = "0012540"


@pytest.fixture(scope="module")
def targets(ref_con):
    listed = sectors.list_sectors(ref_con)
    nation = demand.occupation_demand(ref_con, "0000000")
    return Targets(dict(zip(listed.sector_key, listed.sector_name)), dict(zip(nation.soc_code, nation.occupation_title)))


@pytest.fixture(scope="module")
def bakersfield(ref_con):
    listed = sectors.list_sectors(ref_con)
    local = demand.occupation_demand(ref_con, BAKERSFIELD)
    check = reality_check(local, sectors.sector_membership(ref_con), listed, listed.sector_key.tolist(),
                          default_thresholds(3.1), "Bakersfield-Delano, CA")
    return check.sectors, local


def refused(text, targets) -> list[str]:
    with pytest.raises(SeatsError) as caught:
        parse_seats_text(text, targets)
    return caught.value.problems


def test_typed_seats_accept_keys_names_codes_and_separators(targets):
    seats = parse_seats_text("# plan for 2027\nhealthcare, 120\n\nClean and green energy; 1,200\n291141\t40\n",
                             targets)
    assert list(seats.columns) == SEATS_COLUMNS
    assert seats.values.tolist() == [["sector", "healthcare", 120], ["sector", "clean_energy", 1200],
                                     ["occupation", "29-1141", 40]]


def test_negative_and_non_numeric_seats_are_refused_with_the_line(targets):
    assert refused("healthcare, 120\nit_cybersecurity, -5", targets) == ["line 2: seats cannot be negative; got -5"]
    assert refused("healthcare, forty", targets) == [
        "line 1: “forty” is not a number of seats; write a whole number such as 25"]
    assert refused("29-1141, 12.5", targets) == ["line 1: seats must be a whole number of 0 or more; got “12.5”"]


def test_every_bad_line_is_reported_and_nothing_is_accepted(targets):
    problems = refused("nursing, 10\n29-1149, 5\nhealthcare 40\nhealthcare, 1\nhealthcare, 2", targets)
    assert problems[0].startswith("line 1: “nursing” is neither a sector (healthcare, clean_energy")
    assert problems[1].startswith("line 2: “29-1149” is neither a sector")
    assert problems[2].startswith("line 3: write “sector or SOC code, seats per year”")
    assert problems[3] == ("line 5: Healthcare is listed twice (first on line 4); give one total per sector or "
                           "occupation")


def test_registry_records_go_through_the_same_checks(targets):
    table = seats_table([{"target_kind": "occupation", "target_code": "15-1252", "seats_per_year_count": 30}], targets)
    assert table.values.tolist() == [["occupation", "15-1252", 30]]
    with pytest.raises(SeatsError) as caught:
        seats_table([{"target_kind": "sector", "target_code": "healthcare", "seats_per_year_count": -1},
                     {"target_kind": "sector", "target_code": "space", "seats_per_year_count": "ten"},
                     {"target_kind": "program", "target_code": "x", "seats_per_year_count": 1.5}], targets)
    assert caught.value.problems == [
        "row 1: seats cannot be negative; got -1",
        "row 2: sector 'space' is not a known sector",
        "row 2: “ten” is not a number of seats; write a whole number such as 25",
        "row 3: target_kind must be 'sector' or 'occupation', not 'program'",
        "row 3: seats must be a whole number of 0 or more; got 1.5"]


def test_seats_above_estimated_openings_are_flagged_as_oversupply(targets, bakersfield):
    """Bakersfield-Delano: about 350 estimated IT openings a year, about 50 for software developers."""
    sector_totals, local = bakersfield
    seats = parse_seats_text("it_cybersecurity, 900\n15-1252, 10\n47-2231, 0\n49-9081, 12", targets)
    compared = compare_seats(seats, sector_totals, local, targets, "Bakersfield-Delano, CA").set_index("target_code")
    it = compared.loc["it_cybersecurity"]
    assert it.local_annual_openings_est_count == pytest.approx(349.4, abs=0.1)
    assert it.flag == OVERSUPPLY and it.seats_to_openings_ratio == pytest.approx(900 / 349.39, rel=1e-3)
    assert it.flag_reason == (
        "900 planned seats a year for Information technology and cybersecurity against about 350 estimated openings "
        "a year in Bakersfield-Delano, CA: seats are 258% of openings, more than the estimated openings, so many "
        "completers would have to find work elsewhere or in other occupations.")
    assert compared.loc["15-1252", "flag"] == WITHIN
    assert compared.loc["47-2231", "flag"] == WITHIN  # zero seats never oversupply
    # wind turbine technicians: no Bakersfield estimate, so no comparison is made up
    assert compared.loc["49-9081", "flag"] == NO_ESTIMATE


def test_a_lower_oversupply_ratio_flags_earlier(targets, bakersfield):
    sector_totals, local = bakersfield
    seats = parse_seats_text("15-1252, 30", targets)  # about 50 openings
    assert compare_seats(seats, sector_totals, local, targets, "B", 1.0).flag.item() == WITHIN
    strict = compare_seats(seats, sector_totals, local, targets, "B", 0.5)
    assert strict.flag.item() == OVERSUPPLY and "more than 0.5 times the estimated openings" in strict.flag_reason.item()
