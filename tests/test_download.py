"""``python -m etl download`` end to end against a local HTTP server serving official-format files.

The pinned URLs are replaced by ``pytest-httpserver`` URLs; nothing here reaches the internet. The
session's sleep is a recorder, so retries never wait.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest
import requests
from werkzeug import Response

from etl import http
from etl.catalog import SOURCES
from etl.download import ORIGIN_DOWNLOADED, ORIGIN_SHIPPED, cache_folder, download_and_build
from etl.errors import DownloadError, EtlError, SnapshotError
from etl.http import fetch_file, make_session
from etl.releases import PinnedFile, Release, load_releases
from tests import official_formats as official

CONTACT = "tests@example.org"


class SleepRecorder(list):
    """Stands in for ``time.sleep``: records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


class RefusingAdapter(requests.adapters.BaseAdapter):
    """Mounted on a session that must not send anything; records what it was asked to send."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def send(self, request, **kwargs):
        self.sent.append(request.url)
        raise AssertionError(f"no request expected, got {request.url}")

    def close(self) -> None:
        pass


@pytest.fixture(autouse=True)
def no_contact_in_environment(monkeypatch):
    monkeypatch.delenv(http.CONTACT_ENV, raising=False)


@pytest.fixture(scope="module")
def served() -> dict[str, dict[str, bytes]]:
    return official.official_files()


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def session(sleeps):
    return make_session(CONTACT, sleep=sleeps, timeout=(2, 10))


def local_releases(
    server, served: dict[str, dict[str, bytes]], pins: dict[str, str] | None = None, register: bool = True
) -> dict[str, Release]:
    """The pinned releases with every URL moved to ``server``; optionally serve the files there too."""
    releases = load_releases()
    for key, release in releases.items():
        files = []
        for pinned in release.files:
            path = f"/{key}/{pinned.name}"
            if register:
                server.expect_request(path).respond_with_data(
                    served[key][pinned.name], content_type="application/octet-stream"
                )
            files.append(PinnedFile(pinned.name, server.url_for(path), (pins or {}).get(pinned.name, "")))
        releases[key] = dataclasses.replace(release, files=tuple(files))
    return releases


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    return sha256(path.read_bytes())


@pytest.fixture(scope="module")
def built(tmp_path_factory, make_httpserver, served):
    """One full download and build of every source from the local server, shared by this module."""
    make_httpserver.clear()
    folder = tmp_path_factory.mktemp("downloaded")
    releases = local_releases(make_httpserver, served)
    messages: list[str] = []
    report = download_and_build(
        folder / "lmi.duckdb",
        cache_dir=folder / "cache",
        releases=releases,
        check_row_counts=False,
        session=make_session(CONTACT, sleep=SleepRecorder()),
        progress=messages.append,
    )
    requested = [entry[0].path for entry in make_httpserver.log]
    make_httpserver.clear()
    return {
        "db": folder / "lmi.duckdb",
        "cache": folder / "cache",
        "report": report,
        "messages": messages,
        "releases": releases,
        "requested": requested,
    }


@pytest.fixture
def existing_db(tmp_path, built) -> Path:
    """A copy of a good database, standing where a failing download would have to replace it."""
    path = tmp_path / "lmi.duckdb"
    shutil.copyfile(built["db"], path)
    return path


def assert_untouched(db: Path, before: str) -> None:
    assert file_sha256(db) == before, "a failed download must leave the existing database byte-for-byte as it was"
    assert not list(db.parent.glob(f".{db.name}.building-*")), "a failed build left its partial file behind"


# ---------------------------------------------------------------------------------------------
# (a) success: the database holds the served values and records the served files' checksums
# ---------------------------------------------------------------------------------------------


def test_download_builds_database_holding_the_served_values(built):
    con = duckdb.connect(str(built["db"]), read_only=True)
    try:
        employment, median, lq = con.execute(
            "SELECT employment_count, annual_wage_median_usd, location_quotient FROM core_oews_estimate "
            "WHERE area_code = ? AND soc_code = '29-1141'",
            [official.HARTFORD],
        ).fetchone()
        importance = con.execute(
            "SELECT importance FROM core_occupation_rating WHERE onet_soc_code = '29-1141.00' "
            "AND element_id = '2.A.1.a'"
        ).fetchone()[0]
        rn_projection = con.execute(
            "SELECT employment_2024_thousands, annual_openings_thousands FROM core_projection "
            "WHERE soc_code = '29-1141'"
        ).fetchone()
        crosswalk = dict(con.execute("SELECT onet_soc_code, oews_match_method FROM core_onet_soc_crosswalk").fetchall())
    finally:
        con.close()
    assert (employment, median, lq) == (13850, 101470.0, 1.06)
    assert importance == official.RN_READING_IMPORTANCE
    assert rn_projection == (official.RN_EMPLOYMENT_2024_THOUSANDS, official.RN_ANNUAL_OPENINGS_THOUSANDS)
    assert crosswalk["53-1042.00"] == "residual_in_broad_group"


def test_provenance_records_the_served_files_and_their_checksums(built, served):
    con = duckdb.connect(str(built["db"]), read_only=True)
    try:
        rows = con.execute("SELECT raw_table, source_key, origin, made_from FROM meta_provenance").fetchall()
    finally:
        con.close()
    origin_by_source = {source: origin for _, source, origin, _ in rows}
    automated = {spec.key for spec in SOURCES if spec.automated_download}
    assert {origin_by_source[s] for s in automated} == {ORIGIN_DOWNLOADED}
    assert {origin_by_source[s] for s in set(origin_by_source) - automated} <= {ORIGIN_SHIPPED}
    by_source = {source: json.loads(made_from) for _, source, _, made_from in rows}
    for source, files in served.items():
        recorded = {entry["file"]: entry for entry in by_source[source]}
        assert set(recorded) == set(files)
        for name, data in files.items():
            assert recorded[name]["sha256"] == sha256(data)
            assert recorded[name]["url"] == built["releases"][source].file(name).url


def test_download_reports_progress_and_caches_under_source_and_version(built, served):
    assert any("downloading oe.data.0.Current" in m for m in built["messages"])
    assert any(m.startswith("built ") for m in built["messages"])
    folder = cache_folder(built["cache"], built["releases"]["cip_soc"])
    assert folder.name == "CIP_2020_SOC_2018"  # "CIP 2020 / SOC 2018" made safe as a folder name
    assert (folder / "CIPCode2020.csv").read_bytes() == served["cip_soc"]["CIPCode2020.csv"]
    sidecar = (folder / "CIPCode2020.csv.sha256").read_text().split()[0]
    assert sidecar == sha256(served["cip_soc"]["CIPCode2020.csv"])
    assert not list(built["cache"].rglob("*.part"))


@pytest.mark.slow
def test_sources_not_downloaded_come_from_the_shipped_snapshot(httpserver, served, session, tmp_path):
    releases = local_releases(httpserver, served)
    download_and_build(
        tmp_path / "lmi.duckdb",
        cache_dir=tmp_path / "cache",
        only=["indeed"],
        releases=releases,
        session=session,
        progress=lambda m: None,
    )  # row-count bands on: the rest is real data
    assert {entry[0].path for entry in httpserver.log} == {f"/indeed/{name}" for name in served["indeed"]}
    con = duckdb.connect(str(tmp_path / "lmi.duckdb"), read_only=True)
    try:
        origins = dict(con.execute("SELECT source_key, any_value(origin) FROM meta_provenance GROUP BY 1").fetchall())
        national_postings = con.execute("SELECT count(*) FROM core_indeed_national_postings").fetchone()[0]
        hartford_rn = con.execute(
            "SELECT employment_count FROM core_oews_estimate WHERE area_code = '0025540' AND soc_code = '29-1141'"
        ).fetchone()[0]
    finally:
        con.close()
    assert origins.pop("indeed") == ORIGIN_DOWNLOADED
    assert set(origins.values()) == {ORIGIN_SHIPPED}
    assert national_postings == len(official.INDEED_DATES)  # "total postings" rows only, as served
    assert hartford_rn == 13850  # from the shipped OEWS snapshot


# ---------------------------------------------------------------------------------------------
# (b) retries: 503 then success, 429 with Retry-After, and giving up
# ---------------------------------------------------------------------------------------------


def test_503_is_retried_with_backoff_then_succeeds(tmp_path, httpserver, session, sleeps):
    httpserver.expect_oneshot_request("/file").respond_with_data("busy", status=503)
    httpserver.expect_oneshot_request("/file").respond_with_data("still busy", status=503)
    httpserver.expect_request("/file").respond_with_data(b"payload")
    digest = fetch_file(session, httpserver.url_for("/file"), tmp_path / "file", "")
    assert digest == sha256(b"payload")
    assert (tmp_path / "file").read_bytes() == b"payload"
    assert len(httpserver.log) == 3
    assert sleeps == [http.BACKOFF_S, 2 * http.BACKOFF_S]


def test_429_waits_as_long_as_retry_after_says(tmp_path, httpserver, session, sleeps):
    httpserver.expect_oneshot_request("/file").respond_with_data("slow down", status=429, headers={"Retry-After": "7"})
    httpserver.expect_request("/file").respond_with_data(b"payload")
    fetch_file(session, httpserver.url_for("/file"), tmp_path / "file", "")
    assert sleeps == [7.0]
    assert len(httpserver.log) == 2


def test_persistent_503_gives_up_after_the_last_attempt(tmp_path, httpserver, sleeps):
    session = make_session(CONTACT, sleep=sleeps, max_attempts=3)
    httpserver.expect_request("/file").respond_with_data("down", status=503)
    url = httpserver.url_for("/file")
    with pytest.raises(DownloadError, match=re.escape(url)) as error:
        fetch_file(session, url, tmp_path / "file", "")
    assert "503" in str(error.value)
    assert len(httpserver.log) == 3 and len(sleeps) == 2
    assert not list(tmp_path.iterdir())


def test_retry_after_accepts_seconds_and_http_dates():
    assert http.parse_retry_after("120") == 120.0
    assert http.parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait
    assert http.parse_retry_after("soon") is None
    assert http.parse_retry_after(None) is None


# ---------------------------------------------------------------------------------------------
# (c) 404: no retry, the error names the URL and the status
# ---------------------------------------------------------------------------------------------


def test_404_names_the_url_and_is_not_retried(tmp_path, httpserver, session, sleeps):
    httpserver.expect_request("/gone.xlsx").respond_with_data("not here", status=404)
    url = httpserver.url_for("/gone.xlsx")
    with pytest.raises(DownloadError, match=re.escape(url)) as error:
        fetch_file(session, url, tmp_path / "gone.xlsx", "")
    assert "404" in str(error.value)
    assert len(httpserver.log) == 1 and sleeps == []
    assert not list(tmp_path.iterdir())


def test_404_during_download_leaves_the_database_untouched(existing_db, httpserver, served, session, tmp_path):
    before = file_sha256(existing_db)
    releases = local_releases(httpserver, served, register=False)
    httpserver.expect_request("/onet/db_29_3_text.zip").respond_with_data("not here", status=404)
    with pytest.raises(DownloadError, match=re.escape(releases["onet"].files[0].url)):
        download_and_build(
            existing_db,
            cache_dir=tmp_path / "cache",
            only=["onet"],
            releases=releases,
            session=session,
            progress=lambda m: None,
        )
    assert_untouched(existing_db, before)


# ---------------------------------------------------------------------------------------------
# (d) truncated transfers: short of Content-Length, or a cut archive served as if complete
# ---------------------------------------------------------------------------------------------


def _serve_cut_short(httpserver, path: str, data: bytes, content_length: str | None) -> None:
    cut = data[: len(data) // 2]

    def handler(request):
        if content_length is None:
            return Response(iter([cut]), content_type="application/zip")  # streamed: no length given
        response = Response(cut, content_type="application/zip")
        response.headers["Content-Length"] = content_length
        return response

    httpserver.expect_request(path).respond_with_handler(handler)


def test_transfer_shorter_than_content_length_is_refused(existing_db, httpserver, served, session, tmp_path):
    before = file_sha256(existing_db)
    releases = local_releases(httpserver, served, register=False)
    archive = served["onet"]["db_29_3_text.zip"]
    _serve_cut_short(httpserver, "/onet/db_29_3_text.zip", archive, content_length=str(len(archive)))
    with pytest.raises(DownloadError, match=re.escape(releases["onet"].files[0].url)) as error:
        download_and_build(
            existing_db,
            cache_dir=tmp_path / "cache",
            only=["onet"],
            releases=releases,
            session=session,
            progress=lambda m: None,
        )
    assert "truncated" in str(error.value)
    assert_untouched(existing_db, before)
    assert not list((tmp_path / "cache").rglob("db_29_3_text.zip*")), "no partial or unverified file is cached"


@pytest.mark.parametrize("content_length", ["matching", None], ids=["matching-length", "no-length"])
def test_cut_archive_that_arrives_whole_fails_to_parse(
    existing_db, httpserver, served, session, tmp_path, content_length
):
    before = file_sha256(existing_db)
    releases = local_releases(httpserver, served, register=False)
    archive = served["onet"]["db_29_3_text.zip"]
    length = str(len(archive) // 2) if content_length == "matching" else None
    _serve_cut_short(httpserver, "/onet/db_29_3_text.zip", archive, content_length=length)
    with pytest.raises(SnapshotError, match=r"db_29_3_text\.zip: not a readable zip archive") as error:
        download_and_build(
            existing_db,
            cache_dir=tmp_path / "cache",
            only=["onet"],
            releases=releases,
            session=session,
            progress=lambda m: None,
        )
    assert "truncated" in str(error.value)
    assert_untouched(existing_db, before)


# ---------------------------------------------------------------------------------------------
# (e) a pinned checksum that does not match
# ---------------------------------------------------------------------------------------------


def test_checksum_mismatch_names_file_and_both_checksums(existing_db, httpserver, served, session, tmp_path):
    before = file_sha256(existing_db)
    wrong = "0" * 64
    releases = local_releases(httpserver, served, pins={"oe.area": wrong})
    with pytest.raises(DownloadError) as error:
        download_and_build(
            existing_db,
            cache_dir=tmp_path / "cache",
            only=["oews"],
            releases=releases,
            session=session,
            progress=lambda m: None,
        )
    message = str(error.value)
    assert "oe.area" in message and wrong in message and sha256(served["oews"]["oe.area"]) in message
    assert "etl/releases.toml" in message and "reviewed change" in message
    assert_untouched(existing_db, before)
    assert not (cache_folder(tmp_path / "cache", releases["oews"]) / "oe.area").exists()


def test_matching_pinned_checksum_is_accepted(tmp_path, httpserver, session):
    httpserver.expect_request("/oe.area").respond_with_data(b"area data")
    digest = fetch_file(session, httpserver.url_for("/oe.area"), tmp_path / "oe.area", sha256(b"area data"))
    assert digest == sha256(b"area data")


# ---------------------------------------------------------------------------------------------
# (f) BLS needs a contact e-mail: refused before any request is made
# ---------------------------------------------------------------------------------------------


def test_missing_contact_email_for_bls_is_refused_before_any_request(tmp_path, sleeps):
    session = make_session(None, sleep=sleeps)
    adapter = RefusingAdapter()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    with pytest.raises(DownloadError) as error:
        download_and_build(
            tmp_path / "lmi.duckdb",
            cache_dir=tmp_path / "cache",
            only=["oews"],
            releases=load_releases(),
            session=session,
            progress=lambda m: None,
        )
    message = str(error.value)
    assert "download.bls.gov" in message and "--contact-email" in message and http.CONTACT_ENV in message
    assert adapter.sent == []
    assert not (tmp_path / "lmi.duckdb").exists()


def test_contact_email_comes_from_argument_or_environment(monkeypatch, httpserver):
    assert make_session(None).contact_email is None
    monkeypatch.setenv(http.CONTACT_ENV, "env@example.org")
    assert make_session(None).contact_email == "env@example.org"
    session = make_session("arg@example.org")
    assert session.contact_email == "arg@example.org"
    assert session.headers["User-Agent"].startswith("lmi-dashboard/0.1 (+https://github.com/lmi-dashboard")
    httpserver.expect_request("/ua").respond_with_data("ok")
    session.get(httpserver.url_for("/ua"))
    assert "contact: arg@example.org" in httpserver.log[0][0].headers["User-Agent"]


def test_only_bls_hosts_need_the_contact_email():
    assert http.is_bls_url("https://download.bls.gov/pub/time.series/oe/oe.area")
    assert http.is_bls_url("https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx")
    assert not http.is_bls_url("https://www.onetcenter.org/dl_files/database/db_29_3_text.zip")
    assert not http.is_bls_url("https://bls.gov.example.com/file")
    http.require_contact_email("https://nces.ed.gov/ipeds/cipcode/Files/CIPCode2020.csv", None)


def test_unknown_source_key_is_refused(tmp_path, session):
    with pytest.raises(EtlError, match="unknown source key.*'oes'.*known: onet"):
        download_and_build(tmp_path / "lmi.duckdb", cache_dir=tmp_path, only=["oes"], session=session)


# ---------------------------------------------------------------------------------------------
# (g) the raw cache: a verified file is reused, a damaged one fetched again
# ---------------------------------------------------------------------------------------------


def test_cached_files_with_matching_checksums_are_not_downloaded_again(built, httpserver, served, session, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(built["cache"], cache)
    releases = local_releases(httpserver, served)
    messages: list[str] = []
    download_and_build(
        tmp_path / "lmi.duckdb",
        cache_dir=cache,
        releases=releases,
        check_row_counts=False,
        session=session,
        progress=messages.append,
    )
    assert httpserver.log == []
    assert sum("reusing cached" in m for m in messages) == sum(len(files) for files in served.values())


def test_cached_file_is_reused_by_pin_and_refetched_when_damaged(httpserver, served, session, tmp_path):
    from etl.download import fetch_or_reuse

    data = served["oews"]["oe.footnote"]
    pinned = PinnedFile("oe.footnote", httpserver.url_for("/oe.footnote"), sha256(data))
    httpserver.expect_request("/oe.footnote").respond_with_data(data)
    (tmp_path / "oe.footnote").write_bytes(data)  # a pin needs no sidecar
    entry = fetch_or_reuse(pinned, tmp_path, session, lambda m: None, "oews")
    assert entry["sha256"] == sha256(data) and httpserver.log == []

    (tmp_path / "oe.footnote").write_bytes(data[:-10])  # damaged in the cache
    entry = fetch_or_reuse(pinned, tmp_path, session, lambda m: None, "oews")
    assert len(httpserver.log) == 1
    assert (tmp_path / "oe.footnote").read_bytes() == data and entry["sha256"] == sha256(data)

    unpinned = dataclasses.replace(pinned, sha256="")
    (tmp_path / "oe.footnote.sha256").unlink()
    fetch_or_reuse(unpinned, tmp_path, session, lambda m: None, "oews")  # no pin, no sidecar: fetched
    assert len(httpserver.log) == 2


# ---------------------------------------------------------------------------------------------
# (f) a full O*NET release: Task Ratings, Abilities and Work Context enter the profile
# ---------------------------------------------------------------------------------------------


def test_full_release_adds_task_ratings_abilities_and_work_context_to_profiles(built):
    from lmi.occupations import profile_sections

    con = duckdb.connect(str(built["db"]), read_only=True)
    try:
        assert profile_sections.loaded_parts(con) == {"task_ratings", "abilities", "work_context"}
        assert profile_sections.missing_parts(con) == ()
        tasks = profile_sections.tasks(con, "29-1141.00")
        context = profile_sections.work_context(con, "29-1141.00")
        abilities = profile_sections.abilities(con, "29-1141.00")
        technology = profile_sections.technology_skills(con, "29-1141.00")
    finally:
        con.close()
    # core before supplemental before not yet rated; within core, by importance (Task Ratings)
    assert tasks.task_id.tolist() == [15204, 15203, 15205, 23508]
    assert tasks.importance.tolist()[:3] == [4.71, 4.42, 4.90]
    assert tasks.task_type_words.tolist() == ["Core", "Core", "Supplemental", "Not yet rated"]
    contact = context.set_index("element_name").loc["Contact With Others"]
    assert (contact.most_common_answer, contact.most_common_answer_pct) == ("Constant contact with others", 93.0)
    assert contact.context_group == "Working with others"
    assert contact.context_score_pct == pytest.approx(100 * (4.91 - 1) / 4)
    assert context.element_name.iloc[0] == "Contact With Others"  # highest on its own scale first
    assert set(abilities.element_name) == {name for _, name in official.ABILITIES}
    assert technology.iloc[0].technology == official.RN_HOT_TECHNOLOGY
    assert technology.iloc[0].flag_words == "Hot technology, in demand"


def test_explorer_shows_abilities_work_context_and_ranked_tasks_from_a_full_release(built, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("LMI_REFERENCE_DB", str(built["db"]))
    monkeypatch.setenv("LMI_POSTINGS_DIR", str(tmp_path / "no-postings"))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
    at.query_params["occupation"] = "29-1141.00"
    at.run()
    assert not at.exception, at.exception
    tables = [frame.value for frame in at.dataframe]
    context = next(t for t in tables if "Most common answer" in t.columns)
    first = context.iloc[0]
    assert (first["Condition"], first["About"]) == ("Contact With Others", "Working with others")
    assert (first["Most common answer"], first["Share giving it (%)"]) == ("Constant contact with others", 93.0)
    abilities = next(t for t in tables if "Ability" in t.columns)
    assert set(abilities["Ability"]) == {name for _, name in official.ABILITIES}
    tasks = next(t for t in tables if "Task type" in t.columns)
    assert tasks["Importance (1–5)"].tolist()[:3] == [4.71, 4.42, 4.90]
    captions = " ".join(c.value for c in at.caption)
    assert "each by importance (O\\*NET Task Ratings)" in captions
    assert not any("This database has no O\\*NET" in i.value for i in at.info)
    assert {"Download abilities (CSV)", "Download work context (CSV)"} <= {b.label for b in at.get("download_button")}
