"""Browser tests: start the real app with ``streamlit run`` on a free port against the session's
reference database, and drive it with Playwright in Debian's Chromium (``/usr/bin/chromium``;
``playwright install`` cannot download browsers here). The README's test command installs
Chromium; a missing browser fails these tests rather than skipping them.

Every test in this folder is marked ``browser`` (the full tier); tests drive the app only through
``tests/browser/helpers.py``, which waits for each of Streamlit's reruns to finish."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from playwright.sync_api import sync_playwright

from tests.browser.helpers import new_page

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Chromium itself must not call home either (updates, safe browsing, metrics, crash reports, pings): the
# origin guard (helpers.OriginGuard) sees only the pages' requests.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--no-pings",
]
STARTUP_TIMEOUT_S = 120
HERE = Path(__file__).resolve().parent


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by marker
def pytest_collection_modifyitems(items):
    """Every test under tests/browser/ belongs to the browser tier, whatever its module declares."""
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_env(reference_db, tmp_path_factory) -> dict[str, str]:
    """Environment of the app under test; records go to a fresh temporary folder."""
    env = dict(os.environ)
    env["LMI_REFERENCE_DB"] = str(reference_db)
    env["LMI_RECORDS_DB"] = str(tmp_path_factory.mktemp("records") / "records.duckdb")
    env["LMI_STAFF_PASSWORD"] = "browser-test-staff-password"
    return env


@pytest.fixture(scope="session")
def app_url(app_env, tmp_path_factory) -> str:
    """URL of the app, started once for the session."""
    with serve_app(app_env, tmp_path_factory.mktemp("app")) as url:
        yield url


@contextmanager
def serve_app(env: dict[str, str], log_dir: Path) -> Iterator[str]:
    """Run ``streamlit run app.py`` with ``env`` on a free port until the block ends; yields its URL.
    Its output goes to ``log_dir/streamlit.log`` (a pipe nobody reads would fill up and block the
    server) and is shown if the app stops. Tests that need an app on other data use this too."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    log_path = log_dir / "streamlit.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process, log_path)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log_path.read_text()}")
        try:
            if requests.get(f"{url}/_stcore/health", timeout=2).text == "ok":
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"streamlit did not become healthy within {STARTUP_TIMEOUT_S} s")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (the README's test command does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page in its own browser context (its own Streamlit session), with the helpers' run tracker and
    origin guard (the test fails if the page sends a request outside the app)."""
    with new_page(browser) as page:
        yield page
