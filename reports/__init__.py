"""Measuring what happens to applicants: the anonymised decision log (log.py) and `make report` (report.py)."""
