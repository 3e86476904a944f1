"""The multi-process deployment (deploy/, docs/deployment.md): two app processes behind nginx on one port.

Pages load through the proxy with no error, each browser's requests stick to one process (its CSV downloads,
kept in that process's memory, come back through the proxy), browsers spread over both processes, and an ETL
rebuild of the served database under load swaps in with no error. The visitors are bench.bench_load's
websocket sessions (no browser). Needs Debian's nginx: skipped without it, except in ./dev.sh test and CI
(LMI_REQUIRE_NGINX=1 or CI=true), which install it and fail instead.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest

from bench.bench_load import rebuild_in, records_env, run_sessions, summarize
from bench.load_client import Session, fetch_cookie
from bench.load_walk import WalkSettings, default_areas, default_programs
from deploy import nginx
from deploy.cluster import Cluster, free_port, wait_until_healthy


def run_async(coroutine):
    """``asyncio.run`` in a thread of its own: a browser test run earlier in the same session (Playwright's sync
    API) may leave an event loop running in the main thread, where ``asyncio.run`` refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def deployment(reference_db, tmp_path_factory):
    """Two app processes behind nginx, serving a copy of the test reference database (rebuilt by a test) and a
    records store with the example records (PostgreSQL when installed, else the embedded file)."""
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        if os.environ.get("CI") or os.environ.get("LMI_REQUIRE_NGINX"):
            pytest.fail("nginx is not installed (Debian's nginx package): the deployment test needs it")
        pytest.skip("nginx is not installed (Debian's nginx package)")
    run_dir = tmp_path_factory.mktemp("deployment")
    served = run_dir / "lmi.duckdb"
    shutil.copy2(reference_db, served)
    with ExitStack() as stack:
        env, _described = records_env(stack, run_dir, "auto")
        cluster = Cluster(
            processes=2, port=free_port(), run_dir=run_dir / "deploy", env={"LMI_REFERENCE_DB": str(served), **env}
        )
        stack.enter_context(cluster)
        yield cluster, served


def settings(served: Path, think_s: float) -> WalkSettings:
    return WalkSettings(areas=default_areas(served), programs=default_programs(), think_s=think_s)


def upstreams_by_key(cluster: Cluster) -> dict[str, set[str]]:
    """From the proxy's access log: which app process(es) each browser key's requests went to."""
    seen: dict[str, set[str]] = {}
    for line in (cluster.run_dir / "access.log").read_text().splitlines():
        match = re.search(r"upstream=(\S+) key=(\S+)", line)
        if match:
            seen.setdefault(match.group(2), set()).add(match.group(1))
    return seen


@pytest.mark.slow
def test_pages_load_through_the_proxy(deployment):
    cluster, served = deployment
    results = run_async(run_sessions(cluster.url, 3, settings(served, 0.0), 0.5, seed=1, max_s=300))
    summary = summarize(results)
    assert summary["errors"] == 0, summary["error_examples"]
    assert summary["error_boxes"] == 0, summary["error_box_examples"]
    assert set(summary["steps"]) == {
        "explorer_open", "explorer_search", "transitions", "sector_check", "program_detail"
    }  # fmt: skip
    assert summary["steps"]["explorer_search"]["n"] == 9


@pytest.mark.slow
def test_a_visitor_keeps_the_region_of_the_link_on_every_page(deployment):
    """The load client sends every widget's value on each rerun, as a browser does: a widget left out is reset to
    its default, and the sidebar's region would fall back to the nation after the first search."""
    cluster, _served = deployment

    async def walk() -> list:
        session = Session(cluster.url)
        await session.open()
        try:
            steps = [await session.run("open", page="", query="area=0016220")]
            for query in ("welder", "cashier"):
                steps.append(await session.run("search", widgets={"explorer_query": query}))
            for page in ("transitions", "sectors"):
                steps.append(await session.run(page, page=page))
            return steps
        finally:
            await session.close()

    steps = run_async(walk())
    assert all(not step.errors for step in steps), [step.errors for step in steps]
    for step in steps[1:]:
        assert any("Casper, WY" in heading for heading in step.headings), (step.name, step.headings)
        assert not any("United States" in heading for heading in step.headings), (step.name, step.headings)


