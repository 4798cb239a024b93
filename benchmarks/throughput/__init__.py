"""The parts of benchmarks/themes_throughput.py (the script, its command line and its report):

common.py     the constants, the progress log, the benchmark's own error, a process's CPU time
database.py   the benchmark's PostgreSQL database, re-created and dropped; its backends' CPU
seed.py       migrate, collectstatic and the published themes, in subprocesses
server.py     gunicorn started on a free port, its CPU time, always stopped
load.py       the load generators (wrk, or the built-in asyncio client) and one measure
report.py     the machine, the table of figures and the result against the target
"""
