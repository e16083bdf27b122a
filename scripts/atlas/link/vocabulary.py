"""The fixed vocabulary of relation types, with their wording in both directions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelationType:
    key: str
    label: str  # on the source's page: "<source> <label> <target>"
    inverse: str  # on the target's page: "<target> <inverse> <source>"


RELATION_TYPES: dict[str, RelationType] = {
    t.key: t
    for t in (
        RelationType("subsidiary_of", "is a subsidiary of", "is the parent company of"),
        RelationType("parent_of", "is the parent company of", "is a subsidiary of"),
        RelationType("funded_by", "received funding from", "funded"),
        RelationType("sells_to", "sells to", "buys from"),
        RelationType("customer_of", "is a customer of", "sells to"),
        RelationType("suspended_sales_to", "suspended sales to", "saw sales suspended by"),
        RelationType("exited", "exited", "was exited by"),
        RelationType("scraped_data_from", "scraped data from", "had its data scraped by"),
        RelationType("protested_against", "protested against", "faced protests from"),
        RelationType("criticises", "criticises", "is criticised by"),
        RelationType("warns_about", "warns about", "is warned about by"),
        RelationType("investigated", "investigated", "was investigated by"),
        RelationType("reported_on", "reported on", "was reported on by"),
        RelationType("researched_for", "did research for", "drew on research by"),
        RelationType("based_in", "is based in", "is home to"),
        RelationType("uses", "uses", "is used by"),
        RelationType("deploys", "deploys", "is deployed by"),
        RelationType("exports_to", "exports to", "imports from"),
        RelationType("exports_through", "exports technology through", "exports the technology of"),
        RelationType("owns", "owns", "is owned by"),
        RelationType("co_founded", "co-founded", "was co-founded by"),
    )
}
