"""Running the postings pipeline (``lmi.postings.pipeline``) on Apache Spark, for volumes past one machine.

The same SQL text DuckDB runs (the file's distinct values, staging, counting, roll-up) runs here through
``spark.sql``; this module only reads the file into ``source_rows``, registers the same lookup tables (places,
valid codes) and the titles' codes, keeps each distinct-value table as a cached view, and collects the
results. Titles are coded on the driver with the same title index
(``lmi.postings.coding``), once per distinct title, as on DuckDB. A test runs both engines on one file and
requires every aggregate to be equal.

pyspark is not in ``requirements.txt`` (it is large and one machine does not need it): install it with
``pip install -r requirements-spark.txt``; Spark needs Java 17 or newer. Spark reads timestamps in UTC here
(``spark.sql.session.timeZone``), as the DuckDB runner does, so a posting's date is the same in both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lmi.postings import duck
from lmi.postings.codes import valid_code_table
from lmi.postings.coding import TitleCoder
from lmi.postings.layouts import AUTO, resolve_mapping
from lmi.postings.pipeline import (
    ACCEPTED,
    AGGREGATE_COLUMNS,
    DEFAULT_WINDOW_DAYS,
    FILE_DICTIONARIES,
    MIN_CONFIDENCE,
    SOURCE_COLUMNS,
    cells_sql,
    dictionary_sql,
    rollup_sql,
    stage_sql,
    stored_titles_sql,
)
from lmi.postings.places import load_place_tables


def spark_session(master: str = "local[2]", shuffle_partitions: int = 8, app_name: str = "lmi-postings"):
    """A Spark session with the settings the pipeline relies on (UTC, ANSI SQL), quiet on the console."""
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(int(shuffle_partitions)))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@dataclass(frozen=True)
class SparkRun:
    problems: Mapping[str, int]  # rows by ``problem`` ("accepted" for stored rows)
    titles_coded: int
    aggregates: list[dict]  # one dict per row, ``AGGREGATE_COLUMNS``

    def summary(self) -> dict:
        return {
            "rows_by_problem": dict(self.problems),
            "titles_coded": self.titles_coded,
            "aggregate_rows": len(self.aggregates),
            "postings_count": sum(row["postings_count"] for row in self.aggregates if row["area_kind"] == "national"),
        }


def run_on_spark(
    spark,
    path: Path,
    ref_con: duckdb.DuckDBPyConnection,
    layout: str = AUTO,
    overrides: Mapping[str, str] | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    min_confidence: float = MIN_CONFIDENCE,
    out_dir: Path | None = None,
    coder: TitleCoder | None = None,
    default_source: str | None = None,
) -> SparkRun:
    """Stage ``path``, code its titles and count it, all on ``spark``; with ``out_dir``, the staged rows
    (``postings/``, each with its ``problem``) and the counts (``posted_demand/``) are written there as
    Parquet."""
    from pyspark.sql import functions as F

    path = Path(path)
    frame = _read(spark, path)
    mapping = resolve_mapping(frame.columns, layout, overrides)
    columns = [
        (
            frame[mapping.columns[field]].cast("string") if field in mapping.columns else F.lit(None).cast("string")
        ).alias(field)
        for field in SOURCE_COLUMNS
    ]
    source = default_source or path.name
    frame.select(*columns, F.lit(source).alias("default_source")).createOrReplaceTempView("source_rows")
    _register(spark, {**load_place_tables(ref_con).frames(), "valid_code": valid_code_table(ref_con)})
    dictionaries = [_keep(spark, name, dictionary_sql(name, "spark")) for name in FILE_DICTIONARIES]
    staged = spark.sql(stage_sql("spark")).cache()
    if out_dir is not None:
        staged.write.mode("overwrite").parquet(str(Path(out_dir) / "postings"))
    problems = {row["problem"]: int(row["count"]) for row in staged.groupBy("problem").count().collect()}
    staged.where(F.col("problem") == ACCEPTED).createOrReplaceTempView("postings")
    titles = spark.sql(stored_titles_sql()).collect()
    frame = pd.DataFrame(
        {"title_key": [row["title_key"] for row in titles], "title_hash": [row["title_hash"] for row in titles]}
    )
    codes = (coder or TitleCoder(ref_con)).code(frame)
    _register_title_codes(spark, codes)
    cells = spark.sql(cells_sql(window_days, min_confidence)).cache()
    cells.createOrReplaceTempView("cells")
    counted = spark.sql(rollup_sql())
    if out_dir is not None:
        counted.write.mode("overwrite").parquet(str(Path(out_dir) / "posted_demand"))
    aggregates = [{column: row[column] for column in AGGREGATE_COLUMNS} for row in counted.collect()]
    cells.unpersist()
    staged.unpersist()
    for table in dictionaries:
        table.unpersist()
    return SparkRun(problems, len(codes), aggregates)


def _keep(spark, name: str, sql: str):
    """Run ``sql`` once and keep its (small) result as the view ``name``, for the queries that read it."""
    table = spark.sql(sql).cache()
    table.createOrReplaceTempView(name)
    return table


def _read(spark, path: Path):
    file_format = duck.detect_format(path)
    if file_format == duck.PARQUET:
        return spark.read.parquet(str(path))
    if file_format is None:
        raise duck.UnreadableFileError(f"{path.name}: not a CSV, gzip-compressed CSV or Parquet file")
    return (
        spark.read.option("header", True)
        .option("inferSchema", False)
        .option("escape", '"')
        .option("mode", "FAILFAST")
        .csv(str(path))
    )


def _register(spark, frames) -> None:
    from pyspark.sql.types import StringType, StructField, StructType

    for name, frame in frames.items():
        schema = StructType([StructField(column, StringType(), True) for column in frame.columns])
        rows = [tuple(None if value is None else str(value) for value in row) for row in frame.itertuples(index=False)]
        spark.createDataFrame(rows, schema).createOrReplaceTempView(name)


def _register_title_codes(spark, codes) -> None:
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    schema = StructType(
        [
            StructField("title_hash", LongType(), False),
            StructField("soc_code", StringType(), True),
            StructField("confidence", DoubleType(), True),
        ]
    )
    rows = [
        (int(key), soc if isinstance(soc, str) else None, float(confidence))
        for key, soc, confidence in zip(codes.title_hash, codes.soc_code, codes.confidence)
    ]
    spark.createDataFrame(rows, schema).createOrReplaceTempView("title_codes")
