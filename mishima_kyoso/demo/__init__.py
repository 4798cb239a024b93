"""The demo (`manage.py load_demo`, `make run`): Mishima City's co-creation list, demo
accounts, businesses and cases, as data played through the portal's services.

- data/: the content, in TOML: departments.toml, accounts.toml, organisations.toml, one file
  per theme (themes/) and one per case's story (stories/). A new case is a new story file.
- schema.py: what each file and each story step holds (checking.py: the checks' vocabulary);
  datafiles.py reads the folder and checks it, references included, before anything is
  written.
- engine.py plays the data: world.py makes the setting (departments, accounts, organisations,
  themes), steps.py takes each story step through the services and the workflow, and
  backdating.py dates the steps back to the days the stories tell.
"""
