"""What a run says: the per-document record, the run report (report.json), the HTML page."""
