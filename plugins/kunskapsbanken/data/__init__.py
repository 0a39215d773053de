"""The data layer: load YAML records, validate them, resolve references, derive relations."""

from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.data.problems import Problem, ValidationFailed
from kunskapsbanken.data.repository import load_knowledge_base

__all__ = ["KnowledgeBase", "Record", "Problem", "ValidationFailed", "load_knowledge_base"]
