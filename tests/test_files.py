"""Atomic writes: the target is either the old file or the whole new one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govopen_cli.files.atomic import write_atomic


def test_writes_text_as_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    write_atomic(target, "序号: 1\n")
    assert target.read_bytes() == "序号: 1\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]  # no temporary left


def test_refuses_to_overwrite_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomic(target, "new", overwrite=False)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_failure_mid_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


@pytest.mark.parametrize(
    ("task_file", "ledger"),
    [
        ("tasks.yaml", "progress.yaml"),  # the single-file layout keeps its name
        ("2022-yaodian.yaml", "2022-yaodian.progress.yaml"),
        ("分工表.yml", "分工表.progress.yaml"),
        ("a.b.yaml", "a.b.progress.yaml"),
        (".hidden", ".hidden.progress.yaml"),
        ("noext", "noext.progress.yaml"),
    ],
)
def test_a_ledger_is_named_after_its_task_file(task_file: str, ledger: str) -> None:
    from govopen_cli.files.finding import ledger_for, ledger_name

    assert ledger_name(task_file) == ledger
    assert ledger_for(Path("data") / task_file) == Path("data") / ledger
