"""Career transitions: agreement with O*NET's related occupations (of the similarity ranking and of the
lists the page displays), ranking latency, ETL step time.

- ``recall_at_10``: for every occupation with an O*NET Related Occupations list, the share of its
  Primary-Short + Primary-Long occupations (10) found among our 10 most similar; averaged over
  all occupations. Reported for the shipped weights on all occupations and on the held-out half
  (the half the weights were *not* tuned on, ``lmi.transitions.similarity_method.TUNING_SEED``), for equal weights
  (no tuning at all), for each component alone, without the task-statement component, and for the
  baseline the issue quotes: plain cosine similarity of importance ratings (skills, knowledge,
  work activities). The tuning itself is re-run (coordinate search from equal weights on the
  tuning half, over ``TUNING_GRID`` in up to ``TUNING_PASSES`` passes) and its weights are compared with
  the shipped ones. Components the database has no data for (abilities and work context come only with
  a downloaded full O*NET release) cannot be tuned: they keep the starting weight and are listed.
  The split is ``lmi.transitions.onet_agreement.tuning_halves``: the same halves everywhere; O*NET's
  list is read here and in the tests only, never by the score.
- ``displayed_lists``: what a visitor sees. For every occupation with an O*NET list, the Career
  transitions ranking (``TransitionEngine.from_occupation`` with the default ``Thresholds``: similarity,
  job zone and education steps, pay, local jobs) in a region; its first 10 ranked targets against
  O*NET's 10 primary related occupations. Reported per region, for the nation, two states, two large
  metros, a mid-sized metro (Hartford), two small metros (Springfield, MO and Bangor, ME) and two
  nonmetropolitan areas (``DISPLAY_REGIONS``), and per region type (the mean over its regions):
  recall@10 of the displayed list on all occupations and on the held-out half, recall among the
  non-empty lists only, the share of occupations whose displayed list is empty (no target passes the
  thresholds, or BLS publishes nothing in the region for any candidate) and the mean list length.
  The displayed lists depend on the ranking (lmi/transitions/ranking.py) as it stands when measured.
- ``ranking_latency``: warm ``TransitionEngine.from_occupation`` for random (occupation, region)
  pairs over the nation, states and metro areas; p50/p95 over all calls, and separately for the
  calls that were the first in their region (which read the region's rows of the demand model,
  ``out_occupation_demand``). Each ranking includes counting every BLS group figure once.
- ``etl``: ``step_30_occupation_similarity.run`` on a built database (table dropped and
  rebuilt), also in a process with single-threaded OpenBLAS, and the whole build beside a bare
  Parquet load of the snapshot (as bench_etl).

    python -m bench.bench_transitions [--repeat 7] [--rankings 400] [--parts agreement displayed latency etl]

``--parts`` measures only some parts; the others are carried over from the last results file (each
part keeps its own ``measured_utc``), so a quick latency check does not redo the ETL timings.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np

from bench.bench_etl import bare_load
from bench.common import RESULTS_DIR, summarize_ms, time_once, write_results
from etl.build import build_database
from etl.snapshot import SHIPPED_SNAPSHOT
from etl.steps import step_30_occupation_similarity as similarity_step
from lmi.transitions import similarity_method
from lmi.transitions.onet_agreement import agreement_with_onet, onet_primary_lists, tuning_halves
from lmi.transitions.ranking import NoRegionalDataError, Thresholds, TransitionEngine

K = 10
PROJECT_ROOT = Path(__file__).resolve().parent.parent
PARTS = ("agreement", "displayed", "latency", "etl")
RESULT_KEYS = {
    "agreement": "agreement_with_onet",
    "displayed": "displayed_lists",
    "latency": "ranking_latency",
    "etl": "etl",
}
# regions of each type the displayed lists are measured in (OEWS area codes)
DISPLAY_REGIONS = (
    ("national", "0000000"),  # the nation
    ("state", "0900000"),  # Connecticut
    ("state", "2900000"),  # Missouri
    ("large_metro", "0035620"),  # New York-Newark-Jersey City, NY-NJ
    ("large_metro", "0016980"),  # Chicago-Naperville-Elgin, IL-IN
    ("mid_metro", "0025540"),  # Hartford-West Hartford-East Hartford, CT
    ("small_metro", "0044180"),  # Springfield, MO
    ("small_metro", "0012620"),  # Bangor, ME
    ("nonmetro", "2900004"),  # Southwest Missouri nonmetropolitan area
    ("nonmetro", "0900001"),  # Connecticut nonmetropolitan area
)


# --------------------------------------------------------------------------- agreement


def onet_lists(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    return onet_primary_lists(con)


def recall_at_k(
    matrix: np.ndarray, codes: list[str], truth: dict[str, set[str]], subset: set[str] | None = None, k: int = K
) -> float:
    """Mean share of O*NET's list found in our top k (self and NaN excluded)."""
    scores = np.where(np.isnan(matrix), -np.inf, matrix)
    np.fill_diagonal(scores, -np.inf)
    top = np.argpartition(-scores, k, axis=1)[:, :k]
    position = {code: i for i, code in enumerate(codes)}
    recalls = [
        len({codes[j] for j in top[position[code]]} & related) / len(related)
        for code, related in truth.items()
        if code in position and (subset is None or code in subset)
    ]
    return float(np.mean(recalls))


