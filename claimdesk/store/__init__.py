"""Storage: the schema and its migrations, the one write path (repo), the reads (queries)."""