@pytest.mark.slow
def test_each_browser_sticks_to_one_process_and_browsers_spread(deployment):
    cluster, _served = deployment
    cookies = [fetch_cookie(cluster.url) for _ in range(16)]
    assert all(cookie.startswith(f"{nginx.COOKIE_NAME}=") for cookie in cookies)

    async def search_and_download(cookie: str) -> tuple[str, list[int]]:
        session = Session(cluster.url, cookie=cookie)
        await session.open()
        try:
            result = await session.run("search", page="", query="area=0000000", widgets={})
            result = await session.run("search", widgets={"explorer_query": "welder"})
            assert not result.errors, result.errors
            statuses = []
            # CSV downloads are made on click, in the memory of the session's process
            for url in await session.download_urls(3):
                request = urllib.request.Request(cluster.url + url, headers={"Cookie": session.cookie})
                with urllib.request.urlopen(request, timeout=30) as response:
                    statuses.append(response.status if response.read() else 0)
            return cookie, statuses
        finally:
            await session.close()

    async def several() -> list[tuple[str, list[int]]]:
        return await asyncio.gather(*(search_and_download(cookie) for cookie in cookies[:4]))

    for _cookie, statuses in run_async(several()):
        assert statuses and set(statuses) == {200}
    seen = upstreams_by_key(cluster)
    keys = [cookie.split("=", 1)[1] for cookie in cookies]
    assert all(len(seen[key]) == 1 for key in keys if key in seen)  # one process per browser ...
    every = [upstream for key, upstreams in seen.items() if key in keys for upstream in upstreams]
    assert len(set(every)) == 2  # ... and 16 browsers did not all land on one of the two


@pytest.mark.slow
def test_a_rebuild_under_load_swaps_in_with_no_error(deployment):
    cluster, served = deployment
    before = served.stat().st_ino
    outcome: dict = {}
    rebuild = rebuild_in(1.0, served, outcome)
    results = run_async(run_sessions(cluster.url, 4, settings(served, 0.3), 1.0, seed=7, max_s=400))
    rebuild.join(timeout=300)
    assert outcome.get("returncode") == 0, outcome
    assert served.stat().st_ino != before  # the rebuilt file was swapped in while the sessions walked
    summary = summarize(results)
    assert summary["errors"] == 0, summary["error_examples"]
    assert summary["error_boxes"] == 0, summary["error_box_examples"]
    # after the swap, both processes serve the new file
    after = run_async(run_sessions(cluster.url, 4, settings(served, 0.0), 0.0, seed=8, max_s=300))
    assert summarize(after)["errors"] == 0


def test_the_proxy_configuration_is_sticky_by_cookie_and_accepted_by_nginx(tmp_path):
    settings = nginx.ProxySettings("127.0.0.1", 8080, (("127.0.0.1", 9001), ("127.0.0.1", 9002)), tmp_path, 20)
    text = nginx.render(settings)
    assert "hash $lmi_backend_key;" in text and "ip_hash" not in text
    assert "map $cookie_lmi_backend $lmi_backend_key" in text
    assert "server 127.0.0.1:9001" in text and "server 127.0.0.1:9002" in text
    assert "client_max_body_size 21m;" in text  # the app's 20 MiB limit, 1 MiB for the form's framing
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if Path(binary).exists():
        config = nginx.write(settings)
        checked = subprocess.run([binary, "-t", "-q", "-p", str(tmp_path), "-c", str(config)], capture_output=True)
        assert checked.returncode == 0, checked.stderr


def test_deploy_config_command_prints_the_configuration():
    done = subprocess.run(
        [sys.executable, "-m", "deploy", "config", "--backend", "127.0.0.1:9001", "--port", "8088"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "listen 127.0.0.1:8088;" in done.stdout and "server 127.0.0.1:9001" in done.stdout


def test_serve_starts_two_processes_per_cpu_by_default(monkeypatch):
    """Two per CPU keep both cores busy while one process's visitors wait on its interpreter lock
    (docs/deployment.md: 4 processes kept 50 visitors under 2 s per step on 2 CPUs, 2 did not); capped for memory."""
    from deploy.__main__ import MAX_DEFAULT_PROCESSES, default_processes

    for cpus, expected in ((None, 2), (1, 2), (2, 4), (16, MAX_DEFAULT_PROCESSES)):
        monkeypatch.setattr(os, "cpu_count", lambda cpus=cpus: cpus)
        assert default_processes() == expected


@pytest.mark.slow
def test_the_harness_reports_a_traceback_and_an_error_box(tmp_path):
    """The negative control: 0 errors in the load results means something only if an error is seen."""
    script = tmp_path / "failing.py"
    script.write_text(
        "import streamlit as st\n"
        "st.error('an error box')\n"
        "if st.text_input('q', key='query') == 'fail':\n"
        "    raise ValueError('boom')\n"
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--client.showErrorDetails", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(f"{url}/_stcore/health", server, 60, "streamlit")

        async def steps():
            session = Session(url, step_timeout_s=30)
            await session.open()
            try:
                first = await session.run("open", page="")
                failing = await session.run("fail", widgets={"query": "fail"})
                return first, failing
            finally:
                await session.close()

        first, failing = run_async(steps())
        assert first.errors == [] and first.error_boxes == ["an error box"]
        assert len(failing.errors) == 1  # the exception element (its text hidden by showErrorDetails = none)
    finally:
        server.terminate()
        server.wait(timeout=30)
