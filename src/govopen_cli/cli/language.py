"""Click's and Typer's own words in Chinese, through gettext.

Click and Typer pass every message they print ("Usage:", "Missing option", "Show this
message and exit.", the help panels' titles …) through the stdlib's `gettext.gettext`,
that is through the process's current text domain. We make that domain govopen's
catalog, `locale/zh_CN/LC_MESSAGES/govopen.mo` (source: `govopen.po` beside it, kept by
`scripts/update_catalog.py`), and ask gettext for Chinese whatever the user's locale is:
everything else govopen says is Chinese, so its usage errors and help are too.

Cheap: no file is read until Click or Typer translates a first message (help, an error).
"""

from __future__ import annotations

import gettext
import os

DOMAIN = "govopen"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "locale")
LANGUAGE = "zh_CN"


def use_chinese() -> None:
    """Route gettext's default domain to govopen's zh_CN catalog."""
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)
    # gettext picks the language from $LANGUAGE first; this process speaks Chinese only
    os.environ["LANGUAGE"] = LANGUAGE
