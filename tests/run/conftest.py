"""The mail transports' loopback servers, for doctor and the weekly run."""

from tests.mail.transports.conftest import ca, ca_file, graph_server, server_tls  # noqa: F401
