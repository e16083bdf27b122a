"""Python-Markdown configured exactly as the site is, read from mkdocs.yml."""

from __future__ import annotations

import html
import re

import markdown
import yaml
from conftest import ROOT


def site_markdown() -> markdown.Markdown:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)
    Loader.add_constructor("!ENV", lambda loader, node: None)  # environment settings do not touch Markdown
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    extensions, configs = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        if name == "pymdownx.emoji":
            from material.extensions import emoji

            options = {"emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg}
        if name == "pymdownx.snippets":
            options = {**options, "base_path": [str(ROOT / "includes")], "auto_append": []}
        extensions.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def visible_text(fragment: str) -> str:
    """The text a reader sees in an HTML fragment, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())
