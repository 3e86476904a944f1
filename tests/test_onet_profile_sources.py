"""O*NET's Task Statements and Technology Skills (shipped) and the full release's Task Ratings, Abilities and
Work Context (downloaded only): read from the publisher's text edition, made by tests/official_formats.py."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.catalog import all_raw_tables, optional_raw_tables, source_by_key
from etl.snapshot import SHIPPED_SNAPSHOT, read_snapshot
from etl.sources import onet
from tests import official_formats as official

ALL_ONET = onet.ONET_TABLES + onet.ONET_PROFILE_TABLES + onet.ONET_FULL_RELEASE_TABLES


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    path = tmp_path_factory.mktemp("onet") / "db_29_3_text.zip"
    path.write_bytes(official.onet_text_zip())
    return onet.read_text_zip(path, ALL_ONET)


def test_profile_tables_are_shipped_and_full_release_tables_are_optional():
    assert {"raw_onet_task_statements", "raw_onet_technology_skills"} <= set(all_raw_tables())
    assert {
        "raw_onet_task_ratings",
        "raw_onet_abilities",
        "raw_onet_work_context",
        "raw_onet_work_context_categories",
    } <= set(optional_raw_tables())
    assert set(source_by_key("onet").tables) >= set(ALL_ONET)


def test_shipped_snapshot_holds_the_profile_tables_with_only_their_declared_columns():
    snapshot = read_snapshot(SHIPPED_SNAPSHOT)
    for table in onet.ONET_PROFILE_TABLES:
        entry = snapshot.tables[table.name]
        frame = pd.read_parquet(entry.path)
        assert list(frame.columns) == table.column_names
        assert len(frame) == entry.rows and entry.source == "onet"
    made_from = {item["file"] for item in snapshot.sources["onet"]["made_from"]}
    assert {"onet/29.3/Task Statements.xlsx", "onet/29.3/Technology Skills.xlsx"} <= made_from
    assert not {t.name for t in onet.ONET_FULL_RELEASE_TABLES} & set(snapshot.tables)


def test_task_statements_keep_type_and_read_na_as_not_yet_rated(frames):
    tasks = frames["raw_onet_task_statements"].set_index("task_id")
    assert tasks.loc[15203, "task_type"] == "Core"
    assert tasks.loc[15203, "incumbents_responding_pct"] == 96.0
    assert pd.isna(tasks.loc[23508, "task_type"]) and pd.isna(tasks.loc[23508, "incumbents_responding_pct"])


def test_technology_commodity_title_is_looked_up_in_the_unspsc_reference(frames):
    technology = frames["raw_onet_technology_skills"]
    epic = technology[technology.example == official.RN_HOT_TECHNOLOGY].iloc[0]
    assert epic.commodity_title == "Enterprise resource planning ERP software"
    assert (epic.hot_technology, epic.in_demand) == ("Y", "Y")


def test_full_release_tables_are_read_from_the_text_edition(frames):
    ratings = frames["raw_onet_task_ratings"]
    importance = ratings[ratings.scale_id == "IM"].set_index("task_id").data_value.to_dict()
    assert importance == official.RN_TASK_IMPORTANCE
    assert ratings[ratings.scale_id == "IM"].category.isna().all()  # "n/a" read as empty
    context = frames["raw_onet_work_context"]
    assert set(context.scale_id) == {"CX", "CXP", "CT", "CTP"}
    assert set(context.onet_soc_code) == set(official.RATED_OCCUPATIONS)  # enough to compare occupations by it
    shares = context[context.scale_id.isin(["CXP", "CTP"])].groupby(["onet_soc_code", "element_id"]).data_value.sum()
    assert (shares == 100).all()
    assert len(frames["raw_onet_abilities"]) > 0
    categories = frames["raw_onet_work_context_categories"].set_index(["element_id", "category"])
    assert categories.loc[("4.C.1.a.4", 5), "category_description"] == "Constant contact with others"


def test_an_archive_without_the_full_release_files_still_reads(tmp_path):
    rows = official.onet_rows()
    wanted = [t.official_file for t in onet.ONET_TABLES + onet.ONET_PROFILE_TABLES]
    lookups = ["Scales Reference", "Content Model Reference", "DWA Reference", "IWA Reference", "UNSPSC Reference"]
    members = {
        f"db_29_3_text/{name}.txt": official.text_table(official.TEXT_HEADERS[name], rows[name])
        for name in {*wanted, *lookups}
    }
    path = tmp_path / "db_29_3_text.zip"
    path.write_bytes(official.zip_bytes(members))
    frames = onet.read_text_zip(path, ALL_ONET)
    assert not {t.name for t in onet.ONET_FULL_RELEASE_TABLES} & set(frames)
    assert len(frames["raw_onet_technology_skills"]) == len(rows["Technology Skills"])
