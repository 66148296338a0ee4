"""How long a run may go on sending, and the server's requests to back off."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Pacing:
    """Run-wide limits: ``deadline`` seconds of sending in all, and the server's requests to
    back off, which hold for the rest of the run."""

    deadline: float = 1800.0
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    started: float | None = None
    resume_at: float = 0.0

    def begin(self) -> None:
        self.started = self.clock()

    @property
    def ends(self) -> float:
        return (self.started if self.started is not None else self.clock()) + self.deadline

    def back_off(self, seconds: float) -> None:
        self.resume_at = max(self.resume_at, self.clock() + seconds)

    def wait_turn(self) -> str:
        """Wait out any back-off the server asked for; "" when the next message may go,
        else why the run must stop instead."""
        now = self.clock()
        if self.resume_at > self.ends:
            return (
                f"the server asked to wait {self.resume_at - now:.0f} s more, past the run's deadline "
                f"([mail] run_deadline {self.deadline:g} s)"
            )
        if self.resume_at > now:
            self.sleep(self.resume_at - now)
        if self.clock() >= self.ends:
            return f"the run's deadline passed ([mail] run_deadline {self.deadline:g} s)"
        return ""
