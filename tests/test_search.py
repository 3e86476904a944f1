"""Occupation search on the real O*NET titles: typos, abbreviations, posting titles, codes, and what matched.
The pages' search runs on the title index the batch coding of postings uses (``lmi.occupations.title_index``)."""

from __future__ import annotations

import pandas as pd
import pytest

from lmi.occupations.search import load_title_index, normalize, search_occupations
from lmi.occupations.title_index import OccupationTitleIndex, code_titles, index_from_titles


@pytest.fixture(scope="module")
def index(ref_con):
    return load_title_index(ref_con)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("cashier", "41-2011.00"),
        ("RN", "29-1141.00"),
        ("coal miner", "47-5049.00"),
        ("paralegal", "23-2011.00"),
        ("registerd nurse", "29-1141.00"),
        ("Registered Nurse", "29-1141.00"),
        ("LPN", "29-2061.00"),
        ("electrcian", "47-2111.00"),
        ("home health", "31-1121.00"),
        ("forklift", "53-7051.00"),
        ("truck driver", "53-3032.00"),
        ("software developer", "15-1252.00"),
        ("machinst", "51-4041.00"),
        ("weldr", "51-4121.00"),
        ("truck drvr", "53-3032.00"),
        ("sofware engneer", "15-1252.00"),
        ("custmer service", "43-4051.00"),
        ("CDL-A Driver - Home Weekly", "53-3032.00"),
    ],
)
def test_first_match_is_the_right_occupation(index, query, expected):
    assert search_occupations(index, query).onet_soc_code.iloc[0] == expected


def test_the_pages_search_is_the_batch_coders_index(index):
    assert isinstance(index, OccupationTitleIndex)
    coded = code_titles(index, ["Registered Nurse", "paralegal"])
    assert list(coded.onet_soc_code) == [search_occupations(index, q).onet_soc_code.iloc[0] for q in coded.title]


def test_short_queries_match_whole_words_only(index):
    titles = search_occupations(index, "RN", limit=50).matched_title.str.lower()
    assert all("rn" in normalize(t).split() for t in titles)


def test_long_query_is_not_matched_by_tiny_titles(index):
    matched = search_occupations(index, "coal miner", limit=20).matched_title
    assert not any(len(normalize(t)) < 5 for t in matched)


def test_soc_code_lists_exact_code_first(index):
    result = search_occupations(index, "29-1141.03")
    assert result.onet_soc_code.iloc[0] == "29-1141.03"
    assert set(result.onet_soc_code) >= {"29-1141.00", "29-1141.01"}


@pytest.mark.parametrize("query", ["15-1252", "151252", "15-1252.00", "SOC 15-1252", "O*NET-SOC 15-1252.00"])
def test_codes_as_people_write_them(index, query):
    first = search_occupations(index, query).iloc[0]
    assert (first.onet_soc_code, first.title, first.matched_kind) == ("15-1252.00", "Software Developers", "code")


@pytest.mark.parametrize("query", ["", "   ", "zz", "qqqqqqqqqqqq", "99-9999", "SOC 99-9999", "xyzzy plugh"])
def test_nonsense_returns_no_rows_without_error(index, query):
    assert search_occupations(index, query).empty


def test_results_carry_what_matched(index):
    first = search_occupations(index, "RN").iloc[0]
    assert (first.matched_title, first.matched_kind) == ("RN", "short")


def test_each_result_is_named_by_its_own_occupation(index, ref_con):
    official = dict(ref_con.execute("SELECT onet_soc_code, title FROM core_occupation").fetchall())
    for query in ["RN", "driver", "CDL-A Driver - Home Weekly", "cashir", "29-1141", "nurse"]:
        result = search_occupations(index, query)
        assert len(result) and (result.title == result.onet_soc_code.map(official)).all(), query


def test_a_text_of_several_kinds_is_named_by_the_most_specific():
    """O*NET lists "RN (Registered Nurse)" as an alternate title and "RN" as the short one: the search scores the
    text with its strongest kind and names it by the most specific official one."""
    occupations = pd.DataFrame(
        {
            "onet_soc_code": ["29-1141.00"],
            "title": ["Registered Nurses"],
            "soc_code": ["29-1141"],
            "is_soc_level": [True],
            "national_employment": [3_000_000],
        }
    )
    titles = pd.DataFrame(
        {
            "onet_soc_code": ["29-1141.00"] * 3,
            "title_text": ["Registered Nurses", "RN (Registered Nurse)", "RN"],
            "title_kind": ["title", "alternate", "short"],
        }
    )
    small = index_from_titles(titles, occupations, ("title", "alternate", "short"))
    first = search_occupations(small, "rn").iloc[0]
    assert (first.matched_title, first.matched_kind, first.score) == ("RN", "short", 99.0)


def test_sql_looking_input_is_just_text(index, ref_con):
    search_occupations(index, "%'; DROP TABLE core_occupation; --")
    assert ref_con.execute("SELECT count(*) FROM core_occupation").fetchone()[0] > 900
