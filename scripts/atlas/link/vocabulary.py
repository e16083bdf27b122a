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
        # What the field reports: deployments, supply, and regulatory and legal action.
        RelationType("supplies", "supplies", "is supplied by"),
        RelationType("trialled", "trialled", "was trialled by"),
        RelationType("fined", "fined", "was fined by"),
        RelationType("ruled_against", "ruled against", "was ruled against by"),
        RelationType("ordered_to_delete_data", "ordered to delete data", "was ordered to delete data by"),
        RelationType("sued", "sued", "was sued by"),
        RelationType("banned", "banned", "was banned by"),
    )
}

# The kinds the "Who uses what" dataset gathers: who deploys the technology, and who sells it.
DEPLOYMENT = ("uses", "deploys", "trialled", "supplies", "sells_to", "customer_of", "suspended_sales_to", "exited")
# Vendor → user relations (the others in DEPLOYMENT run user → vendor or technology).
VENDOR_FIRST = ("supplies", "sells_to", "suspended_sales_to", "exited")
REGULATORY = ("fined", "ruled_against", "ordered_to_delete_data", "sued", "banned", "investigated")
