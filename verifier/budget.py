"""A time budget per request: work that would hold a worker too long stops with a clear error."""

from __future__ import annotations

import time


class OverBudget(Exception):
    """The work took longer than the configured budget allows."""

    def __init__(self, seconds: float) -> None:
        """Record the budget that was spent."""
        super().__init__(
            f"Checking this took longer than the {seconds:g} seconds the server allows a "
            "request; check a shorter text or fewer claims at a time."
        )
        self.seconds = seconds


class Budget:
    """A deadline: `spend()` between units of work raises OverBudget once it has passed."""

    def __init__(self, seconds: float | None) -> None:
        """Start the clock on SECONDS; None never runs out."""
        self.seconds = seconds
        self._deadline = None if seconds is None else time.monotonic() + seconds

    def spend(self) -> None:
        """Raise OverBudget when the deadline has passed."""
        if self._deadline is not None and time.monotonic() > self._deadline:
            assert self.seconds is not None
            raise OverBudget(self.seconds)
