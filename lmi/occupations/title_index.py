"""One title index for every way a job title reaches an occupation: the interactive search (a person typing
"registerd nurse" or "29-1141") and the batch coding of job postings (100,000 distinct posting titles such
as "CDL-A Driver - Home Weekly" in well under a minute on 2 CPUs).

What is indexed: every title O*NET gives an occupation (``core_occupation_title``: official, alternate and
short titles, and, unless held out, the titles incumbents reported), each normalised once (lower case,
punctuation dropped, a few standard abbreviations spelled out: "Sr" -> "senior", "Mgr" -> "manager"). An
alternate title that explains itself in parentheses ("CDL Driver (Commercial Driver's License Driver)") is
indexed as the whole and as each of its two parts.

How a title is scored: TF-IDF over character 3-grams of each word (padded with spaces, so typos still share
most grams) plus each whole word as a feature of its own; the score of a title against an O*NET title is the
cosine of their vectors (0 to 1, 1 when the normalised texts are the same). A query gram that no O*NET title
has still counts in the query's length, so words that match nothing lower the score instead of vanishing.
An O*NET title shared by several occupations counts for each, weighted by its kind (``KIND_WEIGHT``): the
official title first, then alternate, reported and short titles.

Batch coding is vectorised in two steps: candidates from a sparse matrix product over the grams that fewer
than ``CANDIDATE_MAX_DF_SHARE`` of O*NET titles have (the rare grams carry the signal; a title with too few
rare grams uses all of its grams), then an exact cosine for each title's best ``CANDIDATES_PER_TITLE``
candidates. The interactive search scores every O*NET title exactly (one sparse row product, about a
millisecond), and reads a misspelt word also as the closest word of an O*NET title. Both read the same
matrices built here.

In batch coding each occupation gets a vote: its best candidate title's score plus ``VOTE_WEIGHT`` times its
second-best's, so an occupation with several close titles wins over one close title of another. Ties go to
SOC-level occupations, then to national employment. Confidence of a code (0 to 1): the best title's score,
in full when the runner-up occupation's vote is ``CLEAR_MARGIN`` or more behind, down to half of it when
another occupation matches as well (a title such as "Driver" that O*NET gives several occupations).
``accuracy_on_reported_titles`` measures how often the coded occupation is right, against O*NET's Sample of
Reported Titles held out from the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import duckdb
import numpy as np
import pandas as pd
import scipy.sparse as sp
from rapidfuzz import fuzz, process

from lmi.areas import NATION_CODE
from lmi.db import query_df

KIND_WEIGHT = {"title": 1.0, "alternate": 0.99, "reported": 0.98, "short": 0.97}
ALL_KINDS = tuple(KIND_WEIGHT)
# The kind a result names when one occupation has the same text as several kinds: the most specific official
# fact first. O*NET lists each short title ("RN") among the alternate titles too; "short" says more (it is the
# abbreviation O*NET chose), and a reported title is official only when O*NET also lists it otherwise.
KIND_NAMED = {"title": 0, "short": 1, "alternate": 2, "reported": 3}
HELD_OUT_KIND = "reported"  # O*NET's Sample of Reported Titles: what accuracy is measured on
CANDIDATE_MAX_DF_SHARE = 0.01  # grams in at most 1% of O*NET titles find candidates
MIN_CANDIDATE_GRAMS = 2  # a title with fewer such grams finds candidates with all its grams
CANDIDATES_PER_TITLE = 40
CANDIDATE_SHARE_OF_BEST = 0.5  # candidates scoring under half of a title's best candidate are not rescored
VOTE_WEIGHT = 0.25  # how much an occupation's second-best title adds to its best (batch coding)
WORD_WEIGHT = 0.5  # a whole-word feature counts this much of its IDF (a typo loses the word, not its grams)
CLEAR_MARGIN = 0.15  # the next occupation this far behind: the confidence is the score itself
MIN_SEARCH_SCORE = 0.45  # the interactive search lists nothing weaker
SHORT_QUERY_CHARS = 3  # "RN", "LPN": whole words only
SPELLING_MIN_CHARS = 4  # a query word this long that no O*NET title has is read as its closest known word,
SPELLING_MIN_RATIO = 80.0  # when at least this alike (rapidfuzz ratio, 0-100: "machinst" / "machinist" 94)
MAX_SEARCH_TITLES = 400  # the interactive search ranks the occupations of its best titles only
TIE_POINTS = 5.0  # occupations this close (0-100) to the best are ranked by SOC level, support, employment
SUPPORT_SCORE = 0.6  # titles at least this close count as support for their occupation (search ties),
SUPPORT_SHARE_OF_BEST = 0.85  # or this close to the best title when nothing is that close (a misspelt query)
BATCH_ROWS = 2000  # titles per sparse product in batch coding (memory stays around 100 MB)
# "15-1252", "151252", "15-1252.00", also written "SOC 15-1252" or "O*NET-SOC 15-1252.00"
CODE_QUERY = re.compile(r"^(?:o\*?net[- ]?soc|soc)?(?:\s*code)?[\s:#]*(\d{2}-?\d{4}(?:\.\d{2})?)$", re.IGNORECASE)

ABBREVIATIONS = {
    "sr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "asst": "assistant",
    "tech": "technician",
    "techs": "technicians",
    "rep": "representative",
    "reps": "representatives",
    "coord": "coordinator",
    "supv": "supervisor",
    "maint": "maintenance",
    "whse": "warehouse",
    "cust": "customer",
    "svc": "service",
    "mgmt": "management",
}
# What posting titles add around the job itself: schedules, pay, perks, urgency, levels. Removed from
# posting titles only (never from O*NET's), after normalisation.
POSTING_NOISE = re.compile(
    r"\b(?:"
    r"(?:full|part) ?time|ft|pt|home (?:weekly|daily|nightly|every weekend|most nights)|"
    r"remote|hybrid|on ?site|work from home|wfh|"
    r"(?:sign ?on|signing|retention|hiring) bonus(?:es)?|bonus|up to|per hour|hourly|hr|weekly pay|daily pay|"
    r"(?:urgently|now|immediately) hiring|hiring (?:now|immediately|event)|immediate (?:start|hire|openings?)|"
    r"(?:1st|2nd|3rd|first|second|third|day|night|evening|overnight|weekend|swing|rotating) shifts?|"
    r"nights|days|weekends|overnights|prn|per diem|temporary|temp|seasonal|"
    r"entry level|experienced|new grads?|level \d+|i{1,3}|iv|\d+k?"
    r")\b"
)
SEGMENT_BREAK = re.compile(r"\s+[-|–—:]\s+|\s*[|(\[]")


def normalize(text: object) -> str:
    """Lower case, ``&`` as "and", punctuation dropped (``+`` and ``#`` kept: C++, C#), standard abbreviations
    spelled out, plurals made singular ("Bakers" -> "baker", "Secretaries" -> "secretary"). The same for
    O*NET titles and queries."""
    words = re.sub(r"[^a-z0-9+#]+", " ", str(text).lower().replace("&", " and ")).split()
    return " ".join(_singular(ABBREVIATIONS.get(word, word)) for word in words)


def _singular(word: str) -> str:
    """Harman's S-stemmer (1991): "-ies" -> "-y", "-es" -> "-e", a final "s" dropped except after "u", "s"
    (and here "i"): "aides" -> "aide", "nurses" -> "nurse"; "business", "bus", "analysis" unchanged."""
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith(("us", "ss", "is")):
        return word
    return word[:-1]


def posting_title_variants(text: object) -> tuple[str, str]:
    """A posting title cleaned two ways: the whole title without posting noise, and its first segment
    (before " - ", "|", "(" ...) without noise; coding keeps whichever scores better."""
    raw = str(text)
    first = SEGMENT_BREAK.split(raw, maxsplit=1)[0]
    whole = _without_noise(normalize(raw))
    head = _without_noise(normalize(first)) or whole
    return whole, head


def _without_noise(normalized: str) -> str:
    cleaned = " ".join(POSTING_NOISE.sub(" ", normalized).split())
    return cleaned or normalized


def _features(text: str) -> list[str]:
    features = []
    for word in text.split():
        features.extend(_word_features(word))
    return features


@lru_cache(maxsize=500_000)
def _word_features(word: str) -> tuple[str, ...]:
    """A word's padded 3-grams and the word itself (cached: titles share most of their words)."""
    padded = f" {word} "
    return (*(padded[i : i + 3] for i in range(len(padded) - 2)), "w:" + word)


@dataclass(frozen=True)
class OccupationTitleIndex:
    """The matrices and lookups shared by search and batch coding (see the module docstring)."""

    kinds: tuple[str, ...]
    entries: np.ndarray  # distinct normalised O*NET titles
    entry_text: np.ndarray  # one published spelling of each
    vocabulary: dict[str, int]
    feature_positions: pd.Index  # the vocabulary's features in column order (vectorised look-ups)
    idf: np.ndarray
    unknown_idf: float  # the weight of a gram no O*NET title has (counts in a query's length only)
    matrix: sp.csr_matrix  # entries x grams, rows of length 1
    matrix_t: sp.csr_matrix  # grams x entries (the interactive search's one-row product)
    candidate_t: sp.csr_matrix  # rare grams x entries (batch candidate search)
    rare_gram: np.ndarray  # bool per gram: used for candidates
    pair_occupation: np.ndarray  # every (title, occupation), grouped by entry: the occupation's position,
    pair_weight: np.ndarray  # the weight of its strongest kind of that title (``KIND_WEIGHT``),
    pair_kind: np.ndarray  # its most specific kind (``KIND_NAMED``),
    pair_text: np.ndarray  # and that kind's published spelling
    pair_start: np.ndarray  # pairs of entry e are rows pair_start[e]:pair_start[e + 1]
    best_occupation: np.ndarray  # per entry: position of its best occupation (weight, SOC level, employment)
    best_weight: np.ndarray
    second_occupation: np.ndarray  # per entry: its next other occupation, -1 when none
    second_weight: np.ndarray
    occupations: pd.DataFrame  # onet_soc_code, title, soc_code, is_soc_level, national_employment, by position
    occupation_code: np.ndarray  # the same columns as arrays (the search reads them per query)
    occupation_title: np.ndarray
    occupation_soc: np.ndarray
    occupation_soc_level: np.ndarray
    occupation_employment: np.ndarray
    known_words: tuple[str, ...]  # every word of an O*NET title, the most common first (spelling correction)


def build_title_index(
    con: duckdb.DuckDBPyConnection, kinds: Iterable[str] = ALL_KINDS, held_out: Iterable[str] = ()
) -> OccupationTitleIndex:
    """Read the titles of ``kinds`` once and build the index (a few seconds); titles whose normalised text is
    in ``held_out`` (as written: case and spacing aside) are left out whatever their kind (accuracy is
    measured on them)."""
    kinds = tuple(kinds)
    occupations = _occupations(con)
    titles = query_df(
        con,
        "SELECT onet_soc_code, title_text, title_kind FROM core_occupation_title WHERE list_contains($kinds, title_kind)",
        {"kinds": list(kinds)},
    )
    return index_from_titles(titles, occupations, kinds, frozenset(_as_written(t) for t in held_out))


def _occupations(con) -> pd.DataFrame:
    frame = query_df(
        con,
        """
        SELECT o.onet_soc_code, o.title, o.soc_code, coalesce(e.employment_count, 0) AS national_employment
        FROM core_occupation o
        LEFT JOIN core_onet_soc_crosswalk x USING (onet_soc_code)
        LEFT JOIN core_oews_estimate e ON e.soc_code = x.oews_soc_code AND e.area_code = $nation
        ORDER BY o.onet_soc_code
        """,
        {"nation": NATION_CODE},
    )
    frame["is_soc_level"] = frame.onet_soc_code.str.endswith(".00")
    return frame.reset_index(drop=True)


def index_from_titles(
    titles: pd.DataFrame, occupations: pd.DataFrame, kinds: tuple[str, ...], held_out: frozenset[str] = frozenset()
) -> OccupationTitleIndex:
    """The index over ``titles`` (onet_soc_code, title_text, title_kind) for ``occupations``, without the
    titles written as in ``held_out`` (case and spacing aside)."""
    pairs = _title_pairs(titles, occupations)
    pairs = pairs[~pairs.title_text.map(_as_written).isin(held_out)]
    entries = np.array(sorted(pairs.normalized.unique()), dtype=object)
    pairs["entry"] = np.searchsorted(entries, pairs.normalized.to_numpy())
    pairs = pairs.join(occupations[["is_soc_level", "national_employment"]], on="occupation")
    # one row per (title, occupation): scored with its strongest kind, named by its most specific one
    pairs["weight"] = pairs.groupby(["entry", "occupation"]).weight.transform("max")
    pairs["named"] = pairs.title_kind.map(KIND_NAMED).fillna(len(KIND_NAMED))
    pairs = pairs.sort_values(
        ["entry", "weight", "is_soc_level", "national_employment", "occupation", "named"],
        ascending=[True, False, False, False, True, True],
    ).drop_duplicates(["entry", "occupation"])
    pairs = pairs.reset_index(drop=True)
    pair_start = np.searchsorted(pairs.entry.to_numpy(), np.arange(len(entries) + 1))
    first = pair_start[:-1]
    has_second = (pair_start[1:] - first) > 1
    second = np.where(has_second, first + 1, first)
    entry_text = pairs.title_text.to_numpy()[first]

    rows, features = _feature_lists(entries)
    cols, known = pd.factorize(np.asarray(features, dtype=object))
    vocabulary = dict(zip(known.tolist(), range(len(known))))
    counts = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(entries), len(vocabulary)))
    document_frequency = np.bincount(cols, minlength=len(vocabulary))
    idf = (np.log((1 + len(entries)) / (1 + document_frequency)) + 1).astype(np.float32)
    idf[[position for feature, position in vocabulary.items() if feature.startswith("w:")]] *= WORD_WEIGHT
    matrix = _unit_rows(counts @ sp.diags(idf))
    rare = document_frequency <= max(1, CANDIDATE_MAX_DF_SHARE * len(entries))
    words = [
        (-document_frequency[position], feature[2:]) for feature, position in vocabulary.items() if feature[:2] == "w:"
    ]
    matrix_t = matrix.T.tocsr()
    return OccupationTitleIndex(
        kinds=kinds,
        entries=entries,
        entry_text=entry_text,
        vocabulary=vocabulary,
        feature_positions=pd.Index(known.tolist(), dtype=object),
        idf=idf,
        unknown_idf=float(np.log(1 + len(entries)) + 1),
        matrix=matrix,
        matrix_t=matrix_t,
        candidate_t=_rows_kept(matrix_t, rare),
        rare_gram=rare,
        pair_occupation=pairs.occupation.to_numpy(),
        pair_weight=pairs.weight.to_numpy(dtype=np.float32),
        pair_kind=pairs.title_kind.to_numpy(dtype=object),
        pair_text=pairs.title_text.to_numpy(dtype=object),
        pair_start=pair_start,
        best_occupation=pairs.occupation.to_numpy()[first],
        best_weight=pairs.weight.to_numpy()[first],
        second_occupation=np.where(has_second, pairs.occupation.to_numpy()[second], -1),
        second_weight=np.where(has_second, pairs.weight.to_numpy()[second], 0.0),
        occupations=occupations,
        occupation_code=occupations.onet_soc_code.to_numpy(dtype=object),
        occupation_title=occupations.title.to_numpy(dtype=object),
        occupation_soc=occupations.soc_code.to_numpy(dtype=object),
        occupation_soc_level=occupations.is_soc_level.to_numpy(dtype=bool),
        occupation_employment=occupations.national_employment.to_numpy(dtype=np.float64),
        known_words=tuple(word for _count, word in sorted(words)),
    )


