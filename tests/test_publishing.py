"""The public page: escaped, self-contained, readable, and working in a real Chromium."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import cast

import pytest
from invoking import Run

from govopen_cli.checks.validate import validate_file
from govopen_cli.queries.status import Mark, Progress
from govopen_cli.render.marks import LOOKS, PAGE_COLOURS
from govopen_cli.render.page import render_page
from govopen_cli.table.catalog import Catalog
from govopen_cli.table.model import ProgressReport, Task

ROOT = Path(__file__).resolve().parents[1]
DEMO_LEDGER = ROOT / "docs" / "demo" / "progress.yaml"
# From the source table: 市政务服务管理局 加强指导 tasks 4, 11–15 and 17.
GUIDED_BY_CITY_SERVICE_BUREAU = ["4", "11", "12", "13", "14", "15", "17"]


# --- contrast (WCAG 2.x relative luminance) ------------------------------------------------------


def luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic near-miss


@pytest.mark.parametrize("name", sorted(PAGE_COLOURS))
def test_page_colours_meet_wcag_aa(name: str) -> None:
    colours = PAGE_COLOURS[name]
    assert contrast(colours.fg, colours.bg) >= 4.5


@pytest.mark.parametrize("mark", sorted(LOOKS))
def test_badge_colours_meet_wcag_aa(mark: Mark) -> None:
    colours = LOOKS[mark].colours
    assert contrast(colours.fg, colours.bg) >= 4.5


# --- the HTML itself ------------------------------------------------------------------------------


class Collector(HTMLParser):
    """Tags with their attributes, and the text outside script/style."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def page(
    catalog: Catalog,
    as_of: dt.date = dt.date(2022, 1, 15),
    reports: Sequence[ProgressReport] = (),
) -> str:
    return render_page(Progress(catalog, list(reports), as_of))


def test_page_is_self_contained_chinese_and_dated(catalog: Catalog) -> None:
    html = page(catalog)
    parsed = Collector()
    parsed.feed(html)
    tags = parsed.tags
    assert ("html", {"lang": "zh-CN"}) in tags
    assert [t for t, a in tags if t == "script" and a.get("src")] == []
    assert [t for t, a in tags if t == "link" and a.get("rel") == "stylesheet"] == []
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html)
    text = "".join(parsed.text)
    assert "眉山市深化政务公开促进基层政府治理能力提升重点任务分工" in text
    assert re.search(r"进度截至\s*2022-01-15", text)


def test_every_task_is_in_the_html_without_script(catalog: Catalog) -> None:
    parsed = Collector()
    parsed.feed(page(catalog))
    rows = [a["data-id"] for t, a in parsed.tags if t == "tr" and a.get("class") == "task"]
    assert rows == [str(i) for i in range(1, 25)]
    # no row starts hidden: the table reads with script off
    assert all("hidden" not in a for t, a in parsed.tags if t == "tr")


def test_filter_data_lists_the_guide_unit_and_group_members(catalog: Catalog) -> None:
    parsed = Collector()
    parsed.feed(page(catalog))
    units = {
        a["data-id"]: (a["data-units"] or "").split("|")
        for t, a in parsed.tags
        if t == "tr" and a.get("class") == "task"
    }
    guided = [i for i, names in units.items() if "市政务服务管理局" in names]
    assert guided == GUIDED_BY_CITY_SERVICE_BUREAU
    # 仁寿县 is a member of 各县（区）人民政府, which leads every task
    assert all("仁寿县人民政府" in names for names in units.values())


def test_task_13_shows_its_two_milestones_with_badges(catalog: Catalog) -> None:
    reports = [
        ProgressReport(task=13, unit=u, status="done", date=dt.date(2021, 12, 20), milestone=1)
        for u in catalog.task(13).owners
    ]
    html = page(catalog, dt.date(2022, 1, 15), reports)
    row = re.search(r'<tr class="task" id="task-13".*?</tr>', html, re.S)
    assert row is not None
    cell = row.group(0)
    assert "2021-12-31" in cell and "2022-12-31" in cell
    # milestone 1: all seven lead units done on time; milestone 2 not due in a year
    assert re.search(r'mark-done".*?✔完成.*?7/7 个单位已完成', cell, re.S)
    assert re.search(r'mark-not_due".*?·未到.*?0/7 个单位已完成', cell, re.S)


