"""The questions: what is due, overdue, whose, and how far along (plain records, no terminal)."""

from govopen_cli.queries.questions import by_unit, deadlines, list_tasks, overdue

__all__ = ["by_unit", "deadlines", "list_tasks", "overdue"]
