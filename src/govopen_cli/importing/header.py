"""Recognising a table's header by meaning: a synonym table, not one label per column.

Fields: ``id`` 序号; ``text`` the task (重点任务, 具体措施 …); ``area`` the upper level of
a two-level table (重点工作 merged down over its 具体措施 rows); ``category`` a 类别
column that gives sections; ``schedule`` 工作进度 / 完成时限 …; ``units`` 责任单位 (read
with the role words in the cell); ``lead`` / ``support`` / ``guide`` separate 牵头单位 /
配合单位 / 指导单位 columns; ``remark`` 备注 (not imported).

Decisions where tables are silent:

* A label is matched whole after removing spaces, a bracketed note and a trailing ：
  ("完成时限（截止时间）" is 完成时限); a label not in the table is matched by its key
  word (计划完成时间 → schedule, 主责处室 → units).
* Two task-like columns: the more specific (具体措施, 工作措施, 具体要求, 任务内容 …) is
  the task, the broader (重点工作, 重点任务, 工作任务 …) the upper level (``area``).
* A header cell spanning several columns (工作任务 over an unlabelled number column and
  the text) labels each of them; the one whose values below are whole numbers is 序号.
* Two header rows (责任单位 over 牵头单位 / 配合单位): the lower label wins where given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govopen_cli.importing.readers import RawRow
from govopen_cli.table.text import squeeze

__all__ = ["FIELD_LABELS", "Header", "label_field", "read_header"]

_EXACT: dict[str, str] = {}
for _field, _words in {
    "id": "序号 编号 序 号 项次",
    "text_specific": (
        "具体措施 工作措施 具体要求 任务内容 具体任务 工作举措 主要措施 工作内容 具体内容 措施 "
        "具体工作 工作要求 主要内容 任务要求 推进措施 具体举措 细化任务 分解任务"
    ),
    "text_broad": (
        "重点任务 工作任务 主要任务 重点工作 任务 任务名称 工作事项 重点工作任务 工作目标 "
        "任务事项 事项 重点事项 工作重点 目标任务 项目 改革任务 重点改革任务"
    ),
    "category": "类别 领域 板块 分类 类型 项目类别 工作类别 重点领域 方面",
    "schedule": (
        "工作进度 完成时限 完成时间 时间节点 时限要求 时间安排 进度安排 时限 完成期限 时间要求 "
        "进度要求 完成时间节点 办结时限 时间 进度 截止时间 完成节点 计划完成时间"
    ),
    "units": (
        "责任单位 责任部门 责任科室 责任主体 实施主体 承办单位 责任处室 落实单位 实施单位 "
        "主体责任单位 责任单位及责任人 单位"
    ),
    "lead": "牵头单位 牵头部门 牵头科室 主责单位 牵头处室 主办单位 牵头责任单位",
    "support": "配合单位 参与单位 协办单位 配合部门 协同单位 协办部门 参与部门 配合科室 协作单位",
    "guide": "指导单位 督导单位 指导部门",
    "remark": "备注 说明",
}.items():
    for _word in _words.split():
        _EXACT.setdefault(_word, _field)

_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("牵头", "lead"),
    ("主责", "lead"),
    ("配合", "support"),
    ("协办", "support"),
    ("协同", "support"),
    ("参与", "support"),
    ("指导", "guide"),
    ("时限", "schedule"),
    ("时间", "schedule"),
    ("进度", "schedule"),
    ("节点", "schedule"),
    ("期限", "schedule"),
    ("责任", "units"),
    ("单位", "units"),
    ("部门", "units"),
    ("措施", "text_specific"),
    ("要求", "text_specific"),
    ("举措", "text_specific"),
    ("任务", "text_broad"),
    ("工作", "text_broad"),
    ("类别", "category"),
    ("备注", "remark"),
)
_UNIT_FIELDS = ("lead", "support", "guide", "units")
_UNIT_ENDINGS = ("单位", "部门", "科室", "处室", "主体", "责任人", "股室")
_NOTE = re.compile(r"[（(][^（）()]*[）)]")

FIELD_LABELS = {
    "id": "序号",
    "text": "任务",
    "area": "上一层（重点工作）",
    "category": "类别（作章节）",
    "schedule": "时间",
    "units": "责任单位",
    "lead": "牵头单位",
    "support": "配合单位",
    "guide": "指导单位",
    "remark": "备注（未导入）",
}
_ID = re.compile(r"^\d{1,5}$")


def label_field(label: str) -> str | None:
    """The field a header label names, or None ("text_specific"/"text_broad" for tasks)."""
    key = _NOTE.sub("", squeeze(label)).strip(":：")
    if not key or len(key) > 14:
        return None
    if key in _EXACT:
        return _EXACT[key]
    if any(ch.isdigit() for ch in key) or len(key) > 8:
        return None
    for word, name in _KEYWORDS:
        if word in key:
            if name in _UNIT_FIELDS and not key.endswith(_UNIT_ENDINGS):
                return None
            return name
    return None


@dataclass(slots=True)
class Header:
    """Which column holds what: field → column index, and each column's label."""

    rows: list[RawRow]
    columns: dict[str, int] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)

    @property
    def place(self) -> str:
        return self.rows[0].place

    @property
    def width(self) -> int:
        return max(len(r.cells) for r in self.rows)

    def key(self) -> tuple[tuple[str, int], ...]:
        """What the header says, to recognise the same header repeated on a new page."""
        return tuple(sorted(self.columns.items()))

    def describe(self) -> list[tuple[str, str]]:
        """(label as written, field it was taken as) for each column, left to right."""
        taken = {column: name for name, column in self.columns.items()}
        return [
            (self.labels.get(i, ""), FIELD_LABELS.get(taken.get(i, ""), ""))
            for i in range(self.width)
        ]


