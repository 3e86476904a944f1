"""The one title index behind the occupation search and the batch coding of posting titles, on the real
O*NET titles: typos, abbreviations, posting noise, SOC codes, and accuracy on O*NET's reported titles held
out from the index."""

from __future__ import annotations

import numpy as np
import pytest

from lmi.occupations.title_index import (
    accuracy_on_reported_titles,
    build_title_index,
    code_titles,
    normalize,
    posting_title_variants,
    search_titles,
    spelling_corrected,
)


@pytest.fixture(scope="module")
def index(ref_con):
    return build_title_index(ref_con)


SEARCHES = [
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
    ("CDL-A Driver - Home Weekly", "53-3032.00"),
    ("welder", "51-4121.00"),
    ("weldr", "51-4121.00"),
    ("truck drvr", "53-3032.00"),
    ("SOC 15-1252", "15-1252.00"),
]


def test_misspelt_words_are_read_as_the_closest_word_of_an_o_net_title(index):
    assert spelling_corrected(index, "truck drvr") == ("truck driver", pytest.approx(0.8))
    assert spelling_corrected(index, "registered nurse") == ("registered nurse", 1.0)
    assert spelling_corrected(index, "qqqqqqqq")[0] == "qqqqqqqq"


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_search_finds_the_right_occupation_first(index, query, expected):
    assert search_titles(index, query).onet_soc_code.iloc[0] == expected


def test_short_queries_match_whole_words_only(index):
    titles = search_titles(index, "RN", limit=50).matched_title
    assert len(titles) and all("rn" in normalize(t).split() for t in titles)


def test_codes_list_the_exact_code_first_then_its_group(index):
    result = search_titles(index, "29-1141.03")
    assert result.onet_soc_code.iloc[0] == "29-1141.03"
    assert set(result.onet_soc_code) >= {"29-1141.00", "29-1141.01"}
    assert search_titles(index, "291141").onet_soc_code.iloc[0] == "29-1141.00"


@pytest.mark.parametrize("query", ["", "   ", "zz", "qqqqqqqqqqqq", "99-9999"])
def test_nonsense_finds_nothing(index, query):
    assert search_titles(index, query).empty


def test_sql_looking_input_is_just_text(index):
    result = search_titles(index, "%'; DROP TABLE x; --")
    assert result.empty or result.score.between(0, 100).all()


def test_results_say_what_matched(index):
    first = search_titles(index, "RN").iloc[0]
    assert first.matched_title == "RN" and first.matched_kind == "short" and first.score > 95
    assert list(search_titles(index, "nurse").columns) == [
        "onet_soc_code",
        "title",
        "matched_title",
        "matched_kind",
        "score",
    ]


def test_posting_noise_is_set_aside():
    whole, head = posting_title_variants("Registered Nurse - ICU - Nights $5,000 Sign-On Bonus")
    assert head == "registered nurse" and "bonus" not in whole
    assert posting_title_variants("Sr. Software Engineer (Remote)") == (
        "senior software engineer",
        "senior software engineer",
    )
    assert normalize("Bakers & Cooks") == "baker and cook"


POSTING_TITLES = {
    "CDL-A Driver - Home Weekly": "53-3032",
    "Registered Nurse - ICU - Nights $5,000 Sign-On Bonus": "29-1141",
    "Sr. Software Engineer (Remote)": "15-1252",
    "Warehouse Associate 2nd Shift": "53-7062",
    "Forklift Operator - Full Time": "53-7051",
    "Journeyman Electrcian": "47-2111",
    "Medical Assistant (PRN)": "31-9092",
    "Cashier": "41-2011",
}


def test_batch_coding_codes_each_distinct_title_once(index):
    titles = list(POSTING_TITLES) + list(POSTING_TITLES)
    coded = code_titles(index, titles)
    assert len(coded) == len(POSTING_TITLES) and list(coded.title) == list(POSTING_TITLES)
    assert dict(zip(coded.title, coded.onet_soc_code.str[:7])) == POSTING_TITLES
    assert coded.confidence.between(0, 1).all() and (coded.confidence <= coded.match_score + 1e-9).all()


def test_batch_coding_says_when_nothing_matches(index):
    coded = code_titles(index, ["zzzzqqqq", "Registered Nurse"])
    assert coded.confidence.iloc[0] < 0.3 < coded.confidence.iloc[1]


def test_batch_coding_matches_search_on_clear_titles(index):
    queries = ["paralegal", "Registered Nurse", "truck driver", "software developer", "electrcian"]
    coded = code_titles(index, queries)
    searched = [search_titles(index, q).onet_soc_code.iloc[0] for q in queries]
    assert list(coded.onet_soc_code) == searched
    assert np.isfinite(coded.match_score).all()


@pytest.mark.slow
def test_accuracy_on_held_out_reported_titles(ref_con):
    result = accuracy_on_reported_titles(ref_con)
    assert result["titles"] > 6000 and "reported" not in result["index_kinds"]
    assert result["exact"] >= 0.5 and result["same_soc"] >= result["exact"]
    high = [band for band in result["by_confidence"] if band["confidence"].startswith("[0.9")]
    assert high and high[0]["exact"] >= 0.85
