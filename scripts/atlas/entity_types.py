"""The entity types: the one list that names the folders under docs/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntityType:
    folder: str
    singular: str
    plural: str
    icon: str  # a Material icon shortcode, bundled with the theme (no request)


ENTITY_TYPES: tuple[EntityType, ...] = (
    EntityType("vendors", "Vendor", "Vendors", "material-domain"),
    EntityType("agencies", "Agency", "Agencies", "material-police-badge"),
    EntityType("advocacy", "Advocacy group", "Advocacy groups", "material-bullhorn"),
    EntityType("countries", "Country or region", "Countries and regions", "material-earth"),
    EntityType("people", "Person", "People", "material-account"),
    EntityType("media", "Media outlet", "Media", "material-newspaper-variant"),
    EntityType("organisations", "Organisation", "Organisations", "material-office-building"),
)

TYPE_BY_FOLDER = {t.folder: t for t in ENTITY_TYPES}

# Folders under docs/ that the build owns entirely; no entity type may use them.
GENERATED_FOLDERS = ("articles", "topics", "who-uses-what", "mentions", "timeline", "quotes", "relations")
