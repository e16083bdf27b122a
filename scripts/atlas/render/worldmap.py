"""The countries index's world map: the vendored Natural Earth geometry as inline SVG, countries
with pages linked and shaded by how often the articles mention them. Pure, apart from reading
the vendored file once."""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

from atlas.model import Entity

DATA = Path(__file__).resolve().parent / "data" / "world-110m.json"
WIDTH, HEIGHT = 960, 440
NORTH, SOUTH = 84.0, -58.0  # Antarctica and the far north add nothing here


@cache
def _topology() -> dict[str, object]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute longitude/latitude points of every arc (TopoJSON quantised, delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _project(lon: float, lat: float) -> tuple[float, float]:
    lat = max(SOUTH, min(NORTH, lat))
    return (lon + 180) * WIDTH / 360, (NORTH - lat) * HEIGHT / (NORTH - SOUTH)


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        runs: list[list[str]] = [[]]
        previous_x = None
        for lon, lat in ring:
            x, y = _project(lon, lat)
            if previous_x is not None and abs(x - previous_x) > WIDTH / 2:
                runs.append([])  # the ring crosses the antimeridian: lift the pen, no streak
            previous_x = x
            point = f"{x:.1f},{y:.1f}"
            if not runs[-1] or runs[-1][-1] != point:
                runs[-1].append(point)
        closed = "Z" if len(runs) == 1 else ""
        parts.extend("M" + "L".join(run) + closed for run in runs if len(run) > 2)
    return "".join(parts)


@cache
def country_paths() -> tuple[tuple[str | None, str, str], ...]:
    """(alpha-2 code, name, SVG path) for every country in the vendored geometry."""
    topology = _topology()
    arcs = _arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:  # type: ignore[index]
        if geometry["properties"].get("a2") == "AQ":
            continue  # Antarctica: outside the map's latitudes
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        shapes.append((geometry["properties"].get("a2"), geometry["properties"]["name"], _path(rings)))
    return tuple(shapes)


def _shade(count: int, most: int) -> int:
    """0 for none, else 1…4 by share of the most-mentioned country."""
    if count == 0:
        return 0
    return min(4, 1 + int(3 * count / max(most, 1)))


def world_map(countries: list[tuple[Entity, int, str]]) -> str:
    """Inline SVG; `countries` holds (entity, mention count, URL of its page from this page)."""
    by_code = {e.iso3166: (e, n, url) for e, n, url in countries if e.iso3166 and len(e.iso3166) == 2}
    most = max((n for _, n, _ in by_code.values()), default=0)
    shapes = []
    for code, name, path in country_paths():
        if code in by_code:
            entity, count, url = by_code[code]
            label = f"{entity.name}: {count} mention{'s' if count != 1 else ''}"
            shapes.append(
                f'<a xlink:href="{url}" aria-label="{escape(label)}"><path class="atlas-land atlas-shade-{_shade(count, most)}" '
                f'd="{path}"><title>{escape(label)}</title></path></a>'
            )
        else:
            shapes.append(f'<path class="atlas-land" d="{path}"><title>{escape(name)}</title></path>')
    legend = (
        '<g class="atlas-map-legend" transform="translate(10 400)">'
        + "".join(f'<rect class="atlas-shade-{i}" x="{i * 34}" y="0" width="30" height="12"/>' for i in range(5))
        + '<text x="0" y="28">none</text><text x="136" y="28">most mentioned</text></g>'
    )
    svg = (
        f'<svg class="atlas-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="world-map-caption" '
        f'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{"".join(shapes)}{legend}</svg>'
    )
    caption = (
        "Countries with a page, shaded by how often the articles mention them; the table below lists the same. "
        "Map: Natural Earth (public domain)."
    )
    return f'<figure class="atlas-map-figure" id="world-map">{svg}<figcaption id="world-map-caption">{caption}</figcaption></figure>\n'
