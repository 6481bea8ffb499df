"""The local single-node Kafka + Elasticsearch stack (``wirewatch stack up|down|status|logs``)."""

from wirewatch.stack.api import ComponentStatus, StackInfo, ensure_up, is_up, status, stop
from wirewatch.stack.process import StackError

__all__ = ["ComponentStatus", "StackError", "StackInfo", "ensure_up", "is_up", "status", "stop"]