TITLE_PART_BREAK = r",\s*|\s+and\s+|\s+or\s+"
MIN_TITLE_PART_CHARS = 6
NOT_A_TITLE_PART = r"^(except|all other|including|hand$|postsecondary)"


def _as_written(text: object) -> str:
    return " ".join(str(text).casefold().split())


def _title_pairs(titles: pd.DataFrame, occupations: pd.DataFrame) -> pd.DataFrame:
    """One row per (normalised title, occupation, kind); a title with a parenthesised part also as each part,
    and an official title that names several jobs ("Brickmasons and Blockmasons", "Ophthalmologists, Except
    Pediatric") also as each job it names."""
    position = pd.Series(np.arange(len(occupations)), index=occupations.onet_soc_code)
    frame = titles[titles.onet_soc_code.isin(position.index)].copy()
    parts = []
    for pattern in (r"^(.*?)\s*\(.*\)\s*$", r"\((.*)\)"):
        part = frame.copy()
        part["title_text"] = part.title_text.str.extract(pattern, expand=False)
        parts.append(part.dropna(subset=["title_text"]))
    official = frame[frame.title_kind == "title"]
    pieces = official.assign(title_text=official.title_text.str.split(TITLE_PART_BREAK)).explode("title_text")
    pieces = pieces[pieces.title_text.str.len() >= MIN_TITLE_PART_CHARS]
    pieces = pieces[~pieces.title_text.str.lower().str.match(NOT_A_TITLE_PART)]
    frame = pd.concat([frame, *parts, pieces], ignore_index=True)
    frame["normalized"] = frame.title_text.map(normalize)
    frame = frame[frame.normalized != ""]
    frame["occupation"] = position.loc[frame.onet_soc_code].to_numpy()
    frame["weight"] = frame.title_kind.map(KIND_WEIGHT).fillna(min(KIND_WEIGHT.values()))
    return frame[["normalized", "occupation", "title_kind", "weight", "title_text"]]


