"""Render views as Markdown pages, regions, SVG and data exports. Pure."""
