"""Import job postings (staff only): upload a state job bank's, the NLx Research Hub's or a vendor's export (CSV,
CSV.gz or Parquet), choose its layout or name its columns by hand, and see what was stored: the column mapping
used, rows not stored by reason with examples, what was noticed, and the import log. Whether the store holds
generated example data is said to everyone; without a staff password configured uploads are disabled. Files
larger than an upload allows go through ``python -m lmi.postings import``."""

from __future__ import annotations

import streamlit as st

from lmi.i18n import _, ngettext
from lmi.postings.layouts import FIELDS, LAYOUT_NAMES
from ui import postings_import_view as view
from ui.components import literal_markdown, render_title
from ui.staff import StaffUser, render_sign_in


def main() -> None:
    render_title(_("Import job postings"))
    st.write(
        _(
            "Staff import postings exported from the state job bank, the NLx Research Hub or a vendor (Lightcast, "
            "JobsEQ, LinkUp). Each distinct title is coded to an occupation once, and postings are counted by "
            "area, occupation and month beside OEWS employment. A file is checked in full and stored in one step: "
            "a file that cannot be read or mapped, or whose rows mostly cannot be dated or placed, is refused with "
            "nothing stored; rows that cannot be counted are kept apart and reported by reason. Importing the same "
            "file again changes nothing."
        )
    )
    render_file_help()
    render_store()
    st.header(_("Upload"))
    user = render_sign_in()
    if user is None:
        return  # staff only: nothing below is shown without signing in
    render_upload(user)
    render_last_import()
    render_import_log()


def render_file_help() -> None:
    """Formats, the layouts, the size limit and the command line for larger files."""
    st.header(_("The file"))
    st.write(
        _(
            "CSV, gzip-compressed CSV (.csv.gz) or Parquet, recognised by their first bytes. A file needs a job "
            "title (or an occupation code) column, a posted date column and at least one location column (county "
            "FIPS code, CBSA code, “City, ST” or city and state, state); employer, expiry date, occupation code "
            "and source are read when present. The import shows the column mapping it used."
        )
    )
    st.caption(
        _(
            "Uploads up to {size} MB (Streamlit's server.maxUploadSize). Larger files, and exports of millions of "
            "rows, are imported on the server with the command line: `{command}` (see docs/postings.md)."
        ).format(size=view.upload_limit_mb(), command=view.COMMAND_LINE)
    )


def render_store() -> None:
    """What the store holds now, and whether any of it is generated example data."""
    st.header(_("The postings store"))
    status = view.store_status()
    if status.imports_count == 0:
        st.info(_("No postings are stored yet: pages show no posted demand until a file is imported."))
        return
    counted = (
        _("{postings:,} postings counted (last counted {when} UTC).").format(
            postings=status.postings_count, when=status.computed_utc.replace("T", " ")[:16]
        )
        if status.postings_count is not None and status.computed_utc
        else _("Not counted yet: run python -m lmi.postings aggregate.")
    )
    stored = ngettext("{n} import stored.", "{n} imports stored.", status.imports_count).format(n=status.imports_count)
    st.write(f"{stored} {counted}")
    if status.generated_import_ids:
        st.warning(
            _(
                "The store holds **generated example data** (import {ids}): made-up postings, loaded by "
                "`./dev.sh start` so the pages have something to show; no count made from them is a real figure, "
                "and every page that shows them says so. Real imports are counted beside them."
            ).format(ids=", ".join(f"#{i}" for i in status.generated_import_ids))
        )


def render_upload(user: StaffUser) -> None:
    """Staff only: the file, its layout and column names, the source, and the import button."""
    upload = st.file_uploader(
        _("Postings file (CSV, CSV.gz or Parquet, at most {size} MB)").format(size=view.upload_limit_mb()),
        type=["csv", "gz", "parquet"],
        key="postings_upload",
    )
    layout = st.radio(
        _("Column layout"), LAYOUT_NAMES, format_func=view.layout_words, horizontal=True, key="postings_layout"
    )
    overrides = render_overrides()
    source = st.text_input(
        _("Source (for rows whose file names none; default: the file's name)"), key="postings_source"
    )
    if upload is not None and st.button(_("Check and import"), type="primary", key="postings_import_button"):
        with st.spinner(_("Importing and counting the postings…")):
            st.session_state[view.LAST_IMPORT_KEY] = view.run_upload(
                upload.name, upload, user.name, layout=layout, overrides=overrides, source=source
            )
        st.rerun()  # the store's state above the uploader shows the import too


