"""Rendering and exports: terminal tables, CSV/JSON/Markdown, xlsx, iCalendar, the public page."""
