"""Public import path of the schedule parser (README "Python 接口"); see `table.schedule`."""

from govopen_cli.table.schedule import Milestone, Recurrence, Schedule, parse_schedule

__all__ = ["Milestone", "Recurrence", "Schedule", "parse_schedule"]
