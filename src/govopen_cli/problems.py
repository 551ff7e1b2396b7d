"""The problem record every check produces, the rule registry, and the error that carries them.

Modelled on yamllint: a small frozen record (file, line, column, level, rule,
message); reporters format it, checkers never print. Every rule a problem can
name is registered once in RULES with its level and meaning; a problem takes
its level from there, and README's rule table is generated from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import Literal

from govopen_cli.record import record

Level = Literal["error", "warning"]


@record
class Rule:
    """One rule: its id, its level, and what it means (Chinese, README's rule table).

    A description may name a limit of the YAML reader as `{max_mib}`, `{max_depth}` or
    `{max_nodes}`: the table is filled from the constants in files/yaml_reader.
    """

    id: str
    level: Level
    description: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {rule.id: rule for rule in rules}


# The descriptions are user-facing Chinese text kept here, beside the id and level they belong
# to (one place for each rule, as yamllint's rules/ package), not in messages.py.
RULES: dict[str, Rule] = _rules(
    Rule("io", "error", "文件不存在、是文件夹、不是普通文件（管道、设备）或没有读取权限"),
    Rule(
        "too-large",
        "error",
        "文件超过 {max_mib} MiB，或节点、键、值的长度、锚点、需换算的值、问题数超出读取上限"
        "（见“读取的上限”）",
    ),
    Rule(
        "encoding",
        "error",
        "不是 UTF-8 文本（GBK/GB18030、UTF-16/UTF-32 会给出转换命令），或含有二进制内容",
    ),
    Rule("yaml-syntax", "error", "YAML 语法错误（缩进、冒号、引号、Tab、多个文档……）"),
    Rule("yaml-tag", "error", "使用了 !!python/… 等会构造对象的标签（拒绝，不会执行）"),
    Rule("yaml-merge", "error", "使用了合并键 <<"),
    Rule("yaml-alias", "error", "锚点别名循环引用，或展开后超过 {max_nodes}个节点（别名炸弹）"),
    Rule("too-deep", "error", "嵌套超过 {max_depth} 层"),
    Rule("bad-key", "error", "键不是简单文本"),
    Rule("duplicate-key", "error", "同一映射中键重复"),
    Rule("bad-value", "error", "无法读取的值（例如不存在的日期 2022-02-30）"),
    Rule("empty", "error", "文件是空的"),
    Rule("top-level", "error", "顶层不是键值映射（例如是列表）"),
    Rule("schema", "error", "值的类型或取值不对（如 id: three、kind 不在可选值中）"),
    Rule("missing-key", "error", "缺少必填字段"),
    Rule("unknown-key", "error", "未知字段（提示最接近的字段名）"),
    Rule("duplicate-section", "error", "章节编号重复"),
    Rule("duplicate-unit", "error", "单位名录中名称、简称或别名重复"),
    Rule("group-members", "error", "集合单位没有成员，或非集合单位写了成员"),
    Rule("unknown-member", "error", "集合成员不在单位名录中"),
    Rule("duplicate-id", "error", "任务序号重复"),
    Rule("unknown-section", "error", "任务的章节不存在"),
    Rule("no-units", "error", "任务没有责任单位"),
    Rule("unknown-unit", "error", "责任单位不在单位名录中（提示最接近的名称）"),
    Rule("no-lead-unit", "error", "任务只写了配合或指导单位，没有责任单位"),
    Rule("same-as", "error", "same_as 指向自己、不存在的任务或另一个 same_as，或同时填写了原文"),
    Rule(
        "schedule-invalid",
        "error",
        "工作进度中的日期不存在（如 2022年13月底前），或截止日期不在 1900–2999 年",
    ),
    Rule("schedule-explicit", "warning", "工作进度由 milestones 手工给出"),
    Rule("schedule-not-understood", "warning", "工作进度既没有可识别的日期，也没有持续性标记"),
    Rule("id-gap", "warning", "任务序号不连续"),
    Rule("unit-unused", "warning", "登记了但没有任何任务用到的单位"),
    Rule("section-empty", "warning", "没有任何任务的章节"),
    Rule("no-data", "error", "找不到数据文件"),
    Rule(
        "ledger-entry",
        "error",
        "台账中的一条记录有误：任务、节点或单位不存在，不是责任单位，日期晚于今天或早于文件年份；"
        "撤回记录指向不存在、已撤回或本身是撤回的记录",
    ),
    Rule("duplicate-doc", "error", "同一文件夹中两个任务表的简称（文件名去掉扩展名）相同"),
    Rule(
        "unit-two-names",
        "warning",
        "同一种写法在两个文件中指向不同的单位（同一单位有两个名称）",
    ),
)
"""Every rule id the tool can report, in README's order."""


@record
class Problem:
    """One thing wrong (or suspicious) in a data file. line/column are 1-based; 0 = no place.

    The level is the rule's (RULES); an unregistered rule is a programming error (KeyError).
    """

    path: str
    line: int
    column: int
    level: Level = field(init=False)
    rule: str
    message: str

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise KeyError(f"unregistered rule {self.rule!r}: add it to problems.RULES")
        object.__setattr__(self, "level", RULES[self.rule].level)

    def location(self) -> str:
        """`path:line:col`, or just the path when the problem has no place in the file."""
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


class DataError(Exception):
    """A data file could not be used; `problems` says why, each with its place."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        super().__init__("\n".join(f"{p.location()}: {p.message}" for p in self.problems))


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    """The problems whose level is error."""
    return [p for p in problems if p.level == "error"]
