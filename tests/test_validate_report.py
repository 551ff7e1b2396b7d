"""validate's reports (text, json, github), --strict, the rule table, the ledger, the schema."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import pytest
from click.testing import Result
from readme_examples import with_rule_table
from typer.testing import CliRunner

from govopen_cli.cli.app import app
from govopen_cli.problems import RULES, Problem
from govopen_cli.render.problems import github_line
from govopen_cli.table.json_schema import schema_text, task_file_schema

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SHIPPED = ROOT / "data" / "tasks.yaml"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env={"GITHUB_ACTIONS": "", **(env or {})})


# --- text ----------------------------------------------------------------------------------


def test_text_groups_by_file_with_a_summary() -> None:
    a, b = CORPUS / "duplicate-id.yaml", CORPUS / "warnings-gap-unused-empty.yaml"
    result = invoke("validate", str(b), str(a))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{b}:7:9: 警告: 章节“二”下没有任何任务（是否漏填了任务的 section？） [section-empty]",
        f"{b}:15:11: 警告: 单位“市审计局”已登记，但没有任何任务写到它（也不是被写到的集合的成员）"
        " [unit-unused]",
        f"{b}:23:9: 警告: 序号 1 之后是 3，缺少 2（漏录了任务，还是序号写错了？） [id-gap]",
        "",
        f"{a}:19:9: 错误: 序号 1 重复 [duplicate-id]",
        "1 个错误，3 个警告（2 个文件）",
    ]


def test_text_is_plain_when_not_a_terminal() -> None:
    result = invoke("validate", str(CORPUS / "duplicate-id.yaml"))
    assert "\x1b[" not in result.stdout


def test_text_is_coloured_on_a_terminal() -> None:
    import io

    from govopen_cli.render.problems import write_text

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    problem = Problem("t.yaml", 3, 4, "duplicate-id", "序号 1 重复")
    write_text([problem], 1, out)
    assert "\x1b[" in out.getvalue() and "序号 1 重复" in out.getvalue()


# --- json ----------------------------------------------------------------------------------


def test_json_is_a_list_of_six_fields() -> None:
    path = CORPUS / "unknown-key.yaml"
    result = invoke("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": str(path),
            "line": 17,
            "column": 5,
            "level": "error",
            "rule": "unknown-key",
            "message": "未知字段“shedule”；您是不是要写“schedule”？",
        }
    ]


def test_json_of_a_clean_file_is_an_empty_list() -> None:
    result = invoke("validate", "-f", "json", str(SHIPPED))
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


# --- github ----------------------------------------------------------------------------------

# https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
# ::error file={name},line={line},col={col},title={title}::{message}
COMMAND = re.compile(r"^::(error|warning) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_commands_follow_the_documented_syntax() -> None:
    path = CORPUS / "warnings-gap-unused-empty.yaml"
    result = invoke("validate", "--format", "github", str(path), str(CORPUS / "wrong-type.yaml"))
    assert result.exit_code == 1
    *commands, summary = result.stdout.splitlines()
    assert summary == "1 个错误，3 个警告（2 个文件）"
    parsed = []
    for line in commands:
        match = COMMAND.match(line)
        assert match, line
        props = dict(p.split("=", 1) for p in match.group(2).split(","))
        parsed.append((match.group(1), props, match.group(3)))
    level, props, message = parsed[-1]
    assert level == "error"
    assert props == {
        "file": str(CORPUS / "wrong-type.yaml"),
        "line": "14",
        "col": "9",
        "title": "govopen [schema]",
    }
    assert message == "字段“id”应为整数，实际是文本“three”"
    assert [p[0] for p in parsed[:3]] == ["warning"] * 3


def test_github_escapes_percent_newlines_and_property_separators() -> None:
    problem = Problem("a,b:c/tasks.yaml", 2, 3, "schema", "100% 错\r\n第二行: x, y")
    line = github_line(problem)
    assert line == (
        "::error file=a%2Cb%3Ac/tasks.yaml,line=2,col=3,title=govopen [schema]"
        "::100%25 错%0D%0A第二行: x, y"
    )
    match = COMMAND.match(line)
    assert match is not None
    assert unescape(match.group(3)) == problem.message
    assert unescape(match.group(2).split(",")[0].removeprefix("file=")) == problem.path


def test_github_problem_without_a_place_has_no_line() -> None:
    assert github_line(Problem("x.yaml", 0, 0, "io", "文件不存在")) == (
        "::error file=x.yaml,title=govopen [io]::文件不存在"
    )


def test_github_is_chosen_inside_github_actions() -> None:
    path = str(CORPUS / "duplicate-id.yaml")
    auto = invoke("validate", path, env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout.startswith("::error file=")
    forced = invoke("validate", "--format", "text", path, env={"GITHUB_ACTIONS": "true"})
    assert forced.stdout.startswith(f"{path}:19:9: 错误")


def test_unknown_format_is_a_usage_error() -> None:
    assert invoke("validate", "--format", "xml", str(SHIPPED)).exit_code == 2


# --- the ledger beside the task file ---------------------------------------------------------


def test_ledger_beside_the_task_file_is_checked_with_lines(tmp_path: Path) -> None:
    tasks = tmp_path / "tasks.yaml"
    tasks.write_text((CORPUS / "valid-minimal.yaml").read_text(encoding="utf-8"))
    ledger = tmp_path / "progress.yaml"
    ledger.write_text(
        "reports:\n"
        "  - task: 1\n    unit: 东坡区人民政府\n    status: done\n    date: 2022-03-01\n"
        "  - task: 9\n    unit: 东坡区人民政府\n    status: done\n    date: 2022-03-01\n"
        "  - task: 1\n    unit: 市政务服务管理局\n    status: done\n    date: 2022-03-01\n",
        encoding="utf-8",
    )
    result = invoke("validate", "--format", "json", str(tasks))
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["path"], p["line"], p["rule"]) for p in problems] == [
        (str(ledger), 6, "ledger-entry"),  # task 9 does not exist
        (str(ledger), 10, "ledger-entry"),  # a guiding unit does not report
    ]
    assert "9" in problems[0]["message"] and "指导" in problems[1]["message"]
    # given on its own, progress.yaml is read as a ledger against tasks.yaml beside it
    alone = invoke("validate", "--format", "json", str(ledger))
    assert json.loads(alone.stdout) == problems


def test_ledger_schema_and_future_dates(tmp_path: Path) -> None:
    (tmp_path / "tasks.yaml").write_text((CORPUS / "valid-minimal.yaml").read_text("utf-8"))
    ledger = tmp_path / "progress.yaml"
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    ledger.write_text(
        "reports:\n"
        f"  - task: 1\n    unit: 东坡区人民政府\n    status: done\n    date: {tomorrow}\n",
        encoding="utf-8",
    )
    result = invoke("validate", "--format", "json", str(tmp_path / "tasks.yaml"))
    [problem] = json.loads(result.stdout)
    assert (problem["line"], problem["rule"]) == (2, "ledger-entry")
    assert "晚于今天" in problem["message"]
    ledger.write_text(
        "reports:\n  - task: 1\n    unit: 东坡区人民政府\n"
        "    status: finished\n    date: 2022-01-01\n"
    )
    [problem] = json.loads(invoke("validate", "-f", "json", str(ledger)).stdout)
    assert (problem["line"], problem["rule"]) == (4, "schema")


def test_valid_ledger_passes(tmp_path: Path) -> None:
    (tmp_path / "tasks.yaml").write_text((CORPUS / "valid-minimal.yaml").read_text("utf-8"))
    (tmp_path / "progress.yaml").write_text(
        "reports:\n  - task: 1\n    unit: 东坡区人民政府\n    status: done\n    date: 2022-01-01\n"
    )
    result = invoke("validate", str(tmp_path / "tasks.yaml"))
    assert result.exit_code == 0
    assert result.stdout.strip() == "通过：2 个文件，没有发现问题"


def test_as_of_replays_history_while_ledger_dates_meet_the_real_today(tmp_path: Path) -> None:
    (tmp_path / "tasks.yaml").write_text((CORPUS / "valid-minimal.yaml").read_text("utf-8"))
    ledger = tmp_path / "progress.yaml"
    # task 1 is due 2022-06-30 (2022年6月底前); 东坡区 reports it done late, on 2022-07-15
    ledger.write_text(
        "reports:\n  - task: 1\n    unit: 东坡区人民政府\n    status: done\n    date: 2022-07-15\n",
        encoding="utf-8",
    )
    data = str(tmp_path / "tasks.yaml")
    before = {"GOVOPEN_AS_OF": "2022-07-01"}
    # the entry is in the real past: validate accepts it whatever as-of says …
    assert invoke("validate", data, env=before).exit_code == 0
    # … and as of 2022-07-01 it has not happened yet, so task 1 is overdue then, not after
    [row] = json.loads(invoke("overdue", "--data", data, "-f", "json", env=before).stdout)
    assert (row["task"], row["due"]) == (1, "2022-06-30")
    after = invoke("overdue", "--data", data, "-f", "json", env={"GOVOPEN_AS_OF": "2022-08-01"})
    assert json.loads(after.stdout) == []


def test_a_report_after_the_real_today_is_refused_whatever_as_of_says(tmp_path: Path) -> None:
    (tmp_path / "tasks.yaml").write_text((CORPUS / "valid-minimal.yaml").read_text("utf-8"))
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    (tmp_path / "progress.yaml").write_text(
        "reports:\n  - task: 1\n    unit: 东坡区人民政府\n    status: done\n"
        f"    date: {tomorrow}\n",
        encoding="utf-8",
    )
    data = str(tmp_path / "tasks.yaml")
    future = {"GOVOPEN_AS_OF": "2099-01-01"}
    result = invoke("validate", data, env=future)
    assert result.exit_code == 1 and "晚于今天" in result.stdout
    assert invoke("overdue", "--data", data, env=future).exit_code == 1


# --- the rule table ----------------------------------------------------------------------------


def readme_rules() -> dict[str, str]:
    section = README.split("### 规则 / Rules", 1)[1]
    return dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", section, re.M))


def test_readme_rule_table_is_generated_from_the_registry() -> None:
    assert with_rule_table(README) == README
    assert readme_rules() == {rule.id: rule.level for rule in RULES.values()}


def test_readme_rule_table_names_the_readers_limits() -> None:
    section = README.split("### 规则 / Rules", 1)[1]
    # by hand: 128 * 1024 * 1024 bytes, 64 levels, 2_500_000 nodes
    assert "| `too-large` | error | 文件超过 128 MiB，" in section
    assert "| `too-deep` | error | 嵌套超过 64 层 |" in section
    assert "展开后超过 250 万个节点" in section


def test_a_problem_takes_its_level_from_the_registry() -> None:
    assert Problem("t.yaml", 1, 1, "id-gap", "…").level == "warning"
    assert Problem("t.yaml", 1, 1, "duplicate-id", "…").level == "error"


def test_an_unregistered_rule_cannot_make_a_problem() -> None:
    with pytest.raises(KeyError, match="no-such-rule"):
        Problem("t.yaml", 1, 1, "no-such-rule", "…")


def test_warning_rules() -> None:
    assert {r for r, rule in RULES.items() if rule.level == "warning"} == {
        "schedule-explicit",
        "schedule-not-understood",
        "id-gap",
        "unit-unused",
        "section-empty",
        "unit-two-names",
    }


# --- the schema ----------------------------------------------------------------------------------


def test_committed_schema_equals_the_command() -> None:
    committed = (ROOT / "schema" / "tasks.schema.json").read_text(encoding="utf-8")
    result = invoke("schema")
    assert result.exit_code == 0
    assert result.stdout == committed == schema_text()


def test_data_file_points_editors_at_the_schema() -> None:
    first = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/tasks.schema.json"
    assert (SHIPPED.parent / "../schema/tasks.schema.json").resolve().is_file()


def test_every_field_has_a_chinese_description() -> None:
    schema = task_file_schema()
    models = [schema, *schema["$defs"].values()]
    assert len(models) == 6  # TaskFile, DocumentInfo, Section, Unit, ExplicitMilestone, Task
    for model in models:
        assert re.search(r"[\u4e00-\u9fff]", model["description"]), model["title"]
        for name, prop in model["properties"].items():
            assert re.search(r"[\u4e00-\u9fff]", prop.get("description", "")), name


Json: TypeAlias = "str | int | float | bool | dict[str, Json] | list[Json] | None"


def _plain(value: object) -> Json:
    """YAML values as an editor's YAML 1.2 reader sees them: dates are strings."""
    if isinstance(value, dict):
        plain: dict[str, Json] = {}
        for key, item in value.items():
            assert isinstance(key, str), key  # JSON (and the schema) knows only string keys
            plain[key] = _plain(item)
        return plain
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    assert value is None or isinstance(value, (str, int, float, bool)), value
    return value


