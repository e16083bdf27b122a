"""Put the plan on disk: sealed regions, atomic writes, the no-change fingerprint."""