def test_overdue_milestone_badge(catalog: Catalog) -> None:
    html = page(catalog, dt.date(2022, 1, 15))
    row = re.search(r'<tr class="task" id="task-16".*?</tr>', html, re.S)
    assert row is not None
    assert "mark-overdue" in row.group(0)  # 2021年底前, nobody reported


def test_badges_are_dark_text_on_light_fills_and_overdue_the_reverse(catalog: Catalog) -> None:
    html = page(catalog)
    # text (color) is the dark shade, the fill (background) the light one; overdue is white on red
    assert ".mark-done { color: #14532D; background: #D5F0DB; }" in html
    assert ".mark-overdue { color: #FFFFFF; background: #B91C1C; font-weight: 700; }" in html
    assert "body { margin: 0; color: #1A1A1A; background: #FFFFFF;" in html


def test_text_from_the_data_file_is_escaped(catalog: Catalog) -> None:
    evil = "<script>alert('x')</script>&<b>粗</b>"
    assert catalog.path is not None
    task_file = validate_file(catalog.path).task_file
    assert task_file is not None
    tasks = [
        Task.model_validate(t.model_dump() | {"text": evil} if t.id == 14 else t.model_dump())
        for t in task_file.tasks
    ]
    changed = Catalog(task_file.model_copy(update={"tasks": tasks}), catalog.path)
    html = page(changed)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&lt;b&gt;粗&lt;/b&gt;" in html
    parsed = Collector()
    parsed.feed(html)
    assert evil in "".join(parsed.text)  # shows as text
    assert len([t for t, _ in parsed.tags if t == "script"]) == 1  # only the page's own


def test_timeline_has_one_dot_per_milestone(catalog: Catalog) -> None:
    parsed = Collector()
    parsed.feed(page(catalog))
    dots = [a["data-task"] for t, a in parsed.tags if t == "g" and "dot" in (a.get("class") or "")]
    # dated milestones in the source: 2, 3, 5, 6, 7, 12, 13 (two), 14, 16, 23, 24
    assert None not in dots
    assert sorted(cast(list[str], dots), key=int) == [
        "2",
        "3",
        "5",
        "6",
        "7",
        "12",
        "13",
        "13",
        "14",
        "16",
        "23",
        "24",
    ]
    assert ("svg", {}) not in parsed.tags
    assert any(t == "svg" for t, _ in parsed.tags)


