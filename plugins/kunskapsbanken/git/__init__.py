"""Git access: record history read from the repository."""
