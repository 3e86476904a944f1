"""Start N app processes and nginx in front of them; watch them; stop them all.

Each app process is a plain ``streamlit run app.py`` on its own loopback port (never reachable from outside:
only the proxy's port is), with production settings that matter for several processes: no file watcher
(nothing reloads a changed file under visitors), no forced full garbage collection after every rerun, and
one shared cookie secret (any process accepts a cookie
another signed, e.g. after the proxy moved a browser when a process died). Everything else comes from
``.streamlit/config.toml`` and the environment, which the processes inherit: ``LMI_REFERENCE_DB`` (every
process opens it read-only and reopens it when the ETL swaps a rebuilt file in) and ``LMI_RECORDS_URL``
(the PostgreSQL records store all processes write; the embedded file allows one writing process).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy import nginx

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RUN_DIR = PROJECT_ROOT / "var" / "deploy"
STREAMLIT_DEFAULT_UPLOAD_MB = 200  # Streamlit's own default for server.maxUploadSize
START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0


class DeployError(RuntimeError):
    """A deployment could not start (a message for the person who ran the command, not a traceback)."""


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def upload_limit_mb(project_root: Path = PROJECT_ROOT) -> int:
    """``server.maxUploadSize`` from the project's Streamlit config (the proxy's body limit must agree)."""
    path = project_root / ".streamlit" / "config.toml"
    if path.exists():
        value = tomllib.loads(path.read_text()).get("server", {}).get("maxUploadSize")
        if value:
            return int(value)
    return STREAMLIT_DEFAULT_UPLOAD_MB


def nginx_binary() -> str:
    """Debian's nginx (``apt-get install nginx``; ``./dev.sh serve`` installs it when missing)."""
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(path).exists()), None
    )
    if not found:
        raise DeployError("nginx is not installed: run `apt-get install nginx` (or ./dev.sh serve, which does)")
    return found


def wait_until_healthy(url: str, process: subprocess.Popen, timeout_s: float, what: str) -> None:
    """Wait for ``url`` (a health endpoint) to answer 200; fail early if ``process`` exits."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DeployError(f"{what} exited with code {process.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise DeployError(f"{what} did not answer {url} within {timeout_s:.0f} s")


@dataclass
class Cluster:
    """N app processes, behind nginx on ``port`` when ``proxy`` (else the single process serves ``port``).

    Use as a context manager or call ``start()`` and ``stop()``; ``url`` is where visitors go."""

    processes: int = 2
    port: int = 8080
    host: str = "127.0.0.1"
    run_dir: Path = DEFAULT_RUN_DIR
    proxy: bool = True
    env: dict[str, str] = field(default_factory=dict)
    access_log: bool = True
    backends: list[tuple[str, int]] = field(default_factory=list, init=False)
    apps: list[subprocess.Popen] = field(default_factory=list, init=False)
    nginx_process: subprocess.Popen | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> Cluster:
        """Start the app processes, wait until each answers its health check, then start the proxy."""
        if self.processes < 1:
            raise DeployError("--processes must be at least 1")
        if not self.proxy and self.processes != 1:
            raise DeployError("without the proxy only one process can serve the port")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, **self.env, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
        try:
            for number in range(self.processes):
                port = free_port() if self.proxy else self.port
                host = "127.0.0.1" if self.proxy else self.host
                self.backends.append((host, port))
                self.apps.append(self._start_app(number, host, port, env))
            for number, (process, (host, port)) in enumerate(zip(self.apps, self.backends)):
                wait_until_healthy(
                    f"http://{host}:{port}/_stcore/health", process, START_TIMEOUT_S, f"app process {number + 1}"
                )
            if self.proxy:
                self._start_proxy()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_app(self, number: int, host: str, port: int, env: dict[str, str]) -> subprocess.Popen:
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.address", host,
            "--server.port", str(port),
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--server.runOnSave", "false",
            # Streamlit's full gc.collect(2) after every rerun: about a fifth of an explorer rerun's CPU here
            # (py-spy, bench/bench_load.py); Python's own collector still runs (RSS is in the load results)
            "--runner.postScriptGC", "false",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        log = (self.run_dir / f"app-{number + 1}.log").open("ab")
        # own session: a Ctrl-C in the terminal reaches this command, which then stops the children in order
        return subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def _start_proxy(self) -> None:
        settings = nginx.ProxySettings(
            listen_host=self.host,
            listen_port=self.port,
            backends=tuple(self.backends),
            run_dir=self.run_dir,
            upload_limit_mb=upload_limit_mb(),
            access_log=self.access_log,
        )
        config = nginx.write(settings)
        if os.geteuid() == 0:  # nginx's workers drop root for "nobody": let them use the temporary folders
            for name in nginx.TEMP_FOLDERS:
                shutil.chown(self.run_dir / "tmp" / name, user="nobody")
        binary = nginx_binary()
        prefix = str(self.run_dir.resolve())
        checked = subprocess.run(
            [binary, "-t", "-q", "-p", prefix, "-c", str(config.resolve())], capture_output=True, text=True
        )
        if checked.returncode != 0:
            raise DeployError(f"nginx refused the configuration {config}: {checked.stderr.strip()}")
        log = (self.run_dir / "nginx.out").open("ab")
        self.nginx_process = subprocess.Popen(
            [binary, "-p", prefix, "-c", str(config.resolve()), "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until_healthy(f"{self.url}/_stcore/health", self.nginx_process, 20, "nginx")

    def pids(self) -> dict[str, list[int]]:
        """The running processes' ids by role (the load harness samples their CPU and memory)."""
        return {
            "app": [process.pid for process in self.apps if process.poll() is None],
            "proxy": [self.nginx_process.pid] if self.nginx_process and self.nginx_process.poll() is None else [],
        }

    def failed(self) -> str | None:
        """Which process has exited, if any (``serve`` stops everything when one does)."""
        for number, process in enumerate(self.apps):
            if process.poll() is not None:
                return f"app process {number + 1} exited with code {process.returncode}"
        if self.nginx_process is not None and self.nginx_process.poll() is not None:
            return f"nginx exited with code {self.nginx_process.returncode}"
        return None

    def stop(self) -> None:
        """Stop the proxy first (no new requests), then every app process; kill what does not stop in time."""
        running = ([self.nginx_process] if self.nginx_process else []) + self.apps
        for process in running:
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT if process is self.nginx_process else signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.apps.clear()
        self.backends.clear()
        self.nginx_process = None
