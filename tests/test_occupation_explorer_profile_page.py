"""The explorer's full O*NET profile for Registered Nurses: work activities, work styles, interests, tasks and
technology skills under "What the work takes", each with a CSV download and its source, and a plain statement
that the shipped snapshot lacks Task Ratings, Abilities and Work Context."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECTIONS = [
    "What the work takes",
    "Work activities",
    "Work styles",
    "Interests",
    "Tasks",
    "Technology skills",
    "Abilities",
    "How and with whom you work (work context)",
]
DOWNLOADS = [
    "Download work activities (CSV)",
    "Download work styles (CSV)",
    "Download interests (CSV)",
    "Download tasks (CSV)",
    "Download technology skills (CSV)",
]


@pytest.fixture(autouse=True)
def no_postings(tmp_path, monkeypatch):
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(tmp_path / "no-postings"))


def open_explorer(reference_db, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("LMI_REFERENCE_DB", str(reference_db))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


@pytest.fixture
def nurses(reference_db, monkeypatch) -> AppTest:
    at = open_explorer(reference_db, monkeypatch, occupation="29-1141.00")
    assert not at.exception, at.exception
    return at


def test_profile_sections_follow_what_the_work_takes_in_order(nurses):
    subheaders = [s.value for s in nurses.subheader]
    start = subheaders.index("What the work takes")
    assert subheaders[start : start + len(SECTIONS)] == SECTIONS


def test_each_section_is_downloadable(nurses):
    labels = [b.label for b in nurses.get("download_button")]
    assert [label for label in labels if label in DOWNLOADS] == DOWNLOADS


def test_sections_show_tasks_technology_and_interest_code(nurses):
    tables = [frame.value for frame in nurses.dataframe]
    tasks = next(t for t in tables if "Task type" in t.columns)
    assert tasks["Task type"].iloc[0] == "Core" and "Supplemental" in set(tasks["Task type"])
    technology = next(t for t in tables if "Hot technology?" in t.columns)
    assert "Hot technology" in set(technology["Hot technology?"])
    assert technology["Hot technology?"].iloc[0].startswith("Hot technology")  # hot first, in words
    activities = next(t for t in tables if "Work activity" in t.columns)
    assert activities["Work activity"].iloc[0] == "Assisting and Caring for Others"
    markdown = " ".join(m.value for m in nurses.markdown)
    assert "Interest code: SIC" in markdown


def test_page_says_what_the_shipped_snapshot_lacks(nurses):
    captions = " ".join(c.value for c in nurses.caption)
    assert "no O\\*NET Task Ratings" in captions and "not ranked by importance" in captions
    infos = " ".join(i.value for i in nurses.info)
    assert "no O\\*NET Abilities" in infos and "no O\\*NET Work Context" in infos
    assert "Source: O\\*NET (Work Activities) 28.2" in captions and "Source: O\\*NET 29.3" in captions


@pytest.mark.slow
def test_profile_sections_in_spanish(reference_db, monkeypatch):
    at = open_explorer(reference_db, monkeypatch, lang="es", occupation="29-1141.00")
    assert not at.exception, at.exception
    subheaders = [s.value for s in at.subheader]
    assert {"Tareas", "Habilidades tecnológicas", "Cómo y con quién se trabaja (contexto laboral)"} <= set(subheaders)
    assert "Descargar tareas (CSV)" in [b.label for b in at.get("download_button")]
