"""App cold start and occupation search latency.

- ``server_ready_s``: ``streamlit run app.py`` until its health endpoint answers.
- ``first_render_s``: a fresh Python process importing the app and rendering the default page
  with Streamlit's AppTest (cold caches: connection opened, first queries run).
- ``search``: warm latency of the domain search for realistic queries (title index loaded once;
  ``index_load_s`` reports that one-off cost), p50/p95 over repeated runs.

    python -m bench.bench_app [--db var/lmi.duckdb]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import requests

from bench.common import summarize_ms, time_once, write_results
from lmi.db import DEFAULT_REFERENCE_DB
from lmi.occupations.search import load_title_index, search_occupations

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


def measure_search(db: Path, rounds: int) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    holder = {}
    index_load = time_once(lambda: holder.setdefault("index", load_title_index(con)))
    index = holder["index"]
    for query in QUERIES:  # warm-up
        search_occupations(index, query)
    timings = [time_once(lambda q=q: search_occupations(index, q)) for _ in range(rounds) for q in QUERIES]
    con.close()
    return {"index_load_s": round(index_load, 3), "queries": len(QUERIES), **summarize_ms(timings)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=DEFAULT_REFERENCE_DB)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    write_results(
        "app",
        {
            "database": str(args.db),
            "server_ready_s": round(measure_server_ready(args.db), 2),
            "first_render_s": round(measure_first_render(args.db), 2),
            "search": measure_search(args.db, args.rounds),
        },
    )


if __name__ == "__main__":
    main()