@pytest.fixture(scope="module")
def checker() -> Validator:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schema" / "tasks.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator: Validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.FormatChecker()
    )
    return validator


def test_schema_accepts_the_shipped_file(checker: Validator) -> None:
    from govopen_cli.files.yaml_reader import read_yaml

    data, _ = read_yaml(SHIPPED)
    assert list(checker.iter_errors(_plain(data))) == []


@pytest.mark.parametrize(
    "name", ["wrong-type.yaml", "wrong-type-list.yaml", "unknown-key.yaml", "top-level-list.yaml"]
)
def test_schema_refuses_what_the_schema_check_refuses(checker: Validator, name: str) -> None:
    import yaml

    data = yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))
    assert list(checker.iter_errors(_plain(data)))


# --- README examples of the broken file ----------------------------------------------------------


def broken_examples() -> list[tuple[str, str]]:
    """README's `govopen … docs/examples/tasks-broken.yaml` examples (test_readme skips them)."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in block.split("$ ")[1:]:
            command, _, output = chunk.partition("\n")
            if command.startswith("govopen ") and "docs/examples/tasks-broken.yaml" in command:
                found.append((command, output.split("$ ")[0]))
    return found


def test_readme_shows_every_format_of_the_broken_file() -> None:
    commands = [c for c, _ in broken_examples()]
    assert commands == [
        "govopen validate docs/examples/tasks-broken.yaml",
        "govopen validate --format json docs/examples/tasks-broken.yaml",
        "govopen validate --format github docs/examples/tasks-broken.yaml",
    ]


@pytest.mark.parametrize(("command", "expected"), broken_examples())
def test_readme_broken_file_example_is_real_output(
    command: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    result = invoke(*shlex.split(command)[1:])
    assert result.exit_code == 1
    got = [line.rstrip() for line in result.output.splitlines() if line.strip()]
    assert got == [line.rstrip() for line in expected.splitlines() if line.strip()]
    # by hand: task 3's id typed as 2 (line 131), so 3 is missing after 2 (line 136, task 4),
    # and 市司法局 typed as 市司法厅 in task 9's units (line 170)
    for line in (131, 136, 170):
        assert re.search(rf'(:{line}:|line={line},|"line": {line},)', result.output)


# --- CI and pre-commit ----------------------------------------------------------------------------


def test_pre_commit_hook_runs_validate_on_tables_and_ledgers() -> None:
    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "govopen-validate",
        "govopen validate",
        "python",
    )
    files = re.compile(hook["files"])
    for name in ["data/tasks.yaml", "tasks.yaml", "2023/meishan.tasks.yaml", "data/progress.yaml"]:
        assert files.search(name), name
    for name in ["docs/examples/tasks-broken.yaml", "tests/corpus/empty.yaml", "mytasks.yaml"]:
        assert not files.search(name), name


def test_workflow_validates_on_push_and_pull_request_with_the_github_format() -> None:
    import yaml

    text = (ROOT / ".github" / "workflows" / "validate.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow[True] == ["push", "pull_request"]  # YAML 1.1 reads the key `on` as True
    runs = [step.get("run") for step in workflow["jobs"]["validate"]["steps"]]
    assert runs[-2:] == ["pip install .", "govopen validate --format github data/tasks.yaml"]
    assert "actions/setup-python@v5" in text
    # README shows the same workflow
    assert "\n".join(text.splitlines()[1:]) in README
