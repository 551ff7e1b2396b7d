"""The table's meaning: the file schema, schedule phrases, units, and the understood table."""