def render_overrides() -> dict[str, str]:
    """Optional: the file's column for any field, correcting the layout (as ``--map field=COLUMN``)."""
    overrides = {}
    with st.expander(_("Name columns by hand (optional)")):
        st.caption(_("Leave a field empty to use the layout's column. Column names are matched exactly."))
        columns = st.columns(2)
        for index, field in enumerate(FIELDS):
            column = (
                columns[index % 2]
                .text_input(f"{field}: {view.field_words(field)}", key=f"postings_map_{field}")
                .strip()
            )
            if column:
                overrides[field] = column
    return overrides


def render_last_import() -> None:
    """Staff only: the outcome of this session's last import."""
    upload = st.session_state.get(view.LAST_IMPORT_KEY)
    if upload is None:
        return
    result = upload.result
    st.header(_("Last import"))
    if result.outcome == "imported":
        st.success(
            _("**Imported** (import #{number}, {seconds:.1f} s). {message}").format(
                number=result.import_id, seconds=result.seconds, message=literal_markdown(result.message)
            )
        )
    elif result.outcome == "unchanged":
        st.info(literal_markdown(result.message))
    else:
        st.error(_("**Not imported: nothing was stored.** {message}").format(message=literal_markdown(result.message)))
    if result.is_generated_example:
        st.warning(_("Every row of this file is **generated example data**."))
    render_rows(result)
    if upload.aggregate is not None:
        st.caption(
            _("Counted again: {postings:,} postings in the store ({reposts:,} reposts removed).").format(
                postings=upload.aggregate["postings_count"], reposts=upload.aggregate["reposts_removed_count"]
            )
        )


def render_rows(result) -> None:
    """Staff only: the mapping used, rows stored and not stored by reason, and what was noticed."""
    if result.mapping:
        st.subheader(_("Columns used"))
        view.render_table(
            view.mapping_frame(result.mapping),
            _("Download the column mapping (CSV)"),
            f"postings-mapping-{result.file_name}",
            _("import of {file}").format(file=result.file_name),
            key="dl_postings_mapping",
        )
    if result.rows_in_file:
        st.write(
            _("{rows:,} rows in the file: {stored:,} stored, {rejected:,} not stored.").format(
                rows=result.rows_in_file, stored=result.rows_stored, rejected=sum(result.rejected.values())
            )
        )
    if result.rejected:
        st.subheader(_("Rows not stored, by reason"))
        view.render_table(
            view.rejected_frame(result),
            _("Download the rows not stored by reason (CSV)"),
            f"postings-not-stored-{result.file_name}",
            _("import of {file} (sha256 {digest}…)").format(file=result.file_name, digest=result.file_sha256[:12]),
            key="dl_postings_rejected",
        )
    if result.notes:
        st.subheader(_("Noticed about the stored rows"))
        view.render_table(
            view.notes_frame(result),
            _("Download the notes (CSV)"),
            f"postings-notes-{result.file_name}",
            _("import of {file} (sha256 {digest}…)").format(file=result.file_name, digest=result.file_sha256[:12]),
            key="dl_postings_notes",
        )


def render_import_log() -> None:
    """Staff only: every import attempt (the audit trail)."""
    st.header(_("Import log"))
    log = view.import_log_frame()
    if log.empty:
        st.caption(_("No import attempted yet."))
        return
    view.render_table(
        log,
        _("Download the import log (CSV)"),
        "postings-import-log",
        _("import log of the postings store (imports.jsonl)"),
        key="dl_postings_log",
    )
    st.caption(
        _(
            "Every import attempt: who, when (UTC), the file's name, size and SHA-256, the column mapping, rows "
            "stored and not stored, and the outcome. Refused attempts are logged too; none of their rows is stored."
        )
    )


main()
