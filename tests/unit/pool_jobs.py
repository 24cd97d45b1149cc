"""Module-level job functions for the worker-pool tests (workers import them by name)."""

from __future__ import annotations

import os
import time


def nap(seconds: float, label: str) -> str:
    time.sleep(seconds)
    return label


def die(code: int) -> None:
    os._exit(code)


def fail(message: str) -> None:
    raise ValueError(message)
