"""One language: Click's and Typer's own words come in Chinese, through gettext; help reads well."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govopen_cli.cli.app import app
from govopen_cli.cli.language import DOMAIN, LOCALE_DIR
from govopen_cli.render.terminal import text_width

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import update_catalog  # type: ignore[import-not-found]  # noqa: E402  (a script, not a package)

ENGLISH = (
    "Usage:",
    "Options",
    "OPTIONS",
    "Commands",
    "COMMAND",
    "Arguments",
    "ARGS",
    "Show this message",
    "Error",
    "Try '",
)
COMMANDS = [
    [],
    ["list"],
    ["show"],
    ["sections"],
    ["by-section"],
    ["by-unit"],
    ["units"],
    ["due"],
    ["overdue"],
    ["validate"],
    ["schema"],
    ["export"],
    ["publish"],
    ["import"],
    ["board"],
    ["stats"],
    ["progress"],
    ["progress", "add"],
    ["progress", "list"],
    ["progress", "retract"],
]


def invoke(*args: str, columns: int = 80) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    return result.exit_code, result.output


def test_every_message_of_click_and_typer_is_translated() -> None:
    # every literal _("…") / ngettext("…") in the installed click and typer
    template = update_catalog.extract()
    assert len(template) > 60
    assert update_catalog.untranslated(update_catalog.load(), template) == []


def test_the_compiled_catalog_says_what_the_source_says() -> None:
    with open(update_catalog.MO, "rb") as f:
        compiled = gettext.GNUTranslations(f)
    for message in update_catalog.load():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id[0], message.id[1]
            assert compiled.ngettext(singular, plural, 2) == message.string[0]
        else:
            assert compiled.gettext(message.id) == message.string


def test_the_catalog_is_inside_the_package() -> None:
    # installed (a wheel in CI) or editable: the package holds the committed compiled catalog
    mo = Path(LOCALE_DIR) / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.mo"
    assert mo.is_file()
    assert mo.read_bytes() == Path(update_catalog.MO).read_bytes()


def test_help_is_chinese() -> None:
    code, out = invoke("--help")
    assert code == 0
    for chinese in ("用法: govopen [选项] 命令 [参数]...", "选项", "命令", "显示本帮助并退出。"):
        assert chinese in out
    for english in ENGLISH:
        assert english not in out


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["due", "--within", "x"], "'--within' 的值无效：'x' 不是有效的数字。"),
        (["due", "--within", "-1"], "-1 不在范围 x>=0 内"),
        (["frob"], "没有命令 'frob'。"),
        (["progress", "add", "3"], "缺少选项 '--unit' / '-u'"),
        (["show"], "缺少参数 '序号'"),
        (["list", "--bogus"], "没有选项 '--bogus'。"),
        (["list", "-f", "xml"], "'xml' 不是可选值之一：'table', 'json'"),
    ],
)
def test_usage_errors_are_chinese_with_exit_2(args: list[str], chinese: str) -> None:
    code, out = invoke(*args, columns=200)
    assert code == 2
    assert chinese in out
    assert "运行 'govopen" in out and "查看帮助。" in out
    for english in ENGLISH:
        assert english not in out


def test_metavars_are_words() -> None:
    for args in (["due"], ["validate"], ["progress", "add"], ["progress", "retract"], ["export"]):
        _, out = invoke(*args, "--help")
        for machine in ("TEXT", "INTEGER", "PATH", "<", "list[", "BOOLEAN", "[PATH]"):
            assert machine not in out, (args, machine)
    _, out = invoke("due", "--help")
    assert "日期" in out and "天数" in out and "单位" in out and "文件" in out


@pytest.mark.parametrize("columns", [80, 100, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "govopen")
def test_help_is_never_cut(args: list[str], columns: int) -> None:
    code, out = invoke(*args, "--help", columns=columns)
    assert code == 0
    assert "…" not in out  # rich cuts a line it cannot wrap with an ellipsis
    assert max(text_width(line) for line in out.splitlines()) <= columns


GOVOPEN = shutil.which("govopen", path=str(Path(sys.executable).parent)) or shutil.which("govopen")


@pytest.mark.skipif(GOVOPEN is None, reason="govopen is not installed")
@pytest.mark.parametrize("locale", ["C", "en_US.UTF-8"])
def test_the_installed_program_speaks_chinese_in_any_locale(tmp_path: Path, locale: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVOPEN_", "LC_", "LANG"))}
    env.update(LANG=locale, LANGUAGE="en", COLUMNS="100")
    run = [str(GOVOPEN)]
    helped = subprocess.run(
        [*run, "--help"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert helped.returncode == 0
    assert "用法: govopen" in helped.stdout and "显示本帮助并退出。" in helped.stdout
    wrong = subprocess.run(
        [*run, "due", "--within", "x"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wrong.returncode == 2
    assert "'--within' 的值无效" in wrong.stderr
    assert "Usage" not in wrong.stderr and "Invalid value" not in wrong.stderr
