"""The conventions people bring: flags that mean one thing, completion, --version, safe text."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer
from typer.testing import CliRunner

from govopen_cli.cli import completion
from govopen_cli.cli.app import app, app_for_completion

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.yaml"
MINIMAL = ROOT / "tests" / "corpus" / "valid-minimal.yaml"


def every_command() -> list[tuple[str, click.Command]]:
    group = typer.main.get_command(app)
    found = []

    def walk(command: click.Command, path: str) -> None:
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(group, "govopen")
    return found


# --- flags that mean one thing everywhere ------------------------------------------------

SHORT = {"-s": "--section", "-o": "--out", "-f": "--format", "-u": "--unit", "-h": "--help"}


def test_a_short_flag_means_one_thing_in_every_command() -> None:
    seen = 0
    for path, command in every_command():
        for param in command.params:
            for short, long in SHORT.items():
                if short in param.opts:
                    seen += 1
                    assert long in param.opts, (path, param.opts)
    assert seen > 20


def test_every_written_file_is_out() -> None:
    writers = {p: c for p, c in every_command() if p in ("govopen export", "govopen publish")}
    writers["govopen import"] = dict(every_command())["govopen import"]
    for path, command in writers.items():
        outs = [p for p in command.params if "--out" in p.opts]
        assert outs and "-o" in outs[0].opts, path


def test_import_still_understands_output(tmp_path: Path) -> None:
    source = tmp_path / "分工表.txt"
    cells = ["序号", "重点任务", "工作进度", "责任单位", "", "一、第一章", ""]
    cells += ["1", "公开规划。", "2022年6月底前", "市财政局"]
    source.write_text("附件1\n测试表\n" + "".join(f"\t{c}\n" if c else "\n" for c in cells))
    for flag in ("--out", "--output", "-o"):
        target = tmp_path / f"{flag.strip('-')}.yaml"
        result = CliRunner().invoke(app, ["import", str(source), flag, str(target)])
        assert target.is_file(), (flag, result.output)


def test_status_has_no_short_flag_any_more() -> None:
    result = CliRunner().invoke(
        app, ["progress", "add", "6", "-u", "东坡区", "-s", "done", "--data", str(DATA)]
    )
    assert result.exit_code == 2
    assert "没有选项 '-s'" in result.output


# --- validate: --data like every command, and - for standard input ------------------------


def test_validate_takes_data() -> None:
    result = CliRunner().invoke(app, ["validate", "--data", str(MINIMAL)])
    assert result.exit_code == 0
    assert "1 个文件" in result.output


def test_validate_reads_standard_input() -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    good = CliRunner().invoke(app, ["validate", "-"], input=text)
    assert good.exit_code == 0, good.output
    bad = CliRunner().invoke(app, ["validate", "-"], input=text.replace("id: 1", "id: x"))
    assert bad.exit_code == 1
    assert re.search(r"^<stdin>:14:\d+: 错误", bad.output, re.M), bad.output


# --- --version and completion ------------------------------------------------------------


def test_version_is_the_package_version() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "(.+)"', pyproject, re.M)
    assert version is not None
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, f"govopen {version.group(1)}\n")


def tab(line: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What bash is offered for the last word of `line` (a trailing space: a new word)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(ROOT / ".pytest-cache-unused"))
    monkeypatch.setenv("GOVOPEN_NO_CACHE", "1")
    monkeypatch.setenv("GOVOPEN_DATA", str(DATA))
    words = line.split(" ")
    env = {
        "_GOVOPEN_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    result = CliRunner().invoke(app_for_completion(words), [], env=env, prog_name="govopen")
    assert result.exit_code == 0, result.output
    return result.output.split()


def test_tab_completes_task_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    # the Meishan table has 24 tasks
    assert tab("govopen show ", monkeypatch) == [str(n) for n in range(1, 25)]
    assert tab("govopen show 2", monkeypatch) == ["2", "20", "21", "22", "23", "24"]
    assert tab("govopen progress add 1", monkeypatch)[:2] == ["1", "10"]


def test_tab_completes_units_by_name_short_name_and_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tab("govopen by-unit 东坡", monkeypatch) == ["东坡区人民政府", "东坡区"]
    assert tab("govopen due -u 市发", monkeypatch) == ["市发展改革委", "市发改委"]


def test_tab_completes_sections_formats_and_statuses(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tab("govopen list -s ", monkeypatch) == ["一", "二", "三", "四", "五", *"12345"]
    assert tab("govopen list -f ", monkeypatch) == ["table", "json", "csv", "markdown", "plain"]
    statuses = tab("govopen progress add 6 --status ", monkeypatch)
    assert statuses == ["done", "in_progress", "blocked"]


def test_tab_reads_the_file_named_on_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tab(f"govopen show --data {MINIMAL} ", monkeypatch) == ["1"]


def test_tab_on_a_broken_file_offers_nothing_and_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "tasks.yaml"
    broken.write_text("tasks: [\n", encoding="utf-8")
    assert tab(f"govopen show --data {broken} ", monkeypatch) == []


def test_a_tab_prepares_only_the_command_being_completed() -> None:
    partial = app_for_completion(["govopen", "show", ""])
    assert [c.name for c in partial.registered_commands] == ["show"]
    assert app_for_completion(["govopen", "sh"]) is app  # the command name itself


def test_show_completion_prints_the_script(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(completion, "detected_shell", lambda: "bash")
    result = CliRunner().invoke(app, ["--show-completion"], prog_name="govopen")
    assert result.exit_code == 0
    assert "_GOVOPEN_COMPLETE=complete_bash" in result.output
    assert "complete -o default -F _govopen_completion govopen" in result.output


def test_completion_for_an_unknown_shell_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(completion, "detected_shell", lambda: "tcsh")
    result = CliRunner().invoke(app, ["--show-completion"], prog_name="govopen")
    assert result.exit_code == 2
    assert "tcsh" in result.output and "bash、zsh、fish" in result.output


# --- text that cannot take over the terminal ----------------------------------------------


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "text: 任务一", 'text: "任务一\\e]0;被改的标题\\a\\e[2J[bold]粗[/bold]"'
    )
    path = tmp_path / "tasks.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
def test_escape_sequences_in_the_data_are_shown_escaped(hostile: Path, fmt: str) -> None:
    result = CliRunner().invoke(
        app, ["list", "-f", fmt, "--data", str(hostile)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;被改的标题\\x07\\x1b[2J" in result.output
    assert "[bold]粗[/bold]" in result.output  # shown as written, not as rich markup


def test_json_keeps_the_data_as_it_is(hostile: Path) -> None:
    import json

    result = CliRunner().invoke(app, ["list", "-f", "json", "--data", str(hostile)])
    assert (
        json.loads(result.output)[0]["text"] == "任务一\x1b]0;被改的标题\x07\x1b[2J[bold]粗[/bold]"
    )


# --- a table that does not fit becomes records ---------------------------------------------


def test_the_board_in_80_columns_is_a_record_per_task() -> None:
    result = CliRunner().invoke(
        app, ["board", "--as-of", "2022-01-10", "--data", str(DATA)], env={"COLUMNS": "80"}
    )
    lines = result.output.splitlines()
    assert lines[1].startswith("─[ 1 ]─")
    # task 1 is 长期坚持 for 天府新区 and the six county-level governments
    assert lines[2].startswith("序号：") and lines[2].endswith(" 1")
    assert [line.split("：")[0] for line in lines[4:11]] == [
        "天府新区",
        "东坡区",
        "彭山区",
        "仁寿县",
        "洪雅县",
        "丹棱县",
        "青神县",
    ]
    assert max(len(line) for line in lines) <= 80


def test_the_board_in_200_columns_is_a_table() -> None:
    result = CliRunner().invoke(
        app, ["board", "--as-of", "2022-01-10", "--data", str(DATA)], env={"COLUMNS": "200"}
    )
    assert "─[ 1 ]" not in result.output
    assert "天府新区" in result.output.splitlines()[2]  # the header row


def test_what_the_user_typed_is_echoed_escaped() -> None:
    result = CliRunner().invoke(app, ["by-unit", "东\x1b]0;x\x07", "--data", str(DATA)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "东\\x1b]0;x\\x07" in result.output
