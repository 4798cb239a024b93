"""The API's routes, one module per domain, each a ninja Router mounted in api/v1.py.

Soundings (サウンディング, issue 15 §2) get their module here, soundings.py with /soundings and
/soundings/{number}, reading the sounding app's public selector, once that app exists.
"""
