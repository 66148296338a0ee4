"""Owners' returns: the update workbook each digest carries, and collecting the filled-in
copies back into the register.

``workbook`` writes a return (XlsxWriter), ``issue`` decides what each owner's return holds,
``read`` reads one back, ``check`` decides whether to accept it, ``apply`` writes every
accepted update in one guarded write, ``sources`` finds returns in a folder or a mailbox
(``mailbox_graph``, ``mailbox_ews``), ``ledger`` remembers what was issued and collected, and
``collect`` ties them together.
"""
