"""The transports' loopback servers, for the tests of sending through the ledger too."""

from tests.mail.transports.conftest import (  # noqa: F401
    ca,
    ca_file,
    client_tls,
    ews_server,
    graph_server,
    server_tls,
    smtp_server,
)
