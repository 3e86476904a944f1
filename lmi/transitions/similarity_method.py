"""How alike two occupations are, from O*NET descriptors: the method, run at build time.

The ETL step (etl/steps/step_30_occupation_similarity.py) scores every pair of occupations with it
and keeps each occupation's nearest in ``out_occupation_similarity``; the app reads that table
through ``lmi.transitions.neighbours``. The self-assessment (``lmi.transitions.self_assessment``)
reuses the calibration. The method, shown on the Career transitions page (``method_text``) and
checked in bench/bench_transitions.py:

1. Eleven **components**, each a similarity between two occupations' O*NET descriptors:

   ============================  ==========================================================  ======
   component                     what is compared                                            weight
   ============================  ==========================================================  ======
   skills                        35 skills: profile of importance x level (Pearson r)        1.0
   knowledge                     33 knowledge areas: importance profile (Pearson r)          3.0
   work_activities               41 generalized work activities: importance x level (r)      0.25
   detailed_work_activities      ~2,000 DWAs: shared activities, rare ones and ones behind   0.25
                                 many of the occupation's tasks count more (cosine, TF-IDF)
   tasks                         wording of the occupation's task statements (cosine,        3.0
                                 TF-IDF of words used by 2+ and at most half of occupations)
   interests                     RIASEC interest profile (Pearson r)                         2.0
   work_styles                   16 work styles: importance profile (Pearson r)              0.5
   titles                        words of the O*NET title and alternate titles (cosine,      4.0
                                 TF-IDF of words used by 2+ and at most half of occupations)
   occupation_group              levels of the SOC hierarchy shared (major, minor, broad,    0.5
                                 detailed: 0-4)
   abilities                     52 abilities: importance x level (r); full release only     1.0
   work_context                  57 work context items: profile (r); full release only       1.0
   ============================  ==========================================================  ======

   Skills, knowledge and abilities are "what you know and can do"; work activities, DWAs and task
   statements "what you do"; interests and work styles "how you work"; work context "how and with
   whom you work"; titles and the SOC group "what the job is called". Profiles are compared by their
   shape (correlation), so an occupation rated higher across the board is not "more similar" to
   everything. Alternate titles are the names under which the job is advertised and known (O*NET
   gathers them from job postings, incumbents and other classifications), so "nurse" or "welder" in
   both lists is evidence of similar work; the SOC group is where the federal classification, built on the work performed,
   puts the two. The SOC group is not named as a reason in the "why it ranks here" sentence
   (``Component.in_why``). Abilities and work context come only with a downloaded full O*NET
   release (``python -m etl download``); the shipped snapshot lacks them, so on it every pair is
   compared on the other nine.

2. Every component is put on one **scale of rarity**, so they can be added: among all pairs of
   O*NET occupations, what share is more alike than these two on this component? The score is
   ``20 x log10(1 / share)``: 20 = only 1 in 10 pairs is more alike, 40 = 1 in 100,
   60 = 1 in 1,000, 80 = 1 in 10,000, 100 = 1 in 100,000 or fewer. Raw correlations mean
   different things in different components (most knowledge profiles correlate above 0.8, most
   DWA sets share almost nothing); this calibration makes a point mean the same everywhere.

3. The component scores are combined by their weighted mean, over the components both
   occupations have (O*NET has not rated skills, knowledge or work activities for some
   occupations; those are compared on the rest, and the result says so).

4. The **similarity** puts that mean back on the rarity scale, so it reads like a component:
   similarity 40 = only 1 in 100 pairs of occupations has a higher weighted mean. It is a monotone
   function of the mean, so it orders targets exactly as the mean does.

Weights: starting from equal weights, the weights were tuned by coordinate search (each weight
tried at each value of ``TUNING_GRID``, in up to ``TUNING_PASSES`` passes) to maximise agreement
with O*NET's own expert list of related occupations (Primary-Short + Primary-Long) on a random
half of the occupations (``TUNING_SEED``, ``lmi.transitions.onet_agreement.tuning_halves``); the
other half is held out and only measured. O*NET's related occupations are never read by the score
itself; they are only the yardstick. Abilities and work context could not be tuned (the shipped
snapshot lacks them) and keep the starting weight 1. bench/bench_transitions.py reproduces the
tuning and reports recall@10 on all occupations and on the held-out half (0.612 held out, 0.639
on the tuning half, against 0.566 and 0.582 before titles and the SOC group were added). The
weights saw only the tuning half; which components to add was decided while looking at the
agreement of each candidate on all occupations (titles alone 0.48, SOC group alone 0.29; candidates
left out because they did not raise the tuning half's agreement: technology skills, occupation
descriptions, IWAs, knowledge importance x level, education and job zone distances), so the held-out half is not wholly untouched by that choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from lmi.i18n import N_, _

TUNING_SEED = 7  # which half of the occupations the weights were tuned on (bench/bench_transitions.py)
TUNING_GRID = (0, 0.25, 0.5, 1, 1.5, 2, 3, 4)  # the values each weight was tried at
TUNING_PASSES = 3  # passes over the components, stopping early when a pass changes nothing
POINTS_PER_DECADE = 20.0  # 20 points each time a match is ten times rarer
MAX_SCORE = 100.0
MIN_SHARE = 10 ** (-MAX_SCORE / POINTS_PER_DECADE)  # 1 in 100,000: the score stops at 100
CALIBRATION_BINS = 65_536
NEIGHBOURS_KEPT = 50  # per occupation, in out_occupation_similarity


@dataclass(frozen=True)
class Component:
    """One component of the similarity; ``label``, ``group`` and ``compares`` are English, marked for the
    catalog: ``words`` gives them in the visitor's language."""

    key: str
    label: str
    group: str
    weight: float
    compares: str
    in_why: bool = True  # named in the "why it ranks here" sentence (a shared SOC group is not a reason)

    def words(self) -> dict[str, str]:
        """{"label", "group", "compares"} in the visitor's language."""
        return {"label": _(self.label), "group": _(self.group), "compares": _(self.compares)}


