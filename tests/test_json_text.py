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


ROW_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(),
    st.lists(st.text(), max_size=3),
    st.floats(allow_nan=True),
    st.dictionaries(st.text(max_size=3), st.text(), max_size=2),
)
UNIFORM_ROWS = st.lists(st.text(max_size=3), unique=True, max_size=4).flatmap(
    lambda keys: st.lists(
        st.fixed_dictionaries({k: ROW_VALUES for k in keys}), min_size=1, max_size=5
    )
)


@given(UNIFORM_ROWS)
def test_rows_with_the_same_keys_as_json_dumps(rows: list[dict[str, Any]]) -> None:
    """Rows that share their keys are written column by column: still json.dumps' text."""
    assert dumps(rows) == reference(rows)


def test_rows_whose_keys_differ_in_order() -> None:
    rows = [{"a": 1, "b": "二"}, {"b": "二", "a": 1}]
    assert dumps(rows) == reference(rows)
