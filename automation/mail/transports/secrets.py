"""Secrets for the transports: never in ``tracker.toml``, only named there.

A secret key holds ``env:NAME`` (an environment variable of the service) or
``keyring:SERVICE/USER`` (the OS keyring); the value is fetched only when a transport is made.
"""

from __future__ import annotations

import os
import re

from automation.core.errors import ConfigError, MissingExtra

_REFERENCE = re.compile(r"env:[A-Za-z_][A-Za-z0-9_]*|keyring:[^/\s]+/[^/\s]+")


def is_reference(value: str) -> bool:
    """``env:NAME`` or ``keyring:SERVICE/USER``, the only things a secret key may hold."""
    return _REFERENCE.fullmatch(value) is not None


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
        try:
            found = keyring.get_password(service, user)
        except Exception as exc:  # no backend on this machine, a locked or broken keyring
            raise ConfigError(
                f"{where} names keyring entry {service}/{user}, but the keyring cannot be read "
                f"here ({type(exc).__name__})",
                fix="run tracker as a user with an unlocked OS keyring (Windows Credential Manager, "
                "macOS Keychain, Secret Service), or use env:NAME",
            ) from exc
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
