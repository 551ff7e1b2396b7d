"""The cache of understood data files: used only when it matches, silently unused otherwise."""

from __future__ import annotations

import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest

from govopen_cli.checks.open import open_catalog
from govopen_cli.checks.validate import validate_file
from govopen_cli.files import cache
from govopen_cli.problems import DataError

DATA = Path(__file__).resolve().parents[1] / "data" / "tasks.yaml"
TASK_1 = "对涉及群众切身利益、需要社会广泛知晓的政策措施"  # 序号 1 of the Meishan table


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped file, with the cache in tmp_path/cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.DISABLE_ENV, raising=False)
    copy = tmp_path / "tasks.yaml"
    shutil.copyfile(DATA, copy)
    return copy


def entries(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache" / "govopen"
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_second_open_comes_from_the_cache(data: Path, tmp_path: Path) -> None:
    first = open_catalog(data)
    assert len(entries(tmp_path)) == 1
    cached, _ = cache.load(data)
    assert cached is not None
    # the Meishan table: 24 tasks; 序号 7 shares its cells with 序号 6 (merged cells)
    assert [v.id for v in cached.tasks] == list(range(1, 25))
    assert cached.task(7).cells_from == 6
    assert cached.task(1).text.startswith(TASK_1)
    assert cached.path == data
    assert open_catalog(data).task(7).owners == first.task(7).owners


def test_a_cached_table_makes_a_task_view_only_when_asked(data: Path) -> None:
    from_file = open_catalog(data)
    cached, _ = cache.load(data)
    assert cached is not None
    # no view made yet: the 24 schedules, 序号 7's being 序号 6's (one merged 工作进度 cell)
    schedules = cached.schedules()
    assert len(schedules) == 24
    assert schedules[6] == schedules[5]
    assert (cached.task_at(6).id, cached.task_at(6).cells_from) == (7, 6)
    assert cached.task_at(23).id == 24
    again = pickle.loads(pickle.dumps(cached))  # stored again before any view was made
    assert again.tasks == from_file.tasks
    # one by one or all at once, the views are the file's
    assert [cached.task_at(p) for p in range(24)] == from_file.tasks
    assert cached.tasks == from_file.tasks
    assert list(cached.schedules()) == [v.schedule for v in from_file.tasks]


def test_changed_bytes_give_a_fresh_result(data: Path) -> None:
    open_catalog(data)
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace(TASK_1, "改过的任务文字" + TASK_1, 1), encoding="utf-8")
    assert open_catalog(data).task(1).text.startswith("改过的任务文字")


def test_a_file_made_invalid_is_not_served_from_the_cache(data: Path) -> None:
    open_catalog(data)
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("  - id: 2\n", "  - id: 1\n", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        open_catalog(data)
    assert [p.rule for p in caught.value.problems] == ["duplicate-id"]
    assert [p.rule for p in validate_file(data).problems if p.level == "error"] == ["duplicate-id"]


def test_corrupt_entry_is_ignored_and_replaced(data: Path, tmp_path: Path) -> None:
    open_catalog(data)
    (entry,) = entries(tmp_path)
    key = entry.read_bytes().split(b"\n", 1)[0]
    entry.write_bytes(key + b"\nthis is not a pickle")
    assert cache.load(data)[0] is None
    assert open_catalog(data).task(7).cells_from == 6
    assert cache.load(data)[0] is not None


def test_entry_writable_by_others_is_not_trusted(data: Path, tmp_path: Path) -> None:
    open_catalog(data)
    (entry,) = entries(tmp_path)
    os.chmod(entry, 0o666)
    assert cache.load(data)[0] is None
    assert len(open_catalog(data).tasks) == 24


def test_unwritable_cache_folder_is_silently_unused(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir under a file always fails
    assert len(open_catalog(data).tasks) == 24
    assert cache.load(data)[0] is None


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_read_only_cache_folder_is_silently_unused(data: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "govopen"
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        assert len(open_catalog(data).tasks) == 24
        assert entries(tmp_path) == []
    finally:
        folder.chmod(0o700)


def test_cache_can_be_turned_off(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DISABLE_ENV, "1")
    assert len(open_catalog(data).tasks) == 24
    assert entries(tmp_path) == []


def test_same_bytes_elsewhere_get_their_own_path(data: Path, tmp_path: Path) -> None:
    open_catalog(data)
    other = tmp_path / "elsewhere" / "tasks.yaml"
    other.parent.mkdir()
    shutil.copyfile(data, other)
    assert open_catalog(other).path == other


# --- where the cache lives, and what a cached query imports ----------------------------------


def test_tests_never_use_the_real_cache(_cache_in_tmp_path: Path) -> None:
    real = Path.home() / ".cache" / "govopen"
    folder = cache.cache_dir()
    assert folder == _cache_in_tmp_path / "govopen"
    assert real not in (folder, *folder.parents)


def test_cache_folder_follows_xdg_through_platformdirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere" / "govopen"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        ("/srv/cache", "/home/clerk"),  # an absolute XDG_CACHE_HOME
        (None, "/home/clerk"),  # none: under HOME
        ("", "/home/clerk/"),  # empty counts as none
        ("relative/cache", "/home/clerk"),  # not absolute: platformdirs decides
        ("   ", "/home/clerk"),
        (None, "relative-home"),
    ],
)
def test_the_cache_folder_is_platformdirs_answer(
    xdg: str | None, home: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found without importing platformdirs where the XDG rule is plain, its answer always."""
    import platformdirs

    for name, value in (("XDG_CACHE_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    cache._cache_dir.cache_clear()
    try:
        expected = platformdirs.user_cache_path("govopen", appauthor=False)
        assert cache.cache_dir() == expected
    finally:
        cache._cache_dir.cache_clear()


def test_a_cached_query_does_not_import_pydantic(data: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from govopen_cli.checks.open import open_catalog\n"
        f"catalog = open_catalog(__import__('pathlib').Path({str(data)!r}))\n"
        "print(len(catalog.tasks), 'pydantic' in sys.modules)\n"
    )
    env = {**os.environ}  # XDG_CACHE_HOME: the `data` fixture's folder under tmp_path
    env.pop(cache.DISABLE_ENV, None)

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert run() == "24 True"  # the first run validates (pydantic) and fills the cache
    assert run() == "24 False"  # the second is served from the cache: no pydantic at all


def test_the_code_fingerprint_sees_every_module_by_size_and_time(tmp_path: Path) -> None:
    from govopen_cli.files.cache import _sources

    (tmp_path / "sub" / "__pycache__").mkdir(parents=True)
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "sub" / "b.py").write_text("y = 22\n")
    (tmp_path / "sub" / "__pycache__" / "b.py").write_text("")  # not a source
    (tmp_path / "notes.txt").write_text("")
    os.utime(tmp_path / "a.py", ns=(1_000, 2_000))
    os.utime(tmp_path / "sub" / "b.py", ns=(1_000, 3_000))
    assert sorted(_sources(str(tmp_path), "")) == [("a.py", 6, 2_000), ("sub/b.py", 7, 3_000)]
    os.utime(tmp_path / "a.py", ns=(1_000, 2_001))  # touched: same bytes, new time
    assert ("a.py", 6, 2_001) in _sources(str(tmp_path), "")
