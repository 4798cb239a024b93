"""The scale data set (issue 14): many realistic rows written in bulk, for benchmarks.

world.py    departments, fields, organisations with their members, accounts, themes
cases.py    the cases planned in memory: owner, field, steps and their dates, numbers
records.py  the cases and what belongs to them written: log, grants, messages, decisions
writer.py   COPY on PostgreSQL, a prepared INSERT elsewhere; ids given here
engine.py   the run, in order, timed

Used by `manage.py load_scale` (development only, like the demo).
"""
