"""The cleaner's version (kept in pyproject.toml too): in reports and the resume stamp."""

__version__ = "0.1.0"
