"""The architecture file: safe loading with positions, schema, validation, typed model, round-trip update."""
