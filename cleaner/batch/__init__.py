"""Many documents: the plan, the work on one document, outputs, resume, and the
local and Dask engines."""
