"""Collections: a folder of task files asked at once (issue 13), and which data a result used.

The collection: Meishan's shipped table (`meishan.yaml`) and a second table laid out
differently (牵头单位 / 配合单位 / 完成时限 columns), generated below as a .docx and
imported with `govopen import --into`. Expected rows are worked out by hand from the two
tables: Meishan's dates as in README's `due` example, the second table's from its cells.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from table_fixtures import build_docx
from typer.testing import CliRunner

from govopen_cli.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "tasks.yaml"
HEADER = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
COUNTIES = ["东坡区", "彭山区", "仁寿县", "洪雅县", "丹棱县", "青神县"]


def yaodian_docx(path: Path) -> Path:
    """A made-up city's 2022 工作要点 table: lead/support columns and 完成时限."""
    return build_docx(
        path,
        ["附件", "某市2022年政务公开工作要点分工"],
        [
            [
                HEADER,
                ["一、推进政务公开标准化"],
                ["1", "编制政务公开事项标准目录。", "市政府办公室", "市司法局", "2022年3月底前"],
                ["2", "每季度通报政府网站检查情况。", "市政务服务管理局", "", "每季度末"],
                ["二、加强政策解读"],
                [
                    "3",
                    "建立重大政策解读机制。",
                    "市政府办公室",
                    "各县（区）人民政府",
                    "2022年6月30日前",
                ],
                ["4", "开展政务公开培训。", "各县（区）人民政府", "", "2022年9月底前"],
            ]
        ],
    )


def units_yaml() -> str:
    """The shared registry: the six county governments and the group that names them."""
    shipped = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    wanted = {"各县（区）人民政府", *(f"{c}人民政府" for c in COUNTIES)}
    units = [u for u in shipped["units"] if u["name"] in wanted]
    return yaml.safe_dump({"units": units}, allow_unicode=True, sort_keys=False)


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def rows(*args: str) -> list[dict]:  # type: ignore[type-arg]
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture()
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clerk's folder: data/ holds Meishan's table, units.yaml, and the imported .docx."""
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.delenv("GOVOPEN_AS_OF", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(SHIPPED, data / "meishan.yaml")
    (data / "units.yaml").write_text(units_yaml(), encoding="utf-8")
    source = yaodian_docx(tmp_path / "2022-yaodian.docx")
    monkeypatch.chdir(tmp_path)
    result = cli("import", str(source), "--into", "data")
    assert result.exit_code == 0, result.output
    return tmp_path


def keyed(found: list[dict], *fields: str) -> list[tuple]:  # type: ignore[type-arg]
    return [tuple(row[f] for f in fields) for row in found]


# --- import into a collection ---------------------------------------------------------------


def test_import_into_uses_the_shared_registry(office: Path) -> None:
    written = yaml.safe_load((office / "data" / "2022-yaodian.yaml").read_text(encoding="utf-8"))
    own = {u["name"] for u in written["units"]}
    # the group and its members come from units.yaml; only the city departments are the file's
    assert own == {"市政府办公室", "市司法局", "市政务服务管理局"}
    assert "各县（区）人民政府" in (office / "data" / "2022-yaodian.yaml").read_text("utf-8")


def test_import_into_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "units.yaml").write_text(units_yaml(), encoding="utf-8")
    result = cli("import", str(yaodian_docx(tmp_path / "y.docx")), "--into", "c")
    assert result.exit_code == 0, result.output
    assert "其中 1 个单位已在" in result.stdout  # 各县（区）人民政府
    assert (tmp_path / "c" / "y.yaml").is_file()


# --- the four questions across both tables ---------------------------------------------------


def test_due_across_both_tables(office: Path) -> None:
    found = rows("due", "--before", "2022-06-30", "--as-of", "2022-01-01")
    assert keyed(found, "doc", "task", "due") == [
        ("meishan", 6, "2021-09-30"),
        ("meishan", 7, "2021-09-30"),
        ("meishan", 2, "2021-12-31"),
        ("meishan", 5, "2021-12-31"),
        ("meishan", 13, "2021-12-31"),
        ("meishan", 16, "2021-12-31"),
        ("2022-yaodian", 1, "2022-03-31"),
        ("2022-yaodian", 2, "2022-03-31"),  # 每季度末
        ("meishan", 3, "2022-03-31"),
        ("meishan", 12, "2022-03-31"),
        ("2022-yaodian", 2, "2022-06-30"),
        ("2022-yaodian", 3, "2022-06-30"),
        ("meishan", 14, "2022-06-30"),
    ]


def test_a_shared_recurring_schedule_counts_from_each_tables_own_year(office: Path) -> None:
    """每季度末 with no start: from 1 January of each table's year, also once the folder's
    snapshot has made the two tables' equal schedules one object."""
    data = office / "data"
    text = (data / "2022-yaodian.yaml").read_text(encoding="utf-8")
    assert "year: 2022" in text
    (data / "2023-yaodian.yaml").write_text(text.replace("year: 2022", "year: 2023"), "utf-8")
    expected = [
        ("2022-yaodian", "2022-03-31"),
        ("2022-yaodian", "2022-06-30"),
        ("2022-yaodian", "2022-09-30"),
        ("2022-yaodian", "2022-12-31"),
        ("2022-yaodian", "2023-03-31"),  # same day: the tables in the folder's order
        ("2023-yaodian", "2023-03-31"),
    ]
    ask = ("due", "--before", "2023-03-31", "--as-of", "2022-01-01")
    for _ in range(2):  # the second answer comes from the snapshot the first one wrote
        alone = rows(*ask, "--doc", "2022-yaodian") + rows(*ask, "--doc", "2023-yaodian")
        assert keyed([r for r in alone if r["task"] == 2], "doc", "due") == expected
        together = [r for r in rows(*ask) if r["doc"].endswith("yaodian") and r["task"] == 2]
        assert keyed(together, "doc", "due") == expected


