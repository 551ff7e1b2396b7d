"""govopen: government task-assignment tables (重点任务分工) as validated YAML, with queries."""

__version__ = "0.1.0"
