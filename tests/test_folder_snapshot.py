"""A folder's snapshot: an unchanged collection is answered without reading its files.

Each file is taken from the snapshot only while its stat (size, mtime, ctime, inode) is
what it was, and that stat was taken well after the file's last change; otherwise the
file is read and its bytes decide, as for a single file. Expected texts come from the
Meishan table (序号 1's 重点任务, 序号 6's 工作进度).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from govopen_cli.checks import open as opening
from govopen_cli.checks.open import open_collection
from govopen_cli.files import cache, finding
from govopen_cli.problems import DataError

DATA = Path(__file__).resolve().parents[1] / "data" / "tasks.yaml"
TASK_1 = "对涉及群众切身利益、需要社会广泛知晓的政策措施"  # 序号 1 of the Meishan table
AN_HOUR_AGO = time.time_ns() - 3600 * 10**9


def age(path: Path, ns: int = AN_HOUR_AGO) -> None:
    """Give a file an old modification time."""
    os.utime(path, ns=(ns, ns))


@pytest.fixture()
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stats are taken an hour from now: the files' changes (and change times) are old."""
    monkeypatch.setattr(opening, "time_ns", lambda: time.time_ns() + 3600 * 10**9)


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later: None) -> Path:
    """Two copies of the Meishan table and a YAML file that is not a task file, all old."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.DISABLE_ENV, raising=False)
    tables = tmp_path / "tables"
    tables.mkdir()
    for name in ("2021-meishan.yaml", "2022-meishan.yaml"):
        shutil.copyfile(DATA, tables / name)
        age(tables / name)
    (tables / "notes.yaml").write_text("说明: 不是任务表\n", encoding="utf-8")
    age(tables / "notes.yaml")
    return tables


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read from now on."""
    seen: list[str] = []
    real: Callable[[Path], bytes | None] = finding.read_regular

    def counting(path: Path) -> bytes | None:
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(finding, "read_regular", counting)
    return seen


def snapshots(folder: Path) -> list[Path]:
    return sorted((folder.parent / "cache" / "govopen").glob("*.folder.pickle"))


def test_an_unchanged_folder_is_answered_without_reading_a_file(
    folder: Path, reads: list[str]
) -> None:
    first = open_collection(folder)
    assert set(reads) == {"2021-meishan.yaml", "2022-meishan.yaml", "notes.yaml"}
    assert len(snapshots(folder)) == 1
    reads.clear()
    again = open_collection(folder)
    assert reads == []
    assert again.keys == first.keys == ["2021-meishan", "2022-meishan"]
    for catalog in again:
        assert catalog.path == folder / f"{catalog.key}.yaml"
        assert len(catalog.tasks) == 24
        assert catalog.task(1).text.startswith(TASK_1)
        assert catalog.task(7).cells_from == 6  # 序号 7 shares 序号 6's merged cells
        assert catalog.registry.resolve("市政务服务管理局").name == "市政务服务管理局"


def test_an_edited_file_is_the_only_one_read_again(folder: Path, reads: list[str]) -> None:
    open_collection(folder)
    edited = folder / "2022-meishan.yaml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace(TASK_1, "改过的任务文字" + TASK_1, 1), encoding="utf-8")
    age(edited, AN_HOUR_AGO + 10**9)
    reads.clear()
    collection = open_collection(folder)
    assert set(reads) == {"2022-meishan.yaml"}  # read, then understood again
    assert collection.document("2022-meishan").task(1).text.startswith("改过的任务文字")
    assert collection.document("2021-meishan").task(1).text.startswith(TASK_1)


def test_an_edit_that_keeps_size_and_time_is_still_seen(folder: Path, reads: list[str]) -> None:
    """Same length, modification time set back: the change time (ctime) still moved."""
    open_collection(folder)
    edited = folder / "2021-meishan.yaml"
    text = edited.read_text(encoding="utf-8")
    changed = text.replace(TASK_1, "对涉及群众切身利益、需要社会广泛了解的政策措施", 1)
    assert len(changed.encode()) == len(text.encode())
    time.sleep(0.01)  # a new change time, even on a coarse clock
    edited.write_text(changed, encoding="utf-8")
    age(edited)
    reads.clear()
    collection = open_collection(folder)
    assert set(reads) == {"2021-meishan.yaml"}
    assert "广泛了解" in collection.document("2021-meishan").task(1).text


def test_files_changed_just_now_are_read_until_they_are_older(
    folder: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stat taken within 2 s of the file's change may miss a later change in the same
    timestamp tick: such a file is read (and hashed) every time until it is older."""
    everything = {"2021-meishan.yaml", "2022-meishan.yaml", "notes.yaml"}
    monkeypatch.setattr(opening, "time_ns", time.time_ns)  # stats taken now: just changed
    open_collection(folder)
    for _ in range(2):
        reads.clear()
        open_collection(folder)
        assert set(reads) == everything
    monkeypatch.setattr(opening, "time_ns", lambda: time.time_ns() + 3600 * 10**9)
    reads.clear()
    open_collection(folder)  # an hour later: read once more, and the snapshot renewed
    assert set(reads) == everything
    reads.clear()
    open_collection(folder)
    assert reads == []


def test_a_file_made_invalid_is_refused_though_the_snapshot_has_it(
    folder: Path, reads: list[str]
) -> None:
    open_collection(folder)
    broken = folder / "2021-meishan.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("  - id: 2\n", "  - id: 1\n", 1), encoding="utf-8")
    age(broken, AN_HOUR_AGO + 10**9)
    with pytest.raises(DataError) as caught:
        open_collection(folder)
    assert any(p.path == str(broken) for p in caught.value.problems)


def test_files_added_and_removed(folder: Path) -> None:
    open_collection(folder)
    (folder / "2021-meishan.yaml").unlink()
    shutil.copyfile(DATA, folder / "2023-meishan.yaml")
    age(folder / "2023-meishan.yaml")
    assert open_collection(folder).keys == ["2022-meishan", "2023-meishan"]


def test_a_file_that_becomes_a_task_file_is_read(folder: Path) -> None:
    open_collection(folder)
    notes = folder / "notes.yaml"
    shutil.copyfile(DATA, notes)
    age(notes, AN_HOUR_AGO + 10**9)
    assert open_collection(folder).keys == ["2021-meishan", "2022-meishan", "notes"]


def test_no_snapshot_when_the_cache_is_off(
    folder: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DISABLE_ENV, "1")
    open_collection(folder)
    reads.clear()
    open_collection(folder)
    assert sorted(reads) == ["2021-meishan.yaml", "2022-meishan.yaml", "notes.yaml"]
    assert snapshots(folder) == []


def test_a_corrupt_snapshot_is_not_used(folder: Path) -> None:
    open_collection(folder)
    (entry,) = snapshots(folder)
    entry.write_bytes(entry.read_bytes()[:200])
    assert open_collection(folder).document("2022-meishan").task(1).text.startswith(TASK_1)
