"""App cold start and occupation search latency.

- ``server_ready_s``: ``streamlit run app.py`` until its health endpoint answers.
- ``first_render_s``: a fresh Python process importing the app and rendering the default page
  with Streamlit's AppTest (cold caches: connection opened, first queries run).
- ``search``: the pages' occupation search (``lmi.occupations.search``, on the title index the batch coding
  of postings uses) against a plain baseline, each in a fresh process: the index built (``index_load_s``),
  then every query run once, in shuffled order, with no result cache (``first_pass``); the queries are
  varied (``bench.bench_postings``' set: O*NET reported titles, the same with a typo, generated posting
  titles such as "CDL-A Driver - Home Weekly", SOC and O*NET-SOC codes, short titles) plus the everyday
  ``QUERIES``. The plain baseline is the textbook fuzzy search: rapidfuzz ``WRatio`` over every distinct
  O*NET title, best 15 (what the pages' search did before the shared index). ``top1_right_share``: for the
  reported titles and their misspelt copies, how often the first occupation is one O*NET lists for the title.

    python -m bench.bench_app [--db var/lmi.duckdb]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import requests

from bench.common import summarize_ms, time_once, write_results
from lmi.db import DEFAULT_REFERENCE_DB, open_reference, query_df

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "cashier",
    "RN",
    "coal miner",
    "paralegal",
    "registerd nurse",
    "welder",
    "truck driver",
    "electrician",
    "software developer",
    "home health aide",
    "forklift",
    "CNA",
    "accountant",
    "teacher",
    "machinist",
    "medical assistant",
    "hvac technician",
    "customer service",
    "plumber",
    "data scientist",
]
FIRST_RENDER = """
import time; started = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=120).run()
assert not at.exception, at.exception
print(time.perf_counter() - started)
"""


def measure_server_ready(db: Path) -> float:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "LMI_REFERENCE_DB": str(db)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).text == "ok":
                    return time.perf_counter() - started
            except requests.RequestException:
                time.sleep(0.05)
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure_first_render(db: Path) -> float:
    env = {**os.environ, "LMI_REFERENCE_DB": str(db)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", FIRST_RENDER], cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def measure_search(db: Path) -> dict:
    """The pages' search and the plain baseline, each in a fresh process on the same queries."""
    runs = {engine: _search_child(db, engine) for engine in ("ours", "plain")}
    ratio = runs["ours"]["first_pass"]["p95_ms"] / max(runs["plain"]["first_pass"]["p95_ms"], 1e-9)
    return {**runs, "p95_ratio_ours_to_plain": round(ratio, 4)}


def _search_child(db: Path, engine: str) -> dict:
    command = [sys.executable, "-m", "bench.bench_app", "--db", str(db), "--search-step", engine]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def search_step(db: Path, engine: str) -> dict:
    """One engine in this (fresh) process: build its index, then each query once."""
    from bench.bench_postings import _search_queries

    con = open_reference(db)
    queries = {**_search_queries(con), "everyday": QUERIES}
    order = queries.pop("all") + QUERIES
    np.random.default_rng(11).shuffle(order)
    holder = {}
    index_load = time_once(lambda: holder.setdefault("search", _engine(con, engine)))
    search = holder["search"]
    seconds, found = {}, {}
    for query in order:
        started = time.perf_counter()
        found[query] = search(query)
        seconds[query] = time.perf_counter() - started
    by_kind = {kind: summarize_ms([seconds[q] for q in items]) for kind, items in queries.items()}
    labels = query_df(con, "SELECT reported_job_title AS title, onet_soc_code FROM raw_onet_reported_titles")
    labels = labels.groupby("title").onet_soc_code.agg(set)
    right = [bool(found[q]) and found[q][0] in labels[title] for q, title in _labelled(queries)]
    return {
        "engine": engine,
        "index_load_s": round(index_load, 3),
        "queries": len(order),
        "first_pass": summarize_ms([seconds[q] for q in order]),
        "first_pass_by_kind": by_kind,
        "top1_right_share": round(float(np.mean(right)), 4),
    }


def _labelled(queries: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(query, reported title it was made from): the reported titles themselves and their misspelt copies."""
    return list(zip(queries["reported"], queries["reported"])) + list(zip(queries["typo"], queries["reported"]))


def _engine(con, engine: str):
    """A function of a query to its ranked O*NET-SOC codes, with whatever it needs loaded once."""
    if engine == "ours":
        from lmi.occupations.search import load_title_index, search_occupations

        index = load_title_index(con)
        return lambda query: search_occupations(index, query).onet_soc_code.tolist()
    from rapidfuzz import fuzz, process

    titles = query_df(con, "SELECT DISTINCT onet_soc_code, title_text FROM core_occupation_title")
    titles["text"] = titles.title_text.str.lower()
    codes_of = titles.groupby("text").onet_soc_code.agg(sorted)
    texts = list(codes_of.index)

    def plain(query: str) -> list[str]:
        found = process.extract(query.lower(), texts, scorer=fuzz.WRatio, limit=15)
        return list(dict.fromkeys(code for text, _score, _i in found for code in codes_of[text]))

    return plain


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=DEFAULT_REFERENCE_DB)
    parser.add_argument("--search-step", choices=("ours", "plain"), help="(internal) one search engine's run")
    args = parser.parse_args()
    if args.search_step:
        print(json.dumps(search_step(args.db, args.search_step)))
        return
    write_results(
        "app",
        {
            "database": str(args.db),
            "server_ready_s": round(measure_server_ready(args.db), 2),
            "first_render_s": round(measure_first_render(args.db), 2),
            "search": measure_search(args.db),
        },
    )


if __name__ == "__main__":
    main()
