"""The mail transports' loopback servers, for doctor and the weekly run, and a small disk."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mail.disks import SmallDisk
from tests.mail.disks import small_disk as mount_small_disk
from tests.mail.transports.conftest import ca, ca_file, graph_server, server_tls  # noqa: F401


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    yield from mount_small_disk(tmp_path)
