"""Occupation search on the real O*NET titles: typos, abbreviations, everyday words."""

from __future__ import annotations

import pytest

from lmi.occupations.search import load_title_index, normalize, search_occupations


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
    ],
)
def test_first_match_is_the_right_occupation(index, query, expected):
    assert search_occupations(index, query).onet_soc_code.iloc[0] == expected


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


@pytest.mark.parametrize("query", ["", "   ", "zz", "qqqqqqqqqqqq", "99-9999"])
def test_nonsense_returns_no_rows_without_error(index, query):
    assert search_occupations(index, query).empty


def test_results_carry_what_matched(index):
    first = search_occupations(index, "RN").iloc[0]
    assert (first.matched_title, first.matched_kind) == ("RN", "short")


def test_sql_looking_input_is_just_text(index, ref_con):
    search_occupations(index, "%'; DROP TABLE core_occupation; --")
    assert ref_con.execute("SELECT count(*) FROM core_occupation").fetchone()[0] > 900
