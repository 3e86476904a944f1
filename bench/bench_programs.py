"""Program records: import time for a realistic file and the latency of the published outcome figures.

A workforce board's quarterly file: 40 programs and 10,000 participant records (250 per program), made up
and marked as generated example data. Measured: importing the programs file and the participants file
(CSV and XLSX) into a fresh records database (validation, duplicate checks, one transaction, then every
program's published tables computed and stored), re-importing the same file (unchanged), and every program's
local fit from the demand model (``program_fit.programs_local_fit``, target codes such as 31-1121 read at
the BLS code 31-1120).

The published outcome figures (goals: one program report p95 < 50 ms; first render of Program outcomes
< 1 s warm):

- ``published_report_read``: one program's report as pages get it, read from the store
  (``lmi.programs.published.report``; each table is built when first looked up), every program, several
  rounds: p50/p95/max; ``published_report_read_every_table``: the same with every table built;
- ``publish_after_import_s``: computing and storing every program's tables (``published.store_all``), the
  work an import now does once;
- baseline, the suppression computation the store replaces (what pages ran on every new view before):
  ``program_reports_all_s`` (every program) and ``suppression_one_program`` (``outcomes.program_report``,
  every program, p50/p95);
- ``program_outcomes_render``: the Program outcomes page rendered with Streamlit's AppTest in a fresh
  process after the app's default page (``cold_s``: nothing of the page cached or imported yet), again
  after another page (``rerender_s``: cached), and right after an import that stored something
  (``warm_after_import_s``: a warm process whose every cached result is out of date, the page's real first
  render once the app runs), on the benchmark's 40 programs and on the generated example data; ``*_cpu_s``
  and ``*_cpu``: the CPU time of the same work (this process, all threads), which other work on a shared
  machine does not inflate the way it inflates wall-clock time.

    python -m bench.bench_programs [--repeat 3] [--participants 10000] [--programs 40] [--render-repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from bench.common import percentile, summarize_ms, time_once, write_results
from lmi.db import open_reference, reference_db_path
from lmi.demand import DemandModel
from lmi.programs import local_fit as program_fit
from lmi.programs import outcomes, published
from lmi.records import queries, vocab
from lmi.records.db import open_records
from lmi.records.example import load_example_records, to_csv
from lmi.records.importer import import_file, reference_codes
from lmi.records.template import PARTICIPANTS, PROGRAMS

TODAY = dt.date(2026, 11, 25)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
THRESHOLD = outcomes.DEFAULT_THRESHOLD
# A fresh process renders Program outcomes after the default page, again after another page, and again right
# after an import that stores something (an employer-partner row: the records revision changes, so every
# cached result of the app is out of date and the page reads the tables the import stored).
RENDER = r"""
import io, json, os, sys, time
started = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=600).run()
assert not at.exception, at.exception
timings = {"app_start_s": time.perf_counter() - started}

cpu = {}

def render(page, name=None):
    t, c = time.perf_counter(), time.process_time()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    if name:
        cpu.setdefault(name, []).append(time.process_time() - c)
    return time.perf_counter() - t

timings["cold_s"] = render("app_pages/program_list.py", "cold_cpu_s")
render("app_pages/program_detail.py")
timings["rerender_s"] = render("app_pages/program_list.py", "rerender_cpu_s")

from lmi.db import open_reference
from lmi.records.db import open_records
from lmi.records.importer import import_file, reference_codes
ref = open_reference(os.environ["LMI_REFERENCE_DB"])
codes = reference_codes(ref)
con = open_records(os.environ["LMI_RECORDS_DB"])
program_id = con.execute("SELECT min(program_id) FROM program").fetchall()[0][0]
generated = con.execute("SELECT is_generated_example FROM program WHERE program_id = $p", {"p": program_id}).fetchall()[0][0]
warm, imports = [], []
for i in range(int(sys.argv[1])):
    render("app_pages/program_detail.py")
    data = (
        "program_id,employer_name,hires_committed_count,hires_made_count,is_generated_example\n"
        f"{program_id},Example \u2014 Bench Employer {time.time_ns()},{i + 1},0,{'yes' if generated else 'no'}\n"
    ).encode()
    t = time.perf_counter()
    result = import_file(con, codes, "employer_partners", f"bench-{i}.csv", io.BytesIO(data), "bench")
    assert result.outcome == "imported", result.message
    imports.append(time.perf_counter() - t)
    warm.append(render("app_pages/program_list.py", "warm_after_import_cpu_s"))
