"""``python -m deploy serve --processes 4 --port 8080``: N app processes behind nginx on one port.

Writes the proxy configuration to ``--run-dir`` (default var/deploy), starts everything, prints the URL and
stops everything on Ctrl-C (or SIGTERM), or as soon as one process dies. ``python -m deploy config`` prints
the nginx configuration it would write, for a deployment whose proxy is managed elsewhere.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from deploy import nginx
from deploy.cluster import DEFAULT_RUN_DIR, Cluster, DeployError, upload_limit_mb

MAX_DEFAULT_PROCESSES = 8


def default_processes() -> int:
    """Two app processes per CPU (at most ``MAX_DEFAULT_PROCESSES``): a process runs its visitors' Python under
    one interpreter lock, so with one per CPU a core idles while a busy process's visitors wait on its lock; two
    per CPU kept 50 visitors under 2 s per step on 2 CPUs where one per CPU did not (docs/deployment.md), for
    about 0.5 GB of memory per process."""
    return max(1, min(MAX_DEFAULT_PROCESSES, 2 * (os.cpu_count() or 1)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start N app processes and nginx, stop them all on Ctrl-C")
    config = commands.add_parser("config", help="print the nginx configuration for given backend ports")
    for sub in (serve, config):
        sub.add_argument("--port", type=int, default=8080, help="the one public port (default 8080)")
        sub.add_argument("--host", default="127.0.0.1", help="address nginx listens on (default 127.0.0.1)")
        sub.add_argument("--run-dir", type=Path, default=DEFAULT_RUN_DIR, help="config, logs, pid (var/deploy)")
    serve.add_argument(
        "--processes",
        type=int,
        default=default_processes(),
        help=f"app processes (default {default_processes()}: two per CPU, at most {MAX_DEFAULT_PROCESSES})",
    )
    config.add_argument("--backend", action="append", default=[], help="host:port of an app process (repeat)")
    args = parser.parse_args(argv)
    if args.command == "config":
        return print_config(args)
    return serve_until_stopped(args)


def print_config(args: argparse.Namespace) -> int:
    backends = tuple((host, int(port)) for host, port in (b.rsplit(":", 1) for b in args.backend))
    if not backends:
        print("give at least one --backend host:port", file=sys.stderr)
        return 2
    settings = nginx.ProxySettings(args.host, args.port, backends, args.run_dir, upload_limit_mb())
    print(nginx.render(settings))
    return 0


def serve_until_stopped(args: argparse.Namespace) -> int:
    if args.processes > 1 and not os.environ.get("LMI_RECORDS_URL"):
        print(
            "note: LMI_RECORDS_URL is not set, so staff records use the embedded file, which one process at a "
            "time can write; set LMI_RECORDS_URL=postgresql://... for imports from every process "
            "(docs/deployment.md)",
            file=sys.stderr,
        )
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append("SIGTERM"))
    cluster = Cluster(processes=args.processes, port=args.port, host=args.host, run_dir=args.run_dir)
    try:
        cluster.start()
        print(f"serving {args.processes} app processes on {cluster.url} (Ctrl-C stops them all)", flush=True)
        while not stopping:
            problem = cluster.failed()
            if problem:
                print(f"stopping: {problem} (see {args.run_dir})", file=sys.stderr)
                return 1
            time.sleep(1)
    except DeployError as error:
        print(f"could not start: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
