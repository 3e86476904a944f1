"""Occupation explorer: find an occupation, read its O*NET profile, and see its local jobs, pay,
projected growth and estimated openings beside the state and the nation (saying whose numbers they
are when they are a BLS group's), employers' job postings beside those jobs where staff imported them,
with a map of the state's metro areas. When the occupation is a dead end ("All Other", not rated,
nothing published), it offers the specific occupations people mean."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lmi.demand.area_comparison import for_csv, mappable_areas, shown_areas, shown_comparison
from lmi.demand.columns import label
from lmi.demand.oews_values import figures_note, headline_figures
from lmi.i18n import N_, _
from lmi.occupations.alternatives import AlternativesOffer
from lmi.occupations.levels import level_bands_in_words
from lmi.occupations.profile import OccupationProfile, UnknownOccupationError
from ui import area_maps, briefs_view, data, posted_view, profile_view
from ui.components import csv_download, md, render_title, source_caption
from ui.demand_view import mark_shared_figures, shown_column_config
from ui.occupation_picker import choose_occupation, render_occupation_picker, searched_text
from ui.region import Region, current_region

PICKER_KEY = "explorer"
FIGURES_PER_ROW = 3
TOP_RATINGS_SHOWN = 8
# O*NET domain, column header, tab title and download label (English, marked for the catalog)
RATING_TABS = (
    ("skill", N_("Skill"), N_("Top skills"), N_("Download skill ratings (CSV)")),
    ("knowledge", N_("Knowledge"), N_("Top knowledge"), N_("Download knowledge ratings (CSV)")),
)


def main() -> None:
    """Search, then (for the chosen occupation) a way out of a dead end, the region's figures, the state's
    areas and what the work takes."""
    render_title(_("Occupation explorer"))
    st.write(
        _(
            "Look up an occupation by any job title people use, see what the work takes, and whether "
            "employers in your region employ and hire people in it."
        )
    )
    profile = render_choice()
    if profile is None:
        return
    region = current_region()
    offer = data.alternatives(profile.onet_soc_code, region.area_code, region.label, searched_text(PICKER_KEY))
    if offer.is_dead_end:
        render_alternatives(offer, _("{title}-alternatives-{region}").format(title=profile.title, region=region.label))
    here = render_local_numbers(profile, region)
    render_postings(profile, region)
    render_brief(profile, region)
    if here.demand_soc_code and region.state_fips:
        render_state_areas(profile, region, here)
    elif here.demand_soc_code:
        render_states(profile, here)
    render_what_the_work_takes(profile)
    render_full_profile(profile)


def render_choice() -> OccupationProfile | None:
    """The search box, then the chosen occupation's title, codes and description (None until one is chosen)."""
    code = render_occupation_picker(PICKER_KEY)
    if not code:
        st.info(_("Type a job title above to begin, for example “registered nurse” or “welder”."))
        return None
    try:
        profile = data.profile(code)
    except UnknownOccupationError:
        st.error(_("{code} is not an O\\*NET occupation in this database. Search again above.").format(code=code))
        return None
    st.header(profile.title)
    st.caption(f"O*NET-SOC {profile.onet_soc_code} · SOC {profile.soc_code}")
    st.write(profile.description)
    return profile


def render_alternatives(offer: AlternativesOffer, file_stem: str) -> None:
    """Why the occupation is a dead end, and the occupations to pick instead, as buttons with a reason."""
    st.subheader(_("Occupations to look at instead"))
    st.markdown(md("\n".join(f"- {reason}" for reason in offer.reasons)))
    if offer.alternatives.empty:
        st.info(
            md(
                _(
                    "No occupation O*NET has rated shares its SOC group or is listed by O*NET as related. "
                    "Search for another job title above."
                )
            )
        )
        return
    st.write(
        _(
            "These specific occupations are rated by O*NET and are what people usually mean. "
            "Pick one to see what the work takes and its figures here."
        )
    )
    for row in offer.alternatives.itertuples():
        st.button(
            f"{row.title} ({row.onet_soc_code})",
            key=f"alternative_{row.onet_soc_code}",
            on_click=choose_occupation,
            args=(PICKER_KEY, row.onet_soc_code),
        )
        st.caption(md(row.reason))
    csv_download(
        lambda: mark_shared_figures(offer.alternatives),
        _("Download these occupations (CSV)"),
        file_stem,
        data.source_note(("onet", "oews", "projections")),
        key="dl_alternatives",
    )


