"""Reading and writing files: safe YAML with positions, finding the data, the ledger, the cache."""
