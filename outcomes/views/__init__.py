"""The outcomes' pages, by who reads them:

- public.py: anyone reads the published results, the statistics and the open calls.
- publication.py: the office publishes a case's decisions (and withdraws a publication).
The open data (CSV, JSON) is opendata.py's.
"""
