"""core_onet_soc_crosswalk: O*NET occupations matched to the SOC codes BLS publishes (see etl/crosswalk.py)."""

from etl.crosswalk import build_crosswalk as run

__all__ = ["run"]
