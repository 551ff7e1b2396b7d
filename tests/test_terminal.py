"""The terminal renderer: widths of Chinese text, wrapping, column sizing, colour, records."""

from __future__ import annotations

import io

import pytest

from govopen_cli.render.terminal import (
    PIPE_WIDTH,
    Cell,
    Fit,
    column_widths,
    draw,
    draw_table,
    paint,
    printable,
    sgr,
    terminal_width,
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
        ["fixed", "wide"],
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


def test_a_coloured_row_is_coloured_and_the_header_bold() -> None:
    text = draw_table(None, ["序号"], ["fixed"], [[Cell("6")]], ["red"], None, 80, colour=True)
    assert "\x1b[1m序号" in text  # bold header
    assert "\x1b[31m6" in text  # the row's red


def test_text_is_never_read_as_markup() -> None:
    text = draw_table(
        None, ["重点任务"], ["wide"], [[Cell("[bold]公开[/bold]")]], [None], None, 80, False
    )
    assert "[bold]公开[/bold]" in text


def test_control_characters_are_shown_escaped() -> None:
    hostile = "公开\x1b]0;标题\x07\x1b[2J\u202e完"
    assert printable(hostile) == "公开\\x1b]0;标题\\x07\\x1b[2J\\u202e完"
    assert printable("两行\n\t文字") == "两行\n\t文字"  # line breaks and tabs are text
    drawn = draw_table(None, ["重点任务"], ["wide"], [[Cell(hostile)]], [None], None, 80, False)
    assert "\x1b" not in drawn and "\x07" not in drawn and "\u202e" not in drawn
    assert "\\x1b]0;标题" in drawn


def test_a_table_too_wide_for_the_width_becomes_records() -> None:
    # 8 unit columns of a board need 4 + 16 + 8 × 6 + 31 = 99 columns; in 60 there is no table
    headers = ["序号", "重点任务", *(f"单位{n}" for n in range(8))]
    fits: list[Fit] = ["fixed", "wide"]
    fits += ["fixed"] * 8
    row = [Cell("6"), Cell("主动公开本地规划"), *(Cell("✔完成") for _ in range(7)), Cell("")]
    text = draw("督查看板", headers, fits, [row], [None], "图例", 60, colour=False)
    lines = text.splitlines()
    assert lines[0] == "督查看板"
    assert lines[1].startswith("─[ 1 ]─")
    assert lines[2:4] == ["序号：    6", "重点任务：主动公开本地规划"]
    assert lines[4] == "单位0：   ✔完成"
    assert not any(line.startswith("单位7") for line in lines)  # an empty field is left out
    assert lines[-1] == "图例"
    # the same rows in 120 columns: a table
    assert "─[ 1 ]" not in draw("督查看板", headers, fits, [row], [None], "图例", 120, False)


def test_a_long_record_value_folds_under_itself() -> None:
    text = draw(
        None,
        ["序号", "重点任务"],
        ["fixed", "wide"],
        [[Cell("6"), Cell("探索建立群众参与基层政府有关会议制度")]],
        [None],
        None,
        30,
        False,
    )
    # the table would need 4 + 16 + 7 = 27 columns, fits in 30; at 20 it does not
    assert "─[ 1 ]" not in text
    text = draw(
        None,
        ["序号", "重点任务"],
        ["fixed", "wide"],
        [[Cell("6"), Cell("探索建立群众参与基层政府有关会议制度")]],
        [None],
        None,
        20,
        False,
    )
    assert text.splitlines()[2:] == [
        "重点任务：探索建立群",
        "          众参与基层",
        "          政府有关会",
        "          议制度",
    ]


def test_piped_output_is_wide_unless_columns_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert terminal_width(io.StringIO()) == PIPE_WIDTH
    monkeypatch.setenv("COLUMNS", "90")
    assert terminal_width(io.StringIO()) == 90