def test_overdue_across_both_tables(office: Path) -> None:
    found = rows("overdue", "--as-of", "2022-04-01")
    assert keyed(found, "doc", "task") == [
        ("meishan", 6),
        ("meishan", 7),
        ("meishan", 2),
        ("meishan", 5),
        ("meishan", 13),
        ("meishan", 16),
        ("2022-yaodian", 1),  # a recurring 每季度末 is never overdue: task 2 is absent
        ("meishan", 3),
        ("meishan", 12),
    ]
    # no ledger yet: who still owes it is unknown (null), the lead unit is named
    assert (found[6]["outstanding"], found[6]["lead"]) == (None, ["市政府办公室"])


def test_by_unit_is_one_units_load_grouped_by_table(office: Path) -> None:
    found = rows("by-unit", "市政府办公室")
    assert keyed(found, "doc", "id", "role") == [
        ("2022-yaodian", 1, "lead"),
        ("2022-yaodian", 3, "lead"),
        ("meishan", 16, "guide"),
        ("meishan", 19, "guide"),
        ("meishan", 21, "guide"),
    ]
    text = cli("by-unit", "市政府办公室").stdout
    assert "2 个任务表中共 5 项任务" in text
    assert "2022-yaodian 2 项 · meishan 3 项" in text


def test_by_unit_through_the_shared_group(office: Path) -> None:
    found = rows("by-unit", "仁寿县")
    yaodian = [(r["id"], r["role"], r["via"]) for r in found if r["doc"] == "2022-yaodian"]
    assert yaodian == [(3, "support", "各县（区）人民政府"), (4, "lead", "各县（区）人民政府")]
    assert len([r for r in found if r["doc"] == "meishan"]) == 24


def test_board_across_both_tables(office: Path) -> None:
    found = rows("board", "--as-of", "2022-04-01", "--section", "二")
    by_task = {(r["doc"], r["task"]): r["marks"] for r in found}
    assert by_task[("2022-yaodian", 3)] == {"市政府办公室": "not_due"}
    assert by_task[("2022-yaodian", 4)] == {f"{c}人民政府": "not_due" for c in COUNTIES}
    assert by_task[("meishan", 6)]["东坡区人民政府"] == "past_due"  # no ledger: not "overdue"
    assert {doc for doc, _ in by_task} == {"2022-yaodian", "meishan"}


def test_table_output_has_a_table_column_and_names_the_files(office: Path) -> None:
    text = cli("overdue", "--as-of", "2022-04-01").stdout
    assert "表" in text.splitlines()[2]
    assert text.rstrip().splitlines()[-1] == "数据：data/ 中的 2 个任务表（2022-yaodian、meishan）"