def test_publish_command_writes_index_html(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run("publish", "--out", str(out), "--as-of", "2022-03-15")
    assert result.exit_code == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert re.search(r"进度截至</dt><dd[^>]*>2022-03-15<", html)
    assert list(out.iterdir()) == [out / "index.html"]


def test_template_ships_in_the_package() -> None:
    import govopen_cli

    template = Path(govopen_cli.__file__).parent / "render" / "templates" / "publish.html.j2"
    assert template.is_file()


# --- in a real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)
def test_page_in_headless_chromium(run: Run, tmp_path: Path) -> None:
    from playwright.sync_api import Route, sync_playwright

    out = tmp_path / "site"
    result = run(
        "publish", "--out", str(out), "--as-of", "2022-03-15", "--progress", str(DEMO_LEDGER)
    )
    assert result.exit_code == 0
    url = (out / "index.html").as_uri()
    requests: list[str] = []
    routed: list[str] = []
    problems: list[str] = []

    def route(r: Route) -> None:
        routed.append(r.request.url)
        if r.request.url == url:
            r.continue_()
        else:
            r.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            context.route("**/*", route)
            tab = context.new_page()
            tab.on("request", lambda req: requests.append(req.url))
            tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            tab.on("pageerror", lambda e: problems.append(str(e)))
            tab.goto(url)
            tab.wait_for_load_state("load")

            def visible() -> list[str]:
                ids = tab.eval_on_selector_all(
                    "tr.task",
                    "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.id)",
                )
                assert isinstance(ids, list) and all(isinstance(i, str) for i in ids)
                return ids

            assert visible() == [str(i) for i in range(1, 25)]
            assert tab.is_visible("#filters")  # the script revealed the filters

            tab.select_option("#filter-unit", "市政务服务管理局")
            assert visible() == GUIDED_BY_CITY_SERVICE_BUREAU
            assert tab.inner_text("#count") == "显示 7 / 24 项任务"
            # sections with no task left are hidden: only 一 (task 4) and 三 remain
            groups = tab.eval_on_selector_all(
                "tbody.section", "gs => gs.filter(g => !g.hidden).map(g => g.dataset.section)"
            )
            assert groups == ["一", "三"]
            tab.screenshot(path=str(tmp_path / "publish.png"), full_page=True)

            tab.select_option("#filter-unit", "")
            tab.fill("#filter-search", "政务地图")
            assert visible() == ["14"]

            tab.fill("#filter-search", "")
            tab.select_option("#filter-section", "五")
            assert visible() == ["22", "23", "24"]

            tab.fill("#filter-search", "没有这样的文字")
            assert visible() == []
            assert tab.is_visible("#no-match")
        finally:
            browser.close()

    assert problems == []
    assert requests == [url]
    assert set(routed) <= {url}
    shot = (tmp_path / "publish.png").read_bytes()
    assert shot.startswith(b"\x89PNG")
    if os.environ.get("GOVOPEN_SCREENSHOTS"):
        (ROOT / "docs" / "images" / "publish.png").write_bytes(shot)


# --- the page on a phone and on a desktop (issue 15) ---------------------------------------------


def test_header_names_publisher_source_and_data_date_or_says_they_are_missing(
    catalog: Catalog,
) -> None:
    parsed = Collector()
    parsed.feed(page(catalog))
    text = "".join(parsed.text)
    # the shipped Meishan file does not say who published it, its 文号 or a data date
    assert "发布单位数据文件未写明发布单位" in text
    assert "数据文件未写明文号或出处" in text
    assert "数据日期数据文件未写明数据日期" in text
    assert "govopen" not in text  # the footer does not advertise the tool
    assert catalog.path is not None
    task_file = validate_file(catalog.path).task_file
    assert task_file is not None
    document = task_file.document.model_copy(
        update={
            "publisher": "眉山市人民政府办公室",
            "source": "眉府办发〔2021〕1号",
            "date": dt.date(2021, 8, 1),
        }
    )
    named = Catalog(task_file.model_copy(update={"document": document}), catalog.path)
    parsed = Collector()
    parsed.feed(page(named))
    text = "".join(parsed.text)
    assert "发布单位眉山市人民政府办公室" in text
    assert "依据文件眉府办发〔2021〕1号" in text
    assert "数据日期2021-08-01" in text
    assert "未写明" not in text


def test_page_without_a_ledger_says_so_and_fails_nobody(catalog: Catalog) -> None:
    html = render_page(Progress(catalog, [], dt.date(2022, 1, 15), recorded=False))
    parsed = Collector()
    parsed.feed(html)
    text = "".join(parsed.text)
    assert "尚未登记任何进展" in text
    assert "✘逾期" not in text and "个单位已完成" not in text
    row = re.search(r'<tr class="task" id="task-16".*?</tr>', html, re.S)
    assert row is not None and "mark-past_due" in row.group(0)  # 2021年底前: past, not failed


def test_search_reads_the_names_of_a_groups_members(catalog: Catalog) -> None:
    parsed = Collector()
    parsed.feed(page(catalog))
    search = {
        a["data-id"]: a["data-search"] or ""
        for t, a in parsed.tags
        if t == "tr" and a.get("class") == "task"
    }
    # every task is led by 各县（区）人民政府, whose members include 东坡区人民政府 (short: 东坡区)
    assert all("东坡区" in words for words in search.values())


def shown_rows(tab) -> list[str]:  # type: ignore[no-untyped-def]
    """The ids of the task rows (or cards) on screen."""
    return list(
        tab.eval_on_selector_all(
            "tr.task", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.id)"
        )
    )


SHOWN_DOT_TOPS = """cs => cs.filter(c => c.parentNode.style.display !== 'none')
    .map(c => c.getAttribute('cy'))"""


