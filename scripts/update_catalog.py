"""Keep the Chinese catalog of Click's and Typer's own words up to date, and compile it.

    pip install -e ".[test]"             # babel reads and writes the catalog
    python scripts/update_catalog.py     # add new msgids from the installed click/typer, compile
    python scripts/update_catalog.py --check   # exit 1 if a msgid is untranslated or .mo is stale

Click and Typer pass their messages ("Usage:", "Missing option", panel titles …) through
the stdlib's `gettext.gettext`, i.e. the process's current text domain. govopen binds that
domain to `govopen_cli/locale/zh_CN/LC_MESSAGES/govopen.mo` at start-up
(`govopen_cli.cli.language`). The .po file is the source; the .mo next to it is committed,
so that `pip install .` needs no build step. tests/test_language.py checks both.
"""

from __future__ import annotations

import argparse
import ast
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "src" / "govopen_cli" / "locale" / "zh_CN" / "LC_MESSAGES"
PO = FOLDER / "govopen.po"
MO = FOLDER / "govopen.mo"
HEADER = """\
# Chinese words for Click's and Typer's own messages (usage errors, help), shown by govopen.
# Source of govopen.mo beside it: edit here, then run python scripts/update_catalog.py."""


def extract() -> Catalog:
    """Every literal `_("…")` / `ngettext("…", "…")` in the installed click and typer."""
    import click
    import typer

    template = Catalog(domain="govopen")
    for package in (click, typer):
        folder = Path(package.__file__).parent
        for path in sorted(folder.glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
                texts = [t for t in texts if isinstance(t, str)]
                where = (f"{package.__name__}/{path.name}", node.lineno)
                if node.func.id == "_" and len(texts) == 1:
                    template.add(texts[0], locations=[where])
                elif node.func.id == "ngettext" and len(texts) == 2:
                    template.add((texts[0], texts[1]), locations=[where])
    return template


def load() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f, locale="zh_CN", domain="govopen")


def compiled(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def untranslated(catalog: Catalog, template: Catalog) -> list[str]:
    """msgids in the template that the catalog lacks or leaves empty."""
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = found.string if found is not None else ""
        if isinstance(strings, tuple):
            strings = "" if not all(strings) else strings[0]
        if not strings:
            missing.append(str(message.id))
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args()
    template = extract()
    catalog = load() if PO.exists() else Catalog(locale="zh_CN", domain="govopen")
    if args.check:
        missing = untranslated(catalog, template)
        stale = not MO.exists() or MO.read_bytes() != compiled(catalog)
        for msgid in missing:
            print(f"未翻译：{msgid!r}")
        if stale:
            print(f"{MO.relative_to(ROOT)} 与 .po 不一致：请运行 python scripts/update_catalog.py")
        return 1 if missing or stale else 0
    template.creation_date = catalog.creation_date  # no churn in the header
    catalog.update(template, no_fuzzy_matching=True)
    catalog.header_comment = HEADER
    FOLDER.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, ignore_obsolete=False)
    MO.write_bytes(compiled(catalog))
    missing = untranslated(catalog, template)
    print(f"{len(template)} 条，未翻译 {len(missing)} 条；已写入 {MO.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
