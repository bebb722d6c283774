"""Writes of the imports app: mappings (``mappings``), import runs (``runs``) and the kept
files (``files``)."""