# --- a clerk's week: reports to both tables -------------------------------------------------


def done(ref: str, unit: str, date: str) -> Result:
    """`progress add REF --unit UNIT --status done --date DATE`, which must succeed."""
    result = cli("progress", "add", ref, "--unit", unit, "--status", "done", "--date", date)
    assert result.exit_code == 0, result.output
    return result


def test_a_clerks_week_reports_to_both_tables(office: Path) -> None:
    first = done("2022-yaodian:1", "市政府办公室", "2022-03-25")
    assert "2022-yaodian.progress.yaml" in first.stdout
    done("meishan:6", "东坡区", "2021-09-20")
    assert (office / "data" / "meishan.progress.yaml").is_file()
    assert (office / "data" / "2022-yaodian.progress.yaml").is_file()
    found = rows("overdue", "--as-of", "2022-04-01")
    assert ("2022-yaodian", 1) not in keyed(found, "doc", "task")
    six = next(r for r in found if (r["doc"], r["task"]) == ("meishan", 6))
    assert "东坡区人民政府" not in six["outstanding"] and len(six["outstanding"]) == 6
    reports = rows("progress", "list")
    assert keyed(reports, "doc", "task", "unit") == [
        ("meishan", 6, "东坡区人民政府"),
        ("2022-yaodian", 1, "市政府办公室"),
    ]
    assert cli("validate").exit_code == 0


def test_a_table_without_a_ledger_beside_one_with_a_ledger(office: Path) -> None:
    done("meishan:6", "东坡区", "2021-09-20")
    result = cli("overdue", "--as-of", "2022-04-01", "--format", "json")
    found = json.loads(result.stdout)
    # meishan has a ledger: 序号 6 is owed by its 7 lead units but 东坡区, who reported it done
    six = next(r for r in found if (r["doc"], r["task"]) == ("meishan", 6))
    assert "东坡区人民政府" not in six["outstanding"] and len(six["outstanding"]) == 6
    # 2022-yaodian has none: its 1 (2022年3月底前) passed a day ago, done or not nobody knows
    first = next(r for r in found if (r["doc"], r["task"]) == ("2022-yaodian", 1))
    assert (first["days_left"], first["outstanding"]) == (-1, None)
    assert "任务表 2022-yaodian 尚未登记任何进展" in result.stderr
    assert "不知道各单位是否已完成" not in result.stderr  # that says no table has a ledger
    shown = cli("overdue", "--as-of", "2022-04-01").stdout
    assert "已过截止日期的节点（有的任务表尚未登记进展）" in shown
    # only the ledger's rows are called overdue: meishan 6, 2021年9月底前, is 183 days past
    assert "已过 1 天" in shown and "逾期 183 天" in shown
    for command in ("board --as-of 2022-04-01", "stats --as-of 2022-04-01", "progress list"):
        said = cli(*command.split(), "--format", "json").stderr  # each names what it cannot know
        assert "任务表 2022-yaodian 尚未登记任何进展" in said, command


def test_a_bare_id_in_two_tables_is_refused_with_both_references(office: Path) -> None:
    result = cli("show", "2")
    assert result.exit_code == 1
    assert "2022-yaodian:2" in result.stderr and "meishan:2" in result.stderr


def test_a_bare_id_in_one_table_is_enough(office: Path) -> None:
    detail = json.loads(cli("show", "24", "--format", "json").stdout)
    assert (detail["doc"], detail["id"]) == ("meishan", 24)


def test_doc_narrows_to_one_table(office: Path) -> None:
    found = rows("overdue", "--as-of", "2022-04-01", "--doc", "2022-yaodian")
    assert keyed(found, "doc", "task") == [("2022-yaodian", 1)]
    detail = json.loads(cli("show", "2", "--doc", "2022-yaodian", "--format", "json").stdout)
    assert (detail["doc"], detail["text"]) == ("2022-yaodian", "每季度通报政府网站检查情况。")


def test_unknown_doc_names_the_tables(office: Path) -> None:
    result = cli("list", "--doc", "2023-yaodian")
    assert result.exit_code == 1
    assert "2022-yaodian、meishan" in result.stderr


