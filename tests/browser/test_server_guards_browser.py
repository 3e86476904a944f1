"""The served app (``streamlit run``, public mode as shipped) against a client that speaks Streamlit's websocket
protocol directly, as a script would (no browser needed; bench/load_client.py): a Clear cache request is ignored and
logged, and the pages keep working."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.load_client import Session
from tests.browser.conftest import serve_app


async def _clear_cache_between_two_runs(url: str) -> list[list[str]]:
    session = Session(url, step_timeout_s=120)
    await session.open()
    try:
        first = await session.run("programs", page="programs")
        await session._socket.send(BackMsg(clear_cache=True).SerializeToString())
        second = await session.run("programs again")
    finally:
        await session.close()
    return [first.errors, second.errors]


def _run_in_own_loop(coroutine):
    """Run ``coroutine`` on an event loop of its own thread: Playwright's sync API keeps a loop running in this
    one once an earlier browser test of the session has used it, and asyncio.run refuses to start inside it."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def test_a_clients_clear_cache_is_ignored_and_logged(app_env, tmp_path):
    with serve_app(app_env, tmp_path) as url:
        assert _run_in_own_loop(_clear_cache_between_two_runs(url)) == [[], []]
    log = (tmp_path / "streamlit.log").read_text()
    assert "ignored a Clear cache request from a client" in log
