"""Streamlit glue shared by the pages: the cached connection, cached queries, the region picker,
source captions, downloads and the footer. Business rules stay in ``lmi``; this only renders and
caches."""
