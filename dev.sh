#!/usr/bin/env bash
# One entry point for newcomers and CI (see README):
#   ./dev.sh start       set everything up, build the database from the shipped data, start the dashboard
#                        in public mode (.streamlit/config.toml: the viewer toolbar, no Deploy or Clear cache)
#   ./dev.sh dev         the same with Streamlit's developer toolbar (Rerun, Clear cache, Deploy)
#   ./dev.sh serve       the same in public mode with several app processes behind nginx on one port
#                        (default two processes per CPU, on port 8080: ./dev.sh serve --processes 3;
#                        docs/deployment.md)
#   ./dev.sh test        set everything up (Chromium, pyspark and Java included), lint, and run the whole test
#                        suite: every tier, the slow, Spark and browser tests included (what .ci/run runs)
#   ./dev.sh test-fast   the inner loop: lint, then every test not marked slow or browser, one pytest-xdist
#                        worker per CPU (about 3 minutes on 2 CPUs)
# Extra arguments go to pytest, e.g. ./dev.sh test-fast tests/test_search.py -x; TEST_WORKERS=1 runs the
# non-browser tiers in one process.
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; exit 1; fi
}

apt_install() {
  log "installing Debian packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

find_python() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
      echo "$candidate"; return
    fi
  done
  log "Python 3.11 or newer is required"; exit 1
}

setup_python() {
  local python; python=$(find_python)
  if [ ! -x "$PY" ]; then
    if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then apt_install python3-venv; fi
    log "creating $VENV with $python"
    "$python" -m venv "$VENV"
  fi
  local stamp="$VENV/.requirements.sha256"
  local wanted; wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    log "installing Python packages (requirements.txt)"
    "$PY" -m pip install --quiet --upgrade pip
    "$PY" -m pip install --quiet -r requirements.txt
    echo "$wanted" > "$stamp"
  fi
}

# pyspark for the Spark parity test (tests/test_postings_spark.py), on top of requirements.txt, with its own
# stamp; only ./dev.sh test needs it (about 450 MB)
setup_spark() {
  local stamp="$VENV/.requirements-spark.sha256"
  local wanted; wanted=$(sha256sum requirements-spark.txt | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    log "installing pyspark (requirements-spark.txt)"
    "$PY" -m pip install --quiet -r requirements-spark.txt
    echo "$wanted" > "$stamp"
  fi
}

# Spark needs Java 17 or newer: Debian's OpenJDK 17 runtime when no java is on PATH (default-jre-headless on a
# release that no longer has 17)
ensure_java() {
  if command -v java >/dev/null; then return; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  if apt-cache policy openjdk-17-jre-headless | grep -q 'Candidate: [0-9]'; then
    apt_install openjdk-17-jre-headless
  else
    apt_install default-jre-headless
  fi
}

build_database() {
  log "building the reference database from the shipped snapshot (data/snapshot)"
  "$PY" -m etl build
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi
}

# The records suite runs against PostgreSQL too (a throw-away server on a unix socket, started and stopped by the
# tests themselves: lmi/records/pg_local.py); Debian's postgresql package provides initdb and pg_ctl. The server
# it installs is not needed: the tests never use it.
ensure_postgres() {
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then apt_install postgresql; fi
  export LMI_REQUIRE_POSTGRES=1  # no skipping the PostgreSQL runs of the records suite
}

# The deployment test (tests/test_deployment.py) and ./dev.sh serve put Debian's nginx in front of the app processes
ensure_nginx() {
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then apt_install nginx; fi
  export LMI_REQUIRE_NGINX=1  # no skipping the deployment test
}

lint() {
  log "checking the code with ruff (lint and format)"
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
}

# exec hands pytest's exit code to the caller: 5 (no tests collected) fails like any other non-zero code
run_tests() {
  exec "$PY" -m pytest "$@"
}

# The whole suite: every tier but the browser one spread over one worker per CPU (pytest-xdist), then the
# browser tier on its own, one test at a time (each drives a served app in Chromium). Either run failing,
# 5 (nothing collected) included, fails the command. With pytest arguments, one plain run of exactly those.
run_whole_suite() {
  if [ "$#" -gt 0 ]; then run_tests "$@"; fi
  local status=0
  "$PY" -m pytest -m "not browser" -n "${TEST_WORKERS:-auto}" || status=$?
  log "running the browser tier (Playwright + Chromium)"
  "$PY" -m pytest -m browser || status=$?
  exit "$status"
}

case "${1:-}" in
  start|dev)
    if [ "$1" = dev ]; then
      export STREAMLIT_CLIENT_TOOLBAR_MODE=developer STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=full
    fi
    setup_python
    build_database
    "$PY" -m lmi.records.example --if-empty
    "$PY" -m lmi.postings example-store --if-empty
    # ADDRESS: where the server listens; 127.0.0.1 (this machine only) unless set, e.g. ADDRESS=0.0.0.0 to serve
    # the network (README: "Deployment and staff accounts")
    log "starting the dashboard on http://${ADDRESS:-127.0.0.1}:${PORT:-8501} (http://localhost:${PORT:-8501} on this machine)"
    exec "$PY" -m streamlit run app.py --server.address "${ADDRESS:-127.0.0.1}" --server.port "${PORT:-8501}" \
      --browser.gatherUsageStats false
    ;;
  serve)
    setup_python
    ensure_nginx
    build_database
    "$PY" -m lmi.records.example --if-empty
    "$PY" -m lmi.postings example-store --if-empty
    # LMI_RECORDS_URL=postgresql://... so that every process can write staff records (docs/deployment.md)
    exec "$PY" -m deploy serve --host "${ADDRESS:-127.0.0.1}" --port "${PORT:-8080}" "${@:2}"
    ;;
  test)
    setup_python
    setup_spark
    ensure_chromium
    ensure_java
    ensure_postgres
    ensure_nginx
    lint
    log "running the whole test suite (fast, slow and Spark tiers over every CPU, then the browser tier)"
    run_whole_suite "${@:2}"
    ;;
  test-fast)
    setup_python
    lint
    log "running the fast tier (not slow, not browser), one worker per CPU"
    run_tests -m "not slow and not browser" -n "${TEST_WORKERS:-auto}" "${@:2}"
    ;;
  *)
    echo "usage: $0 start | dev | serve [--processes N] | test [pytest args] | test-fast [pytest args]" >&2
    exit 2
    ;;
esac