def render_local_numbers(profile: OccupationProfile, region: Region) -> pd.Series:
    """Jobs, pay and openings in the region beside its state and the nation; returns the region's row."""
    st.subheader(_("Jobs, pay and openings — {region}").format(region=region.label))
    comparison = data.region_comparison(profile.onet_soc_code, region.area_code, region.state_fips)
    here = comparison.iloc[0]
    if not here.demand_soc_code:
        st.warning(
            _(
                "BLS does not publish employment or wage estimates for this occupation "
                "(for example, military occupations are outside the OEWS survey)."
            )
        )
    elif here.demand_is_shared:
        st.info(
            _("BLS publishes these figures for **{group}** (SOC {code}), not for {title} alone: {basis}.").format(
                group=here.demand_title, code=here.demand_soc_code, title=profile.title, basis=here.demand_basis
            )
        )
    render_headline_figures(here)
    shown = shown_comparison(comparison)
    st.dataframe(shown, hide_index=True, width="stretch", column_config=shown_column_config(shown.columns))
    note = source_caption("oews", "projections")
    st.caption(md(f"{label('local_annual_openings_est_count')}: {data.openings_method()}"))
    st.caption(figures_note())
    csv_download(
        lambda: for_csv(mark_shared_figures(comparison)),
        _("Download these numbers (CSV)"),
        f"{profile.title}-{region.label}",
        note,
        key="dl_comparison",
    )
    return here


def render_postings(profile: OccupationProfile, region: Region) -> None:
    """Employers' job postings for the occupation's BLS code in the region, beside its OEWS jobs (or one line
    saying how to import postings when there are none)."""
    posted_view.render_occupation_postings(profile.onet_soc_code, profile.title, region.area_code, region.label)


def render_brief(profile: OccupationProfile, region: Region) -> None:
    """The one-page PDF brief of these figures (the page's print version)."""
    briefs_view.render_occupation_brief(profile.onet_soc_code, profile.title, region)


def render_headline_figures(here: pd.Series) -> None:
    """The region's figures as metrics, three to a row, each with its tooltip and the notes under it."""
    figures = headline_figures(here, data.openings_method())
    for start in range(0, len(figures), FIGURES_PER_ROW):
        for column, figure in zip(st.columns(FIGURES_PER_ROW), figures[start : start + FIGURES_PER_ROW]):
            column.metric(figure.label, figure.value, help=figure.help)
            for note in figure.notes:
                column.caption(note)


def render_state_areas(profile: OccupationProfile, region: Region, here: pd.Series) -> None:
    """The occupation across the state's metro and nonmetropolitan areas: a map and the table under it."""
    shared = bool(here.demand_is_shared)
    st.subheader(_("Across the state's metro and nonmetropolitan areas"))
    areas = data.areas_of_state(profile.onet_soc_code, region.state_fips)
    geo_note = data.source_note(("oews", "projections", "geo", "us_atlas"))
    if mappable_areas(areas).empty:
        st.info(_("BLS released no metro-area estimates for this occupation in this state."))
    else:
        column = area_maps.render_measure_choice("explorer_map_measure")
        state_map = area_maps.explorer_state_map(
            profile.onet_soc_code, region.state_fips, region.state_name, profile.title, column
        )
        area_maps.show_map(state_map, key="explorer_state_map")
        whose = f"{label('demand_basis')}: {here.demand_basis}. " if shared else ""
        st.caption(f"{whose}{geo_note}")
    table = shown_areas(areas)
    st.dataframe(table, hide_index=True, width="stretch", column_config=shown_column_config(table.columns))
    csv_download(
        lambda: for_csv(mark_shared_figures(areas)),
        _("Download the state's areas (CSV)"),
        _("{title}-areas-{state}").format(title=profile.title, state=region.state_name),
        geo_note,
        key="dl_areas",
    )