COMPONENTS: tuple[Component, ...] = (
    Component(
        "skills",
        N_("Skills"),
        N_("What you know and can do"),
        1.0,
        N_("35 O*NET skills: the profile of importance x level"),
    ),
    Component(
        "knowledge",
        N_("Knowledge"),
        N_("What you know and can do"),
        3.0,
        N_("33 O*NET knowledge areas: the importance profile"),
    ),
    Component(
        "work_activities",
        N_("Work activities"),
        N_("What you do"),
        0.25,
        N_("41 generalized work activities: the profile of importance x level"),
    ),
    Component(
        "detailed_work_activities",
        N_("Detailed work activities"),
        N_("What you do"),
        0.25,
        N_("about 2,000 detailed work activities: those both occupations perform (rarer ones count more)"),
    ),
    Component(
        "tasks",
        N_("Task statements"),
        N_("What you do"),
        3.0,
        N_("the words of the occupations' task statements (words common to most occupations ignored)"),
    ),
    Component(
        "interests",
        N_("Interests"),
        N_("How you work"),
        2.0,
        N_("the six RIASEC interests (Realistic, Investigative, Artistic, Social, Enterprising, Conventional)"),
    ),
    Component(
        "work_styles",
        N_("Work styles"),
        N_("How you work"),
        0.5,
        N_("16 work styles such as attention to detail, cooperation, stress tolerance: the importance profile"),
    ),
    Component(
        "titles",
        N_("Job titles"),
        N_("What the job is called"),
        4.0,
        N_(
            "the words of the occupation's O*NET title and the alternate titles employers and workers use for it "
            "(words common to many occupations ignored)"
        ),
    ),
    Component(
        "occupation_group",
        N_("Occupation group"),
        N_("What the job is called"),
        0.5,
        N_(
            "how much of the Standard Occupational Classification the two share: major group, minor group, "
            "broad occupation, detailed occupation"
        ),
        in_why=False,
    ),
    Component(
        "abilities",
        N_("Abilities"),
        N_("What you know and can do"),
        1.0,
        N_("52 O*NET abilities: the profile of importance x level (a downloaded full O*NET release only)"),
    ),
    Component(
        "work_context",
        N_("Work context"),
        N_("How and with whom you work"),
        1.0,
        N_(
            "57 work context items (contact with others, teamwork, physical conditions, schedules): the profile "
            "(a downloaded full O*NET release only)"
        ),
    ),
)
COMPONENT_KEYS = tuple(c.key for c in COMPONENTS)
WEIGHTS = {c.key: c.weight for c in COMPONENTS}
SCORE_COLUMNS = tuple(f"{key}_score" for key in COMPONENT_KEYS)


