"""tracker: keep a police force's HMICFRS recommendation register honest.

The package is a library first; ``automation.cli`` is a thin command line over it.
"""

__version__ = "0.1.0"
