"""Bring articles in: a saved page, a URL or pasted text → an `articles/*.txt` file."""
