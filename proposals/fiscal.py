"""Japanese fiscal years (年度, April to March) and Reiwa numbering: the one helper."""

import datetime

REIWA_OFFSET = 2018  # 令和元年 = 2019


def fiscal_year(on: datetime.date) -> int:
    """The fiscal year a day belongs to: 2027-03-31 is in FY2026, 2027-04-01 in FY2027."""
    return on.year if on.month >= 4 else on.year - 1


def reiwa(year: int) -> int:
    return year - REIWA_OFFSET


def reference_number(year: int, serial: int, prefix: str = "") -> str:
    """R8-0012: the 12th case received in fiscal year Reiwa 8 (April 2026 – March 2027); with
    the city's prefix (municipality's profile, e.g. KAK) KAK-R8-0012."""
    number = f"R{reiwa(year)}-{serial:04d}"
    return f"{prefix}-{number}" if prefix else number
