"""Split a Markdown page into its YAML front matter and body, keeping the line of each key."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from atlas.errors import InputError

# The safe loader, in C where PyYAML was built with libyaml.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Page:
    head: str  # the front matter block verbatim, fences included ("" when absent)
    body: str
    data: dict[str, object]
    key_lines: dict[str, int]  # top-level key → line number in the file
    body_line: int  # line number where the body starts
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # list key → line of each item


def split_page(text: str, path: str) -> Page:
    """Parse a page; front matter is loaded with the safe loader only."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return Page("", text, {}, {}, 1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        raise InputError(path, 1, "front matter is not closed", "end it with a line '---'") from None
    source = "\n".join(lines[1:end])
    try:
        loader = _Loader(source)
        try:
            node = loader.get_single_node()  # one parse gives the values and their lines
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or "cannot be read"
        raise InputError(
            path,
            line,
            f"malformed YAML front matter: {problem}",
            "fix the YAML syntax (quote values that contain ': ')",
        ) from None
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict) or (node is not None and not isinstance(node, yaml.MappingNode)):
        raise InputError(path, 2, "front matter is not a mapping", "write it as 'key: value' lines")
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    if node is not None:
        for key_node, value_node in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
            if isinstance(value_node, yaml.SequenceNode):
                item_lines[str(key_node.value)] = [item.start_mark.line + 2 for item in value_node.value]
    head = "\n".join(lines[: end + 1]) + "\n"
    body = "\n".join(lines[end + 1 :])
    return Page(head, body, {str(k): v for k, v in data.items()}, key_lines, end + 2, item_lines)
