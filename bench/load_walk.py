"""What a simulated visitor does: a seeded, varied walk through the pages the issue names.

explorer (opened on a region's link) -> several occupation searches -> career transitions for the last
occupation found -> the sector reality check -> a program's detail page, with a think time between steps.
Regions, search words and programs are drawn per session, so sessions do not all ask the same thing
(a cache would otherwise answer everything after the first session).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass

from bench.load_client import Session, StepResult

# Job titles and codes people type (bench_app's everyday set and more), typos and abbreviations included
QUERIES = (
    "cashier", "RN", "coal miner", "paralegal", "registerd nurse", "welder", "truck driver", "electrician",
    "software developer", "home health aide", "forklift", "CNA", "accountant", "teacher", "machinist",
    "medical assistant", "hvac technician", "customer service", "plumber", "data scientist", "dental hygienist",
    "line cook", "warehouse worker", "pharmacy technician", "police officer", "carpenter", "graphic designer",
    "bookkeeper", "janitor", "phlebotomist", "diesel mechanic", "web developer", "social worker",
    "preschool teacher", "security guard", "bartender", "construction laborer", "nurse practitioner",
    "barista", "29-1141", "47-2111", "15-1252.00", "elecrtician", "payroll clerk", "lineman", "cook",
)  # fmt: skip
SEARCHES_PER_WALK = 3


@dataclass(frozen=True)
class WalkSettings:
    areas: tuple[str, ...]  # OEWS area codes a session may start on (nation, states, metro areas)
    programs: tuple[str, ...]  # program ids the program detail page is opened on
    think_s: float = 5.0  # mean pause between steps (uniform in [0.5, 1.5] x think_s)
    step_timeout_s: float = 60.0


def default_areas(reference_db) -> tuple[str, ...]:
    """The nation, every state, and the metro areas of a few states, from the served reference database."""
    from lmi.areas import list_areas_in_state, list_states
    from lmi.db import open_reference

    con = open_reference(reference_db)
    try:
        states = list_states(con)
        metros: list[str] = []
        for fips in states.state_fips.head(12):
            metros += list_areas_in_state(con, fips).area_code.head(3).tolist()
        return ("0000000", *states.area_code.tolist(), *metros)
    finally:
        con.close()


def default_programs() -> tuple[str, ...]:
    """The example records' program ids (``python -m lmi.records.example``; generated data, labelled so)."""
    from lmi.records.example import PROGRAMS_TO_MAKE

    return tuple(program.program_id for program in PROGRAMS_TO_MAKE)


async def walk(
    base_url: str,
    seed: int,
    settings: WalkSettings,
    start_delay_s: float = 0.0,
    results: list | None = None,
    cpu_probe: Callable[[], float] | None = None,
) -> list[StepResult]:
    """One session's steps, in order, appended to ``results`` as they finish (so a walk cancelled at the run's
    time bound keeps the steps it made); a connection refused or a lost session ends the walk."""
    rng = random.Random(seed)
    await asyncio.sleep(start_delay_s)
    session = Session(base_url, settings.step_timeout_s)
    results = [] if results is None else results

    async def step(name: str, **kwargs) -> None:
        cpu_before = cpu_probe() if cpu_probe else 0.0
        result = await session.run(name, **kwargs)
        if cpu_probe:
            result.server_cpu_s = cpu_probe() - cpu_before
        results.append(result)
        if result.lost:  # the session's state is unknown (a late reply would end the next step early): stop
            raise _SessionLost
        await asyncio.sleep(rng.uniform(0.5, 1.5) * settings.think_s)

    try:
        await session.open()
    except Exception as error:  # noqa: BLE001 - a refused connection is a result, not a crash of the harness
        results.append(StepResult("connect", 0.0, errors=[f"{type(error).__name__}: {error}"[:160]]))
        return results
    try:
        area = rng.choice(settings.areas)
        await step("explorer_open", page="", query=f"area={area}")
        for query in rng.sample(QUERIES, SEARCHES_PER_WALK):
            await step("explorer_search", widgets={"explorer_query": query})
        await step("transitions", page="transitions")
        await step("sector_check", page="sectors")
        program = rng.choice(settings.programs) if settings.programs else None
        query = session.query_string + (f"&program={program}" if program else "")
        await step("program_detail", page="program", query=query)
    except _SessionLost:
        pass
    finally:
        await session.close()
    return results


class _SessionLost(Exception):
    """A step timed out or the socket closed: the walk ends there (the error is in its result)."""