def _rows_kept(matrix: sp.csr_matrix, keep: np.ndarray) -> sp.csr_matrix:
    """``matrix`` with the rows not in ``keep`` emptied (same shape, so column ids stay the same)."""
    kept = (sp.diags(keep.astype(np.float32)) @ matrix).tocsr()
    kept.eliminate_zeros()
    return kept


def _unit_rows(matrix: sp.spmatrix) -> sp.csr_matrix:
    matrix = sp.csr_matrix(matrix, dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return (sp.diags(1 / np.maximum(norms, 1e-12)) @ matrix).tocsr().astype(np.float32)


def _feature_lists(texts: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Each text's distinct features, flattened, with the position of the text each came from."""
    per_text = [list(set(_features(text))) for text in texts]
    lengths = np.fromiter((len(f) for f in per_text), dtype=np.int64, count=len(per_text))
    return np.repeat(np.arange(len(per_text)), lengths), [f for features in per_text for f in features]


def _unknown_weight(index: OccupationTitleIndex, feature: str) -> float:
    """The weight of a feature no O*NET title has: the rarest gram's, and for a whole word (a misspelt one) the
    ``WORD_WEIGHT`` share of it that known words get, so a typo costs its word no more than a known word
    weighs."""
    return index.unknown_idf * (WORD_WEIGHT if feature.startswith("w:") else 1.0)


def vectorize(index: OccupationTitleIndex, texts: Sequence[str]) -> sp.csr_matrix:
    """Unit-length TF-IDF rows of normalised ``texts``; grams unknown to the index count in the length only."""
    rows, features = _feature_lists(texts)
    features = np.asarray(features, dtype=object)
    cols = index.feature_positions.get_indexer(features) if len(features) else np.zeros(0, int)
    known = cols >= 0
    unknown_words = pd.Series(features[~known], dtype=object).str.startswith("w:").to_numpy(dtype=bool)
    unknown_weight = index.unknown_idf * np.where(unknown_words, WORD_WEIGHT, 1.0)
    unknown = np.bincount(rows[~known], weights=np.square(unknown_weight), minlength=len(texts))
    weights = index.idf[cols[known]]
    matrix = sp.csr_matrix(
        (weights, (rows[known], cols[known])), shape=(len(texts), len(index.vocabulary)), dtype=np.float32
    )
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel() + unknown)
    return (sp.diags(1 / np.maximum(norms, 1e-12)) @ matrix).tocsr().astype(np.float32)


# Batch coding ---------------------------------------------------------------------------------------------

CODE_COLUMNS = ["title", "onet_soc_code", "matched_title", "match_score", "runner_up_score", "confidence"]


def code_titles(index: OccupationTitleIndex, titles: Sequence[str]) -> pd.DataFrame:
    """Code each distinct posting title (as given) to its best O*NET-SOC occupation.

    Returns one row per distinct title, columns ``CODE_COLUMNS``: the occupation (None when no O*NET title
    shares a gram with it), the O*NET title that matched, the best score, the next-best other occupation's
    score and the confidence (module docstring). Each title is scored as a whole and by its first segment
    (``posting_title_variants``); the better one counts.
    """
    distinct = pd.unique(pd.Series(list(titles), dtype=object).dropna())
    variants = [posting_title_variants(t) for t in distinct]
    texts = pd.unique(pd.Series([text for pair in variants for text in pair], dtype=object))
    scored = _code_texts(index, list(texts))
    position = {text: i for i, text in enumerate(texts)}
    whole = scored.iloc[[position[w] for w, _head in variants]].reset_index(drop=True)
    head = scored.iloc[[position[h] for _whole, h in variants]].reset_index(drop=True)
    pick = (whole.match_score >= head.match_score).to_numpy()
    best = pd.DataFrame({column: np.where(pick, whole[column], head[column]) for column in whole.columns})
    best.insert(0, "title", distinct)
    return best[CODE_COLUMNS].reset_index(drop=True)


def _code_texts(index: OccupationTitleIndex, texts: list[str]) -> pd.DataFrame:
    parts = [_code_batch(index, texts[start : start + BATCH_ROWS]) for start in range(0, len(texts), BATCH_ROWS)]
    if not parts:
        return pd.DataFrame(columns=CODE_COLUMNS[1:])
    return pd.concat(parts, ignore_index=True)


def _code_batch(index: OccupationTitleIndex, texts: list[str]) -> pd.DataFrame:
    queries = vectorize(index, texts)
    candidates = _top_candidates(index, queries)
    exact = _exact_scores(index, queries, candidates)
    safe = np.maximum(candidates, 0)
    occupation = np.concatenate([index.best_occupation[safe], index.second_occupation[safe]], axis=1)
    score = np.concatenate([exact * index.best_weight[safe], exact * index.second_weight[safe]], axis=1)
    entry = np.concatenate([candidates, candidates], axis=1)
    valid = (entry >= 0) & (occupation >= 0) & (score > 0)
    row = np.broadcast_to(np.arange(len(texts))[:, None], occupation.shape)[valid]
    votes = _occupation_votes(index, row, occupation[valid], score[valid], entry[valid])
    return _best_per_text(index, votes, len(texts))


def _exact_scores(index: OccupationTitleIndex, queries: sp.csr_matrix, candidates: np.ndarray) -> np.ndarray:
    """Cosine of each text with each of its candidate O*NET titles (0 where there is no candidate)."""
    rows = np.repeat(np.arange(candidates.shape[0]), candidates.shape[1])
    entry = candidates.ravel()
    valid = entry >= 0
    exact = np.zeros(entry.shape, dtype=np.float32)
    if valid.any():
        exact[valid] = np.asarray(
            queries[rows[valid]].multiply(index.matrix[entry[valid]]).sum(axis=1), dtype=np.float32
        ).ravel()
    return exact.reshape(candidates.shape)


def _occupation_votes(index: OccupationTitleIndex, row, occupation, score, entry) -> pd.DataFrame:
    """Per (text, occupation): its best title's score and entry, and the vote: the best score plus
    ``VOTE_WEIGHT`` times the occupation's second-best title's score (several close titles of one occupation
    outweigh one title of another)."""
    order = np.lexsort((-score, occupation, row))
    row, occupation, score, entry = row[order], occupation[order], score[order], entry[order]
    starts = np.flatnonzero(np.r_[True, (row[1:] != row[:-1]) | (occupation[1:] != occupation[:-1])])
    ends = np.r_[starts[1:], len(row)]
    second = np.where(ends - starts > 1, score[np.minimum(starts + 1, len(row) - 1)], 0.0)
    return pd.DataFrame(
        {
            "row": row[starts],
            "occupation": occupation[starts],
            "best": score[starts],
            "entry": entry[starts],
            "vote": score[starts] + VOTE_WEIGHT * second,
        }
    )


def _best_per_text(index: OccupationTitleIndex, votes: pd.DataFrame, count: int) -> pd.DataFrame:
    """Each text's occupation with the highest vote (ties: SOC level, then national employment), the
    runner-up's vote and the confidence."""
    soc_level = index.occupation_soc_level[votes.occupation]
    employment = index.occupation_employment[votes.occupation]
    order = np.lexsort((-employment, ~soc_level, -votes.vote.to_numpy(), votes.row.to_numpy()))
    ranked = votes.iloc[order]
    row = ranked.row.to_numpy()
    first = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
    has_second = np.r_[first[1:], len(row)] - first > 1
    runner_up = np.zeros(count)
    runner_up[row[first]] = np.where(has_second, ranked.vote.to_numpy()[np.minimum(first + 1, len(row) - 1)], 0.0)
    chosen = ranked.iloc[first]
    best_vote = np.zeros(count)
    best_vote[chosen.row] = chosen.vote
    match = np.zeros(count)
    match[chosen.row] = chosen.best
    codes = np.full(count, None, dtype=object)
    codes[chosen.row] = index.occupation_code[chosen.occupation]
    matched = np.full(count, None, dtype=object)
    matched[chosen.row] = index.entry_text[chosen.entry]
    margin = np.clip((best_vote - runner_up) / CLEAR_MARGIN, 0.0, 1.0)
    return pd.DataFrame(
        {
            "onet_soc_code": codes,
            "matched_title": matched,
            "match_score": np.round(match, 4),
            "runner_up_score": np.round(np.minimum(runner_up, 1.0), 4),
            "confidence": np.round(match * (0.5 + 0.5 * margin), 4),
        }
    )


def _top_candidates(index: OccupationTitleIndex, queries: sp.csr_matrix) -> np.ndarray:
    """The ``CANDIDATES_PER_TITLE`` entries with the highest rare-gram score per row (-1 pads); rows with
    fewer than ``MIN_CANDIDATE_GRAMS`` rare grams are scored with all their grams."""
    rare_part = (queries @ sp.diags(index.rare_gram.astype(np.float32))).tocsr()
    rare_part.eliminate_zeros()
    result = _row_top_k((queries @ index.candidate_t).tocsr(), CANDIDATES_PER_TITLE)
    few = np.flatnonzero(np.diff(rare_part.indptr) < MIN_CANDIDATE_GRAMS)
    if len(few):
        result[few] = _row_top_k((queries[few] @ index.matrix_t).tocsr(), CANDIDATES_PER_TITLE)
    return result


def _row_top_k(scores: sp.csr_matrix, k: int) -> np.ndarray:
    """Column ids of each row's ``k`` largest values, best first, -1 where a row has fewer. Values below
    ``CANDIDATE_SHARE_OF_BEST`` of their row's best are dropped first, so one sort handles what is left."""
    scores.eliminate_zeros()
    row_count = scores.shape[0]
    row_of = np.repeat(np.arange(row_count), np.diff(scores.indptr))
    row_best = np.zeros(row_count, dtype=scores.data.dtype)
    filled = np.flatnonzero(np.diff(scores.indptr) > 0)
    if len(filled):
        row_best[filled] = np.maximum.reduceat(scores.data, scores.indptr[filled])
    kept = np.flatnonzero(scores.data >= CANDIDATE_SHARE_OF_BEST * row_best[row_of])
    relative = scores.data[kept] / np.maximum(row_best[row_of[kept]], 1e-12)
    order = kept[np.argsort(row_of[kept] + (1.0 - 0.999 * relative), kind="stable")]
    starts = np.searchsorted(row_of[order], np.arange(row_count))
    rank = np.arange(len(order)) - starts[row_of[order]]
    chosen = order[rank < k]
    result = np.full((row_count, k), -1, dtype=np.int64)
    result[row_of[chosen], rank[rank < k]] = scores.indices[chosen]
    return result


# Interactive search ---------------------------------------------------------------------------------------

SEARCH_COLUMNS = ["onet_soc_code", "title", "matched_title", "matched_kind", "score"]


def search_titles(index: OccupationTitleIndex, query: str, limit: int = 15) -> pd.DataFrame:
    """Ranked occupations for what a person typed (columns ``SEARCH_COLUMNS``, score 0-100); each row is named
    by its own occupation's title, and says which O*NET title matched and of which kind (``KIND_NAMED``).

    A SOC or O*NET-SOC code (``CODE_QUERY``) lists that code first and the rest of its SOC group. Otherwise every O*NET
    title is scored exactly (cosine, times its kind's weight); each occupation keeps its best title. Queries
    of three characters or fewer ("RN") match whole words only. A misspelt word ("machinst", "drvr") is also
    read as its closest word of an O*NET title (``spelling_corrected``), and a title scores the better of the
    two readings, the corrected one times how alike the words are. The occupations within ``TIE_POINTS`` of the
    best are ordered by SOC level (over O*NET breakouts), then by how many of their titles match
    ("home health": Home Health Aides has many such titles), then score and national employment.
    """
    code = CODE_QUERY.match(query.strip())
    if code:
        return _code_matches(index, code.group(1), limit)
    wanted = normalize(query)
    if not wanted:
        return pd.DataFrame(columns=SEARCH_COLUMNS)
    scores = _query_scores(index, wanted)
    if len(wanted) <= SHORT_QUERY_CHARS:
        scores = _whole_word_only(index, wanted, scores)
    corrected, likeness = spelling_corrected(index, wanted)
    if corrected != wanted:
        scores = np.maximum(scores, _query_scores(index, corrected) * likeness)
    hits = np.flatnonzero(scores >= MIN_SEARCH_SCORE)
    if not len(hits):
        return pd.DataFrame(columns=SEARCH_COLUMNS)
    return _rank_occupations(index, hits, scores[hits], limit)


def spelling_corrected(index: OccupationTitleIndex, wanted: str) -> tuple[str, float]:
    """``wanted`` (normalised) with each word of ``SPELLING_MIN_CHARS`` or more that no O*NET title has replaced
    by the most alike word one has (the most common among equals), and how alike the text stays (the product
    of the replaced words' ratios, 0-1; 1 when nothing was replaced). Three-gram scoring alone forgives a typo
    in a long word ("electrcian") but loses a short word's few grams ("weldr" would match "Dr")."""
    words, likeness = wanted.split(), 1.0
    for position, word in enumerate(words):
        if len(word) < SPELLING_MIN_CHARS or word.isdigit() or "w:" + word in index.vocabulary:
            continue
        found = process.extractOne(word, index.known_words, scorer=fuzz.ratio, score_cutoff=SPELLING_MIN_RATIO)
        if found is not None:
            words[position], likeness = found[0], likeness * found[1] / 100
    return " ".join(words), likeness


def _query_scores(index: OccupationTitleIndex, text: str) -> np.ndarray:
    """Cosine of one normalised text with every O*NET title: the same arithmetic as ``vectorize`` followed by
    a product with the index, done on the index's posting lists directly (no sparse matrix to build)."""
    columns, unknown = [], 0.0
    for feature in set(_features(text)):
        column = index.vocabulary.get(feature)
        if column is None:
            unknown += _unknown_weight(index, feature) ** 2
        else:
            columns.append(column)
    weights = index.idf[columns].astype(np.float64)
    norm = np.sqrt(float(np.dot(weights, weights)) + unknown)
    if not columns or norm == 0:
        return np.zeros(len(index.entries))
    transposed = index.matrix_t
    starts, ends = transposed.indptr[columns], transposed.indptr[np.asarray(columns) + 1]
    entries = np.concatenate([transposed.indices[a:b] for a, b in zip(starts, ends)])
    values = np.concatenate([transposed.data[a:b] * w for a, b, w in zip(starts, ends, weights)])
    return np.bincount(entries, weights=values, minlength=len(index.entries)) / norm


def _whole_word_only(index: OccupationTitleIndex, wanted: str, scores: np.ndarray) -> np.ndarray:
    column = index.vocabulary.get("w:" + wanted)
    if column is None:
        return np.zeros_like(scores)
    having = index.matrix_t.indices[index.matrix_t.indptr[column] : index.matrix_t.indptr[column + 1]]
    kept = np.zeros_like(scores)
    kept[having] = scores[having]
    return kept


def _rank_occupations(index: OccupationTitleIndex, hits: np.ndarray, hit_scores: np.ndarray, limit: int):
    if len(hits) > MAX_SEARCH_TITLES:
        keep = np.argpartition(-hit_scores, MAX_SEARCH_TITLES)[:MAX_SEARCH_TITLES]
        hits, hit_scores = hits[keep], hit_scores[keep]
    counts = index.pair_start[hits + 1] - index.pair_start[hits]
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    rows = np.repeat(index.pair_start[hits], counts) + np.arange(counts.sum()) - offsets
    occupation = index.pair_occupation[rows]
    score = np.repeat(hit_scores, counts) * index.pair_weight[rows] * 100
    order = np.argsort(-score, kind="stable")
    firsts, where = np.unique(occupation[order], return_index=True)
    best_rows, best_score = rows[order][where], score[order][where]
    support_floor = min(SUPPORT_SCORE * 100, SUPPORT_SHARE_OF_BEST * best_score.max())
    support = np.bincount(occupation[score >= support_floor], minlength=len(index.occupation_code))[firsts]
    soc_level = index.occupation_soc_level[firsts]
    employment = index.occupation_employment[firsts]
    band = np.where(best_score >= best_score.max() - TIE_POINTS, np.inf, np.round(best_score / TIE_POINTS))
    ranked = np.lexsort((-employment, -best_score, -support, ~soc_level, -band))[:limit]
    chosen = firsts[ranked]
    return pd.DataFrame(
        {
            "onet_soc_code": index.occupation_code[chosen],
            "title": index.occupation_title[chosen],
            "matched_title": index.pair_text[best_rows[ranked]],
            "matched_kind": index.pair_kind[best_rows[ranked]],
            "score": np.round(best_score[ranked].astype(np.float64), 1),
        },
        columns=SEARCH_COLUMNS,
    )


def _code_matches(index: OccupationTitleIndex, code: str, limit: int) -> pd.DataFrame:
    digits = code.replace("-", "")
    soc = f"{digits[:2]}-{digits[2:6]}"
    found = np.flatnonzero((index.occupation_code == code) | (index.occupation_soc == soc))
    found = found[np.lexsort((index.occupation_code[found], index.occupation_code[found] != code))][:limit]
    codes = index.occupation_code[found]
    return pd.DataFrame(
        {
            "onet_soc_code": codes,
            "title": index.occupation_title[found],
            "matched_title": codes,
            "matched_kind": np.full(len(found), "code", dtype=object),
            "score": np.full(len(found), 100.0),
        },
        columns=SEARCH_COLUMNS,
    )


# Accuracy -------------------------------------------------------------------------------------------------


def accuracy_on_reported_titles(con: duckdb.DuckDBPyConnection) -> dict:
    """Code O*NET's Sample of Reported Titles with an index that holds them out, and count how often the coded
    occupation is one O*NET lists for that title (``exact``) or is in the same 6-digit SOC occupation
    (``same_soc``), overall and by confidence band (so a threshold can be read off).

    Held out means not searchable at all: O*NET also publishes every reported title among its alternate
    titles (source "02"), so the index is built without the reported titles and without any title of another
    kind written the same way (case and spacing aside). Each reported title must be found through other
    titles; an official title that differs only by its plural ("Bakers" for "Baker") stays, as it would for
    a real posting.
    """
    kinds = tuple(kind for kind in ALL_KINDS if kind != HELD_OUT_KIND)
    reported = query_df(con, "SELECT onet_soc_code, reported_job_title AS title FROM raw_onet_reported_titles")
    index = build_title_index(con, kinds, held_out=reported.title)
    labels = reported.groupby("title").onet_soc_code.agg(set)
    coded = code_titles(index, list(labels.index)).set_index("title")
    coded["labels"] = labels.loc[coded.index]
    coded["exact"] = [code in wanted for code, wanted in zip(coded.onet_soc_code, coded.labels)]
    coded["same_soc"] = [
        code is not None and code[:7] in {w[:7] for w in wanted}
        for code, wanted in zip(coded.onet_soc_code, coded.labels)
    ]
    bands = pd.cut(coded.confidence, [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001], right=False)
    by_band = coded.groupby(bands, observed=True).agg(titles=("exact", "size"), exact=("exact", "mean"))
    return {
        "index_kinds": list(kinds),
        "titles": int(len(coded)),
        "exact": round(float(coded.exact.mean()), 4),
        "same_soc": round(float(coded.same_soc.mean()), 4),
        "index_titles": int(len(index.entries)),
        "by_confidence": [
            {"confidence": str(band), "titles": int(row.titles), "exact": round(float(row.exact), 4)}
            for band, row in by_band.iterrows()
        ],
    }
