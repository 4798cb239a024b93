"""The portal's own settings for the drills' subprocesses (backup, operations), with a fast
password hasher.

A password hash is a string in the database like any other, and the drill only moves it;
Django's default hasher makes load_demo's accounts several seconds slower (tests/conftest.py
does the same for in-process tests).
"""

from mishima_kyoso.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
