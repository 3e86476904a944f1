"""Many visitors at once, over Streamlit's own websocket protocol: errors and per-step latency for one app
process and for N processes behind the proxy (issue 12, item 6).

    python -m bench.bench_load                  # 10, 25 and 50 sessions on 1 and 4 processes, 10-30 s pauses

For each process count a deployment is started (``deploy.cluster``: 1 = a single ``streamlit run``, as
``./dev.sh start`` serves; N > 1 = N processes behind nginx with sticky sessions) on a copy of the reference
database (so ``--rebuild`` never touches var/) and a records store with the generated example records
(a local PostgreSQL server when Debian's PostgreSQL is installed and the store supports it, else the embedded
file). Then, per session count, that many simulated visitors (``bench.load_walk``: explorer search with varied
titles and regions, transitions, sector check, program detail, ``--think-s`` between steps) arrive over a
ramp and walk once. One asyncio process drives every session (no browser per session, so the client does not
take the server's CPUs); ``client_cpu_percent`` shows what it took.

Reported per run: errors (exception elements, page not found, closed sockets, timeouts) with examples, the
app's own error boxes, p50/p95/max per step, and the server's CPU (100 = one core busy) and memory (psutil on
the app and proxy processes). Cold start is measured apart: one walk without pauses on each app process of
the fresh deployment before the runs (``cold_walk``), so the runs measure processes that have served a
visitor. ``--rebuild`` runs ``python -m etl build`` on the served copy in the middle of each run (the swap
must give 0 errors). Loopback only; each run is bounded by ``--max-seconds``.

    python -m bench.bench_load --cpu-walks 5     # bench/results/load_cpu.json: the app's CPU seconds per step
    python -m bench.bench_load --table           # bench/results/load.json as docs/deployment.md's table

Latency depends on what else the machine runs (the results say how many cores other jobs kept busy); the CPU
per step (``--cpu-walks``: walks one after another, no think time) hardly does, and cores / CPU per walk
bounds how many walks a deployment can serve per second whatever its number of processes.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import psutil

from bench.common import RESULTS_DIR, summarize_ms, write_results
from bench.load_client import StepResult
from bench.load_walk import WalkSettings, default_areas, default_programs, walk
from deploy.cluster import Cluster, free_port
from lmi.db import reference_db_path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ERROR_EXAMPLES = 5
UNTIMED = {"connect", "walk"}  # results that only carry an error (refused connection, walk cut at the bound)


class ResourceSampler:
    """CPU and memory of the server's processes, sampled every ``interval_s`` in a thread."""

    def __init__(self, pids: dict[str, list[int]], interval_s: float = 1.0) -> None:
        self.interval_s = interval_s
        self.processes = {role: [psutil.Process(pid) for pid in ids] for role, ids in pids.items()}
        self.samples: dict[str, list[tuple[float, float]]] = defaultdict(list)  # role -> (cpu %, rss MB)
        self.machine_cpu: list[float] = []
        self.client = psutil.Process()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ResourceSampler:
        for process in self._all():
            process.cpu_percent(None)
        psutil.cpu_percent(None)
        self.client_cpu_start = sum(self.client.cpu_times()[:2])
        self.started = time.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()
        self.client_cpu_s = sum(self.client.cpu_times()[:2]) - self.client_cpu_start
        self.seconds = time.monotonic() - self.started

    def _all(self):
        for group in self.processes.values():
            for process in group:
                yield process
                yield from process.children(recursive=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.machine_cpu.append(psutil.cpu_percent(None))
            for role, group in self.processes.items():
                cpu = rss = 0.0
                for process in group:
                    for member in (process, *process.children(recursive=True)):
                        try:
                            cpu += member.cpu_percent(None)
                            rss += member.memory_info().rss / 2**20
                        except psutil.Error:
                            pass
                self.samples[role].append((cpu, rss))

    def summary(self) -> dict:
        roles = {}
        for role, samples in self.samples.items():
            if samples:
                cpu = [s[0] for s in samples]
                roles[role] = {
                    "cpu_percent_mean": round(sum(cpu) / len(cpu), 1),
                    "cpu_percent_max": round(max(cpu), 1),
                    "rss_mb_max": round(max(s[1] for s in samples), 1),
                }
        machine = sum(self.machine_cpu) / max(1, len(self.machine_cpu)) * psutil.cpu_count() / 100
        client = self.client_cpu_s / max(self.seconds, 1e-9)
        ours = sum(role["cpu_percent_mean"] for role in roles.values()) / 100 + client
        return {
            "server": roles,
            "client_cpu_percent": round(100 * client, 1),
            # the machine is shared: cores busy with anything else (other jobs) while this run was measured
            "other_busy_cores_mean": round(max(0.0, machine - ours), 2),
            "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        }


def summarize(results: list[list[StepResult]]) -> dict:
    """Errors (with a few examples) and latency per step name over every session's walk."""
    by_step: dict[str, list[StepResult]] = defaultdict(list)
    for session in results:
        for result in session:
            by_step[result.name].append(result)
    steps = {}
    examples: list[str] = []
    error_boxes: set[str] = set()
    errors = boxes = 0
    for name, runs in by_step.items():
        step_errors = sum(len(run.errors) for run in runs)
        errors += step_errors
        boxes += sum(len(run.error_boxes) for run in runs)
        for run in runs:
            examples += [f"{name}: {text}" for text in run.errors]
            error_boxes.update(run.error_boxes)
        if name in UNTIMED:
            steps[name] = {"n": len(runs), "errors": step_errors}
        else:
            steps[name] = {**summarize_ms([run.seconds for run in runs]), "errors": step_errors}
            cpu = [run.server_cpu_s for run in runs if run.server_cpu_s is not None]
            if cpu:
                steps[name]["server_cpu_s_mean"] = round(sum(cpu) / len(cpu), 3)
    every = [run.seconds for name, runs in by_step.items() if name not in UNTIMED for run in runs]
    return {
        "errors": errors,
        "error_examples": examples[:ERROR_EXAMPLES],
        "error_boxes": boxes,
        "error_box_examples": sorted(error_boxes)[:ERROR_EXAMPLES],
        "steps": steps,
        "all_steps": summarize_ms(every) if every else {},
        "worst_step_p95_ms": max((step["p95_ms"] for step in steps.values() if "p95_ms" in step), default=None),
    }


async def run_sessions(url: str, count: int, settings: WalkSettings, ramp_s: float, seed: int, max_s: float):
    """``count`` walks arriving evenly over ``ramp_s``; those still walking after ``max_s`` are cancelled, keep
    the steps they made and get a "did not finish" error."""
    results: list[list[StepResult]] = [[] for _ in range(count)]
    tasks = [
        asyncio.create_task(walk(url, seed * 100_000 + n, settings, ramp_s * n / max(1, count), results[n]))
        for n in range(count)
    ]
    done, pending = await asyncio.wait(tasks, timeout=max_s)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending)
    for task, walked in zip(tasks, results):
        if task in pending:
            walked.append(StepResult("walk", max_s, errors=[f"walk did not finish within {max_s:.0f} s"]))
        elif task.exception() is not None:
            walked.append(StepResult("walk", 0.0, errors=[f"harness: {task.exception()!r}"[:160]]))
    return results


def cold_walks(cluster: Cluster, settings: WalkSettings, max_s: float) -> list[list[StepResult]]:
    """One walk on each app process of a fresh deployment, straight to its own port and without pauses: what
    the first visitor of each process waits (modules loaded, search index and demand model built), reported
    apart as ``cold_walk``. The timed runs then measure processes that have each served a visitor, as a
    deployment's are after its first minutes, not one warm process and N - 1 cold ones."""
    quick = dataclasses.replace(settings, think_s=0.0)
    walks: list[list[StepResult]] = []
    for number, (host, port) in enumerate(cluster.backends):
        walks += asyncio.run(run_sessions(f"http://{host}:{port}", 1, quick, 0, seed=number, max_s=max_s))
    return walks


def rebuild_in(delay_s: float, reference_db: Path, outcome: dict) -> threading.Thread:
    """After ``delay_s``, rebuild the served reference copy with the ETL (its atomic swap) in a thread."""

    def run() -> None:
        time.sleep(delay_s)
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "etl", "build", "--db", str(reference_db)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
        )
        outcome.update(
            returncode=done.returncode,
            seconds=round(time.monotonic() - started, 2),
            started_after_s=delay_s,
            stderr_tail=done.stderr.strip().splitlines()[-3:] if done.returncode else [],
        )

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def records_env(stack: ExitStack, run_dir: Path, kind: str) -> tuple[dict[str, str], str]:
    """The records store the deployment writes, filled with the example records: (environment, what it is)."""
    env = {"LMI_RECORDS_DB": str(run_dir / "records.duckdb")}
    described = "embedded file (one process can hold it)"
    if kind in ("auto", "postgres"):
        try:
            from lmi.records.pg_local import LocalPostgres, postgres_available

            if postgres_available():
                pg = stack.enter_context(LocalPostgres())
                env = {"LMI_RECORDS_URL": pg.url()}
                described = "PostgreSQL (local, lmi.records.pg_local)"
            elif kind == "postgres":
                raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
        except ImportError:
            if kind == "postgres":
                raise
    loaded = subprocess.run(
        [sys.executable, "-m", "lmi.records.example", "--if-empty"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    if loaded.returncode != 0:
        described += f"; example records NOT loaded: {loaded.stderr.strip().splitlines()[-1:]}"
    return env, described


def server_cpu_probe(pids: list[int]) -> Callable[[], float]:
    """CPU seconds (user + system) the app processes have used so far."""
    processes = [psutil.Process(pid) for pid in pids]
    return lambda: sum(sum(process.cpu_times()[:2]) for process in processes)


def measure_cpu_per_step(args: argparse.Namespace) -> dict:
    """Sessions one after another, no think time, on one warmed process: the app's CPU seconds per step, which
    (unlike latency) hardly depends on other jobs sharing the machine; cores / CPU per walk bounds throughput."""
    settings = WalkSettings(default_areas(reference_db_path()), default_programs(), think_s=0.0)
    with ExitStack() as stack:
        run_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lmi-load-")))
        env, records = records_env(stack, run_dir, args.records)
        cluster = stack.enter_context(
            Cluster(processes=1, port=free_port(), run_dir=run_dir / "deploy", proxy=False, env=env)
        )
        probe = server_cpu_probe(cluster.pids()["app"])
        asyncio.run(run_sessions(cluster.url, 1, settings, 0, seed=0, max_s=args.max_seconds))  # warm up

        async def sequential() -> list[list[StepResult]]:
            return [await walk(cluster.url, 1000 + n, settings, cpu_probe=probe) for n in range(args.cpu_walks)]

        summary = summarize(asyncio.run(sequential()))
    walk_cpu = sum(
        step["server_cpu_s_mean"] * step["n"]
        for step in summary["steps"].values()
        if "n" in step and "server_cpu_s_mean" in step
    )
    return {
        "walks": args.cpu_walks,
        "records": records,
        "server_cpu_s_per_walk": round(walk_cpu / args.cpu_walks, 2),
        **summary,
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
    }


def measure(args: argparse.Namespace) -> dict:
    runs = []
    settings = WalkSettings(
        areas=default_areas(reference_db_path()),
        programs=default_programs(),
        think_s=args.think_s,
        step_timeout_s=args.step_timeout_s,
    )
    for processes in args.processes:
        with ExitStack() as stack:
            run_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lmi-load-")))
            served = run_dir / "lmi.duckdb"
            shutil.copy2(reference_db_path(), served)
            env, records = records_env(stack, run_dir, args.records)
            cluster = Cluster(
                processes=processes,
                port=free_port(),
                run_dir=run_dir / "deploy",
                proxy=processes > 1,
                env={"LMI_REFERENCE_DB": str(served), **env},
            )
            started = time.monotonic()
            stack.enter_context(cluster)
            ready_s = round(time.monotonic() - started, 2)
            cold = cold_walks(cluster, settings, args.max_seconds)
            print(f"{processes} process(es): ready in {ready_s} s, cold walks done", file=sys.stderr)
            for count in args.sessions:
                ramp_s = min(args.ramp_s, count * 0.5)
                rebuild: dict = {}
                with ResourceSampler(cluster.pids()) as sampler:
                    rebuilding = rebuild_in(ramp_s + args.think_s, served, rebuild) if args.rebuild else None
                    t0 = time.monotonic()
                    results = asyncio.run(
                        run_sessions(cluster.url, count, settings, ramp_s, seed=count, max_s=args.max_seconds)
                    )
                    wall_s = round(time.monotonic() - t0, 1)
                if rebuilding is not None:
                    rebuilding.join()
                run = {
                    "processes": processes,
                    "proxy": "nginx, sticky cookie" if processes > 1 else None,
                    "sessions": count,
                    "ramp_s": ramp_s,
                    "wall_s": wall_s,
                    **summarize(results),
                    **sampler.summary(),
                }
                if args.rebuild:
                    run["rebuild"] = rebuild
                runs.append(run)
                print(
                    f"  {count} sessions: errors {run['errors']}, boxes {run['error_boxes']}, "
                    f"worst p95 {run['worst_step_p95_ms']} ms, server CPU {run['server']}",
                    file=sys.stderr,
                )
            runs[-len(args.sessions)]["cold_walk"] = {**summarize(cold), "ready_s": ready_s}
            runs[-len(args.sessions)]["records"] = records
    return {
        "command": "python -m bench.bench_load " + " ".join(sys.argv[1:]),
        "walk": "explorer_open, 3 x explorer_search, transitions, sector_check, program_detail",
        "think_s": args.think_s,
        "goal": "50 sessions, 0 errors, p95 per step < 2 s with the multi-process deployment",
        "runs": runs,
    }


def markdown_table(document: dict) -> str:
    """The results as the table in docs/deployment.md (``python -m bench.bench_load --table``)."""
    steps = ("explorer_open", "explorer_search", "transitions", "sector_check", "program_detail")
    head = "| processes | sessions | errors | " + " | ".join(f"{s} p50 / p95 s" for s in steps)
    head += " | server CPU mean (100 = 1 core) | app RSS max MB | other jobs' cores |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for run in document["runs"]:
        cells = [str(run["processes"]), str(run["sessions"]), str(run["errors"])]
        for name in steps:
            step = run["steps"].get(name, {})
            cells.append(f"{step['p50_ms'] / 1000:.1f} / {step['p95_ms'] / 1000:.1f}" if "p95_ms" in step else "-")
        app = run["server"].get("app", {})
        cells += [f"{app.get('cpu_percent_mean', 0):.0f}", f"{app.get('rss_mb_max', 0):.0f}"]
        cells.append(f"{run.get('other_busy_cores_mean', 0):.1f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_load", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25, 50], help="concurrent sessions per run")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 4], help="app process counts to compare")
    parser.add_argument("--think-s", type=float, default=20.0, help="mean pause between a visitor's steps")
    parser.add_argument("--ramp-s", type=float, default=20.0, help="sessions arrive evenly over this time")
    parser.add_argument("--step-timeout-s", type=float, default=60.0)
    parser.add_argument("--max-seconds", type=float, default=600.0, help="bound on each run")
    parser.add_argument("--records", choices=("auto", "postgres", "embedded"), default="auto")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the served database during each run")
    parser.add_argument("--name", default="load", help="results file name: bench/results/<name>.json")
    parser.add_argument("--table", action="store_true", help="print bench/results/<name>.json as a table, no run")
    parser.add_argument(
        "--cpu-walks", type=int, default=0, help="instead: N walks one after another, the app's CPU per step"
    )
    args = parser.parse_args(argv)
    if args.cpu_walks:
        write_results(args.name if args.name != "load" else "load_cpu", measure_cpu_per_step(args))
        return 0
    if args.table:
        print(markdown_table(json.loads((RESULTS_DIR / f"{args.name}.json").read_text())))
        return 0
    if max(args.sessions) > 200:
        parser.error("at most 200 sessions (loopback load, bounded)")
    write_results(args.name, measure(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
