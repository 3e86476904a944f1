"""Tests that keep the docs honest: every pinned source is documented with its version and URLs,
and the README's two commands are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

from etl.releases import load_releases

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SOURCES_DOC = (PROJECT_ROOT / "data" / "SOURCES.md").read_text()
README = (PROJECT_ROOT / "README.md").read_text()


def test_every_pinned_source_is_documented_with_version_and_urls():
    for key, release in load_releases().items():
        assert f"`{key}`" in SOURCES_DOC, key
        for pinned in release.files:
            assert pinned.url in SOURCES_DOC or pinned.url.rsplit("/", 1)[0] in SOURCES_DOC, pinned.url


def test_every_source_license_is_in_the_readme():
    for release in load_releases().values():
        short = "public domain" if release.license.lower().startswith("public domain") else release.license
        assert short in README, release.key


def test_ci_runs_the_readme_test_command():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "./dev.sh test" in README and "./dev.sh test" in ci
    assert "./dev.sh start" in README


def test_shipped_snapshot_stays_lean():
    size = sum(p.stat().st_size for p in (PROJECT_ROOT / "data").rglob("*") if p.is_file())
    assert size < 50_000_000
