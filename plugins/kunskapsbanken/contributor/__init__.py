"""Contributor tools: change summaries (diff), house-style formatting and the record scaffold."""
