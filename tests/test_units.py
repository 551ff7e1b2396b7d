"""Reading 责任单位 cells and resolving unit names, with cells taken from the source table."""

from __future__ import annotations

import pytest

from govopen_cli.catalog import Catalog
from govopen_cli.units import Mention, UnknownUnitError, parse_units

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
