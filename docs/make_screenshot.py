"""Remake docs/screenshot.png: start the app on var/lmi.duckdb, pick Hartford, search a nurse (the
shot shows jobs, pay, projected growth and estimated openings).

    .venv/bin/python docs/make_screenshot.py   (needs /usr/bin/chromium; ./dev.sh test installs it)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.browser.helpers import choose_in_selectbox, new_page, open_app, type_into  # noqa: E402


def main() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
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
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if requests.get(f"{url}/_stcore/health", timeout=1).text == "ok":
                    break
            except requests.RequestException:
                time.sleep(0.1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            with new_page(browser, width=1400, height=1500) as page:
                open_app(page, url)
                choose_in_selectbox(page, "State", "Connecticut")
                choose_in_selectbox(page, "Metro or nonmetropolitan area", "Hartford-West Hartford-East Hartford, CT")
                type_into(page, "Search an occupation or job title", "registerd nurse")
                openings = page.locator("[data-testid='stMetric']").filter(has_text="Est. annual openings here")
                expect(openings.first).to_contain_text("a year", timeout=30_000)
                time.sleep(1)  # the map's canvas draws after the run has finished
                page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