def halves(truth: dict[str, set[str]], seed: int) -> tuple[set[str], set[str]]:
    """The tuning half and the held-out half of the occupations (fixed seed; the library's split)."""
    return tuning_halves(truth, seed)


def tunable(pairs: similarity_method.PairScores) -> list[str]:
    """The components this database has data for (a component no pair has cannot be tuned)."""
    return [key for key in similarity_method.COMPONENT_KEYS if not np.isnan(pairs.scores[key]).all()]


def tune(pairs: similarity_method.PairScores, truth: dict[str, set[str]], tuning_half: set[str]) -> tuple[dict, float]:
    """Coordinate search from equal weights, each weight over TUNING_GRID, on the tuning half only."""
    weights = {key: 1.0 for key in similarity_method.COMPONENT_KEYS}

    def score(w):
        return recall_at_k(pairs.square(similarity_method.combine(pairs.scores, w)), pairs.codes, truth, tuning_half)

    best = score(weights)
    for _ in range(similarity_method.TUNING_PASSES):
        improved = False
        for key in tunable(pairs):
            for value in similarity_method.TUNING_GRID:
                trial = {**weights, key: float(value)}
                result = score(trial)
                if result > best + 1e-9:
                    best, weights, improved = result, trial, True
        if not improved:
            break
    return weights, best


