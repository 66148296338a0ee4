"""What IT decides about returns: the ``[returns]`` table of ``tracker.toml``."""

from __future__ import annotations

from dataclasses import dataclass

from automation.core.errors import ConfigError
from automation.mail.settings import documented


@dataclass(frozen=True)
class ReturnsConfig:
    enabled: bool = documented(True, "attach a return workbook to each owner digest for them to fill in")
    folder: str = documented("Inbox", "mailbox folder that 'tracker collect mailbox:' reads")
    processed_folder: str = documented(
        "Tracker returns processed", "mailbox folder processed messages are moved to (created if missing)"
    )
    mailbox: str = documented("", "shared mailbox returns are sent to; default the transport's mailbox")
    max_attachment_mb: int = documented(10, "larger attachments are refused unread")


def check_returns(returns: ReturnsConfig, source: str) -> None:
    if returns.max_attachment_mb <= 0:
        raise ConfigError(
            f"{source}: [returns] max_attachment_mb must be above 0", fix="use e.g. 10 (megabytes)"
        )
    for key in ("folder", "processed_folder"):
        if not getattr(returns, key).strip():
            raise ConfigError(f"{source}: [returns] {key} is empty", fix="name a mailbox folder")
    if returns.folder.strip().casefold() == returns.processed_folder.strip().casefold():
        raise ConfigError(
            f"{source}: [returns] folder and processed_folder are the same",
            fix="processed messages must go to another folder, so a rerun sees them no more",
        )
