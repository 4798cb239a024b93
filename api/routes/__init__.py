"""The API's routes, one module per domain, each a ninja Router mounted in api/v1.py.

Soundings (サウンディング, issue 15 §2): soundings.py, /soundings and /soundings/{number}, reading
the soundings app's public selector.
"""