def render_states(profile: OccupationProfile, here: pd.Series) -> None:
    """For the nation: the occupation across the states, a map and the table under it (pick a state in the
    sidebar for its metro areas)."""
    st.subheader(_("Across the states"))
    st.caption(_("Pick a state in the sidebar to see a map of its metro areas."))
    states = data.states_of_nation(profile.onet_soc_code)
    note = data.source_note(("oews", "projections", "us_atlas"))
    column = area_maps.render_measure_choice("explorer_national_map_measure")
    national_map = area_maps.explorer_national_map(profile.onet_soc_code, profile.title, column)
    area_maps.show_map(national_map, key="explorer_national_map")
    whose = f"{label('demand_basis')}: {here.demand_basis}. " if bool(here.demand_is_shared) else ""
    st.caption(f"{whose}{note}")
    table = shown_areas(states)
    st.dataframe(table, hide_index=True, width="stretch", column_config=shown_column_config(table.columns))
    csv_download(
        lambda: for_csv(mark_shared_figures(states)),
        _("Download the states (CSV)"),
        _("{title}-states").format(title=profile.title),
        note,
        key="dl_states",
    )


def render_what_the_work_takes(profile: OccupationProfile) -> None:
    """Preparation, then the top skills and knowledge O*NET rates (or why there are none)."""
    st.subheader(_("What the work takes"))
    render_preparation(profile)
    if not profile.has_ratings:
        st.info(
            md(
                _(
                    "O*NET has not rated skills and knowledge for this occupation (it is an 'All Other' or new "
                    "occupation). Pick one of the rated occupations offered above under “Occupations to look at "
                    "instead”."
                )
            )
        )
        return
    render_top_ratings(profile)
    source_caption("onet")
    st.caption(md(level_bands_in_words()))


def render_full_profile(profile: OccupationProfile) -> None:
    """Work activities, work styles, interests, tasks, technology skills, abilities and work context, each
    downloadable (the sections say when this database lacks a part of O*NET's full release)."""
    profile_view.render_full_profile(profile.onet_soc_code, profile.title)


def render_preparation(profile: OccupationProfile) -> None:
    """Job zone, BLS's typical entry education and what O*NET's respondents most reported."""
    education = data.typical_education(profile.onet_soc_code)
    cols = st.columns(3)
    cols[0].metric(_("Job zone"), profile.job_zone_words, help=profile.job_zone_name or "")
    cols[1].metric(_("Typical entry education (BLS)"), education["bls_typical_entry_education"] or _("not published"))
    share = education["onet_most_reported_pct"]
    cols[2].metric(
        md(_("Most reported by workers (O*NET)")),
        education["onet_most_reported"] or _("not rated"),
        help=_("{share:.0f}% of respondents").format(share=share) if share else None,
    )
    if profile.job_zone_name:
        st.caption(f"{profile.job_zone_name}. {profile.job_zone_education or ''}")
    if education["bls_on_the_job_training"]:
        st.caption(
            _("BLS: typical on-the-job training: {training}; related work experience: {experience}.").format(
                training=education["bls_on_the_job_training"], experience=education["bls_work_experience"]
            )
        )


def render_top_ratings(profile: OccupationProfile) -> None:
    """The most important skills and knowledge, with the level needed in words and O*NET's example."""
    tabs = st.tabs([_(tab_title) for _domain, _name, tab_title, _download in RATING_TABS])
    for tab, (domain, name, _tab_title, download) in zip(tabs, RATING_TABS):
        ratings = data.top_ratings(profile.onet_soc_code, domain, TOP_RATINGS_SHOWN)
        columns = {
            "element_name": _(name),
            "importance_words": _("Importance"),
            "level_words": _("Level needed"),
            "level_example": _("What that level looks like"),
        }
        with tab:
            st.dataframe(ratings.rename(columns=columns)[list(columns.values())], hide_index=True, width="stretch")
            csv_download(
                ratings,
                _(download),
                f"{profile.title}-{_(name)}",
                data.source_note(("onet",)),
                key=f"dl_{domain}",
            )


main()
