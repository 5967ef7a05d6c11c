"""localize: offline translation of news articles through reviewed gettext catalogs."""

__version__ = "0.1.0"
