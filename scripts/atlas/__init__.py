"""Build an annotated, cross-linked atlas of facial recognition and policing from news articles."""
