"""ETL build time against a bare DuckDB load of the same snapshot files, in the same run.

The bare load is the floor: ``CREATE TABLE t AS SELECT * FROM read_parquet(file)`` for every
snapshot file and nothing else. The build adds checksum verification, column checks, core SQL,
Python steps (crosswalk, out_ analytics), data checks, provenance and the atomic swap. Target:
build <= 3x bare. Runs alternate (bare, build, bare, build, ...) so machine load hits both alike.

    python -m bench.bench_etl [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import duckdb

from bench.common import time_once, write_results
from etl.build import build_database
from etl.snapshot import SHIPPED_SNAPSHOT, read_snapshot

TARGET_RATIO = 3.0


def bare_load(snapshot_dir: Path, db_path: Path) -> None:
    snapshot = read_snapshot(snapshot_dir)
    db_path.unlink(missing_ok=True)
    con = duckdb.connect(str(db_path))
    for table in snapshot.tables.values():
        con.execute(f"CREATE TABLE {table.name} AS SELECT * FROM read_parquet($p)", {"p": str(table.path)})
    con.execute("CHECKPOINT")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bare, build = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            bare.append(time_once(lambda: bare_load(SHIPPED_SNAPSHOT, Path(tmp) / "bare.duckdb")))
            build.append(time_once(lambda: build_database(Path(tmp) / "lmi.duckdb", progress=lambda m: None)))
    ratio = statistics.median(build) / statistics.median(bare)
    write_results(
        "etl",
        {
            "snapshot": str(SHIPPED_SNAPSHOT),
            "repeat": args.repeat,
            "bare_load_s": {"median": round(statistics.median(bare), 3), "all": [round(s, 3) for s in bare]},
            "build_s": {"median": round(statistics.median(build), 3), "all": [round(s, 3) for s in build]},
            "ratio_build_to_bare": round(ratio, 2),
            "target_ratio": TARGET_RATIO,
            "within_target": ratio <= TARGET_RATIO,
        },
    )


if __name__ == "__main__":
    main()