def overflow(tab) -> int:  # type: ignore[no-untyped-def]
    """How many pixels the page is wider than the window (0: no sideways scroll)."""
    return int(
        tab.evaluate(
            "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
            " - document.documentElement.clientWidth"
        )
    )


@pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)
def test_page_at_390_and_1280_pixels_in_chromium(run: Run, tmp_path: Path) -> None:
    from playwright.sync_api import FloatRect, sync_playwright

    out = tmp_path / "site"
    result = run(
        "publish", "--out", str(out), "--as-of", "2022-03-15", "--progress", str(DEMO_LEDGER)
    )
    assert result.exit_code == 0
    url = (out / "index.html").as_uri()
    shots: dict[int, bytes] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            for width in (390, 1280):
                context = browser.new_context(
                    viewport={"width": width, "height": 844}, locale="zh-CN"
                )
                context.route(
                    "**/*", lambda r: r.continue_() if r.request.url == url else r.abort()
                )
                tab = context.new_page()
                tab.goto(url)
                tab.wait_for_load_state("load")
                assert overflow(tab) == 0

                # no date breaks inside its number: none shown takes two line boxes
                broken = tab.eval_on_selector_all(
                    ".due", "ds => ds.filter(d => d.getClientRects().length > 1).length"
                )
                assert broken == 0
                text_width = tab.eval_on_selector("#task-13 td.text", "td => td.clientWidth")
                display = tab.eval_on_selector("#task-13", "tr => getComputedStyle(tr).display")
                stacked = tab.eval_on_selector("#filters", "f => getComputedStyle(f).flexDirection")
                if width == 390:
                    assert display == "block"  # a card
                    assert stacked == "column"
                    assert text_width > 300  # the task reads in full lines, not four characters
                    assert tab.is_visible("#months") and not tab.is_visible("section.timeline svg")
                else:
                    assert display == "table-row"
                    assert stacked == "row"
                    assert tab.is_visible("section.timeline svg") and not tab.is_visible("#months")
                # for README: the phone's first screens (header, filters, the first cards)
                clip: FloatRect = {"x": 0, "y": 0, "width": width, "height": 1700}
                shots[width] = tab.screenshot(full_page=True, clip=clip)

                # a county finds its tasks through its group (all 24 are led by 各县（区）)
                tab.fill("#filter-search", "东坡区")
                assert shown_rows(tab) == [str(i) for i in range(1, 25)]
                tab.fill("#filter-search", "")

                # the timeline follows the filters: section 五 has dated tasks 23 and 24
                tab.select_option("#filter-section", "五")
                assert shown_rows(tab) == ["22", "23", "24"]
                dots = tab.eval_on_selector_all(
                    "g.dot",
                    "gs => gs.filter(g => g.style.display !== 'none').map(g => g.dataset.task)",
                )
                assert dots == ["23", "24"]
                tops = tab.eval_on_selector_all("g.dot circle", SHOWN_DOT_TOPS)
                # all three fall in 2022-12 (13#2, 23, 24): 23 and 24 close up to the first rows
                assert tops == ["38", "66"]
                items = tab.eval_on_selector_all(
                    "li.month-item", "ls => ls.filter(l => !l.hidden).map(l => l.dataset.task)"
                )
                assert items == ["23", "24"]
                tab.select_option("#filter-section", "")

                # a guide unit is told why it owes nothing, and each row says its role
                tab.select_option("#filter-unit", "市政务服务管理局")
                assert shown_rows(tab) == GUIDED_BY_CITY_SERVICE_BUREAU
                assert tab.inner_text("#role-note") == (
                    "市政务服务管理局：在 7 项任务中为指导单位，不需要报送完成情况"
                )
                assert tab.inner_text("#task-4 .unit-role") == "本单位角色：指导"
                assert overflow(tab) == 0
                context.close()
        finally:
            browser.close()
    assert all(shot.startswith(b"\x89PNG") for shot in shots.values())
    if os.environ.get("GOVOPEN_SCREENSHOTS"):
        (ROOT / "docs" / "images" / "publish-phone.png").write_bytes(shots[390])
