"""Small building blocks shared by the portal's apps, its tools and its tests.

Infrastructure only: a module here imports Django and the project's settings and storage, never
one of the portal's apps (accounts, proposals, …). A helper that needs an app's fact lives in
the lowest app that owns it (the staff page decorators: accounts/decorators.py).

- forms.py: a service's refusal shown on a form (add_refusal).
- files.py: the private store and the abstract private-file model.
- spreadsheets.py: CSV files that Excel in Japan opens safely.
- caching.py: the whole-page cache of the public pages.
- sample_documents.py: sample PDF and Excel files for the demo and the tests.
"""
