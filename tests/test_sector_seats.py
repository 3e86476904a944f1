"""Training seats: typed or registry-fed seat tables are checked line by line (negative and
non-numeric seats, unknown codes refused), occupation codes of any kind lead to the code BLS publishes,
then each row is compared with estimated local openings, flagged for oversupply, and says which
occupations those openings are."""

from __future__ import annotations

import pytest

from lmi.demand import DemandModel
from lmi.demand.codes import CodeResolver
from lmi.sectors import definitions as sectors
from lmi.sectors.flags import default_thresholds
from lmi.sectors.reality_check import reality_check
from lmi.sectors.seats import (
    NO_ESTIMATE,
    OVERSUPPLY,
    SEATS_COLUMNS,
    SEATS_TEXT_EXAMPLE,
    WITHIN,
    SeatsError,
    Targets,
    compare_seats,
    parse_seats_text,
    seats_for_area,
    seats_table,
)

BAKERSFIELD, HARTFORD = "0012540", "0025540"


@pytest.fixture(scope="module")
def targets(ref_con):
    listed = sectors.list_sectors(ref_con)
    return Targets(dict(zip(listed.sector_key, listed.sector_name)), CodeResolver(ref_con))


@pytest.fixture(scope="module")
def model(ref_con):
    return DemandModel(ref_con)


def area_inputs(ref_con, model, area_code, area_name):
    listed = sectors.list_sectors(ref_con)
    local = model.bls_codes(area_code)
    groups = sectors.group_labels(ref_con)
    check = reality_check(
        local,
        sectors.sector_membership(ref_con),
        listed,
        listed.sector_key.tolist(),
        default_thresholds(3.1),
        area_name,
        groups,
    )
    return check.sectors, local, groups


@pytest.fixture(scope="module")
def bakersfield(ref_con, model):
    return area_inputs(ref_con, model, BAKERSFIELD, "Bakersfield-Delano, CA")


@pytest.fixture(scope="module")
def hartford(ref_con, model):
    return area_inputs(ref_con, model, HARTFORD, "Hartford")


def refused(text, targets) -> list[str]:
    with pytest.raises(SeatsError) as caught:
        parse_seats_text(text, targets)
    return caught.value.problems


def test_typed_seats_accept_keys_names_codes_and_separators(targets):
    seats = parse_seats_text("# plan for 2027\nhealthcare, 120\n\nClean and green energy; 1,200\n291141\t40\n", targets)
    assert list(seats.columns) == SEATS_COLUMNS + ["given_code"]
    assert seats[SEATS_COLUMNS].values.tolist() == [
        ["sector", "healthcare", 120],
        ["sector", "clean_energy", 1200],
        ["occupation", "29-1141", 40],
    ]


def test_any_code_that_leads_to_a_published_code_is_accepted(targets):
    """31-1121 (SOC) and 31-1121.00 (O*NET-SOC) Home Health Aides lead to 31-1120, the group BLS publishes."""
    for typed, given in (("31-1121", "31-1121"), ("31-1121.00", "31-1121.00"), ("311121", "31-1121")):
        [row] = parse_seats_text(f"{typed}, 15", targets).to_dict("records")
        assert (row["target_kind"], row["target_code"], row["seats_per_year_count"]) == ("occupation", "31-1120", 15)
        assert row["given_code"] == given
    [row] = parse_seats_text("13-1020, 5", targets).to_dict("records")  # a published aggregate itself
    assert (row["target_code"], row["given_code"]) == ("13-1020", "13-1020")


def test_two_codes_for_one_published_figure_are_refused_so_openings_count_once(targets):
    assert refused("31-1121, 10\n31-1122.00, 5", targets) == [
        "line 2: 31-1122.00 is counted under BLS 31-1120 Home Health and Personal Care Aides, which line 1 (31-1121) "
        "already plans for; give one total per BLS code, so its openings are compared once"
    ]


def test_negative_and_non_numeric_seats_are_refused_with_the_line(targets):
    assert refused("healthcare, 120\nit_cybersecurity, -5", targets) == ["line 2: seats cannot be negative; got -5"]
    assert refused("healthcare, forty", targets) == [
        "line 1: “forty” is not a number of seats; write a whole number such as 25"
    ]
    assert refused("29-1141, 12.5", targets) == ["line 1: seats must be a whole number of 0 or more; got “12.5”"]


def test_every_bad_line_is_reported_and_nothing_is_accepted(targets):
    problems = refused("nursing, 10\n29-1149, 5\nhealthcare 40\nhealthcare, 1\nhealthcare, 2\n31-1121.07, 1", targets)
    assert problems[0].startswith("line 1: “nursing” is neither a sector (healthcare, clean_energy")
    assert problems[1].startswith("line 2: “29-1149” is neither a sector")
    assert problems[1].endswith("29-1149 is not a code BLS publishes numbers for, and no published code covers it")
    assert problems[2].startswith("line 3: write “sector or occupation code, seats per year”")
    assert problems[3] == (
        "line 5: Healthcare is listed twice (first on line 4); give one total per sector or occupation"
    )
    assert problems[4].startswith("line 6: “31-1121.07” is neither a sector")


