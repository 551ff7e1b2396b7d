"""The fast indented JSON writer writes exactly what json.dumps(indent=2) writes."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govopen_cli.render.json_text import dumps

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=20,
)


def reference(value: Any, default: Any = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=default)


@given(VALUES)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert dumps(value) == reference(value)


@pytest.mark.parametrize(
    "value",
    [
        [],
        {},
        [{"doc": "tasks", "task": 6, "outstanding": ["东坡区人民政府", "“引号”\n"], "x": None}],
        [{"marks": {"市政府办公室": "done"}, "rate": 0.1234, "ok": True, "empty": []}],
        (1, (2, 3)),
        {"inf": math.inf, "nan": math.nan, "neg": -math.inf},
        {1: "a", None: "b"},  # keys json converts: left to json itself
    ],
)
def test_rows_like_ours(value: Any) -> None:
    assert dumps(value) == reference(value)


def test_default_for_dates() -> None:
    def default(v: Any) -> Any:
        return v.isoformat()

    value = [{"due": dt.date(2022, 6, 30)}]
    assert dumps(value, default) == reference(value, default)
    with pytest.raises(TypeError):
        dumps([dt.date(2022, 6, 30)])