def test_progress_option_needs_one_table(office: Path) -> None:
    result = cli("overdue", "--progress", "x.yaml")
    assert result.exit_code == 2
    assert "--doc" in result.stderr


# --- publish: an index and a page per table ---------------------------------------------------


def test_publish_writes_an_index_and_a_page_per_table(office: Path) -> None:
    result = cli("publish", "--out", "site", "--as-of", "2022-04-01")
    assert result.exit_code == 0, result.output
    index = (office / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="meishan.html"' in index and 'href="2022-yaodian.html"' in index
    assert index.count("尚未登记进展") == 2  # no ledger yet: not "0 done"
    page = (office / "site" / "2022-yaodian.html").read_text(encoding="utf-8")
    assert "某市2022年政务公开工作要点分工" in page and 'href="index.html"' in page


# --- validate on a folder: each file, the shared registry, the rules between files -----------


def test_validate_names_the_files_it_checked(office: Path) -> None:
    result = cli("validate")
    assert result.exit_code == 0, result.output
    assert "已检查：data/units.yaml、data/2022-yaodian.yaml、data/meishan.yaml" in result.stdout


def test_two_documents_with_one_key(office: Path) -> None:
    shutil.copy(office / "data" / "meishan.yaml", office / "data" / "meishan.yml")
    result = cli("validate", "--format", "json", "data")
    problems = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [p["rule"] for p in problems if p["path"].endswith("meishan.yml")] == ["duplicate-doc"]


def test_a_query_names_the_other_file_that_has_the_key(office: Path) -> None:
    shutil.copy(office / "data" / "meishan.yaml", office / "data" / "meishan.yml")
    result = cli("due", "--data", "data")
    assert result.exit_code == 1
    # meishan.yaml sorts first and keeps the key; meishan.yml is told whose key it repeats
    assert "data/meishan.yml: 错误: 任务表简称“meishan”与 meishan.yaml 相同" in result.stderr
    assert "Traceback" not in result.output


def test_one_unit_named_two_ways_in_two_files(office: Path) -> None:
    path = office / "data" / "2022-yaodian.yaml"
    text = path.read_text(encoding="utf-8")
    # this file now calls 市政府办公室 by Meishan's alias for it, as its own canonical name
    path.write_text(text.replace("- name: 市政府办公室", "- name: 市政府办"), encoding="utf-8")
    path.write_text(path.read_text("utf-8").replace("：市政府办公室", "：市政府办"), "utf-8")
    result = cli("validate", "--format", "json", "data")
    problems = json.loads(result.stdout)
    two = [p for p in problems if p["rule"] == "unit-two-names"]
    assert len(two) == 1 and two[0]["level"] == "warning"
    assert "“市政府办公室”" in two[0]["message"] and "“市政府办”" in two[0]["message"]


def test_a_unit_missing_from_file_and_shared_registry(office: Path) -> None:
    path = office / "data" / "2022-yaodian.yaml"
    path.write_text(path.read_text("utf-8").replace("各县（区）人民政府", "各县区政府"), "utf-8")
    result = cli("validate", "--format", "json", "data")
    assert result.exit_code == 1
    assert "unknown-unit" in {p["rule"] for p in json.loads(result.stdout)}


def test_a_shared_unit_no_table_names(office: Path) -> None:
    shared = office / "data" / "units.yaml"
    shared.write_text(
        shared.read_text("utf-8") + "- name: 市档案馆\n  kind: department\n", encoding="utf-8"
    )
    problems = json.loads(cli("validate", "--format", "json", "data").stdout)
    unused = [p for p in problems if p["rule"] == "unit-unused" and "units.yaml" in p["path"]]
    assert len(unused) == 1 and "市档案馆" in unused[0]["message"]


def test_a_broken_table_stops_the_answer_but_doc_asks_the_others(office: Path) -> None:
    path = office / "data" / "2022-yaodian.yaml"
    path.write_text(path.read_text("utf-8").replace("id: 2\n", "id: two\n"), "utf-8")
    result = cli("overdue", "--as-of", "2022-04-01")
    assert result.exit_code == 1
    assert "2022-yaodian.yaml" in result.stderr and "--doc" in result.stderr
    assert cli("overdue", "--as-of", "2022-04-01", "--doc", "meishan").exit_code == 0


# --- which table: discovery says what it used --------------------------------------------------


def test_a_folder_with_an_imported_table_uses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    cli("import", str(yaodian_docx(tmp_path / "分工表.docx")))
    path = tmp_path / "分工表.yaml"
    # broken on purpose: validate must report this file, not pass on the bundled table
    path.write_text(path.read_text("utf-8").replace("tasks:", "tasks: [\n"), "utf-8")
    result = cli("validate")
    assert result.exit_code == 1
    assert "分工表.yaml" in result.stdout and "已检查：分工表.yaml" in result.stdout
    assert "随包附带" not in result.output


def test_list_says_which_file_it_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    shutil.copy(SHIPPED, tmp_path / "分工表.yaml")
    table = cli("list")
    assert table.stdout.rstrip().splitlines()[-1] == "数据：分工表.yaml（当前文件夹）"
    as_json = cli("list", "--format", "json")
    assert "数据：分工表.yaml" in as_json.stderr and json.loads(as_json.stdout)[0]["id"] == 1
    named = cli("list", "--format", "json", "--data", "分工表.yaml")
    assert named.stderr == ""  # named on the command line: nothing to add


def test_the_bundled_example_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    result = cli("overdue", "--as-of", "2021-10-01", "--format", "json")
    assert result.exit_code == 0
    assert "随包附带的示例" in result.stderr
    assert [r["task"] for r in json.loads(result.stdout)] == [6, 7]


# --- the cache: per file, keyed by its bytes ----------------------------------------------------


def test_after_editing_one_table_only_it_is_read_again(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govopen_cli.checks import validate

    assert cli("list", "--format", "json").exit_code == 0  # fills the cache
    read: list[str] = []
    real = validate.validate_file

    def counting(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(validate, "validate_file", counting)
    assert cli("list", "--format", "json").exit_code == 0
    assert read == []
    path = office / "data" / "2022-yaodian.yaml"
    path.write_text(
        path.read_text("utf-8").replace("开展政务公开培训", "开展政务公开业务培训"), "utf-8"
    )
    assert cli("list", "--format", "json").exit_code == 0
    assert read == ["2022-yaodian.yaml"]


def test_an_edited_table_is_checked_against_units_yaml_without_checking_it_again(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """units.yaml unchanged: its cached records stand for it (the group and its members)."""
    rows("due", "--before", "2022-12-31", "--as-of", "2022-01-01")  # caches units.yaml
    from govopen_cli.checks import validate

    checked: list[Path] = []
    real = validate.validate_units_file

    def counting(path: Path):  # type: ignore[no-untyped-def]
        checked.append(path)
        return real(path)

    monkeypatch.setattr(validate, "validate_units_file", counting)
    table = office / "data" / "2022-yaodian.yaml"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("开展政务公开培训。", "开展政务公开业务培训。"), "utf-8")
    found = rows("due", "--before", "2022-12-31", "--as-of", "2022-01-01", "--doc", "2022-yaodian")
    task_4 = [r for r in found if r["task"] == 4]
    assert keyed(task_4, "due", "lead", "text") == [
        ("2022-09-30", ["各县（区）人民政府"], "开展政务公开业务培训。")
    ]
    held = rows("by-unit", "丹棱县", "--doc", "2022-yaodian")  # through the shared group
    assert keyed(held, "id", "role", "via") == [
        (3, "support", "各县（区）人民政府"),
        (4, "lead", "各县（区）人民政府"),
    ]
    # a unit neither the table nor units.yaml knows is still refused
    table.write_text(text.replace("units: 各县（区）人民政府", "units: 各乡镇人民政府"), "utf-8")
    result = cli("due", "--doc", "2022-yaodian", "--format", "json")
    assert result.exit_code != 0
    assert "各乡镇人民政府" in result.output
    assert checked == []


def test_a_cached_collection_query_never_loads_our_models(office: Path) -> None:
    # (typer ≥ 0.2x itself imports pydantic for its parameters; our schema must stay unbuilt)
    assert cli("due", "--before", "2022-06-30", "--format", "json").exit_code == 0
    models = ["govopen_cli.table.model", "govopen_cli.checks.validate"]
    code = (
        "import sys; from govopen_cli.cli.app import main\n"
        "sys.argv = ['govopen', 'due', '--before', '2022-06-30', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"sys.stderr.write('MODELS' if any(m in sys.modules for m in {models!r}) else 'CLEAN')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=office, check=False
    )
    assert result.stderr.endswith("CLEAN"), result.stderr


# --- one file stays one file ----------------------------------------------------------------


def test_tasks_yaml_and_progress_yaml_keep_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shutil.copy(SHIPPED, tmp_path / "data" / "tasks.yaml")
    (tmp_path / "data" / "progress.yaml").write_text(
        "reports:\n  - {task: 6, unit: 东坡区人民政府, status: done, date: 2021-09-20}\n", "utf-8"
    )
    found = rows("overdue", "--as-of", "2021-10-01", "--unit", "东坡区")
    assert keyed(found, "doc", "task") == [("tasks", 7)]


TABLE_WITHOUT_UNITS = """\
document: {title: 某县2022年政务公开任务, year: 2022}
sections: [{id: 一, title: 公开}]
tasks:
  - {id: 1, section: 一, text: 公开培训计划。, schedule: 2022年3月底前, units: 各县（区）人民政府}
"""


def test_a_table_naming_only_shared_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVOPEN_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "units.yaml").write_text(units_yaml(), encoding="utf-8")
    (tmp_path / "data" / "county.yaml").write_text(TABLE_WITHOUT_UNITS, encoding="utf-8")
    (tmp_path / "data" / "town.yaml").write_text(TABLE_WITHOUT_UNITS, encoding="utf-8")
    for _ in range(2):  # the second time from the cache, the registry shared by both tables
        found = rows("overdue", "--as-of", "2022-04-01", "--unit", "青神县")
        assert keyed(found, "doc", "task", "role") == [("county", 1, "lead"), ("town", 1, "lead")]
    code = (
        "import sys; from govopen_cli.cli.app import main\n"
        "sys.argv = ['govopen', 'units', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('MODELS' if 'govopen_cli.table.model' in sys.modules else 'CLEAN')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.stderr.endswith("CLEAN"), result.stderr
    units = json.loads(result.stdout)
    group = next(u for u in units if u["name"] == "各县（区）人民政府")
    assert group["lead"] == 2  # one task in each table


# --- the other commands over a collection ----------------------------------------------------


def test_export_rows_say_their_table(office: Path) -> None:
    result = cli("export", "--format", "json", "--rows", "milestones", "--as-of", "2022-04-01")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    yaodian = [(r["task"], r["due"]) for r in found if r["doc"] == "2022-yaodian"]
    assert yaodian == [(1, "2022-03-31"), (3, "2022-06-30"), (4, "2022-09-30")]
    assert {r["doc"] for r in found} == {"2022-yaodian", "meishan"}
    csv_text = cli("export", "--format", "csv").stdout
    assert csv_text.splitlines()[0].lstrip("\ufeff").split(",")[0] == "表"


def test_xlsx_needs_one_table(office: Path) -> None:
    result = cli("export", "--format", "xlsx", "--out", "x.xlsx")
    assert result.exit_code == 2 and "--doc" in result.stderr
    assert cli("export", "--format", "xlsx", "--out", "x.xlsx", "--doc", "meishan").exit_code == 0


def test_sections_of_every_table(office: Path) -> None:
    found = rows("sections")
    assert keyed(found, "doc", "id") == [
        ("2022-yaodian", "一"),
        ("2022-yaodian", "二"),
        *(("meishan", s) for s in "一二三四五"),
    ]


def test_stats_sum_a_unit_over_the_tables(office: Path) -> None:
    found = rows("stats", "--as-of", "2022-04-01")
    renshou = next(r for r in found if r["by"] == "unit" and r["name"] == "仁寿县人民政府")
    # 24 Meishan tasks + task 4 of the second table (lead through the shared group)
    assert renshou["tasks"] == 25 and renshou["doc"] is None
    sections = [(r["doc"], r["name"]) for r in found if r["by"] == "section"]
    assert ("2022-yaodian", "一") in sections and ("meishan", "五") in sections
