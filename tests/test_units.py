"""Reading 责任单位 cells and resolving unit names, with cells taken from the source table."""

from __future__ import annotations

from pathlib import Path

import pytest
from invoking import Run

from govopen_cli.table.catalog import Catalog
from govopen_cli.table.units import Mention, UnknownUnitError, parse_units

LEAD2 = [Mention("天府新区眉山管委会", "lead"), Mention("各县（区）人民政府", "lead")]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # task 1
        ("天府新区眉山管委会、各县（区）人民政府", LEAD2),
        # task 4
        (
            "天府新区眉山管委会、各县（区）人民政府，市政务服务管理局加强指导",
            [*LEAD2, Mention("市政务服务管理局", "guide")],
        ),
        # task 5: a guiding unit without the words 加强指导
        (
            "天府新区眉山管委会、各县（区）人民政府，市级有关指导部门（单位）",
            [*LEAD2, Mention("市级有关指导部门（单位）", "guide")],
        ),
        # task 8: three units plus the open group after 等
        (
            "天府新区眉山管委会、各县（区）人民政府，市发展改革委、市农业农村局、市财政局等市级有关部门加强指导",
            [
                *LEAD2,
                Mention("市发展改革委", "guide"),
                Mention("市农业农村局", "guide"),
                Mention("市财政局", "guide"),
                Mention("市级有关部门", "guide"),
            ],
        ),
        # task 21: two guiding units
        (
            "天府新区眉山管委会、各县（区）人民政府，市政府办公室、市审计局加强指导",
            [*LEAD2, Mention("市政府办公室", "guide"), Mention("市审计局", "guide")],
        ),
        # the PDF-extracted copy of task 4: spaces inside names and words
        (
            "天府新区眉山管委会、 各县（区）人民政府， 市政务服务管理 局 加强 指导",
            [*LEAD2, Mention("市政务服务管理局", "guide")],
        ),
        # a wrapped cell
        ("天府新区眉山管委会、各县（区）\n人民政府", LEAD2),
        ("", []),
    ],
)
def test_parse_units(cell: str, expected: list[Mention]) -> None:
    assert list(parse_units(cell)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("市政务服务管理局", "市政务服务管理局"),  # canonical
        ("东坡区", "东坡区人民政府"),  # short form registered
        ("市发改委", "市发展改革委"),  # alias
        ("市政务服务管理 局", "市政务服务管理局"),  # spaces removed
        ("各县(区)人民政府", "各县（区）人民政府"),  # half-width brackets
        ("仁寿", "仁寿县人民政府"),  # unique part of a name
        ("审计", "市审计局"),
        ("管委会", "天府新区眉山管委会"),
    ],
)
def test_resolve(catalog: Catalog, query: str, expected: str) -> None:
    assert catalog.registry.resolve(query).name == expected


def test_resolve_ambiguous_lists_candidates(catalog: Catalog) -> None:
    with pytest.raises(UnknownUnitError) as caught:
        catalog.registry.resolve("区人民政府")
    # 东坡区人民政府 and 彭山区人民政府 contain it (各县（区）人民政府 has a bracket between)
    assert set(caught.value.candidates) == {"东坡区人民政府", "彭山区人民政府"}
    assert "多个单位" in caught.value.message


def test_resolve_unknown_suggests_the_nearest(catalog: Catalog) -> None:
    with pytest.raises(UnknownUnitError) as caught:
        catalog.registry.resolve("市政务服务管里局")  # 里 for 理: a typo
    assert caught.value.candidates[0] == "市政务服务管理局"
    assert "您是不是要找" in caught.value.message


def test_groups_and_members(catalog: Catalog) -> None:
    registry = catalog.registry
    assert registry.groups_of("青神县人民政府") == ["各县（区）人民政府"]
    assert registry.groups_of("市政务服务管理局") == []
    assert len(registry.members("各县（区）人民政府")) == 6
    assert registry.members("市级有关部门") == []  # an open group has no listed members


def test_expand_a_group_to_its_members_and_a_unit_to_itself(catalog: Catalog) -> None:
    registry = catalog.registry
    # DESIGN.md: 各县（区）人民政府 → the six county-level governments of Meishan
    assert sorted(registry.expand("各县（区）人民政府")) == sorted(
        f"{name}人民政府" for name in ("东坡区", "彭山区", "仁寿县", "洪雅县", "丹棱县", "青神县")
    )
    assert registry.expand("市政务服务管理局") == ["市政务服务管理局"]
    assert registry.expand("市级有关部门") == ["市级有关部门"]  # open: no listed members


# --- 配合 (support): clause suffixes and 牵头单位/配合单位 labels ----------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # suffixes name each clause's role
        (
            "市发展改革委牵头，市财政局、市商务局配合",
            [
                Mention("市发展改革委", "lead"),
                Mention("市财政局", "support"),
                Mention("市商务局", "support"),
            ],
        ),
        # an unsuffixed later clause takes the role of the next suffixed one
        (
            "市教育局，市财政局，市人力资源社会保障局配合，市政府办公室指导",
            [
                Mention("市教育局", "lead"),
                Mention("市财政局", "support"),
                Mention("市人力资源社会保障局", "support"),
                Mention("市政府办公室", "guide"),
            ],
        ),
        # labels, as import writes a 牵头单位/配合单位 split
        (
            "牵头单位：市发展改革委；配合单位：市财政局、市商务局等市级有关部门",
            [
                Mention("市发展改革委", "lead"),
                Mention("市财政局", "support"),
                Mention("市商务局", "support"),
                Mention("市级有关部门", "support"),
            ],
        ),
        # "A等" with no group after it names A only
        (
            "牵头单位：市民政局；配合单位：市财政局等",
            [
                Mention("市民政局", "lead"),
                Mention("市财政局", "support"),
            ],
        ),
    ],
)
def test_parse_units_support_role(cell: str, expected: list[Mention]) -> None:
    assert list(parse_units(cell)) == expected


SUPPORT_FILE = """\
document: {title: 测试表, year: 2022}
sections: [{id: 一, title: 第一部分}]
units:
  - {name: 市发展改革委, kind: department}
  - {name: 市财政局, kind: department}
  - {name: 市政府办公室, kind: department}
tasks:
  - id: 1
    section: 一
    text: 编制年度计划。
    schedule: 2022年6月底前
    units: 牵头单位：市发展改革委；配合单位：市财政局；指导单位：市政府办公室
"""


def test_by_unit_shows_support_role_and_support_never_owes(tmp_path: Path, run: Run) -> None:
    data = tmp_path / "tasks.yaml"
    data.write_text(SUPPORT_FILE, encoding="utf-8")
    from govopen_cli.checks.open import open_catalog

    catalog = open_catalog(data)
    view = catalog.tasks[0]
    assert view.owners == ("市发展改革委",)
    assert view.named("support") == ["市财政局"]
    result = run("by-unit", "市财政局", "--format", "json", data=data)
    assert result.exit_code == 0
    assert '"role_label": "配合"' in result.output
    refused = run(
        "progress",
        "add",
        "1",
        "--unit",
        "市财政局",
        "--status",
        "done",
        "--date",
        "2022-05-01",
        "--progress",
        str(tmp_path / "progress.yaml"),
        data=data,
    )
    assert refused.exit_code == 1
    assert "配合单位，不报送完成情况" in refused.output
    assert not (tmp_path / "progress.yaml").exists()
