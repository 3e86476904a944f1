"""The postings pipeline on Apache Spark (local mode) gives exactly the counts DuckDB gives: the same SQL on
the same file, the hand-made file of rules and a generated example file, as CSV and as Parquet.

Needs pyspark (``pip install -r requirements-spark.txt``) and Java 17+, which ``./dev.sh test`` installs: in CI
(``CI`` set, as ``.ci/run`` does) a missing one fails the test, so a broken install cannot pass unnoticed;
elsewhere (an inner loop without Spark) the test is skipped, saying which is missing."""

from __future__ import annotations

import os
import shutil

import pytest

from lmi.postings import duck
from lmi.postings.coding import TitleCoder
from lmi.postings.example import ExampleSpec, generate_postings, write_example
from lmi.postings.importer import import_postings
from lmi.postings.store import PostingsStore
from tests.postings_helpers import RULE_ROWS, comparable, write_csv

pytestmark = [
    pytest.mark.slow,
    # pyspark 4.3 warns that it "does not yet fully support pandas >= 3"; the pipeline hands Spark no pandas.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]


def _missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -r requirements-spark.txt)"
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))):
        return "no Java runtime on PATH or in JAVA_HOME (Spark needs Java 17 or newer)"
    return None


@pytest.fixture(scope="module")
def spark():
    missing = _missing()
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI runs the Spark test and it cannot: {missing}")
    if missing:
        pytest.skip(missing)
    from lmi.postings.spark import spark_session

    session = spark_session("local[2]", shuffle_partitions=2, app_name="lmi-postings-test")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def coder(ref_con):
    return TitleCoder(ref_con)


@pytest.fixture(scope="module")
def files(tmp_path_factory, ref_con):
    folder = tmp_path_factory.mktemp("spark_files")
    example = generate_postings(ref_con, ExampleSpec(rows=3000, seed=11))
    return [
        write_csv(folder / "rules.csv", RULE_ROWS),
        write_example(example, folder / "example.csv"),
        write_example(example, folder / "example.parquet"),
    ]


def test_spark_counts_exactly_what_duckdb_counts(spark, files, ref_con, coder, tmp_path):
    from lmi.postings.spark import run_on_spark

    for path in files:
        store = PostingsStore(tmp_path / f"store_{path.name}")
        result = import_postings(path, ref_con, store, coder=coder)
        assert result.outcome == "imported", result.message
        con = duck.connect()
        expected = duck.aggregate(con, store.postings_files(), store.title_code_files(), 30, 0.5)
        con.close()
        run = run_on_spark(spark, path, ref_con, coder=coder, out_dir=tmp_path / f"spark_{path.name}")
        assert {**result.rejected, "accepted": result.rows_stored} == dict(run.problems), path.name
        assert comparable(run.aggregates) == comparable(expected.to_dict("records")), path.name
        assert (tmp_path / f"spark_{path.name}" / "posted_demand").is_dir()
