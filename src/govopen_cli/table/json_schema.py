"""The data file's JSON Schema, generated from the pydantic models, for editors.

`govopen schema` prints it; `schema/tasks.schema.json` is a committed copy
(kept equal by a test) that `data/tasks.yaml` names on its first line, so an
editor with the YAML extension checks the file while the clerk types.
"""

from __future__ import annotations

import json
from typing import Any

from govopen_cli import messages as msg
from govopen_cli.table.model import TaskFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def task_file_schema() -> dict[str, Any]:
    """TaskFile's JSON Schema: a Chinese description on every model and every field."""
    schema = TaskFile.model_json_schema()
    schema["description"] = msg.SCHEMA_MODELS["TaskFile"]
    for name, definition in schema.get("$defs", {}).items():
        if name in msg.SCHEMA_MODELS:
            definition["description"] = msg.SCHEMA_MODELS[name]
    for model in [schema, *schema.get("$defs", {}).values()]:
        for prop in model.get("properties", {}).values():
            prop.pop("title", None)  # pydantic's English "Title"; editors show the description
    schema["title"] = msg.SCHEMA_TITLE
    return {"$schema": DIALECT, **schema}


def schema_text() -> str:
    """The schema as the committed file holds it: indented, UTF-8, trailing newline."""
    return json.dumps(task_file_schema(), ensure_ascii=False, indent=2) + "\n"
