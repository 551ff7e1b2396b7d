"""Shell completion end to end: the installed `govopen` installs it into a fresh HOME, and a
real bash, reading that HOME's ~/.bashrc, completes through the function it installed."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from typer.testing import CliRunner

from govopen_cli.cli import app as app_module
from govopen_cli.cli import completion
from govopen_cli.cli.app import app
from govopen_cli.render.formats import TableFormat

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "tasks.yaml"
GOVOPEN = shutil.which("govopen", path=str(Path(sys.executable).parent)) or shutil.which("govopen")
BASH = shutil.which("bash")
installed = pytest.mark.skipif(GOVOPEN is None, reason="govopen is not installed")
with_bash = pytest.mark.skipif(BASH is None, reason="bash is not installed")


def env_for(home: Path) -> dict[str, str]:
    """The user's environment with a fresh HOME and the installed govopen first on PATH."""
    assert GOVOPEN is not None
    kept = {
        k: v for k, v in os.environ.items() if not k.startswith(("GOVOPEN_", "_GOVOPEN", "COMP_"))
    }
    path = os.pathsep.join([str(Path(GOVOPEN).parent), kept.get("PATH", "")])
    return {**kept, "HOME": str(home), "PATH": path, "COLUMNS": "100"}


def govopen(*args: str, home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GOVOPEN), *args],
        cwd=cwd,
        env=env_for(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture()
def office(tmp_path: Path) -> Path:
    """A clerk's folder holding the table as tasks.yaml (what a command finds by itself)."""
    folder = tmp_path / "office"
    folder.mkdir()
    shutil.copyfile(DATA, folder / "tasks.yaml")
    return folder


@installed
def test_install_completion_for_bash_writes_the_script_and_one_bashrc_line(
    home: Path, office: Path
) -> None:
    (home / ".bashrc").write_text("# 我的设置\nalias ll='ls -l'\n", encoding="utf-8")
    first = govopen("--install-completion", "bash", home=home, cwd=office)
    again = govopen("--install-completion", "bash", home=home, cwd=office)
    script = home / ".bash_completions" / "govopen.sh"
    assert first.returncode == 0 and again.returncode == 0, first.stderr
    assert f"已为 bash 安装命令补全：{script}" in first.stdout
    bashrc = (home / ".bashrc").read_text(encoding="utf-8")
    assert bashrc.startswith("# 我的设置\nalias ll='ls -l'\n")  # the user's lines are kept
    assert bashrc.count(f"source '{script}'") == 1  # installing twice adds it once
    text = script.read_text(encoding="utf-8")
    assert "complete -o default -F _govopen_completion govopen" in text
    assert "_GOVOPEN_COMPLETE=complete_bash" in text
    shown = govopen("--show-completion", "bash", home=home, cwd=office)
    assert shown.returncode == 0
    assert shown.stdout.strip() == text.strip()  # what --show-completion prints is installed


@installed
def test_install_completion_names_zsh_and_fish_files(home: Path, office: Path) -> None:
    # (zsh and fish themselves need not be installed: these are the files they read)
    zsh = govopen("--install-completion", "zsh", home=home, cwd=office)
    assert zsh.returncode == 0, zsh.stderr
    assert "#compdef govopen" in (home / ".zfunc" / "_govopen").read_text(encoding="utf-8")
    assert "fpath+=~/.zfunc" in (home / ".zshrc").read_text(encoding="utf-8")
    fish = govopen("--install-completion", "fish", home=home, cwd=office)
    assert fish.returncode == 0, fish.stderr
    script = home / ".config" / "fish" / "completions" / "govopen.fish"
    assert "_GOVOPEN_COMPLETE=complete_fish" in script.read_text(encoding="utf-8")


@installed
def test_an_unsupported_shell_named_is_refused(home: Path, office: Path) -> None:
    result = govopen("--install-completion", "tcsh", home=home, cwd=office)
    assert result.returncode == 2
    assert "tcsh" in result.stderr and "--install-completion bash" in result.stderr
    assert list(home.iterdir()) == []  # nothing written


def bash_complete(lines: list[str], *, home: Path, cwd: Path) -> list[list[str]]:
    """What the installed bash function offers for each command line (a trailing space: a
    new word), in an interactive bash that reads HOME's ~/.bashrc as a user's shell does."""
    assert BASH is not None
    script = [
        "complete -p govopen >/dev/null || exit 3",  # the ~/.bashrc line registered it
        "offer() {",
        '  COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()',
        '  _govopen_completion govopen "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
        "  printf '%s\\n' \"${COMPREPLY[@]}\"; echo '::end::'",
        "}",
    ]
    for line in lines:
        words = line.split(" ")
        script.append("offer " + " ".join(shlex.quote(w) for w in words))
    result = subprocess.run(
        [BASH, "-i", "-c", "\n".join(script)],
        cwd=cwd,
        env=env_for(home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.split("::end::\n")
    assert blocks[-1] == ""
    return [[w for w in block.split("\n") if w] for block in blocks[:-1]]


@installed
@with_bash
def test_bash_completes_task_ids_units_and_formats_through_the_installed_function(
    home: Path, office: Path
) -> None:
    assert govopen("--install-completion", "bash", home=home, cwd=office).returncode == 0
    ids, county, city, formats, command = bash_complete(
        [
            "govopen show ",
            "govopen by-unit 东坡",
            "govopen by-unit 市",
            "govopen due --format ",
            "govopen by-u",
        ],
        home=home,
        cwd=office,
    )
    assert ids == [str(n) for n in range(1, 25)]  # Meishan's table: tasks 1 to 24
    assert county == ["东坡区人民政府", "东坡区"]  # the name and its short form
    assert all(name.startswith("市") for name in city)
    assert {"市政务服务管理局", "市审计局", "市财政局"} <= set(city)  # named in the table
    assert formats == list(get_args(TableFormat))
    assert command == ["by-unit"]


# --- in-process: the pieces the end-to-end tests go through -------------------------------


def test_a_shell_named_after_the_option_is_the_one_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(completion, "detected_shell", lambda: "bash")
    result = CliRunner().invoke(app, ["--show-completion", "zsh"], prog_name="govopen")
    assert result.exit_code == 0
    assert "#compdef govopen" in result.output and "complete_zsh" in result.output
    detected = CliRunner().invoke(app, ["--show-completion"], prog_name="govopen")
    assert "complete -o default -F _govopen_completion govopen" in detected.output


def test_the_word_bash_completes_is_found_in_its_newline_joined_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # bash's script passes "${COMP_WORDS[*]}" with IFS set to a newline, and the index of the
    # word being completed; a new, empty word is not in COMP_WORDS
    monkeypatch.delenv("_TYPER_COMPLETE_ARGS", raising=False)
    monkeypatch.setenv("COMP_WORDS", "govopen\nshow\n")
    monkeypatch.setenv("COMP_CWORD", "2")
    assert app_module._completion_words() == ["govopen", "show", ""]
    monkeypatch.setenv("COMP_WORDS", "govopen\nby-unit\n东坡\n--data\nx.yaml")
    monkeypatch.setenv("COMP_CWORD", "2")
    assert app_module._completion_words() == ["govopen", "by-unit", "东坡"]
    # zsh and fish pass the line up to the cursor
    monkeypatch.delenv("COMP_WORDS")
    monkeypatch.delenv("COMP_CWORD")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "govopen show ")
    assert app_module._completion_words() == ["govopen", "show", ""]
