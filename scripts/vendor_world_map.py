"""Vendor the world map the countries index draws (run by hand, rarely; not part of the build).

The geometry is Natural Earth's 1:110m countries (public domain) as TopoJSON from the npm
package world-atlas 2.0.2 (ISC licence, Mike Bostock). This script adds each country's
ISO 3166-1 alpha-2 code (from pycountry) and writes scripts/atlas/render/data/world-110m.json,
so the build needs neither node_modules nor pycountry:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    pip install pycountry==26.2.16
    python scripts/vendor_world_map.py package/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

TARGET = Path(__file__).resolve().parent / "atlas" / "render" / "data" / "world-110m.json"
NOTICE = (
    "Natural Earth 1:110m countries (public domain), via the npm package world-atlas 2.0.2 "
    "(ISC licence, copyright 2013-2019 Michael Bostock); alpha-2 codes added from pycountry."
)


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id", ""))
        geometry["properties"]["a2"] = country.alpha_2 if country else None
    topology["notice"] = NOTICE
    TARGET.write_text(json.dumps(topology, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