timings["warm_after_import_s"] = warm
timings["import_with_publish_s"] = imports
timings.update(cpu)
print("TIMINGS " + json.dumps(timings))
"""
TYPES = [t for t in vocab.PROGRAM_TYPES if t != vocab.WORK_EXPERIENCE_TYPE]
CIPS = [
    ("48.0508", "51-4121"),
    ("51.0801", "31-9092"),
    ("46.0302", "47-2111"),
    ("49.0205", "53-3032"),
    ("51.0805", "29-2052"),
    ("51.2602", "31-1121;31-1122.00"),
]


def program_rows(count: int, rng: random.Random) -> list[dict]:
    rows = []
    for i in range(count):
        cip, soc = CIPS[i % len(CIPS)]
        rows.append(
            {
                "provider_id": f"BP-{i % 12}",
                "provider_name": f"Example — Bench Provider {i % 12}",
                "program_id": f"BPRG-{i:03d}",
                "program_name": f"Bench program {i}",
                "program_type": TYPES[i % len(TYPES)],
                "work_experience_hours": "",
                "funding_stream": list(vocab.FUNDING_STREAMS)[i % len(vocab.FUNDING_STREAMS)],
                "cip_code": cip,
                "target_soc_codes": soc,
                "region_area_code": "0025540",
                "cost_per_participant_usd": str(rng.randrange(2000, 12000)),
                "seats_count": "60",
                "offers_childcare": "yes",
                "offers_transportation": "no",
                "offers_career_advising": "yes",
                "offers_case_management": "no",
                "is_generated_example": "yes",
            }
        )
    return rows


def participant_rows(programs: int, per_program: int, rng: random.Random) -> list[dict]:
    rows = []
    for p in range(programs):
        for i in range(per_program):
            enrolled = dt.date(2022, 1, 3) + dt.timedelta(days=rng.randrange(900))
            exit_day = enrolled + dt.timedelta(days=rng.randrange(30, 200))
            employed = rng.random() < 0.6
            credential_ok = TYPES[p % len(TYPES)] not in vocab.CREDENTIAL_EXCLUDED_TYPES
            credential = credential_ok and rng.random() < 0.5
            rows.append(
                {
                    "program_id": f"BPRG-{p:03d}",
                    "participant_id": f"B{p:03d}-{i:05d}",
                    "enrollment_date": enrolled.isoformat(),
                    "exit_date": exit_day.isoformat(),
                    "completed": "yes" if rng.random() < 0.75 else "no",
                    "credential_attained": ("yes" if credential else "no") if credential_ok else "",
                    "credential_date": (exit_day + dt.timedelta(days=20)).isoformat() if credential else "",
                    "employed_q2": "yes" if employed else "no",
                    "employed_q4": "yes" if rng.random() < 0.6 else "no",
                    "earnings_q2_usd": str(rng.randrange(3000, 20000)) if employed else "",
                    "training_related_employment": ("yes" if rng.random() < 0.6 else "no") if employed else "",
                    "sex": rng.choice(list(vocab.SEX)),
                    "race_ethnicity": rng.choice(list(vocab.RACE_ETHNICITY)),
                    "age_band": rng.choice(list(vocab.AGE_BANDS)),
                    **{b: "yes" if rng.random() < 0.15 else "no" for b in vocab.BARRIERS},
                    "is_generated_example": "yes",
                }
            )
    return rows


def xlsx_bytes(rows: list[dict], columns: list[str]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("participants")
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--programs", type=int, default=40)
    parser.add_argument("--render-repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(7)
    ref = open_reference(reference_db_path())
    codes = reference_codes(ref)
    programs_csv = to_csv(program_rows(args.programs, rng), PROGRAMS.column_names)
    people = participant_rows(args.programs, args.participants // args.programs, rng)
    participants_csv = to_csv(people, PARTICIPANTS.column_names)
    participants_xlsx = xlsx_bytes(people, PARTICIPANTS.column_names)
    timings: dict[str, list[float]] = {
        k: []
        for k in (
            "programs_csv_s",
            "participants_csv_s",
            "participants_xlsx_s",
            "reimport_same_file_s",
            "program_reports_all_s",
            "publish_after_import_s",
            "program_local_fit_s",
        )
    }
    suppression_one: list[float] = []
    report_reads: list[float] = []
    full_reads: list[float] = []
    report_cpu: list[float] = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            con = open_records(Path(tmp) / "records.duckdb")
            timings["programs_csv_s"].append(
                time_once(
                    lambda: _ok(
                        import_file(con, codes, "programs", "programs.csv", io.BytesIO(programs_csv), "bench", TODAY)
                    )
                )
            )
            timings["participants_csv_s"].append(
                time_once(
                    lambda: _ok(
                        import_file(
                            con, codes, "participants", "participants.csv", io.BytesIO(participants_csv), "bench", TODAY
                        )
                    )
                )
            )
            timings["reimport_same_file_s"].append(
                time_once(
                    lambda: import_file(
                        con, codes, "participants", "participants.csv", io.BytesIO(participants_csv), "bench", TODAY
                    )
                )
            )
            timings["program_reports_all_s"].append(time_once(lambda: outcomes.program_reports(con, THRESHOLD)))
            timings["publish_after_import_s"].append(time_once(lambda: published.store_all(con, THRESHOLD)))
            ids = list(queries.programs(con).program_id)
            suppression_one += [time_once(lambda p=p: outcomes.program_report(con, p, THRESHOLD)) for p in ids]
            for _ in range(5):
                report_reads += [time_once(lambda p=p: published.report(con, p, THRESHOLD)) for p in ids]
                report_cpu += [_cpu_once(lambda p=p: published.report(con, p, THRESHOLD)) for p in ids]
                full_reads += [time_once(lambda p=p: _every_table(published.report(con, p, THRESHOLD))) for p in ids]
            programs = queries.programs(con)[["program_id", "cip_code", "target_soc_codes", "region_area_code"]]
            timings["program_local_fit_s"].append(
                time_once(lambda: program_fit.programs_local_fit(ref, DemandModel(ref), codes.occupations, programs))
            )  # a fresh model: nothing cached
            con.close()
        with tempfile.TemporaryDirectory() as tmp:
            con = open_records(Path(tmp) / "records.duckdb")
            _ok(import_file(con, codes, "programs", "programs.csv", io.BytesIO(programs_csv), "bench", TODAY))
            timings["participants_xlsx_s"].append(
                time_once(
                    lambda: _ok(
                        import_file(
                            con,
                            codes,
                            "participants",
                            "participants.xlsx",
                            io.BytesIO(participants_xlsx),
                            "bench",
                            TODAY,
                        )
                    )
                )
            )
            con.close()
    ref.close()
    renders = measure_renders(args, programs_csv, participants_csv)
    write_results(
        "programs",
        {
            "programs": args.programs,
            "participants": len(people),
            "participants_csv_bytes": len(participants_csv),
            "participants_xlsx_bytes": len(participants_xlsx),
            "repeat": args.repeat,
            **{
                name: {"median": round(statistics.median(values), 3), "all": [round(v, 3) for v in values]}
                for name, values in timings.items()
            },
            "published_report_read": {**summarize_ms(report_reads), "goal_p95_ms": 50},
            "published_report_read_cpu": summarize_ms(report_cpu),
            "published_report_read_every_table": {**summarize_ms(full_reads), "goal_p95_ms": 50},
            "suppression_one_program": summarize_ms(suppression_one),
            "program_outcomes_render": {**renders, "goal_warm_s": 1.0},
            "load_average_at_end": [round(v, 2) for v in os.getloadavg()],  # other work on the machine meanwhile
        },
    )


def _cpu_once(function) -> float:
    """CPU seconds of one call (this process, all threads): what the call costs whatever else the machine
    runs at the same time, which wall-clock time on a shared machine does not show."""
    started = time.process_time()
    function()
    return time.process_time() - started


def _every_table(report: outcomes.ProgramReport) -> None:
    """Build every table of a report read from the store (they are built when first looked up)."""
    for name in report.breakdowns:
        report.breakdowns[name], report.medians[name]


def measure_renders(args, programs_csv: bytes, participants_csv: bytes) -> dict:
    """Program outcomes rendered in fresh processes (AppTest), on the benchmark's records and on the generated
    example data, each in a store whose published tables the imports computed."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        bench_store = Path(tmp) / "bench.duckdb"
        con = open_records(bench_store)
        ref = open_reference(reference_db_path())
        codes = reference_codes(ref)
        for kind, name, data in (("programs", "p.csv", programs_csv), ("participants", "q.csv", participants_csv)):
            _ok(import_file(con, codes, kind, name, io.BytesIO(data), "bench", TODAY))
        con.close()
        ref.close()
        example_store = Path(tmp) / "example.duckdb"
        load_example_records(example_store, reference_db_path(), today=TODAY)
        for label, store in (("bench_40_programs", bench_store), ("generated_example_data", example_store)):
            runs = [_render_once(store, args.render_repeat) for _ in range(args.repeat)]
            warm = [v for run in runs for v in run["warm_after_import_s"]]
            warm_cpu = [v for run in runs for v in run["warm_after_import_cpu_s"]]
            out[label] = {
                "cold_s": _seconds([run["cold_s"] for run in runs]),
                "cold_cpu_s": _seconds([v for run in runs for v in run["cold_cpu_s"]]),
                "rerender_s": _seconds([run["rerender_s"] for run in runs]),
                "warm_after_import_s": {**_seconds(warm), "p95": round(percentile(warm, 95), 3)},
                "warm_after_import_cpu_s": {**_seconds(warm_cpu), "p95": round(percentile(warm_cpu, 95), 3)},
                "import_with_publish_s": _seconds([v for run in runs for v in run["import_with_publish_s"]]),
                "app_start_s": _seconds([run["app_start_s"] for run in runs]),
            }
    return out


def _render_once(store: Path, repeat: int) -> dict:
    env = {**os.environ, "LMI_REFERENCE_DB": str(reference_db_path()), "LMI_RECORDS_DB": str(store)}
    env.pop("LMI_SMALL_CELL_THRESHOLD", None)
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(repeat)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"rendering Program outcomes failed:\n{done.stderr[-3000:]}")
    line = next(line for line in done.stdout.splitlines() if line.startswith("TIMINGS "))
    return json.loads(line.removeprefix("TIMINGS "))


def _seconds(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 3), "max": round(max(values), 3), "n": len(values)}


def _ok(result):
    if result.outcome != "imported":
        raise RuntimeError(f"{result.file_name}: {result.outcome}: {result.message}")
    return result


if __name__ == "__main__":
    main()