# --------------------------------------------------------------------------- inputs and profiles


@dataclass(frozen=True)
class DescriptorInputs:
    """Everything the similarity needs, as long columns (DataFrames or dicts of numpy arrays)
    keyed by ``row``, the occupation's position in ``codes`` (O*NET-SOC codes, which also give the
    occupation group).

    ``ratings``: row, domain, element (0-based within the domain), importance, level.
    ``interests``: row, element, score_1_to_7. ``dwa_tasks``, ``task_terms`` and ``title_terms``: row, item,
    count, one line per (row, item): the number of the occupation's tasks linked to a DWA, and how often
    a word occurs in its task statements or in its titles. ``work_context``: row, element,
    context_score_pct (empty unless a downloaded full release has Work Context; abilities likewise come as
    ratings of domain ``ability``). The ETL step (etl/steps/step_30_*) reads them."""

    codes: list[str]
    ratings: Mapping[str, np.ndarray]
    interests: Mapping[str, np.ndarray]
    dwa_tasks: Mapping[str, np.ndarray]
    task_terms: Mapping[str, np.ndarray]
    title_terms: Mapping[str, np.ndarray] = field(default_factory=lambda: empty_long(("row", "item", "count")))
    work_context: Mapping[str, np.ndarray] = field(
        default_factory=lambda: empty_long(("row", "element", "context_score_pct"))
    )


