"""The `cleaner` command: a thin typer app over the library (app.py), one module per
group of commands."""

from cleaner.cli import clean, commands  # noqa: F401  (each registers its commands)
from cleaner.cli.app import app

__all__ = ["app"]