def _labels(row: RawRow) -> list[str]:
    """Row labels with a spanning cell's label repeated over the columns it spans."""
    labels: list[str] = []
    for i, cell in enumerate(row.cells):
        labels.append(labels[-1] if row.is_spanned(i) and labels else squeeze(cell))
    return labels


def header_words(row: RawRow) -> int:
    """How many cells of a row are header labels (a header row has at least two)."""
    return sum(
        1
        for i, c in enumerate(row.cells)
        if not row.is_spanned(i) and c.strip() and label_field(c) is not None
    )


def is_header_row(row: RawRow) -> bool:
    """A header: labels in (nearly) every filled cell, a task column and a time or unit one."""
    filled = [c for i, c in enumerate(row.cells) if c.strip() and not row.is_spanned(i)]
    if len(filled) < 2 or any(_ID.match(squeeze(c)) for c in filled):
        return False
    fields = [label_field(c) for c in filled]
    known = [f for f in fields if f is not None]
    if len(known) < 2 or len(known) < len(filled) - 1:
        return False
    has_task = any(f in ("text_specific", "text_broad") for f in known)
    return has_task and any(f in ("schedule", *_UNIT_FIELDS) for f in known)


def is_subheader(row: RawRow) -> bool:
    """A second header row: every filled cell a label, and no number among them."""
    filled = [c for c in row.cells if c.strip()]
    return bool(filled) and all(label_field(c) is not None for c in filled)


def read_header(rows: list[RawRow], sample: list[RawRow]) -> Header:
    """Columns of a one- or two-row header; `sample` are body rows (for an unlabelled 序号)."""
    labels = _labels(rows[0])
    for lower in rows[1:]:
        for i, label in enumerate(_labels(lower)):
            if i >= len(labels):
                labels.append(label)
            elif label and not lower.is_merged(i):
                labels[i] = label
    header = Header(rows, labels={i: label for i, label in enumerate(labels)})
    fields = [label_field(label) if label else None for label in labels]
    numeric = [_mostly_numbers(sample, i) for i in range(len(labels))]
    tasks: list[tuple[int, str]] = []
    for i, name in enumerate(fields):
        if name is None:
            if numeric[i] and "id" not in header.columns:
                header.columns["id"] = i
            continue
        if name in ("text_specific", "text_broad"):
            if numeric[i] and "id" not in header.columns and labels.count(labels[i]) > 1:
                header.columns["id"] = i  # 工作任务 spanning the unlabelled number column
            else:
                tasks.append((i, name))
            continue
        header.columns.setdefault(name, i)
    specific = [i for i, name in tasks if name == "text_specific"]
    broad = [i for i, name in tasks if name == "text_broad"]
    ordered = specific + broad
    if ordered:
        header.columns["text"] = specific[-1] if specific else broad[-1]
        others = [i for i in ordered if i != header.columns["text"]]
        if others:
            header.columns["area"] = others[0]
    return header


def _mostly_numbers(sample: list[RawRow], index: int) -> bool:
    values = [squeeze(r.cells[index]) for r in sample if index < len(r.cells)]
    values = [v for v in values if v]
    return len(values) >= 1 and sum(bool(_ID.match(v)) for v in values) * 2 > len(values)
