"""Errors the ETL raises on purpose, each with a message a person can act on.

Every message names the file, and where it makes sense the row and the column, so that a
failed build or download can be fixed without reading a stack trace.
"""


class EtlError(Exception):
    """Base class: anything the command line reports as a clean one-line failure."""


class SnapshotError(EtlError):
    """A snapshot file is missing, corrupt or does not match its manifest."""


class SchemaDriftError(EtlError):
    """A source file's columns are not the ones this ETL was written for."""


class SourceValueError(EtlError):
    """A value in a source file cannot be read as the type its column needs."""


class DownloadError(EtlError):
    """A file could not be fetched, or what arrived is not what was pinned."""


class DataCheckError(EtlError):
    """A data check after the build found rows that break it."""
