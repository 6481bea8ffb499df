"""The read side: search API, query builder, search CLI."""
