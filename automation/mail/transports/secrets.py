"""Secrets for the transports: never in ``tracker.toml``, only named there.

A secret key holds ``env:NAME`` (an environment variable of the service) or
``keyring:SERVICE/USER`` (the OS keyring); the value is fetched only when a transport is made.
"""

from __future__ import annotations

import os

from automation.core.errors import ConfigError, MissingExtra


def resolve_secret(reference: str, where: str) -> str:
    """The secret a reference names: ``env:NAME`` or ``keyring:SERVICE/USER``."""
    kind, _, name = reference.partition(":")
    if kind == "env" and name:
        value = os.environ.get(name)
        if not value:
            raise ConfigError(
                f"{where} names environment variable {name}, which is not set",
                fix=f"set {name} in the service's environment",
            )
        return value
    if kind == "keyring" and "/" in name:
        try:
            import keyring
        except ImportError as exc:
            raise MissingExtra("keyring", "keyring", "reading secrets from the OS keyring") from exc
        service, _, user = name.partition("/")
        found = keyring.get_password(service, user)
        if not found:
            raise ConfigError(
                f"{where}: the keyring has no secret for {service}/{user}",
                fix=f"store it with: keyring set {service} {user}",
            )
        return str(found)
    raise ConfigError(
        f"{where} must be a secret reference, env:NAME or keyring:SERVICE/USER",
        fix="secrets never live in tracker.toml; put the value in an environment variable",
    )