def test_registry_records_go_through_the_same_checks(targets):
    table = seats_table(
        [
            {"target_kind": "occupation", "target_code": "15-1252", "seats_per_year_count": 30},
            {"target_kind": "occupation", "target_code": "31-1121.00", "seats_per_year_count": 8},
        ],
        targets,
    )
    assert table[SEATS_COLUMNS].values.tolist() == [["occupation", "15-1252", 30], ["occupation", "31-1120", 8]]
    assert table.given_code.tolist() == ["15-1252", "31-1121.00"]
    with pytest.raises(SeatsError) as caught:
        seats_table(
            [
                {"target_kind": "sector", "target_code": "healthcare", "seats_per_year_count": -1},
                {"target_kind": "sector", "target_code": "space", "seats_per_year_count": "ten"},
                {"target_kind": "program", "target_code": "x", "seats_per_year_count": 1.5},
                {"target_kind": "occupation", "target_code": "29-1149", "seats_per_year_count": 1},
            ],
            targets,
        )
    assert caught.value.problems == [
        "row 1: seats cannot be negative; got -1",
        "row 2: sector 'space' is not a known sector",
        "row 2: “ten” is not a number of seats; write a whole number such as 25",
        "row 3: target_kind must be 'sector' or 'occupation', not 'program'",
        "row 3: seats must be a whole number of 0 or more; got 1.5",
        "row 4: occupation '29-1149' is not a known occupation",
    ]


def test_seats_above_estimated_openings_are_flagged_as_oversupply(targets, bakersfield):
    """Bakersfield-Delano: about 350 estimated IT openings a year, about 50 for software developers."""
    sector_totals, local, groups = bakersfield
    seats = parse_seats_text("it_cybersecurity, 900\n15-1252, 10\n47-2231, 0\n49-9081, 12", targets)
    compared = compare_seats(seats, sector_totals, local, targets, "Bakersfield-Delano, CA", 1.0, groups).set_index(
        "target_code"
    )
    it = compared.loc["it_cybersecurity"]
    assert it.local_annual_openings_est_count == pytest.approx(349.4, abs=0.1)
    assert it.flag == OVERSUPPLY and it.seats_to_openings_ratio == pytest.approx(900 / 349.39, rel=1e-3)
    assert it.flag_reason == (
        "900 planned seats a year for Information technology and cybersecurity against estimated openings of about "
        "350 a year in Bakersfield-Delano, CA, 47% of them for Computer Occupations, All Other (about 72 a year), "
        "Software Developers (about 50 a year) and Computer User Support Specialists (about 44 a year): seats are "
        "258% of openings, more than the estimated openings, so many completers would have to find work elsewhere "
        "or in other occupations."
    )
    assert compared.loc["15-1252", "flag"] == WITHIN
    assert compared.loc["47-2231", "flag"] == WITHIN  # zero seats never oversupply
    # wind turbine technicians: no Bakersfield estimate, so no comparison is made up
    assert compared.loc["49-9081", "flag"] == NO_ESTIMATE


def test_seats_for_home_health_aides_compare_with_the_group_bls_publishes(targets, hartford):
    """31-1121 Home Health Aides: BLS publishes only 31-1120 (19,230 jobs in Hartford); the row says the openings
    are the whole group's and carries the group label."""
    sector_totals, local, groups = hartford
    [row] = compare_seats(
        parse_seats_text("31-1121, 40", targets), sector_totals, local, targets, "Hartford", 1.0, groups
    ).to_dict("records")
    assert (row["target_code"], row["given_code"], row["target_name"]) == (
        "31-1120",
        "31-1121",
        "Home Health and Personal Care Aides",
    )
    assert row["local_annual_openings_est_count"] == pytest.approx(
        local.set_index("soc_code").at["31-1120", "local_annual_openings_est_count"]
    )
    assert row["flag_reason"].startswith(
        "40 planned seats a year for Home Health and Personal Care Aides (BLS 31-1120) against estimated openings of "
        "about 3,400 a year in Hartford (entered as 31-1121, which BLS counts within 31-1120, so these are the "
        "openings of all of 31-1120)"
    )
    assert row["group_label"].endswith("for 2 O*NET occupations: Home Health Aides; Personal Care Aides")


def test_a_lower_oversupply_ratio_flags_earlier(targets, bakersfield):
    sector_totals, local, groups = bakersfield
    seats = parse_seats_text("15-1252, 30", targets)  # about 50 openings
    assert compare_seats(seats, sector_totals, local, targets, "B", 1.0).flag.item() == WITHIN
    strict = compare_seats(seats, sector_totals, local, targets, "B", 0.5)
    assert (
        strict.flag.item() == OVERSUPPLY and "more than 0.5 times the estimated openings" in strict.flag_reason.item()
    )


def test_seats_typed_for_an_area_are_compared_with_every_sectors_totals(ref_con, model, targets, bakersfield):
    """``seats_for_area`` (what the page calls with the typed text) reads the area and the sector file itself and
    gives the same comparison as the steps one by one."""
    sector_totals, local, groups = bakersfield
    text = "it_cybersecurity, 900\n15-1252, 10\n31-1121, 20"
    typed = seats_for_area(
        ref_con, model, targets, text, BAKERSFIELD, "Bakersfield-Delano, CA", default_thresholds(3.1), 1.0
    )
    by_steps = compare_seats(
        parse_seats_text(text, targets), sector_totals, local, targets, "Bakersfield-Delano, CA", 1.0, groups
    )
    assert typed[["target_code", "flag", "flag_reason", "openings_are", "group_label"]].equals(
        by_steps[["target_code", "flag", "flag_reason", "openings_are", "group_label"]]
    )
    with pytest.raises(SeatsError, match="seats cannot be negative"):
        seats_for_area(ref_con, model, targets, "healthcare, -3", BAKERSFIELD, "B", default_thresholds(3.1))


def test_the_example_shown_on_the_page_is_accepted(targets):
    """The page shows ``SEATS_TEXT_EXAMPLE`` as the format to follow: it must parse, each kind of target once."""
    seats = parse_seats_text(SEATS_TEXT_EXAMPLE, targets)
    assert len(seats) == len(SEATS_TEXT_EXAMPLE.splitlines())
    assert set(seats.target_kind) == {"sector", "occupation"}
    assert "31-1121.00" in set(seats.given_code)  # an O*NET-SOC code, as the instructions say
