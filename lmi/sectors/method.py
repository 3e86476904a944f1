"""How the Sector reality check's numbers are made, in words built from the constants the code itself uses
(the flag thresholds in force, how many members are named as carrying a sector, the share that makes them
carry it, the openings method of the demand model in use), so the method a reader sees cannot drift from
what the code does. ``tests/test_sector_method.py`` checks that words and constants agree."""

from __future__ import annotations

from lmi.demand import describe_openings
from lmi.i18n import _
from lmi.sectors.flags import FlagThresholds, count_words, flag_rules
from lmi.sectors.posted import method_text as posted_method_text
from lmi.sectors.totals import CARRIERS_MAX, CARRIERS_SHARE_PCT

OPENINGS_EXAMPLE_COUNT = 1_234  # worded once here, as every sentence words an estimate


def method_items(
    thresholds: FlagThresholds, openings_method: str, local_postings: bool = False
) -> list[tuple[str, str]]:
    """(term, explanation) pairs for the page's "How these numbers are made", in the visitor's language;
    ``openings_method`` is the demand model's own (``DemandModel.openings_method``: it names the states whose
    projections apply); ``local_postings``: the page shows imported job postings (``lmi.sectors.posted``)."""
    flags = "; ".join(_("“{flag}”: {rule}").format(flag=label, rule=rule) for label, rule in flag_rules(thresholds))
    items = [
        (
            _("National signal"),
            _(
                "BLS Employment Projections 2024–34: projected employment change (%) and average annual openings "
                "(from growth, people leaving the labor force and people changing occupation). A sector's growth is "
                "its occupations' total change over their total 2024 employment."
            ),
        ),
        (
            _("Local reality"),
            _(
                "BLS OEWS May 2025 for the area: employment, location quotient (the occupation's share of local jobs "
                "over its share of national jobs) and median wage. OEWS excludes the self-employed."
            ),
        ),
        (
            _("A sector's location quotient"),
            _(
                "compares like with like: local jobs in the sector's occupations that BLS released here, over the "
                "same occupations' national jobs, each as a share of all jobs. Where BLS withheld some occupations, "
                "local jobs and openings are “at least” figures, and a sector whose released occupations cover less "
                "than {coverage:g}% of its national jobs is not judged."
            ).format(coverage=thresholds.min_local_coverage_pct),
        ),
        (
            _("Estimated local openings"),
            _(
                "{openings_method} No estimate is made where BLS released no local employment. Sentences word an "
                "estimate the same way on every page (“{example}”)."
            ).format(openings_method=openings_method, example=describe_openings(OPENINGS_EXAMPLE_COUNT)),
        ),
        (
            _("One row per code BLS publishes"),
            _(
                "a sector's members are the codes BLS publishes numbers for; where such a figure is a group's (an "
                "“All Other” residual, or a code O*NET splits into several occupations) the row says so and the "
                "figure is counted once."
            ),
        ),
        (
            _("What carries a verdict"),
            _(
                "each sector's sentence names its {count} largest occupations here and their share of its local "
                "jobs and openings (the sector is “carried by” them when that is at least {share:g}% of its local "
                "jobs, otherwise its jobs are “spread out”), and the sector's signature occupations (marked in the "
                "sector file) that BLS released no local estimate for."
            ).format(count=count_words(CARRIERS_MAX), share=CARRIERS_SHARE_PCT),
        ),
        (
            _("Job postings by sector"),
            _(
                "Indeed Hiring Lab's national index for its own sectors, matched to ours by the project's mapping "
                "in the sector file."
            ),
        ),
        *([(_("Local job postings"), posted_method_text())] if local_postings else []),
        (_("Flags"), f"{flags}."),
        (
            _("Sectors"),
            _(
                "the project's own lists (data/sectors), each citing the public documents it follows; change them "
                "there and rebuild the database."
            ),
        ),
    ]
    return items
