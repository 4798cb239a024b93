"""The evaluation's pages, by who reads them:

- evaluator.py: an evaluator's rounds, the conflict declaration, the score sheets (選定委員).
- office.py: the office's rounds of a case, a round's management and its decision.
- results.py: the office's results of a round: ranking, spread, CSV, printable page.
"""
