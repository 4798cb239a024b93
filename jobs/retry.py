"""How long a failing job keeps being retried: growing delays, for at least a day.

Pure arithmetic (no Django import): the settings read it to tell django-q2 how many attempts
a job gets, and the retry hook (jobs.queue) to tell when the next one is due.
"""


def delay_after(attempt: int, *, first: int, longest: int) -> int:
    """Seconds to wait after the `attempt`-th failure (1, 2, …): doubling from `first`, at most
    `longest`."""
    return min(first * 2 ** max(attempt - 1, 0), longest)


def attempts_for(hours: float, *, first: int, longest: int) -> int:
    """How many attempts make the last one come at least `hours` after the first."""
    waited, attempts = 0, 1
    while waited < hours * 3600:
        waited += delay_after(attempts, first=first, longest=longest)
        attempts += 1
    return attempts