def empty_long(columns: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Long columns with no lines (a descriptor the database lacks)."""
    return {column: np.array([], dtype=np.int64) for column in columns}


def pivot(frame: Mapping[str, np.ndarray], n_rows: int, value: str) -> np.ndarray:
    """Occupations x elements matrix from long (row, element, value) lines; NaN where absent."""
    rows, elements = np.asarray(frame["row"]), np.asarray(frame["element"])
    matrix = np.full((n_rows, int(elements.max()) + 1 if len(elements) else 0), np.nan)
    matrix[rows, elements] = np.asarray(frame[value], dtype=np.float64)
    return matrix


def pearson(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pearson correlation of every pair of rows (profile shape) and which rows have a profile.
    A missing element (rare) takes the element's mean over occupations."""
    available = ~np.all(np.isnan(matrix), axis=1)
    if not available.any():
        return np.zeros(pair_count(len(matrix)), dtype=np.float32), available
    filled = np.where(np.isnan(matrix), np.nanmean(matrix[available], axis=0, keepdims=True), matrix)
    filled[~available] = 0.0
    return upper_pairs(cosine(filled - filled.mean(axis=1, keepdims=True))), available


def cosine(matrix: np.ndarray) -> np.ndarray:
    """Cosine similarity between the rows (float32: plenty for ranking, half the memory)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = matrix / np.where(norms == 0, 1.0, norms)
    return unit @ unit.T


def pair_count(n: int) -> int:
    return n * (n - 1) // 2


@lru_cache(maxsize=4)
def _upper_flat(n: int) -> np.ndarray:
    rows, cols = np.triu_indices(n, k=1)
    return rows * n + cols


def upper_pairs(matrix: np.ndarray) -> np.ndarray:
    """The values of every distinct pair (i < j) of a square matrix, in ``np.triu_indices`` order."""
    return matrix.ravel()[_upper_flat(len(matrix))]


def pair_index(i: np.ndarray, j: np.ndarray, n: int) -> np.ndarray:
    """Position of pair (i, j), i != j, in ``np.triu_indices(n, k=1)`` order."""
    low, high = np.minimum(i, j), np.maximum(i, j)
    return low * (2 * n - low - 1) // 2 + (high - low - 1)


def tf_idf_cosine(
    frame: Mapping[str, np.ndarray], n_rows: int, min_occupations: int = 2, max_share: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarity of every pair's TF-IDF vectors, built from long (row, item, count) lines.

    Weight of an item for an occupation: (1 + ln count) x ln(N / occupations having the item).
    Items fewer than ``min_occupations`` share cannot make two occupations alike, and items more
    than ``max_share`` of occupations have say little; both are dropped."""
    rows = np.asarray(frame["row"])
    items = pd.factorize(np.asarray(frame["item"]))[0]  # any item ids (strings, hashes) -> 0..k-1
    counts = np.asarray(frame["count"], dtype=np.float64)
    spread = np.bincount(items)[items] if len(items) else items
    kept = (spread >= min_occupations) & (spread <= max_share * n_rows)
    rows, items, counts, spread = rows[kept], items[kept], counts[kept], spread[kept]
    weights = (1.0 + np.log(np.maximum(counts, 1.0))) * np.log(n_rows / spread)
    norms = np.sqrt(np.bincount(rows, weights=weights**2, minlength=n_rows))
    unit = weights / np.where(norms[rows] > 0, norms[rows], 1.0)
    return sparse_pair_products(rows, items, unit, n_rows), norms > 0


def sparse_pair_products(
    rows: np.ndarray, cols: np.ndarray, values: np.ndarray, n_rows: int, dense_above: int = 20
) -> np.ndarray:
    """Dot products of every pair of rows of a sparse matrix given as distinct (row, col, value).

    Columns many rows share go through one dense matrix product; the many columns only a few
    rows share are summed pair by pair (about 160,000 products for task words instead of a
    7,000-column dense product), which keeps the ETL step fast."""
    result = np.zeros(pair_count(n_rows), dtype=np.float64)
    if not len(rows):
        return result.astype(np.float32)
    spread = np.bincount(cols)
    dense = spread[cols] > dense_above
    if dense.any():
        dense_cols, labels = pd.factorize(cols[dense])
        matrix = np.zeros((n_rows, len(labels)), dtype=np.float32)
        matrix[rows[dense], dense_cols] = values[dense]
        result += upper_pairs(matrix @ matrix.T)
    rows, cols, values = rows[~dense], cols[~dense], values[~dense]
    if len(rows):
        order = np.lexsort((rows, cols))  # by column, rows ascending within a column
        rows, cols, values = rows[order], cols[order], values[order]
        start = np.searchsorted(cols, cols)
        later = start + spread[cols] - 1 - np.arange(len(cols))  # entries after this one in its column
        left = np.repeat(np.arange(len(cols)), later)
        right = left + 1 + (np.arange(len(left)) - np.repeat(np.cumsum(later) - later, later))
        result += np.bincount(
            pair_index(rows[left], rows[right], n_rows), weights=values[left] * values[right], minlength=len(result)
        )
    return result.astype(np.float32)


def rating_profile(ratings: Mapping[str, np.ndarray], n_rows: int, domain: str, weighting: str) -> np.ndarray:
    """``importance`` or ``importance x level`` per element of one O*NET domain."""
    chosen = np.asarray(ratings["domain"]) == domain
    part = {column: np.asarray(ratings[column])[chosen] for column in ("row", "element", "importance", "level")}
    importance = pivot(part, n_rows, "importance")
    if weighting == "importance":
        return importance
    return importance * pivot(part, n_rows, "level")


def component_similarities(inputs: DescriptorInputs) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Raw similarity of every pair (``np.triu_indices`` order) and which occupations have the
    component, for every component (see module docstring)."""
    n, ratings = len(inputs.codes), inputs.ratings
    return {
        "skills": pearson(rating_profile(ratings, n, "skill", "importance_x_level")),
        "knowledge": pearson(rating_profile(ratings, n, "knowledge", "importance")),
        "work_activities": pearson(rating_profile(ratings, n, "work_activity", "importance_x_level")),
        "detailed_work_activities": tf_idf_cosine(inputs.dwa_tasks, n),
        "tasks": tf_idf_cosine(inputs.task_terms, n, max_share=0.5),
        "interests": pearson(pivot(inputs.interests, n, "score_1_to_7")),
        "work_styles": pearson(rating_profile(ratings, n, "work_style", "importance")),
        "titles": tf_idf_cosine(inputs.title_terms, n, max_share=0.5),
        "occupation_group": (shared_soc_levels(inputs.codes), np.ones(n, dtype=bool)),
        "abilities": pearson(rating_profile(ratings, n, "ability", "importance_x_level")),
        "work_context": pearson(pivot(inputs.work_context, n, "context_score_pct")),
    }


SOC_LEVELS = (2, 4, 6, 7)  # code prefixes: major group "29", minor "29-1", broad "29-114", detailed "29-1141"


def shared_soc_levels(codes: list[str]) -> np.ndarray:
    """For every pair, how many levels of the SOC hierarchy the two O*NET-SOC codes share (0-4)."""
    shared = np.zeros(pair_count(len(codes)), dtype=np.float32)
    for width in SOC_LEVELS:
        group = pd.factorize(np.array([code[:width] for code in codes], dtype=object))[0]
        shared += upper_pairs((group[:, None] == group[None, :]).astype(np.float32))
    return shared


# --------------------------------------------------------------------------- calibration


@dataclass(frozen=True)
class Calibration:
    """Maps a raw similarity to the rarity score 0-100 (module docstring, step 2)."""

    low: float
    high: float
    scores: np.ndarray  # score of each of CALIBRATION_BINS bins
    pairs: int

    @classmethod
    def fit(cls, values: np.ndarray) -> Calibration:
        """Fit on the raw similarities of distinct pairs of occupations."""
        values = np.asarray(values, dtype=np.float32)
        low, high = float(values.min()), float(values.max())
        counts = np.bincount(_bin(values, low, high), minlength=CALIBRATION_BINS)
        more_alike = np.cumsum(counts[::-1])[::-1] - counts  # pairs in higher bins
        share = np.maximum(more_alike / len(values), MIN_SHARE)
        scores = np.minimum(MAX_SCORE, POINTS_PER_DECADE * -np.log10(share)).astype(np.float32)
        return cls(low, high, scores, len(values))

    def score(self, values: np.ndarray) -> np.ndarray:
        """Scores of raw similarities; values beyond the fitted range take the end scores."""
        return self.scores[_bin(np.asarray(values, dtype=np.float32), self.low, self.high)]


def _bin(values: np.ndarray, low: float, high: float) -> np.ndarray:
    scale = (CALIBRATION_BINS - 1) / (high - low if high > low else 1.0)
    return np.clip((values - np.float32(low)) * np.float32(scale), 0, CALIBRATION_BINS - 1).astype(np.int32)


@dataclass(frozen=True)
class PairScores:
    """Component scores of every distinct pair (i < j), in ``np.triu_indices`` order."""

    codes: list[str]
    scores: dict[str, np.ndarray]  # component -> float32 scores, NaN where a side lacks it

    def square(self, values: np.ndarray) -> np.ndarray:
        """A full symmetric matrix from pair values (diagonal NaN)."""
        n = len(self.codes)
        matrix = np.full((n, n), np.nan, dtype=np.float32)
        rows, cols = np.triu_indices(n, k=1)
        matrix[rows, cols] = values
        matrix[cols, rows] = values
        return matrix


def score_pairs(inputs: DescriptorInputs) -> PairScores:
    """Calibrated scores of every component for every pair of occupations."""
    rows, cols = np.triu_indices(len(inputs.codes), k=1)
    scores = {}
    for key, (values, available) in component_similarities(inputs).items():
        scores[key] = calibrate(values, available[rows] & available[cols])
    return PairScores(list(inputs.codes), scores)


def calibrate(values: np.ndarray, fitted_on: np.ndarray) -> np.ndarray:
    """Rarity scores of pair similarities, fitted on (and NaN outside) the ``fitted_on`` pairs."""
    if not fitted_on.any():
        return np.full(len(values), np.nan, dtype=np.float32)
    calibration = Calibration.fit(values[fitted_on])
    scored = calibration.score(values)
    scored[~fitted_on] = np.nan
    return scored


def combine(scores: dict[str, np.ndarray], weights: dict[str, float] = WEIGHTS) -> np.ndarray:
    """Weighted mean of the component scores over the components both occupations have."""
    total = weight_sum = None
    for key, weight in weights.items():
        if weight == 0 or key not in scores:
            continue
        present = ~np.isnan(scores[key])
        part = np.where(present, np.float32(weight) * scores[key], np.float32(0))
        total = part if total is None else total + part
        weight_sum = present * np.float32(weight) if weight_sum is None else weight_sum + present * np.float32(weight)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight_sum > 0, total / weight_sum, np.float32(np.nan)).astype(np.float32)


def top_neighbours(pairs: PairScores, keep: int = NEIGHBOURS_KEPT, weights: dict[str, float] = WEIGHTS) -> pd.DataFrame:
    """The ``keep`` most similar occupations of each occupation: the similarity (step 4 of the
    method), the weighted mean it is calibrated from, and every component's score."""
    n = len(pairs.codes)
    keep = min(keep, n - 1)
    if keep < 1:
        return pd.DataFrame(
            columns=[
                "onet_soc_code",
                "target_onet_soc_code",
                "similarity_rank",
                "similarity_score",
                "weighted_component_mean",
                *SCORE_COLUMNS,
                "components_used",
            ]
        )
    mean = combine(pairs.scores, weights)
    similarity = calibrate(mean, ~np.isnan(mean))
    ordering = pairs.square(mean)  # rank by the uncapped mean (the similarity stops at 100)
    ordering = np.where(np.isnan(ordering), -np.inf, ordering)
    part = np.argpartition(-ordering, keep - 1, axis=1)[:, :keep]
    order = np.argsort(-np.take_along_axis(ordering, part, axis=1), axis=1, kind="stable")
    sources = np.repeat(np.arange(n), keep)
    targets = np.take_along_axis(part, order, axis=1).ravel()
    position = pair_index(sources, targets, n)
    codes = np.array(pairs.codes)
    frame = pd.DataFrame(
        {
            "onet_soc_code": codes[sources],
            "target_onet_soc_code": codes[targets],
            "similarity_rank": np.tile(np.arange(1, keep + 1, dtype=np.int16), n),
            "similarity_score": similarity[position],
            "weighted_component_mean": mean[position],
        }
    )
    used = np.zeros(len(frame), dtype=np.int8)
    for key in COMPONENT_KEYS:
        frame[f"{key}_score"] = pairs.scores[key][position]
        used += ~np.isnan(pairs.scores[key][position])
    frame["components_used"] = used
    return frame[frame.weighted_component_mean.notna()].reset_index(drop=True)


# --------------------------------------------------------------------------- the method in words

SCALE_EXAMPLES = (20.0, 40.0, 60.0)  # the scores the page explains the rarity scale with
_COUNT_WORDS = (
    N_("no"),
    N_("one"),
    N_("two"),
    N_("three"),
    N_("four"),
    N_("five"),
    N_("six"),
    N_("seven"),
    N_("eight"),
    N_("nine"),
    N_("ten"),
    N_("eleven"),
    N_("twelve"),
)


def one_in(score: float) -> float:
    """A score as rarity: one pair of occupations in this many is more alike (``10 ** (score / 20)``)."""
    return 10 ** (float(score) / POINTS_PER_DECADE)


def scale_words(scores: tuple[float, ...] = SCALE_EXAMPLES, top: bool = False) -> str:
    """ "20 = only 1 in 10 pairs of occupations is more alike, 40 = 1 in 100, 60 = 1 in 1,000", and with
    ``top`` where the scale stops (", 100 = 1 in 100,000 or fewer")."""
    first, *rest = scores
    parts = [
        _("{score:g} = only 1 in {count:,.0f} pairs of occupations is more alike").format(
            score=first, count=one_in(first)
        )
    ]
    parts += [_("{score:g} = 1 in {count:,.0f}").format(score=score, count=one_in(score)) for score in rest]
    if top:
        parts.append(_("{score:g} = 1 in {count:,.0f} or fewer").format(score=MAX_SCORE, count=one_in(MAX_SCORE)))
    return ", ".join(parts)


def method_text() -> str:
    """The similarity in a paragraph, from the components and the rarity scale (steps 1-4 above)."""
    count = len(COMPONENTS)
    example = SCALE_EXAMPLES[1]
    return _(
        "Two occupations are compared on {count} "
        "components of their O*NET descriptions. Each component is scored 0-{max_score:g} by rarity: among all "
        "pairs of O*NET occupations, the share that is more alike on it ({scale}). The components "
        "are combined by their weighted mean over the components both occupations have, and that mean is put back "
        "on the same scale: similarity {example:g} means only 1 in {example_count:,.0f} pairs of occupations has "
        "a higher weighted mean. Profiles are compared by their shape (correlation), so an occupation rated higher "
        "across the board is not closer to everything. Besides what the work involves, the words of the "
        "occupations' O*NET titles and alternate titles (the names employers and workers use) and how much of "
        "the Standard Occupational Classification they share count too. Abilities and work context (how and "
        "with whom you work) enter only when a full O*NET release has been downloaded; without them "
        "occupations are compared on the rest."
    ).format(
        count=_(_COUNT_WORDS[count]) if count < len(_COUNT_WORDS) else count,
        max_score=MAX_SCORE,
        scale=scale_words(top=True),
        example=example,
        example_count=one_in(example),
    )


def tuning_text(recall_at_k: float | None, k: int, held_out_recall_at_k: float | None = None) -> str:
    """How the weights were chosen, with the agreement the database now served reaches (``recall_at_k``:
    the share of O*NET's primary related occupations found in our top ``k``, from
    ``lmi.transitions.onet_agreement``), and on the held-out half alone where given
    (``onet_agreement.held_out_agreement``: the figure the tuning could not flatter)."""
    grid = _("{values} and {last:g}").format(
        values=", ".join(f"{value:g}" for value in TUNING_GRID[:-1]), last=TUNING_GRID[-1]
    )
    agreement = (
        _("Our top {k} currently hold {share:.0%} of O*NET's primary related occupations on average.").format(
            k=k, share=recall_at_k
        )
        if recall_at_k is not None
        else _("This database has no O*NET related occupations to measure the agreement with.")
    )
    if recall_at_k is not None and held_out_recall_at_k is not None:
        agreement += " " + _(
            "On the held-out half alone, the occupations the weights were not tuned on: {share:.0%}."
        ).format(share=held_out_recall_at_k)
    return _(
        "The weights were tuned (a coordinate search from equal weights, each weight tried at {grid}) to agree "
        "with O*NET's expert list of related occupations on a random half of the occupations; the other half is "
        "held out to check the agreement is not overfitted (see bench/bench_transitions.py). "
        "{agreement} O*NET's list is never read by the score."
    ).format(grid=grid, agreement=agreement)
