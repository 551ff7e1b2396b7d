"""The data file's schema (pydantic v2): what `data/tasks.yaml` may contain.

Field descriptions are the clerk's documentation and feed `govopen schema`.
Cross-checks between parts of the file (ids, sections, units) live in
`validation.py`; this module only says what each part looks like.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

UnitKind = Literal["government", "department", "group", "open_group"]


class _Strict(BaseModel):
    """Base: unknown keys refused, no type coercion ("3" is not 3), immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class DocumentInfo(_Strict):
    """The published document the file transcribes."""

    title: str = Field(min_length=1, description="文件标题（原表标题）")
    attachment: str | None = Field(default=None, description="附件编号，如“附件1”")
    region: str | None = Field(default=None, description="发文地区，如“眉山市”")
    year: int | None = Field(
        default=None, ge=1949, le=2200, description="发文年份；未写年份的工作进度按此年份计"
    )
    publisher: str | None = Field(
        default=None, min_length=1, description="发布单位，如“眉山市人民政府办公室”（公开页面显示）"
    )
    source: str | None = Field(
        default=None,
        min_length=1,
        description="依据文件：正式文件的名称、文号或网址（公开页面显示）",
    )
    date: dt.date | None = Field(
        default=None, description="数据日期：文件印发或本数据最近核对的日期，ISO 格式"
    )
    office: str | None = Field(
        default=None,
        min_length=1,
        description="督办单位：督办通知的落款，如“眉山市人民政府办公室”（不填则用 publisher）",
    )
    contact: str | None = Field(
        default=None,
        min_length=1,
        description="联系人及电话：写在督办通知上，如“张三，028-12345678”",
    )


class Section(_Strict):
    """A section row of the table (一、…)."""

    id: str = Field(min_length=1, description="章节编号：一、二、三……")
    title: str = Field(min_length=1, description="章节标题（原文）")


class Unit(_Strict):
    """One entry of the unit registry."""

    name: str = Field(min_length=1, description="规范名称（与原表一致）")
    kind: UnitKind = Field(
        description="government 政府 / department 部门 / group 集合 / open_group 泛指群体"
    )
    short: str | None = Field(default=None, description="简称，如“东坡区”")
    aliases: list[str] = Field(default_factory=list, description="其他写法")
    members: list[str] = Field(default_factory=list, description="集合（group）的成员单位")
    note: str | None = Field(default=None, description="备注")


class ExplicitMilestone(_Strict):
    """A deadline typed by hand where the schedule phrase is beyond the parser."""

    due: dt.date = Field(description="截止日期，ISO 格式，如 2022-06-30")
    deliverable: str = Field(default="", description="该节点应完成的内容")


class Task(_Strict):
    """One row of the table: 序号 / 重点任务 / 工作进度 / 责任单位."""

    id: int = Field(ge=1, description="序号")
    section: str = Field(min_length=1, description="所属章节编号（一…五）")
    text: str = Field(min_length=1, description="重点任务（原文）")
    schedule: str = Field(default="", description="工作进度（原文）")
    units: str = Field(default="", description="责任单位（原文）")
    same_as: int | None = Field(
        default=None, description="合并单元格：工作进度、责任单位沿用该序号的任务"
    )
    note: str | None = Field(default=None, description="备注")
    milestones: list[ExplicitMilestone] | None = Field(
        default=None, description="手工列出的截止日期（工作进度无法自动识别时使用）"
    )
    ongoing: bool | None = Field(default=None, description="手工标明是否为持续性工作")


class TaskFile(_Strict):
    """The whole data file."""

    document: DocumentInfo = Field(description="文件信息：标题、附件编号、地区、年份")
    sections: list[Section] = Field(min_length=1, description="章节")
    units: list[Unit] = Field(default_factory=list, description="单位名录")
    tasks: list[Task] = Field(description="重点任务")


class UnitsFile(_Strict):
    """A folder's shared unit registry (units.yaml): the units its tables may name."""

    units: list[Unit] = Field(description="单位名录：本文件夹中各任务表共用")


# --- the progress ledger (progress.yaml) ---------------------------------------------

ReportStatus = Literal["done", "in_progress", "blocked"]


class ProgressReport(_Strict):
    """One dated report (进展报送) by one lead unit on one task or milestone."""

    task: int = Field(ge=1, description="任务序号")
    unit: str = Field(min_length=1, description="报送单位（规范名称）")
    status: ReportStatus = Field(description="done 已完成 / in_progress 推进中 / blocked 受阻")
    date: dt.date = Field(description="报送日期，ISO 格式，如 2022-03-25")
    milestone: int | None = Field(
        default=None, ge=1, description="节点编号（从 1 开始）；不填表示整项任务"
    )
    note: str | None = Field(default=None, description="说明")
    evidence: str | None = Field(default=None, description="佐证：网址或文号")


class Retraction(_Strict):
    """A correction: an earlier entry (by its 1-based number in `reports`) no longer counts."""

    retracts: int = Field(ge=1, description="被撤回的记录是 reports 中的第几条（从 1 开始）")
    date: dt.date = Field(description="撤回日期，ISO 格式")
    note: str = Field(min_length=1, description="撤回原因")


LedgerEntry = ProgressReport | Retraction


def _entry_kind(value: Any) -> str:
    """Which model checks a ledger entry: a mapping with `retracts` is a retraction."""
    if isinstance(value, Retraction) or (isinstance(value, dict) and "retracts" in value):
        return "retraction"
    return "report"


ENTRY_TAGS: dict[str, type[BaseModel]] = {"report": ProgressReport, "retraction": Retraction}
"""The tags pydantic puts in an error's location for a ledger entry, with their models."""


class Ledger(_Strict):
    """The whole progress ledger: an append-only list of reports and retractions."""

    reports: (
        list[
            Annotated[
                Annotated[ProgressReport, Tag("report")] | Annotated[Retraction, Tag("retraction")],
                Discriminator(_entry_kind),
            ]
        ]
        | None
    ) = Field(
        default=None,
        description="进展报送记录，按时间追加，不删改；更正用撤回记录（retracts: 第几条）",
    )
