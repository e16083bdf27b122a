"""Read the sources: article text, entity front matter, notes, glossary → records. Pure."""
