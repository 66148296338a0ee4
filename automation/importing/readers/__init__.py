"""Document readers, one per format; see ``interface.py``."""
