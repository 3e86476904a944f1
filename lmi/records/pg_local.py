"""A throw-away local PostgreSQL server for tests and local multi-process trials: Debian's ``initdb`` and
``pg_ctl`` (``/usr/lib/postgresql/*/bin``) make a cluster in a temporary folder that listens only on a unix
socket in that folder (no TCP port, nothing else on the machine can reach it; ``trust`` authentication is
therefore safe), and stop it and remove the folder afterwards.

Why a module of its own: the records tests run their suite against PostgreSQL with it, and the multi-process
deployment tests start one server for several app processes; both need the same start, stop and "a fresh
database" steps. PostgreSQL refuses to run as root, so under root the server runs as the ``postgres`` user the
Debian package creates.

Use from Python::

    with LocalPostgres() as server:          # or server = LocalPostgres().start(); ...; server.stop()
        url = server.create_database("t1")   # postgresql://postgres@/t1?host=/tmp/lmi-pg-xxxx
        os.environ["LMI_RECORDS_URL"] = url

or from a shell (the folder outlives the command; stop it when done)::

    python -m lmi.records.pg_local start /tmp/mypg     # prints the URL of database "records"
    python -m lmi.records.pg_local stop /tmp/mypg
"""

from __future__ import annotations

import argparse
import atexit
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SERVER_USER = "postgres"
DEFAULT_DATABASE = "records"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server programs here (install Debian's ``postgresql`` package)."""


def postgres_bin_dir() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` that has ``initdb`` (``LMI_PG_BIN`` overrides it)."""
    if os.environ.get("LMI_PG_BIN"):
        return Path(os.environ["LMI_PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name or 0))
    if not found:
        raise PostgresUnavailable("no /usr/lib/postgresql/*/bin/initdb: install Debian's postgresql package")
    return Path(found[-1]).parent


def postgres_available() -> bool:
    """Whether a local server can be started here (tests skip or fail on this)."""
    try:
        postgres_bin_dir()
    except PostgresUnavailable:
        return False
    return True


class LocalPostgres:
    """One cluster in ``base_dir`` (a new temporary folder when not given), socket in ``base_dir``."""

    def __init__(self, base_dir: Path | str | None = None):
        self.owns_dir = base_dir is None
        self.base_dir = Path(base_dir or tempfile.mkdtemp(prefix="lmi-pg-"))
        self.data_dir = self.base_dir / "data"
        self.socket_dir = self.base_dir
        self.bin_dir = postgres_bin_dir()

    # -- running the server programs as a user PostgreSQL accepts ---------------------------------------------
    def _as_server_user(self, args: list[str]) -> list[str]:
        if os.getuid() == 0:
            return ["runuser", "-u", SERVER_USER, "--", *args]
        return args

    def _run(self, program: str, *args: str) -> None:
        command = self._as_server_user([str(self.bin_dir / program), *args])
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")

    def _prepare_dir(self) -> None:
        self.base_dir.mkdir(parents=True, exist_ok=True)
        if os.getuid() == 0:
            user = pwd.getpwnam(SERVER_USER)
            os.chmod(self.base_dir, 0o755)
            os.chown(self.base_dir, user.pw_uid, user.pw_gid)

    # -- public API -------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return (self.data_dir / "postmaster.pid").exists()

    def start(self) -> LocalPostgres:
        """initdb (first time only) and start; returns self. Listens on no TCP address."""
        self._prepare_dir()
        if not (self.data_dir / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data_dir), "-U", SERVER_USER, "--auth=trust", "-E", "UTF8",
                      "--no-locale", "--no-sync")  # fmt: skip
        options = f"-c listen_addresses='' -k {self.socket_dir} -c fsync=off -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data_dir), "-o", options, "-l", str(self.base_dir / "server.log"),
                  "-w", "-t", "60", "start")  # fmt: skip
        self.create_database(DEFAULT_DATABASE, exist_ok=True)
        if self.owns_dir:  # a server of this process's own: never left running after it (tests that stop early)
            atexit.register(self.stop)
        return self

    def stop(self, remove: bool | None = None) -> None:
        """Stop the server (fast shutdown) and, for a folder this object made, remove it."""
        if self.running:
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")
        if remove if remove is not None else self.owns_dir:
            shutil.rmtree(self.base_dir, ignore_errors=True)

    def url(self, database: str = DEFAULT_DATABASE) -> str:
        """A libpq URL for ``database`` over the unix socket (what ``LMI_RECORDS_URL`` takes)."""
        return f"postgresql://{SERVER_USER}@/{database}?host={self.socket_dir}"

    def create_database(self, name: str, template: str | None = None, exist_ok: bool = False) -> str:
        """CREATE DATABASE ``name`` (optionally from ``template``) and return its URL."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url("postgres"), autocommit=True) as con:
            exists = con.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and exist_ok:
                return self.url(name)
            statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template:
                statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            con.execute(statement)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """DROP DATABASE ``name`` (closing its connections)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.url("postgres"), autocommit=True) as con:
            con.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """``start DIR`` prints the URL of database ``records``; ``stop DIR`` stops the server in DIR."""
    parser = argparse.ArgumentParser(prog="python -m lmi.records.pg_local", description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("dir", type=Path, help="folder for the cluster and its socket (kept until you remove it)")
    args = parser.parse_args(argv)
    server = LocalPostgres(args.dir)
    if args.action == "start":
        server.start()
        print(server.url())
    else:
        server.stop(remove=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
