"""Program records: import time for a realistic file and the latency of the published outcome figures.

A workforce board's quarterly file: 40 programs and 10,000 participant records (250 per program), made up
and marked as generated example data. Measured: importing the programs file and the participants file
(CSV and XLSX) into a fresh records database (validation, duplicate checks, one transaction), re-importing
the same file (unchanged), computing every program's suppressed tables (``program_reports``, what the
pages cache per records revision) and one program's (the detail page after an import), and every program's
local fit from the demand model (``program_fit.programs_local_fit``, target codes such as 31-1121 read at
the BLS code 31-1120).

    python -m bench.bench_programs [--repeat 3] [--participants 10000] [--programs 40]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import tempfile
from pathlib import Path

from openpyxl import Workbook

from bench.common import time_once, write_results
from lmi.db import open_reference, reference_db_path
from lmi.demand import DemandModel
from lmi.programs import local_fit as program_fit
from lmi.programs import outcomes
from lmi.records import queries, vocab
from lmi.records.db import open_records
from lmi.records.example import to_csv
from lmi.records.importer import import_file, reference_codes
from lmi.records.template import PARTICIPANTS, PROGRAMS

TODAY = dt.date(2026, 11, 25)
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
            "program_report_one_s",
            "program_local_fit_s",
        )
    }
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
            timings["program_reports_all_s"].append(time_once(lambda: outcomes.program_reports(con)))
            timings["program_report_one_s"].append(time_once(lambda: outcomes.program_report(con, "BPRG-000")))
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
        },
    )


def _ok(result):
    if result.outcome != "imported":
        raise RuntimeError(f"{result.file_name}: {result.outcome}: {result.message}")
    return result


if __name__ == "__main__":
    main()
