"""Parse a 工作进度 (schedule) cell into milestones, recurring deadlines and an ongoing marker.

"2021年底前县级…；2022年底前乡镇…" gives two dated milestones, "每季度末报送进展" a
recurring deadline, and "长期坚持" marks ongoing work.

Decisions where the task tables are silent:

* The cell is squeezed (every whitespace removed, so PDF noise such as "202 2 年 3 月"
  and wrapped lines disappear) and width-folded for matching only; a deliverable keeps
  the cell's own characters, e.g. full-width brackets "乡镇（街道）".
* Numerals: 〇, ○ and 零 are zero; a year is four digits read one by one (二〇二二);
  months, days and quarters may use 十 (十二月, 三十一日).
* A phrase without a year (3月底前, 上半年, 第三季度末, 年底前) takes the year of the
  previous milestone in the cell, else the ``year`` argument, else ValueError.
  "年底前" counts as year-less only when not preceded by a numeral or a relative word
  (三年内, 明年底前 are not dates); "三季度" needs 第, a suffix (末/前) or a year.
* A deliverable runs from its date phrase to the next date phrase, ；/;/。, or an ongoing
  phrase that starts a clause ("2021年底前建立，长期坚持" gives "建立"). A comma alone
  does not end it; an ongoing phrase inside a clause ("建立常态化机制") stays in the text.
  ``ongoing`` is True wherever an ongoing phrase occurs.
* "2023年11月" (a month with its year, no 底前) is due at that month's end; "2023年7月—9月"
  at the range's end. "每季度第一个月10日前" recurs on 1-10, 4-10, 7-10 and 10-10.
* Recurring deadlines: a bare 每年 / 每半年 / 每季度 / 每月 is due on the last day of each
  period. A day past the end of a short month is clamped to the month's last day
  (每月31日前 falls on 4月30日; 每年2月29日前 on 2月28日 in common years), so a
  deadline never silently disappears. Each is an RFC 5545 recurrence rule
  (``Recurrence.rrule``), expanded with python-dateutil and exported to iCalendar as is;
  the clamp is ``BYMONTHDAY=31,-1;BYSETPOS=1`` (the earlier of the day and the last day).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import lru_cache
from typing import Literal

from govopen_cli import messages
from govopen_cli.table.dates import EARLIEST, LATEST
from govopen_cli.table.text import fold_width, squeeze

__all__ = ["Milestone", "Recurrence", "RecurrenceKind", "Schedule", "parse_schedule"]

RecurrenceKind = Literal["yearly", "half-yearly", "quarterly", "monthly"]

_CN_DIGITS = "〇一二三四五六七八九"
_CN_ZEROS = "○零"
_CN = _CN_DIGITS + _CN_ZEROS
_NUM = f"[0-9{_CN}十]{{1,3}}"
_BEFORE = "(?:[以之]?前)?"

# Alternatives are tried in order at each position: recurring (每…) first, then dates.
# Patterns are kept as text and compiled on first use (re caches them): a cached
# query never parses a phrase, and compiling these costs milliseconds at start-up.
_PHRASE = rf"""
    每(?:
        (?P<every_year>年度?)
        (?:(?P<every_year_month>{_NUM})月
              (?:(?P<every_year_day>{_NUM})[日号]{_BEFORE}|[底末]{_BEFORE})
          | 年?[底末]{_BEFORE})?
      | (?P<every_half>半年)[底末]?{_BEFORE}
      | (?P<every_quarter>个?季度)
        (?:(?:第(?P<quarter_month>[一二三123])个?月|(?P<quarter_first>首月))
            (?:(?P<every_quarter_day>{_NUM})[日号]{_BEFORE}|[底末]{_BEFORE})?
          | [底末]?{_BEFORE})
      | (?P<every_month>个?月)(?:(?P<every_month_day>{_NUM})[日号]{_BEFORE}|[底末]{_BEFORE})?
    )
    | (?<![0-9])(?:(?<![{_CN}十])|(?![{_CN}十]))
      (?:(?P<year>[0-9{_CN}]{{4}})年)?
      (?:
          (?P<month>{_NUM})月(?:[—–\-~～至到]+(?P<month_end>{_NUM})月)?
          (?P<month_suffix>(?P<day>{_NUM})[日号]{_BEFORE}|[底末]{_BEFORE}|内|份)?
        | (?P<half>[上下])半年[底末]?(?:[以之]?前|内)?
        | (?P<nth>第)?(?P<quarter>[0-9一二三四五六七八九十]{{1,2}})季度
          (?P<quarter_end>[底末]?(?:[以之]?前|内)?)
        | (?P<year_end>年?[底末]{_BEFORE}|年?内)
      )
    """
_ONGOING = (
    "长期坚持|长期|动态调整|动态更新|及时公开|及时更新|持续推进|持续开展|持续|常态化|常年|定期"
    "|每周|每日|每天|随时"
)
# Matching runs on width-folded text, so "；" and "，" appear here as ";" and ",".
_HARD_SEPARATORS = ";。"
_CLAUSE_SEPARATORS = ",、:" + _HARD_SEPARATORS
_STRIP = ",，、;；。:：" + " \t\r\n\u3000"
# A year-less "年底前" right after one of these is not this year's end (三年内, 明年底前).
_NOT_THIS_YEAR = "0123456789" + _CN + "十两百千明次来去前后多几数半整全近"
_QUARTER_ENDS = (3, 6, 9, 12)
_HALF_YEAR_ENDS = (6, 12)


@dataclass(frozen=True, slots=True)  # shared through parse_schedule's memo: guarded at run time
class Milestone:
    """A one-off deadline: ``due`` is the last allowed day."""

    due: date
    deliverable: str
    phrase: str


@dataclass(frozen=True, slots=True)  # (as Milestone)
class Recurrence:
    """A deadline repeated every period; ``day`` None means the period's last day.

    ``month`` is the month of a yearly recurrence (None: December), or the month within
    each quarter of a quarterly one (每季度第一个月10日前: 1; None: the quarter's last).
    """

    kind: RecurrenceKind
    month: int | None
    day: int | None
    deliverable: str
    phrase: str

    @property
    def rrule(self) -> str:
        """The RFC 5545 RRULE value, e.g. 每季度末 → FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1."""
        if self.kind == "monthly":
            return "FREQ=MONTHLY;" + _by_month_day(self.day, shortest=28)
        if self.kind == "yearly":
            month = self.month or 12
            shortest = _last_day(2001, month)  # a common year: February has 28 days
            return f"FREQ=YEARLY;BYMONTH={month};" + _by_month_day(self.day, shortest)
        if self.kind == "quarterly" and self.month is not None:
            first = self.month  # 每季度第一个月10日前: the month within each quarter
            months: tuple[int, ...] = (first, first + 3, first + 6, first + 9)
            shortest = min(_last_day(2001, m) for m in months)
            by_month = ",".join(map(str, months))
            return f"FREQ=MONTHLY;BYMONTH={by_month};" + _by_month_day(self.day, shortest)
        months = _HALF_YEAR_ENDS if self.kind == "half-yearly" else _QUARTER_ENDS
        return f"FREQ=YEARLY;BYMONTH={','.join(map(str, months))};BYMONTHDAY=-1"

    def occurrences(self, start: date, end: date) -> list[date]:
        """Every due date in [start, end], both inclusive, in order (dateutil's rrule)."""
        if start > end:
            return []
        return list(_expand(self.rrule, start, end))


@dataclass(frozen=True, slots=True)  # (as Milestone)
class Schedule:
    """What a 工作进度 cell says, milestones and recurrences in text order."""

    milestones: tuple[Milestone, ...] = ()
    recurring: tuple[Recurrence, ...] = ()
    ongoing: bool = False

    @property
    def understood(self) -> bool:
        """True when the cell gave at least one milestone, recurrence or ongoing marker."""
        return bool(self.milestones or self.recurring or self.ongoing)

    def due_dates(self, start: date, end: date) -> list[tuple[date, str]]:
        """Every deadline in [start, end] with its deliverable, sorted by date."""
        found = [(m.due, m.deliverable) for m in self.milestones if start <= m.due <= end]
        for recurrence in self.recurring:
            found.extend(
                (due, recurrence.deliverable) for due in recurrence.occurrences(start, end)
            )
        found.sort(key=lambda item: item[0])
        return found


@lru_cache(maxsize=8192)
def parse_schedule(cell: str, *, year: int | None = None) -> Schedule:
    """Parse a 工作进度 cell; ``year`` is the document's year for phrases without one.

    Results are immutable and cached: a table repeats the same phrase many times.

    Raises ValueError (message in Chinese, quoting the phrase) for impossible dates and
    for a year-less phrase whose year cannot be inferred.
    """
    original = squeeze(cell)
    text = "".join(_fold_char(char) for char in original)
    found = [m for m in re.finditer(_PHRASE, text, re.VERBOSE) if _is_phrase(m, text)]
    ends = {m.end() for m in found}
    cuts = sorted(
        {m.start() for m in found}
        | {i for i, char in enumerate(text) if char in _HARD_SEPARATORS}
        | {
            m.start()
            for m in re.finditer(_ONGOING, text)
            if m.start() == 0 or m.start() in ends or text[m.start() - 1] in _CLAUSE_SEPARATORS
        }
    )
    milestones: list[Milestone] = []
    recurring: list[Recurrence] = []
    last_year = year
    for match in found:
        index = bisect.bisect_left(cuts, match.end())
        stop = cuts[index] if index < len(cuts) else len(text)
        deliverable = original[match.end() : stop].strip(_STRIP)
        phrase = original[match.start() : match.end()]
        if match.group(0).startswith("每"):
            recurring.append(_recurrence(match, phrase, deliverable))
        else:
            due = _due(match, phrase, last_year)
            last_year = due.year
            milestones.append(Milestone(due, deliverable, phrase))
    ongoing = re.search(_ONGOING, text) is not None
    return Schedule(tuple(milestones), tuple(recurring), ongoing)


def _fold_char(char: str) -> str:
    """fold_width for one character, kept only when it stays one character (aligned text)."""
    folded = fold_width(char)
    return folded if len(folded) == 1 else char


def _is_phrase(match: re.Match[str], text: str) -> bool:
    """Drop matches that are not dates: a lone 底/内, 三年内, 统一季度…"""
    if match["year"] is not None or match.group(0).startswith("每"):
        return True
    if match["year_end"] is not None:
        start = match.start()
        return match["year_end"].startswith("年") and (
            start == 0 or text[start - 1] not in _NOT_THIS_YEAR
        )
    if match["quarter"] is not None:
        return bool(match["nth"] or match["quarter_end"])
    if match["month"] is not None and match["month_suffix"] is None:
        return match["year"] is not None or match["month_end"] is not None
    return True


def _digit(char: str) -> int:
    if "0" <= char <= "9":
        return ord(char) - ord("0")
    if char in _CN_ZEROS:
        return 0
    return _CN_DIGITS.index(char)


def _number(numeral: str, phrase: str) -> int:
    """Value of 2022, 二〇二二, 9, 十二, 二十, 三十一."""
    head, ten, tail = numeral.partition("十")
    if not ten:
        value = 0
        for char in numeral:
            value = value * 10 + _digit(char)
        return value
    if len(head) > 1 or len(tail) > 1 or tail == "十":
        raise ValueError(messages.SCHEDULE_BAD_NUMBER.format(phrase=phrase, number=numeral))
    return (_digit(head) if head else 1) * 10 + (_digit(tail) if tail else 0)


def _month(numeral: str, phrase: str) -> int:
    month = _number(numeral, phrase)
    if not 1 <= month <= 12:
        raise ValueError(messages.SCHEDULE_BAD_MONTH.format(phrase=phrase, month=month))
    return month


def _last_day(year: int, month: int) -> int:
    """Days in a month (calendar is not imported: it pulls in locale, slow to import)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def _by_month_day(day: int | None, shortest: int) -> str:
    """BYMONTHDAY for a day of the month: -1 is the last; past a short month's end, clamped."""
    if day is None:
        return "BYMONTHDAY=-1"
    if day <= shortest:
        return f"BYMONTHDAY={day}"
    return f"BYMONTHDAY={day},-1;BYSETPOS=1"  # the earlier of the day and the month's last


@lru_cache(maxsize=1024)
def _expand(rule: str, start: date, end: date) -> tuple[date, ...]:
    """The rule's days in [start, end]; a table repeats few rules over few windows."""
    from datetime import datetime

    from dateutil.rrule import rrulestr

    first = datetime(start.year, start.month, 1)
    days = rrulestr(rule, dtstart=first).between(
        datetime.combine(start, datetime.min.time()),
        datetime.combine(end, datetime.min.time()),
        inc=True,
    )
    return tuple(day.date() for day in days)


def _clamped(year: int, month: int, day: int | None) -> date:
    last = _last_day(year, month)
    return date(year, month, last if day is None else min(day, last))


def _due(match: re.Match[str], phrase: str, default_year: int | None) -> date:
    """The due date of a one-off date phrase."""
    year = default_year if match["year"] is None else _number(match["year"], phrase)
    month = None if match["month"] is None else _month(match["month"], phrase)
    if match["month_end"] is not None:
        month = _month(match["month_end"], phrase)  # "7月—9月": by the range's end
    if year is None:
        raise ValueError(messages.SCHEDULE_MISSING_YEAR.format(phrase=phrase))
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(messages.SCHEDULE_BAD_YEAR.format(phrase=phrase, year=year))
    if not EARLIEST.year <= year <= LATEST.year:
        raise ValueError(
            messages.SCHEDULE_YEAR_OUT_OF_RANGE.format(
                phrase=phrase, year=year, earliest=EARLIEST.year, latest=LATEST.year
            )
        )
    if month is not None:
        last = _last_day(year, month)
        if match["day"] is None:
            return date(year, month, last)
        day = _number(match["day"], phrase)
        if not 1 <= day <= last:
            raise ValueError(
                messages.SCHEDULE_BAD_DAY.format(
                    phrase=phrase, day=day, year=year, month=month, last=last
                )
            )
        return date(year, month, day)
    if match["half"] is not None:
        return date(year, 6, 30) if match["half"] == "上" else date(year, 12, 31)
    if match["quarter"] is not None:
        quarter = _number(match["quarter"], phrase)
        if not 1 <= quarter <= 4:
            raise ValueError(messages.SCHEDULE_BAD_QUARTER.format(phrase=phrase, quarter=quarter))
        return _clamped(year, quarter * 3, None)
    return date(year, 12, 31)


def _recurrence(match: re.Match[str], phrase: str, deliverable: str) -> Recurrence:
    """The recurring deadline of a 每… phrase."""
    if match["every_half"] is not None:
        return Recurrence("half-yearly", None, None, deliverable, phrase)
    if match["every_quarter"] is not None:
        first = match["quarter_month"] or ("1" if match["quarter_first"] else None)
        if first is None:
            return Recurrence("quarterly", None, None, deliverable, phrase)
        day = None
        if match["every_quarter_day"] is not None:
            day = _number(match["every_quarter_day"], phrase)
            if not 1 <= day <= 31:
                raise ValueError(messages.SCHEDULE_BAD_MONTHLY_DAY.format(phrase=phrase, day=day))
        return Recurrence("quarterly", _number(first, phrase), day, deliverable, phrase)
    if match["every_month"] is not None:
        day = None
        if match["every_month_day"] is not None:
            day = _number(match["every_month_day"], phrase)
            if not 1 <= day <= 31:
                raise ValueError(messages.SCHEDULE_BAD_MONTHLY_DAY.format(phrase=phrase, day=day))
        return Recurrence("monthly", None, day, deliverable, phrase)
    if match["every_year_month"] is None:
        return Recurrence("yearly", 12, None, deliverable, phrase)
    month = _month(match["every_year_month"], phrase)
    day = None
    if match["every_year_day"] is not None:
        day = _number(match["every_year_day"], phrase)
        last = _last_day(2000, month)  # a leap year: 每年2月29日 is a real date
        if not 1 <= day <= last:
            raise ValueError(
                messages.SCHEDULE_BAD_DAY_ANY_YEAR.format(
                    phrase=phrase, day=day, month=month, last=last
                )
            )
    return Recurrence("yearly", month, day, deliverable, phrase)
