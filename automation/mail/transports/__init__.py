"""Mail transports: one ``EmailMessage`` in, handed to the mail system ``tracker.toml`` names.

``outbox`` (the default) writes ``.eml`` files; ``smtp``, ``ews`` and ``graph`` send. The
list of backends and what each needs is ``registry.BACKENDS``; each backend lives in its own
module, and the optional packages they need (exchangelib, msal, requests) are imported only
when that backend is chosen.

Import from the modules themselves (``interface``, ``registry``): this package imports
nothing, so that checking a configuration does not load the email package.
"""
