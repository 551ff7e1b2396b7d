"""Dates typed on the command line, and the as-of date ("today") queries use."""

from __future__ import annotations

import datetime as dt
import os
import re

from govopen_cli import messages as msg
from govopen_cli.record import record
from govopen_cli.table.text import fold_width, squeeze

AS_OF_ENV = "GOVOPEN_AS_OF"
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)
"""Every date the tool reads (options, $GOVOPEN_AS_OF, deadlines in a task file) lies here:
far beyond any real table, and far enough from 9999-12-31 that no sum overflows."""

_FORMS = (  # compiled on first use (re caches them): ISO dates never compile the others
    r"(\d{4})-(\d{1,2})-(\d{1,2})",
    r"(\d{4})/(\d{1,2})/(\d{1,2})",
    r"(\d{4})\.(\d{1,2})\.(\d{1,2})",
    r"(\d{4})(\d{2})(\d{2})",
    r"(\d{4})年(\d{1,2})月(\d{1,2})日?",
)


def parse_date(text: str) -> dt.date:
    """2022-06-30, 2022/6/30, 2022.6.30, 20220630 or 2022年6月30日; ValueError otherwise."""
    cleaned = fold_width(squeeze(text))
    for form in _FORMS:
        match = re.fullmatch(form, cleaned)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                found = dt.date(year, month, day)
            except ValueError:
                raise ValueError(msg.DATE_NOT_EXIST.format(text=text)) from None
            if not EARLIEST <= found <= LATEST:
                raise ValueError(
                    msg.DATE_OUT_OF_RANGE.format(text=text, earliest=EARLIEST, latest=LATEST)
                )
            return found
    raise ValueError(msg.DATE_BAD_FORM.format(text=text))


@record
class Clock:
    """The two days a command knows, built once from the command line and passed down.

    `as_of` is the day the questions treat as today (--as-of, $GOVOPEN_AS_OF, else the real
    date): it replays history, so ledger reports dated after it do not count yet. `today` is
    the real date: a ledger report is never dated after it, whatever as-of says.
    """

    as_of: dt.date
    today: dt.date

    @classmethod
    def real(cls, as_of: dt.date | None = None) -> Clock:
        """The clock of a run: the real today, and as-of as given (ValueError for a bad env)."""
        return cls(as_of=as_of_date(as_of), today=dt.date.today())


def as_of_date(given: dt.date | None = None) -> dt.date:
    """The date queries treat as today: --as-of, else $GOVOPEN_AS_OF, else the real date."""
    if given is not None:
        return given
    from_env = os.environ.get(AS_OF_ENV, "").strip()
    if from_env:
        try:
            return parse_date(from_env)
        except ValueError as exc:
            raise ValueError(f"{AS_OF_ENV}: {exc}") from None
    return dt.date.today()
