"""Counts per day gathered into days, weeks, months or years for a timeline too dense to draw
point by point.

A year of a large collection holds hundreds of thousands of dated claims: drawing each as a
point costs seconds per rerun and shows nothing a reader can pick out. Past a few hundred points
the timeline draws how many dates (and articles) fall in each period instead, at the finest unit
that keeps the bars countable, and a click on a bar narrows the range to it.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

#: Most dates (and most articles) in range a timeline draws one by one; past it, counts per
#: period.
DETAIL_POINTS = 1_000
#: Units from finest to coarsest.
UNITS = ("day", "week", "month", "year")
#: Most bars a binned timeline draws.
MAX_BINS = 150


def bin_start(day: dt.date, unit: str) -> dt.date:
    """The first day of the day, week (Monday), month or year that holds `day`."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown unit {unit!r}")


def bin_last(first: dt.date, unit: str) -> dt.date:
    """The last day of the period that starts on `first`."""
    if unit == "day":
        return first
    if unit == "week":
        return first + dt.timedelta(days=6)
    if unit == "month":
        following = first.replace(year=first.year + first.month // 12, month=first.month % 12 + 1)
        return following - dt.timedelta(days=1)
    if unit == "year":
        return first.replace(month=12, day=31)
    raise ValueError(f"unknown unit {unit!r}")


def _periods(lo: dt.date, hi: dt.date, unit: str) -> int:
    """How many periods of `unit` [lo, hi] touches."""
    if unit == "day":
        return (hi - lo).days + 1
    if unit == "week":
        return (bin_start(hi, "week") - bin_start(lo, "week")).days // 7 + 1
    if unit == "month":
        return (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    return hi.year - lo.year + 1


def choose_unit(days: list[dt.date], max_bins: int = MAX_BINS) -> str:
    """The finest unit whose periods from the first to the last of `days` number at most
    `max_bins` (years when none does)."""
    if not days:
        return "day"
    lo, hi = min(days), max(days)
    for unit in UNITS:
        if _periods(lo, hi, unit) <= max_bins:
            return unit
    return "year"


def binned(day_counts: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Rows (day: a date, n) summed per period of `unit` (columns first, last, n: the period's
    first and last day), earliest first; periods without any are left out."""
    totals: dict[dt.date, int] = {}
    for day, n in zip(day_counts["day"], day_counts["n"], strict=True):
        first = bin_start(day, unit)
        totals[first] = totals.get(first, 0) + int(n)
    firsts = sorted(totals)
    return pd.DataFrame(
        {
            "first": firsts,
            "last": [bin_last(d, unit) for d in firsts],
            "n": pd.Series([totals[d] for d in firsts], dtype="int64"),
        }
    )
