"""The agreement's and the monitoring's pages, by who reads them:

- proposer.py: the proposer reads the agreement, its documents and the shared monitoring.
- staff.py: the city writes the agreement (the office) and the monitoring (the city's side).
"""
