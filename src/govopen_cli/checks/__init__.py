"""Checks: is a task file or ledger correct, and which problems it has (never prints)."""
