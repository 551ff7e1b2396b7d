"""Broken files: each must give one clear Chinese message at the right line, never a traceback.

The base file below is small enough to count its lines by hand:
line 14 is `  - id: 1`, 15 `section`, 16 `text`, 17 `schedule`, 18 `units`.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from govopen_cli.checks.validate import validate_file
from govopen_cli.problems import Problem, errors_only

BASE = """\
document:
  title: 测试表
  year: 2021
sections:
  - id: 一
    title: 第一章
units:
  - name: 市政务服务管理局
    kind: department
  - name: 东坡区人民政府
    kind: government
    short: 东坡区
tasks:
  - id: 1
    section: 一
    text: 任务一
    schedule: 2022年6月底前
    units: 东坡区人民政府，市政务服务管理局加强指导
"""


def check(tmp_path: Path, text: str | bytes) -> list[Problem]:
    path = tmp_path / "tasks.yaml"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return validate_file(path).problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_base_file_is_valid(tmp_path: Path) -> None:
    assert check(tmp_path, BASE) == []


def test_shipped_file_is_valid() -> None:
    checked = validate_file(Path(__file__).parents[1] / "data" / "tasks.yaml")
    assert checked.problems == []
    assert checked.task_file is not None and len(checked.task_file.tasks) == 24


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "rule", "words"),
    [
        ("  - id: 1", "  - id: three", 14, 9, "schema", ["id", "整数", "three"]),
        ("  - id: 1", '  - id: "1"', 14, 9, "schema", ["整数"]),
        ("    section: 一", "    sectoin: 一", 15, 5, "unknown-key", ["sectoin", "section"]),
        ("    section: 一", "    section: 六", 15, 14, "unknown-section", ["六", "一"]),
        (
            "    units: 东坡区人民政府，市政务服务管理局加强指导",
            "    units: 东坡区人民政府，市政务服务管里局加强指导",
            18,
            20,  # 12 where the value starts, + 8 characters of “东坡区人民政府，”
            "unknown-unit",
            ["市政务服务管里局", "市政务服务管理局"],
        ),
        (
            "    schedule: 2022年6月底前",
            "    schedule: 2022年13月底前",
            17,
            15,
            "schedule-invalid",
            ["13"],
        ),
        (
            "    schedule: 2022年6月底前",
            "    schedule: 2023年2月29日前",
            17,
            15,
            "schedule-invalid",
            ["2023年2月29日"],
        ),
        ("    kind: department", "    kind: bureau", 9, 11, "schema", ["government", "bureau"]),
        ("  year: 2021", "  year: 二〇二一", 3, 9, "schema", ["整数"]),
        (
            "    short: 东坡区",
            "    short: 东坡区\n    short: 东坡",
            13,
            5,
            "duplicate-key",
            ["short", "12"],
        ),
        ("  title: 测试表", "  titel: 测试表", 2, 3, "unknown-key", ["titel", "title"]),
        ("    text: 任务一", "    text: ''", 16, 11, "schema", ["不能为空"]),
    ],
)
def test_one_broken_line(
    tmp_path: Path, old: str, new: str, line: int, column: int, rule: str, words: list[str]
) -> None:
    assert old in BASE
    problem = only(check(tmp_path, BASE.replace(old, new)))
    assert (problem.line, problem.column, problem.rule, problem.level) == (
        line,
        column,
        rule,
        "error",
    )
    for word in words:
        assert word in problem.message


def test_duplicate_task_id(tmp_path: Path) -> None:
    extra = (
        "  - id: 1\n    section: 一\n    text: 任务二\n    schedule: 长期坚持\n    units: 东坡区\n"
    )
    problem = only(check(tmp_path, BASE + extra))
    assert (problem.line, problem.rule) == (19, "duplicate-id")
    assert "序号 1 重复" in problem.message


def test_impossible_explicit_date(tmp_path: Path) -> None:
    extra = "    milestones:\n      - due: 2022-02-30\n"
    problem = only(check(tmp_path, BASE + extra))
    assert (problem.line, problem.column, problem.rule) == (20, 14, "bad-value")
    assert "2022-02-30" in problem.message


def test_group_member_must_be_registered(tmp_path: Path) -> None:
    group = (
        "  - name: 各县（区）人民政府\n    kind: group\n"
        "    members: [东坡区人民政府, 彭山区人民政府]\n"
    )
    text = BASE.replace("tasks:\n", group + "tasks:\n")
    # the group itself is named by no task: a unit-unused warning at its name (line 13)
    problem = only(errors_only(check(tmp_path, text)))
    assert (problem.line, problem.rule) == (15, "unknown-member")
    assert "彭山区人民政府" in problem.message


def test_same_as_must_point_at_an_existing_task(tmp_path: Path) -> None:
    extra = "  - id: 2\n    section: 一\n    text: 任务二\n    same_as: 9\n"
    problem = only(check(tmp_path, BASE + extra))
    assert (problem.line, problem.rule) == (22, "same-as")
    assert "9" in problem.message


def test_schedule_not_understood_is_a_warning(tmp_path: Path) -> None:
    problem = only(check(tmp_path, BASE.replace("2022年6月底前", "按省上要求")))
    assert (problem.level, problem.rule, problem.line) == ("warning", "schedule-not-understood", 17)


@pytest.mark.parametrize(
    ("content", "line", "rule", "words"),
    [
        ("", 1, "empty", ["空"]),
        ("# 只有注释\n", 1, "empty", ["空"]),
        ("- a\n- b\n", 1, "top-level", ["映射"]),
        ("就是一句话\n", 1, "top-level", ["映射"]),
        ("document: [1, 2\n", 2, "yaml-syntax", ["YAML"]),
        ("a: 1\n\tb: 2\n", 2, "yaml-syntax", ["YAML"]),
        ("a: 1\n---\nb: 2\n", 2, "yaml-syntax", ["多个"]),
        ("document: *nothing\n", 1, "yaml-syntax", ["锚点"]),
        (
            "a: !!python/object/apply:os.system [echo]\n",
            1,
            "yaml-tag",
            ["!!python/object/apply:os.system"],
        ),
        ("a: !!set {x, y}\n", 1, "yaml-tag", ["!!set"]),
        ("<<: {a: 1}\n", 1, "yaml-merge", ["<<"]),
        ("? [a, b]\n: 1\n", 1, "bad-key", ["键"]),
    ],
)
def test_hostile_yaml(tmp_path: Path, content: str, line: int, rule: str, words: list[str]) -> None:
    problem = only(check(tmp_path, content))
    assert (problem.line, problem.rule) == (line, rule)
    for word in words:
        assert word in problem.message


def test_python_tag_is_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    assert only(check(tmp_path, text)).rule == "yaml-tag"
    assert not marker.exists()


def test_gbk_file_says_how_to_convert(tmp_path: Path) -> None:
    problem = only(check(tmp_path, BASE.encode("gbk")))
    assert problem.rule == "encoding"
    assert "UTF-8" in problem.message and "GB" in problem.message and "iconv" in problem.message
    assert problem.line == 2  # the first Chinese character is on line 2 (测试表)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    assert check(tmp_path, b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8")) == []


def test_binary_garbage(tmp_path: Path) -> None:
    problem = only(check(tmp_path, bytes(range(256)) * 4))
    assert problem.rule in ("encoding", "yaml-syntax")
    assert problem.level == "error"


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.monotonic()
    problem = only(check(tmp_path, "\n".join(lines) + "\n"))
    assert problem.rule == "yaml-alias"
    assert time.monotonic() - started < 10  # 9**10 nodes if expanded; refused before that


def test_anchors_and_aliases_still_work(tmp_path: Path) -> None:
    # a file with "&" takes the alias-checked path; the alias gives task 2 task 1's cell
    text = BASE.replace("units: 东坡区", "units: &cell 东坡区") + (
        "  - id: 2\n    section: 一\n    text: 任务二\n    schedule: 长期坚持\n    units: *cell\n"
    )
    path = tmp_path / "tasks.yaml"
    path.write_text(text, encoding="utf-8")
    checked = validate_file(path)
    assert checked.problems == [] and checked.task_file is not None
    assert checked.task_file.tasks[1].units == "东坡区人民政府，市政务服务管理局加强指导"


def test_an_alias_without_any_anchor_is_a_syntax_error(tmp_path: Path) -> None:
    # no "&" anywhere: no anchor, so an alias cannot compose (the fast path relies on it)
    problem = only(check(tmp_path, BASE.replace("text: 任务一", "text: *nothing")))
    assert problem.rule == "yaml-syntax" and (problem.line, problem.column) == (16, 11)


def test_very_deep_nesting(tmp_path: Path) -> None:
    problem = only(check(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert problem.rule in ("too-deep", "yaml-syntax")


def test_missing_path_and_folder(tmp_path: Path) -> None:
    assert only(validate_file(tmp_path / "nope.yaml").problems).message == "文件不存在"
    assert "文件夹" in only(validate_file(tmp_path).problems).message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # CI runs as root, which reads any file: simulate the refusal the OS gives a clerk.
    path = tmp_path / "secret.yaml"
    path.write_text(BASE, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    problem = only(validate_file(path).problems)
    assert (problem.rule, problem.line) == ("io", 0)
    assert "权限" in problem.message
