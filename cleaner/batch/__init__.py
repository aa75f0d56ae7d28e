"""Many documents: the plan, the work on one document, outputs, resume, and the
local and Dask engines. `run` is the local engine; `Options` its settings."""

from cleaner.batch.local import run
from cleaner.batch.options import Options
from cleaner.batch.plan import plan

__all__ = ["Options", "plan", "run"]
