"""Registered Nurses' full O*NET profile in a real browser: work activities, work styles, interests, tasks and
technology skills as headings in order under "What the work takes", and the tasks CSV carrying its source."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import download, open_app, type_into

pytestmark = pytest.mark.browser

SEARCH = "Search an occupation or job title"
SECTIONS = ["Work activities", "Work styles", "Interests", "Tasks", "Technology skills"]


def test_registered_nurses_show_the_five_profile_sections(page, app_url):
    open_app(page, app_url)
    type_into(page, SEARCH, "registered nurse")
    expect(page.get_by_role("heading", name="Registered Nurses", exact=True)).to_be_visible()
    headings = page.get_by_role("heading", level=3)
    for name in SECTIONS:
        expect(headings.filter(has_text=name).first).to_be_visible()
    shown = [text.strip() for text in headings.all_inner_texts()]
    positions = [next(i for i, text in enumerate(shown) if text.startswith(name)) for name in SECTIONS]
    assert positions == sorted(positions) and shown.index("What the work takes") < positions[0]
    expect(page.get_by_text("Interest code: SIC").first).to_be_visible()
    expect(page.get_by_text("hot technologies").first).to_be_visible()
    expect(page.get_by_text("This database has no O*NET Work Context").first).to_be_visible()
    saved = download(page, "Download tasks (CSV)")
    rows = list(csv.DictReader(io.StringIO(saved.path().read_text(encoding="utf-8"))))
    assert rows[0]["task_type"] == "Core"
    assert {row["source"] for row in rows} == {"Source: O*NET 29.3 (CC BY 4.0)."}
