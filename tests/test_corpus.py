"""Any file at all: the corpus under tests/corpus/ and hostile files made here, through the CLI.

Each case names the exit code, rule, line and a fragment of the Chinese message it
must give; lines and columns were counted by hand in the corpus files (the base
layout is: 14 `- id: 1`, 15 section, 16 text, 17 schedule, 18 units). Valid files
are in the table too, so neither an accept-everything nor a refuse-everything
validator passes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govopen_cli.cli.app import app
from govopen_cli.files import yaml_reader as loading

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "tasks.yaml"
BASE = (CORPUS / "valid-minimal.yaml").read_text(encoding="utf-8")

# file, exit code, rule, line, column, message fragment (None: no problem at all)
CASES = [
    ("valid-minimal.yaml", 0, None, 0, 0, ""),
    ("valid-two-sections.yaml", 0, None, 0, 0, ""),
    ("syntax-tab.yaml", 1, "yaml-syntax", 16, 1, "制表符 Tab"),
    ("syntax-colon.yaml", 1, "yaml-syntax", 16, 13, "不能出现“键: 值”"),
    ("syntax-unclosed.yaml", 1, "yaml-syntax", 16, 11, "未闭合"),
    ("duplicate-key.yaml", 1, "duplicate-key", 18, 5, "重复的键“text”（第 16 行已出现过）"),
    ("wrong-type.yaml", 1, "schema", 14, 9, "“id”应为整数，实际是文本“three”"),
    ("wrong-type-list.yaml", 1, "schema", 16, 11, "“text”应为文本，实际是列表"),
    ("unknown-key.yaml", 1, "unknown-key", 17, 5, "未知字段“shedule”；您是不是要写“schedule”"),
    ("unknown-unit.yaml", 1, "unknown-unit", 18, 20, "您是不是要找：市政务服务管理局"),
    ("unknown-section.yaml", 1, "unknown-section", 15, 14, "章节“六”不存在"),
    ("impossible-date-schedule.yaml", 1, "schedule-invalid", 17, 15, "2022年2月只有 28 天"),
    ("impossible-date-explicit.yaml", 1, "bad-value", 20, 14, "2022-02-30"),
    ("duplicate-id.yaml", 1, "duplicate-id", 19, 9, "序号 1 重复"),
    ("empty.yaml", 1, "empty", 1, 1, "文件是空的"),
    ("comments-only.yaml", 1, "empty", 1, 1, "文件是空的"),
    ("top-level-list.yaml", 1, "top-level", 1, 1, "而不是列表"),
    ("merge-key.yaml", 1, "yaml-merge", 14, 5, "合并键"),
    ("warnings-gap-unused-empty.yaml", 0, "id-gap", 23, 9, "序号 1 之后是 3，缺少 2"),
    ("warnings-gap-unused-empty.yaml", 0, "unit-unused", 15, 11, "“市审计局”已登记"),
    ("warnings-gap-unused-empty.yaml", 0, "section-empty", 7, 9, "章节“二”下没有任何任务"),
]


def validate(*args: str) -> tuple[int, list[dict[str, object]], str]:
    """Run `govopen validate --format json ARGS`: exit code, problems, raw output."""
    result = CliRunner().invoke(app, ["validate", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    problems = json.loads(result.stdout)
    assert isinstance(problems, list), result.output
    return result.exit_code, problems, result.output


def assert_gives(
    path: Path, code: int, rule: str | None, line: int, column: int, fragment: str
) -> None:
    exit_code, problems, output = validate(str(path))
    assert exit_code == code, output
    if rule is None:
        assert problems == []
        return
    found = [p for p in problems if p["rule"] == rule]
    assert found, output
    assert (found[0]["line"], found[0]["column"]) == (line, column), output
    assert fragment in str(found[0]["message"]), output
    assert found[0]["path"] == str(path)


def test_corpus_files_are_all_in_the_table() -> None:
    assert {p.name for p in CORPUS.glob("*.yaml")} == {case[0] for case in CASES}


@pytest.mark.parametrize(("name", "code", "rule", "line", "column", "fragment"), CASES)
def test_corpus_file(
    name: str, code: int, rule: str | None, line: int, column: int, fragment: str
) -> None:
    assert_gives(CORPUS / name, code, rule, line, column, fragment)


def test_broken_files_give_exactly_one_problem() -> None:
    # one slip, one message: a cross-check must not echo an error as a second problem
    for name, code, *_ in CASES:
        if code == 1:
            _, problems, output = validate(str(CORPUS / name))
            assert len(problems) == 1, output


def test_shipped_file_is_valid_through_the_cli() -> None:
    assert validate(str(SHIPPED))[:2] == (0, [])


def test_warnings_fail_only_with_strict() -> None:
    path = str(CORPUS / "warnings-gap-unused-empty.yaml")
    assert validate(path)[0] == 0
    assert validate("--strict", path)[0] == 1
    assert validate("--strict", str(CORPUS / "valid-minimal.yaml"))[0] == 0


# --- hostile files, made here ------------------------------------------------------------


def test_gbk_file_says_not_utf8_and_how_to_convert(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(BASE.encode("gbk"))
    # line 2 is `  title: 测试表`: the first non-ASCII byte is column 10
    assert_gives(path, 1, "encoding", 2, 10, "不是 UTF-8")
    message = validate(str(path))[1][0]["message"]
    assert "GBK" in str(message) and "iconv -f GB18030 -t UTF-8" in str(message)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8"))
    assert_gives(path, 0, None, 0, 0, "")


def test_bom_and_crlf_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    text = BASE.replace("  - id: 1", "  - id: three")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert_gives(path, 1, "schema", 14, 9, "应为整数")


def test_python_tag_is_refused_and_not_executed(tmp_path: Path) -> None:
    victim = tmp_path / "created-if-executed.txt"
    path = tmp_path / "tasks.yaml"
    tag = f'!!python/object/apply:builtins.open ["{victim}", "w"]'
    path.write_text(BASE.replace("    text: 任务一", f"    text: {tag}"), encoding="utf-8")
    assert_gives(path, 1, "yaml-tag", 16, 11, "!!python/object/apply:builtins.open")
    assert not victim.exists()
    # the same tag really would create the file with an unsafe loader: the test is not empty
    import yaml

    yaml.unsafe_load(f"x: {tag}\n")["x"].close()
    assert victim.exists()


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    path = tmp_path / "tasks.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # 10**9 strings once expanded: returning at all shows expansion is bounded
    # the budget is 2_500_000 nodes (files/limits.py), counted as the aliases are read
    assert_gives(path, 1, "yaml-alias", 1, 1, "展开后超过 250 万个节点（疑似“别名炸弹”）")


def test_alias_cycle_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text("document: &a\n  - *a\n", encoding="utf-8")
    exit_code, problems, output = validate(str(path))
    assert exit_code == 1 and problems[0]["rule"] in {"yaml-alias", "yaml-syntax"}, output


@pytest.mark.parametrize("depth", [100, 100_000])
def test_very_deep_nesting_is_refused(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text("document: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    exit_code, problems, output = validate(str(path))
    assert exit_code == 1 and [p["rule"] for p in problems] == ["too-deep"], output
    assert problems[0]["line"] == 1 and "嵌套层级过深（超过 64 层）" in str(problems[0]["message"])


def test_deep_block_mappings_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text("".join(" " * i + f"k{i}:\n" for i in range(80)) + " " * 80 + "x\n")
    exit_code, problems, output = validate(str(path))
    assert exit_code == 1 and problems[0]["rule"] == "too-deep", output
    # the 65th level (0-based key 65) is the first one too deep
    assert problems[0]["line"] == 66


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    # byte 10 is a newline, so the first non-UTF-8 byte (128) is line 2, column 128 - 10 = 118
    assert_gives(path, 1, "encoding", 2, 118, "二进制")


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 100)
    path = tmp_path / "tasks.yaml"
    path.write_text(BASE, encoding="utf-8")
    exit_code, problems, _ = validate(str(path))
    assert exit_code == 1 and problems[0]["rule"] == "too-large"


def test_missing_path(tmp_path: Path) -> None:
    assert_gives(tmp_path / "nope.yaml", 1, "io", 0, 0, "文件不存在")


def test_folder(tmp_path: Path) -> None:
    assert_gives(tmp_path, 1, "io", 0, 0, "文件夹")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text(BASE, encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        assert_gives(path, 1, "io", 0, 0, "没有读取该文件的权限")
    finally:
        path.chmod(0o644)


def test_one_bad_file_among_good_ones_fails_the_run() -> None:
    exit_code, problems, _ = validate(str(SHIPPED), str(CORPUS / "duplicate-id.yaml"))
    assert exit_code == 1 and [p["rule"] for p in problems] == ["duplicate-id"]
