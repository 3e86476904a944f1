"""Layoff response planner: a 20-occupation, 2,000-worker layoff planned in St. Louis, cold and warm, beside a plain
baseline measured in the same run.

- ``cold_first_plan_s``: a fresh process opens the reference database, builds the plan engine (neighbour lists,
  national facts, code resolver) and makes the first plan (the region's demand rows read, 20 rankings, the
  allocation, what each pathway takes, the nearest areas); ``cold_engine_s`` is the engine part alone.
- ``warm_plan``: the same process then plans the same 20 occupations again with other head counts, shares of
  openings and horizons (``WARM_VARIANTS``): rankings and what each pathway takes are held by the engine, the
  allocation, the tables and the nearest areas are redone each time. The target is p95 under 1 s.
- ``baseline``: in the same process, (a) the 20 rankings made one by one with ``TransitionEngine.from_occupation``
  (what an official did by hand on the Career transitions page, warm) and (b) a plain DuckDB scan of
  ``out_soc_demand`` (the machine's speed).

    python -m bench.bench_planner [--repeat 15]

The 20 occupations are St. Louis's 20 O*NET occupations O*NET describes, of SOC major group 51 (production) with the most local jobs
(``occupations``), 100 workers each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from bench.common import summarize_ms, time_once, write_results

AREA = "0041180"  # St. Louis, MO-IL
OCCUPATIONS = 20
WORKERS_EACH = 100
WARM_VARIANTS = ((0.5, 12), (0.25, 12), (0.1, 6), (1.0, 24), (0.35, 18))


def occupations(con, engine) -> list[str]:
    """St. Louis's production occupations with the most local jobs that O*NET describes (comparable ones)."""
    from lmi.db import query_rows

    rows = query_rows(
        con,
        """SELECT onet_soc_code FROM out_occupation_demand
           WHERE area_code = $area AND onet_soc_code LIKE '51-%' AND onet_soc_code LIKE '%.00'
             AND local_employment_count IS NOT NULL
           ORDER BY local_employment_count DESC, onet_soc_code LIMIT $n""",
        {"area": AREA, "n": 3 * OCCUPATIONS},
    )
    described = [code for (code,) in rows if code in engine.transitions.neighbours._slices]
    return described[:OCCUPATIONS]


def measure(repeat: int) -> dict:
    """Runs in the fresh (cold) process."""
    started = time.perf_counter()
    from lmi.db import open_reference, query_rows, reference_db_path
    from lmi.planner.inputs import AffectedGroup, Layoff
    from lmi.planner.plan import PlanEngine, make_plan
    from lmi.planner.tables import plan_rows
    from lmi.transitions.ranking import Thresholds, TransitionEngine

    con = open_reference(reference_db_path())
    engine = PlanEngine(con)
    engine_s = time.perf_counter() - started
    codes = occupations(con, engine)
    groups = tuple(AffectedGroup(code, WORKERS_EACH) for code in codes)
    first = make_plan(engine, Layoff(AREA, groups))
    plan_rows(first)
    cold_s = time.perf_counter() - started
    warm, checks = [], []
    for i in range(repeat):
        share, months = WARM_VARIANTS[i % len(WARM_VARIANTS)]
        counts = tuple(AffectedGroup(g.code, g.workers + i) for g in groups)
        layoff = Layoff(AREA, counts, None, months, share)
        holder = {}
        warm.append(time_once(lambda layoff=layoff: holder.setdefault("plan", make_plan(engine, layoff))))
        s = holder["plan"].summary
        placed = s["placed_without_training_count"] + s["short_training_count"] + s["long_training_count"]
        checks.append(placed + s["not_absorbable_count"] == s["workers_count"] == layoff.workers)
    plain = TransitionEngine(con, engine.demand)
    rankings = [
        time_once(lambda: [plain.from_occupation(code, AREA, Thresholds()) for code in codes]) for _ in range(5)
    ]
    scans = [
        time_once(lambda: query_rows(con, "SELECT count(*), sum(local_annual_openings_est_count) FROM out_soc_demand"))
        for _ in range(20)
    ]
    warm_ms = summarize_ms(warm)
    return {
        "area_code": AREA,
        "occupations": codes,
        "workers": OCCUPATIONS * WORKERS_EACH,
        "cold_engine_s": round(engine_s, 3),
        "cold_first_plan_s": round(cold_s, 3),
        "first_plan_summary": first.summary,
        "warm_plan": warm_ms,
        "warm_plans_add_up": all(checks),
        "warm_target_ms": 1000,
        "warm_p95_under_target": warm_ms["p95_ms"] < 1000,
        "baseline": {
            "twenty_rankings_one_by_one_warm": summarize_ms(rankings),
            "plain_duckdb_scan_out_soc_demand": summarize_ms(scans),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.repeat), default=float))
        return 0
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_planner", "--child", "--repeat", str(args.repeat)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    results = json.loads(out.stdout.strip().splitlines()[-1])
    write_results("planner", {"cold_process": True, **results})
    return 0 if results["warm_p95_under_target"] and results["warm_plans_add_up"] else 1


if __name__ == "__main__":
    sys.exit(main())
