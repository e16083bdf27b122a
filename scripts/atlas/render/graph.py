"""Relation diagrams as inline SVG, drawn at build time: no script, no request. Pure.

The whole graph is a chord diagram (nodes on a circle grouped by type, relations as curves
through the middle); an entity's neighbourhood is a star with labelled edges. Both are
figures whose text alternative is the relation list printed beside them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from atlas.entity_types import ENTITY_TYPES
from atlas.link.corpus import Corpus
from atlas.link.relations import Relation
from atlas.link.topics import slugify
from atlas.link.vocabulary import RELATION_TYPES
from atlas.render.links import entity_page, url_between

_TYPE_ORDER = {t.folder: i for i, t in enumerate(ENTITY_TYPES)}


@dataclass(frozen=True)
class Node:
    key: str  # entity slug, or "topic:<slug>"
    label: str
    kind: str  # entity type folder, or "topic"
    page: str | None  # page under docs/ to link to


def _nodes_for(relations: list[Relation], corpus: Corpus) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    topic_pages = {t.slug for t in corpus.topics}
    for relation in relations:
        for slug in (relation.source, relation.target):
            if slug:
                entity = corpus.entities[slug]
                nodes[slug] = Node(slug, entity.name, entity.type, entity_page(entity))
        if relation.topic:
            slug = slugify(relation.topic)
            page = f"topics/{slug}.md" if slug in topic_pages else None
            nodes[f"topic:{slug}"] = Node(f"topic:{slug}", relation.topic, "topic", page)
    return nodes


def _end(relation: Relation) -> str:
    return relation.target or f"topic:{slugify(relation.topic or '')}"


def _label(node: Node, x: float, y: float, from_page: str, anchor: str, directory_urls: bool = True) -> str:
    """A node's name, a link to its page where it has one."""
    text = f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(node.label)}</text>'
    if node.page:
        return f'<a xlink:href="{url_between(from_page, node.page, directory_urls)}" class="atlas-node atlas-{node.kind}">{text}</a>'
    return f'<g class="atlas-node atlas-{node.kind}">{text}</g>'


def whole_graph(corpus: Corpus, from_page: str) -> str:
    """Every relation as a chord diagram."""
    if not corpus.relations:
        return ""
    nodes = _nodes_for(corpus.relations, corpus)
    ordered = sorted(nodes.values(), key=lambda n: (_TYPE_ORDER.get(n.kind, 99), n.label.lower()))
    size, radius = 900, 250
    centre = size / 2
    position: dict[str, tuple[float, float, float]] = {}
    for index, node in enumerate(ordered):
        angle = 2 * math.pi * index / len(ordered) - math.pi / 2
        position[node.key] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle), angle)
    edges = []
    for relation in corpus.relations:
        (x1, y1, _), (x2, y2, _) = position[relation.source], position[_end(relation)]
        title = f"{corpus.entities[relation.source].name} {RELATION_TYPES[relation.type].label} {nodes[_end(relation)].label}"
        dashed = " atlas-claim" if relation.claimed else ""
        edges.append(
            f'<path class="atlas-edge{dashed}" d="M{x1:.1f},{y1:.1f} Q{centre:.1f},{centre:.1f} {x2:.1f},{y2:.1f}">'
            f"<title>{escape(title)}</title></path>"
        )
    labels = []
    for node in ordered:
        x, y, angle = position[node.key]
        anchor = "start" if math.cos(angle) >= 0 else "end"
        lx, ly = x + 10 * math.cos(angle), y + 10 * math.sin(angle) + 4
        labels.append(f'<circle class="atlas-dot atlas-{node.kind}" cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
        labels.append(_label(node, lx, ly, from_page, anchor, corpus.directory_urls))
    return _figure(
        size, size, edges + labels, "relations-graph",
        f"Diagram of all {len(corpus.relations)} relations between {len(ordered)} entities and topics",
    )  # fmt: skip


def neighbourhood(slug: str, corpus: Corpus, from_page: str) -> str:
    """One entity and everything it is related to, each edge labelled from this entity's side."""
    pairs = corpus.relations_of(slug)
    if not pairs:
        return ""
    nodes = _nodes_for([r for r, _ in pairs], corpus)
    others: list[tuple[str, str]] = []  # (node key, edge label)
    for relation, outgoing in pairs:
        kind = RELATION_TYPES[relation.type]
        if outgoing:
            others.append((_end(relation), kind.label + (" (claim)" if relation.claimed else "")))
        else:
            others.append((relation.source, kind.inverse + (" (claim)" if relation.claimed else "")))
    # Height grows with the neighbours (a single one needs little room).
    width, height = 680, max(240, 56 * ((len(others) + 1) // 2) + 100)
    cx, cy = width / 2, height / 2
    rx, ry = width / 2 - 170, height / 2 - 40
    parts: list[str] = []
    for index, (key, label) in enumerate(others):
        angle = 2 * math.pi * index / len(others) - math.pi / 2 + (math.pi / len(others) if len(others) > 1 else 0)
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        mx, my = cx + 0.6 * (x - cx), cy + 0.6 * (y - cy)  # nearer the neighbour: labels clear the centre
        parts.append(f'<line class="atlas-edge" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<text class="atlas-edge-label" x="{mx:.1f}" y="{my - 4:.1f}" text-anchor="middle">{escape(label)}</text>'
        )
        parts.append(f'<circle class="atlas-dot atlas-{nodes[key].kind}" cx="{x:.1f}" cy="{y:.1f}" r="6"/>')
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dx = 10 if anchor == "start" else -10 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-10 if math.sin(angle) < 0 else 20)
        parts.append(_label(nodes[key], x + dx, y + dy, from_page, anchor, corpus.directory_urls))
    me = nodes[slug]
    parts.append(f'<circle class="atlas-dot atlas-{me.kind} atlas-self" cx="{cx:.1f}" cy="{cy:.1f}" r="9"/>')
    parts.append(
        f'<text class="atlas-self-label" x="{cx:.1f}" y="{cy + 26:.1f}" text-anchor="middle">{escape(me.label)}</text>'
    )
    return _figure(
        width,
        height,
        parts,
        f"graph-{slug}",
        f"Diagram of the {len(others)} relation{'s' if len(others) != 1 else ''} of {me.label}",
    )


def _figure(width: float, height: float, parts: list[str], ident: str, caption: str) -> str:
    """A figure holding the SVG; one line of raw HTML so Markdown passes it through untouched."""
    svg = (
        f'<svg class="atlas-graph" viewBox="0 0 {width:.0f} {height:.0f}" role="group" '
        f'aria-labelledby="{ident}-caption" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{"".join(parts)}</svg>'
    )
    return (
        f'<figure class="atlas-graph-figure" id="{ident}">{svg}'
        f'<figcaption id="{ident}-caption">{escape(caption)}; the same relations are listed in words on this page.</figcaption></figure>\n'
    )
