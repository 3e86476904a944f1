"""Career transitions: agreement with O*NET's related occupations, ranking latency, ETL step time.

- ``recall_at_10``: for every occupation with an O*NET Related Occupations list, the share of its
  Primary-Short + Primary-Long occupations (10) found among our 10 most similar; averaged over
  all occupations. Reported for the shipped weights on all occupations and on the held-out half
  (the half the weights were *not* tuned on, ``lmi.transitions.similarity_method.TUNING_SEED``), for equal weights
  (no tuning at all), for each component alone, without the task-statement component, and for the
  baseline the issue quotes: plain cosine similarity of importance ratings (skills, knowledge,
  work activities). The tuning itself is re-run (coordinate search from equal weights on the
  tuning half, over ``TUNING_GRID`` in up to ``TUNING_PASSES`` passes) and its weights are compared with
  the shipped ones.
- ``ranking_latency``: warm ``TransitionEngine.from_occupation`` for random (occupation, region)
  pairs over the nation, states and metro areas; p50/p95 over all calls, and separately for the
  calls that were the first in their region (which read the region's rows of the demand model,
  ``out_occupation_demand``). Each ranking includes counting every BLS group figure once.
- ``etl``: ``step_30_occupation_similarity.run`` on a built database (table dropped and
  rebuilt), also in a process with single-threaded OpenBLAS, and the whole build beside a bare
  Parquet load of the snapshot (as bench_etl).

    python -m bench.bench_transitions [--repeat 7] [--rankings 400] [--parts agreement latency etl]

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
from lmi.transitions.onet_agreement import PRIMARY_TIERS, agreement_with_onet
from lmi.transitions.ranking import TransitionEngine

K = 10
PROJECT_ROOT = Path(__file__).resolve().parent.parent
PARTS = ("agreement", "latency", "etl")
RESULT_KEYS = {"agreement": "agreement_with_onet", "latency": "ranking_latency", "etl": "etl"}


# --------------------------------------------------------------------------- agreement


def onet_lists(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    rows = con.execute(
        """SELECT onet_soc_code, list(related_onet_soc_code) FROM core_related_occupation
           WHERE list_contains($tiers, relatedness_tier) GROUP BY 1""",
        {"tiers": list(PRIMARY_TIERS)},
    ).fetchall()
    return {code: set(related) for code, related in rows}


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
    """The tuning half and the held-out half of the occupations (fixed seed)."""
    codes = sorted(truth)
    np.random.default_rng(seed).shuffle(codes)
    return set(codes[: len(codes) // 2]), set(codes[len(codes) // 2 :])


def tune(pairs: similarity_method.PairScores, truth: dict[str, set[str]], tuning_half: set[str]) -> tuple[dict, float]:
    """Coordinate search from equal weights, each weight over TUNING_GRID, on the tuning half only."""
    weights = {key: 1.0 for key in similarity_method.COMPONENT_KEYS}

    def score(w):
        return recall_at_k(pairs.square(similarity_method.combine(pairs.scores, w)), pairs.codes, truth, tuning_half)

    best = score(weights)
    for _ in range(similarity_method.TUNING_PASSES):
        improved = False
        for key in similarity_method.COMPONENT_KEYS:
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
    return {
        "definition": "mean over occupations of |our top 10 ∩ O*NET Primary-Short+Primary-Long| / |O*NET list|",
        "occupations_all": len([c for c in truth if c in set(codes)]),
        "occupations_held_out": len(held_out),
        "shipped_weights": similarity_method.WEIGHTS,
        "recall_at_10_all": recall(similarity_method.WEIGHTS),
        "recall_at_10_held_out": recall(similarity_method.WEIGHTS, held_out),
        "recall_at_10_tuning_half": recall(similarity_method.WEIGHTS, tuning_half),
        "recall_at_10_from_database": round(agreement_with_onet(con)["recall_at_k"], 4),
        "recall_at_10_equal_weights_all": recall(equal),
        "recall_at_10_equal_weights_held_out": recall(equal, held_out),
        "recall_at_10_without_task_statements_all": recall(without_tasks),
        "recall_at_10_each_component_alone": {key: recall({key: 1.0}) for key in similarity_method.COMPONENT_KEYS},
        "baseline_importance_cosine_all": round(recall_at_k(baseline_importance_cosine(con, codes), codes, truth), 4),
        "retuned": {
            "seed": similarity_method.TUNING_SEED,
            "grid": list(similarity_method.TUNING_GRID),
            "weights": tuned,
            "recall_tuning_half": round(tuned_train, 4),
            "recall_held_out": recall(tuned, held_out),
            "matches_shipped_weights": tuned == {k: float(v) for k, v in similarity_method.WEIGHTS.items()},
        },
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
    if {"agreement", "latency"} & set(args.parts):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "lmi.duckdb"
            build_database(db, progress=lambda m: None)
            con = duckdb.connect(str(db), read_only=True)
            if "agreement" in args.parts:
                results["agreement_with_onet"] = {**agreement(con), "measured_utc": stamp}
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
