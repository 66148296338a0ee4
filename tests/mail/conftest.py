"""The transports' loopback servers, for the tests of sending through the ledger too, and a
small real disk to fill."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mail.disks import SmallDisk, small_disk
from tests.mail.transports.conftest import (  # noqa: F401
    ca,
    ca_file,
    client_tls,
    ews_server,
    graph_server,
    server_tls,
    smtp_server,
)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    yield from small_disk(tmp_path)