def baseline_importance_cosine(con: duckdb.DuckDBPyConnection, codes: list[str]) -> np.ndarray:
    """Plain cosine of importance ratings (skills, knowledge, work activities concatenated)."""
    frame = con.execute("""SELECT onet_soc_code, domain || element_id AS element, importance FROM core_occupation_rating
                           WHERE domain IN ('skill', 'knowledge', 'work_activity')""").df()
    wide = frame.pivot_table(index="onet_soc_code", columns="element", values="importance").reindex(codes).fillna(0)
    matrix = wide.to_numpy(dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = matrix / np.where(norms == 0, 1, norms)
    result = unit @ unit.T
    result[norms[:, 0] == 0] = np.nan
    return result


def agreement(con: duckdb.DuckDBPyConnection) -> dict:
    truth = onet_lists(con)
    inputs = similarity_step.load_inputs(con)
    pairs = similarity_method.score_pairs(inputs)
    codes = pairs.codes
    tuning_half, held_out = halves(truth, similarity_method.TUNING_SEED)

    def recall(weights, subset=None):
        return round(
            recall_at_k(pairs.square(similarity_method.combine(pairs.scores, weights)), codes, truth, subset), 4
        )

    equal = {key: 1.0 for key in similarity_method.COMPONENT_KEYS}
    tuned, tuned_train = tune(pairs, truth, tuning_half)
    without_tasks = {**similarity_method.WEIGHTS, "tasks": 0.0}
    without_names = {**similarity_method.WEIGHTS, "titles": 0.0, "occupation_group": 0.0}
    compared = tunable(pairs)
    return {
        "definition": "mean over occupations of |our top 10 ∩ O*NET Primary-Short+Primary-Long| / |O*NET list|",
        "occupations_all": len([c for c in truth if c in set(codes)]),
        "occupations_held_out": len(held_out),
        "shipped_weights": similarity_method.WEIGHTS,
        "recall_at_10_all": recall(similarity_method.WEIGHTS),
        "recall_at_10_held_out": recall(similarity_method.WEIGHTS, held_out),
        "recall_at_10_tuning_half": recall(similarity_method.WEIGHTS, tuning_half),
        "recall_at_10_from_database": round(agreement_with_onet(con)["recall_at_k"], 4),
        "recall_at_10_held_out_from_database": round(agreement_with_onet(con, K, held_out)["recall_at_k"], 4),
        "recall_at_10_equal_weights_all": recall(equal),
        "recall_at_10_equal_weights_held_out": recall(equal, held_out),
        "recall_at_10_without_task_statements_all": recall(without_tasks),
        "recall_at_10_without_titles_and_group_held_out": recall(without_names, held_out),
        "recall_at_10_each_component_alone": {key: recall({key: 1.0}) for key in compared},
        "components_without_data": [key for key in similarity_method.COMPONENT_KEYS if key not in compared],
        "baseline_importance_cosine_all": round(recall_at_k(baseline_importance_cosine(con, codes), codes, truth), 4),
        "retuned": {
            "seed": similarity_method.TUNING_SEED,
            "grid": list(similarity_method.TUNING_GRID),
            "weights": tuned,
            "tuned_components": compared,
            "recall_tuning_half": round(tuned_train, 4),
            "recall_held_out": recall(tuned, held_out),
            "matches_shipped_weights": tuned == {k: float(v) for k, v in similarity_method.WEIGHTS.items()},
        },
    }


# --------------------------------------------------------------------------- displayed lists


def displayed_list(engine: TransitionEngine, code: str, area_code: str, k: int = K) -> list[str] | None:
    """The first ``k`` targets the page ranks for ``code`` in the region with the default thresholds;
    None where the page shows no list at all (BLS publishes nothing there for any candidate)."""
    try:
        ranked = engine.from_occupation(code, area_code, Thresholds()).ranked
    except NoRegionalDataError:
        return None
    return ranked.sort_values("transition_rank").target_onet_soc_code.head(k).tolist()


def region_lists(engine: TransitionEngine, truth: dict[str, set[str]], area_code: str) -> dict[str, dict]:
    """Per occupation (with an O*NET list and descriptors): recall of the displayed list and its length."""
    measured = {}
    for code in sorted(truth):
        if not engine.neighbours.has(code):
            continue
        shown = displayed_list(engine, code, area_code)
        shown = shown or []
        measured[code] = {"recall": len(set(shown) & truth[code]) / len(truth[code]), "shown": len(shown)}
    return measured


def list_summary(measured: dict[str, dict], subset: set[str] | None = None) -> dict:
    """Mean recall (empty lists count 0), recall among non-empty lists, empty share, mean list length."""
    rows = [m for code, m in measured.items() if subset is None or code in subset]
    shown = [m for m in rows if m["shown"]]
    return {
        "occupations": len(rows),
        "recall_at_10": round(float(np.mean([m["recall"] for m in rows])), 4),
        "recall_at_10_non_empty_lists": round(float(np.mean([m["recall"] for m in shown])), 4) if shown else None,
        "empty_list_count": len(rows) - len(shown),
        "empty_list_share": round((len(rows) - len(shown)) / len(rows), 4),
        "mean_list_length": round(float(np.mean([m["shown"] for m in rows])), 2),
    }


def displayed_lists(con: duckdb.DuckDBPyConnection) -> dict:
    truth = onet_lists(con)
    _tuning_half, held_out = halves(truth, similarity_method.TUNING_SEED)
    engine = TransitionEngine(con)
    regions, by_type = [], {}
    for region_type, area_code in DISPLAY_REGIONS:
        measured = region_lists(engine, truth, area_code)
        regions.append(
            {
                "region_type": region_type,
                "area_code": area_code,
                "area_name": engine.place(area_code),
                "all": list_summary(measured),
                "held_out": list_summary(measured, held_out),
            }
        )
        by_type.setdefault(region_type, []).append(measured)
    return {
        "definition": (
            "the first 10 targets the Career transitions page ranks (default thresholds: "
            f"{Thresholds().describe()}) against O*NET's 10 primary related occupations; an empty list "
            "counts as recall 0; empty = no target passes the thresholds or BLS publishes nothing in the region"
        ),
        "thresholds": Thresholds().__dict__,
        "regions": regions,
        "by_region_type": {
            region_type: {
                "regions": len(lists),
                "all": _mean_summaries([list_summary(m) for m in lists]),
                "held_out": _mean_summaries([list_summary(m, held_out) for m in lists]),
            }
            for region_type, lists in by_type.items()
        },
    }


def _mean_summaries(summaries: list[dict]) -> dict:
    """The mean of each figure over a region type's regions."""
    keys = ("recall_at_10", "recall_at_10_non_empty_lists", "empty_list_share", "mean_list_length")
    return {
        key: round(float(np.mean([s[key] for s in summaries if s[key] is not None])), 4)
        for key in keys
        if any(s[key] is not None for s in summaries)
    }


# --------------------------------------------------------------------------- latency


def ranking_latency(con: duckdb.DuckDBPyConnection, rankings: int, seed: int = 1) -> dict:
    started = time.perf_counter()
    engine = TransitionEngine(con)
    load_s = time.perf_counter() - started
    codes = engine.neighbours.codes()
    areas = [
        r[0]
        for r in con.execute("""
        SELECT area_code FROM (SELECT area_code, area_kind FROM core_area
                               WHERE area_kind IN ('national', 'state', 'metro'))
        ORDER BY area_kind <> 'national', area_code""").fetchall()
    ]
    rng = random.Random(seed)
    regions = [areas[0]] + rng.sample(areas[1:], 29)
    engine.from_occupation(codes[0], regions[0])  # warm the code paths (imports, pandas)
    first, repeat, seen = [], [], {regions[0]}
    for _ in range(rankings):
        area = rng.choice(regions)
        code = rng.choice(codes)
        elapsed = time_once(lambda code=code, area=area: engine.from_occupation(code, area))
        (repeat if area in seen else first).append(elapsed)
        seen.add(area)
    return {
        "engine_load_s": round(load_s, 3),
        "regions": len(regions),
        "all": summarize_ms(first + repeat),
        "region_already_read": summarize_ms(repeat),
        "first_in_region": summarize_ms(first),
        "target_p95_ms": 20,
    }


# --------------------------------------------------------------------------- ETL


def etl_times(repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "lmi.duckdb"
        builds, bares = [], []
        for _ in range(repeat):
            bares.append(time_once(lambda: bare_load(SHIPPED_SNAPSHOT, Path(tmp) / "bare.duckdb")))
            builds.append(build_database(db, progress=lambda m: None).seconds)
        con = duckdb.connect(str(db))
        steps = []
        for _ in range(repeat):
            con.execute("DROP TABLE out_occupation_similarity")
            steps.append(time_once(lambda: similarity_step.run(con)))
        rows = con.execute("SELECT count(*) FROM out_occupation_similarity").fetchone()[0]
        con.close()
        single = _step_with_single_threaded_blas(db, repeat)
    build, bare = statistics.median(builds), statistics.median(bares)
    return {
        "step_s": {
            "median": round(statistics.median(steps), 3),
            "min": round(min(steps), 3),
            "all": [round(s, 3) for s in steps],
        },
        "step_s_single_threaded_blas": single,
        "out_occupation_similarity_rows": rows,
        "build_s": {"median": round(build, 3), "all": [round(s, 3) for s in builds]},
        "bare_load_s": {"median": round(bare, 3), "all": [round(s, 3) for s in bares]},
        "ratio_build_to_bare": round(build / bare, 2),
        "step_share_of_build": round(statistics.median(steps) / build, 3),
    }


STEP_TIMER = """
import statistics, sys, time, duckdb
from etl.steps import step_30_occupation_similarity as step
con = duckdb.connect(sys.argv[1])
times = []
for _ in range(int(sys.argv[2])):
    con.execute("DROP TABLE out_occupation_similarity")
    started = time.perf_counter(); step.run(con); times.append(time.perf_counter() - started)
print(statistics.median(times), min(times))
"""


def _step_with_single_threaded_blas(db: Path, repeat: int) -> dict:
    """The same step in a process whose OpenBLAS uses one thread: on a small, busy machine
    OpenBLAS's worker threads spin between the step's matrix products and slow the rest of it."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    out = subprocess.run(
        [sys.executable, "-c", STEP_TIMER, str(db), str(repeat)],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {"median": round(float(out[0]), 3), "min": round(float(out[1]), 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rankings", type=int, default=400)
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    args = parser.parse_args()
    results = previous_results()
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if "etl" in args.parts:
        results["etl"] = {**etl_times(args.repeat), "measured_utc": stamp}
    if {"agreement", "displayed", "latency"} & set(args.parts):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "lmi.duckdb"
            build_database(db, progress=lambda m: None)
            con = duckdb.connect(str(db), read_only=True)
            if "agreement" in args.parts:
                results["agreement_with_onet"] = {**agreement(con), "measured_utc": stamp}
            if "displayed" in args.parts:
                results["displayed_lists"] = {**displayed_lists(con), "measured_utc": stamp}
            if "latency" in args.parts:
                results["ranking_latency"] = {**ranking_latency(con, args.rankings), "measured_utc": stamp}
            con.close()
    write_results("transitions", {key: results[key] for key in RESULT_KEYS.values() if key in results})


def previous_results() -> dict:
    """The parts measured last time (carried over for the parts not measured now)."""
    path = RESULTS_DIR / "transitions.json"
    if not path.exists():
        return {}
    document = json.loads(path.read_text())
    return {key: document[key] for key in RESULT_KEYS.values() if key in document}


if __name__ == "__main__":
    main()
