"""The terminal renderer: widths of Chinese text, wrapping, column sizing, colour."""

from __future__ import annotations

import io

import pytest

from govopen_cli.render.terminal import (
    Cell,
    column_widths,
    draw_table,
    paint,
    sgr,
    text_width,
    wants_colour,
    wrap,
)


def test_text_width_counts_chinese_as_two_columns() -> None:
    assert text_width("序号") == 4
    assert text_width("2021-09-30") == 10
    assert text_width("逾期 93 天") == 10  # 逾期 4 + space + 93 + space + 天 2
    assert text_width("（全角）") == 8  # full-width brackets are wide too
    assert text_width("é") == 1
    assert text_width("e\u0301") == 1  # a combining accent takes no column


def test_wrap_breaks_between_chinese_characters() -> None:
    assert wrap("探索建立群众参与基层政府有关会议制度", 10) == [
        "探索建立群",
        "众参与基层",
        "政府有关会",
        "议制度",
    ]


def test_wrap_never_opens_a_line_with_closing_punctuation() -> None:
    # 16 columns hold 8 characters; "。" would open the second line, so "度" goes with it
    assert wrap("建立群众参与制度。", 16) == ["建立群众参与制", "度。"]
    assert wrap("建立群众参与制度。", 14) == ["建立群众参与制", "度。"]  # no need there
    # a run of closers moves together with the character before them: "划）" then "，…"
    assert wrap("本地历史规划（计划），并通过", 20) == ["本地历史规划（计", "划），并通过"]


def test_wrap_prefers_spaces_when_the_text_has_them() -> None:
    # "个责任单位" fits on a line of its own, so it is not split
    assert wrap("全部 7 个责任单位", 13) == ["全部 7", "个责任单位"]
    # a no-break space holds a legend entry together
    assert wrap("✔完成\u00a0按时完成  ■受阻\u00a0受阻", 16) == [
        "✔完成\u00a0按时完成",
        "■受阻\u00a0受阻",
    ]


def test_wrap_breaks_latin_text_at_spaces_and_folds_long_words() -> None:
    assert wrap("hello world, this is", 12) == ["hello world,", "this is"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap("两行\n文字", 10) == ["两行", "文字"]


def test_columns_keep_natural_widths_when_they_fit() -> None:
    assert column_widths([4, 10, 20], [4, 8, 8], [False, False, True], 40) == [4, 10, 20]


def test_the_widest_wrapping_column_gives_way_first() -> None:
    # 60 natural columns in 40: the 30-wide text column gives 10, then both 20s share the rest
    assert column_widths([10, 20, 30], [4, 8, 8], [False, True, True], 50) == [10, 20, 20]
    assert column_widths([10, 20, 30], [4, 8, 8], [False, True, True], 40) == [10, 15, 15]


def test_headers_are_kept_whole_while_possible() -> None:
    # room 24: one-line column 10; the two wrapping columns need their headers, 8 and 10
    assert column_widths([10, 20, 30], [4, 8, 10], [False, True, True], 28) == [10, 8, 10]


def test_styles_become_escape_codes() -> None:
    assert sgr("bold red") == "\x1b[1;31m"
    assert sgr("bold white on red") == "\x1b[1;37;41m"
    assert sgr(None) == ""
    assert paint("逾期", "red", colour=True) == "\x1b[31m逾期\x1b[0m"
    assert paint("逾期", "red", colour=False) == "逾期"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert wants_colour(Tty()) is True
    assert wants_colour(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert wants_colour(Tty()) is False
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert wants_colour(io.StringIO()) is True


def test_a_table_has_title_header_rule_rows_and_caption() -> None:
    text = draw_table(
        "标题",
        ["序号", "重点任务"],
        [False, True],
        [[Cell("6"), Cell("主动公开规划")], [Cell("14"), Cell("编发政务地图")]],
        [None, "red"],
        "共 2 项",
        width=80,
        colour=False,
    )
    # widths 4 and 12; 3 columns of edges and padding per column plus one: 4 + 12 + 7 = 23
    assert text.splitlines() == [
        "         标题",
        "",
        "  序号   重点任务",
        " " + "─" * 21,
        "  6      主动公开规划",
        "  14     编发政务地图",
        "",
        "        共 2 项",
    ]


def test_a_coloured_row_keeps_its_padding_plain() -> None:
    text = draw_table(None, ["序号"], [False], [[Cell("6")]], ["red"], None, 80, colour=True)
    assert "  \x1b[31m6\x1b[0m" in text
