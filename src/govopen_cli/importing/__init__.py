"""Import: published task tables (text, .docx, .xlsx) turned into a task file."""
