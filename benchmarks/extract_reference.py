"""Guard for speed work on the extractor: its output, saved once, must stay byte-identical.

``python benchmarks/extract_reference.py save DIR`` writes the figures of every text folder
of tests/data/extract (blind rounds included) and data/raw/reports, read with and without
their sources.csv, plus the benchmark's traditional-script variant of the reports (OpenCC
``s2t`` with injected romanisation) and each text alone without a publication date, as
one CSV per case in DIR (every column, values with 17 significant digits, dtypes in a
first comment line). ``python benchmarks/extract_reference.py check DIR`` extracts the
same again and reports every case whose CSV differs; exit status 1 when any does.
"""

from __future__ import annotations

import io
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT / "data" / "raw" / "reports", ROOT / "tests" / "data" / "extract",
           *sorted(p for p in (ROOT / "tests" / "data" / "extract").iterdir() if p.is_dir())]


def _csv(frame) -> str:
    buffer = io.StringIO()
    buffer.write("# " + ",".join(f"{c}:{t}" for c, t in frame.dtypes.astype(str).items()) + "\n")
    frame.to_csv(buffer, index=False, float_format="%.17g")
    return buffer.getvalue()


def cases() -> dict[str, str]:
    """Every case's name and CSV text."""
    import opencc

    from analysis.extract import TEXT_SUFFIXES, extract_paths, extract_texts, read_sources

    out: dict[str, str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for folder in FOLDERS:
            name = folder.relative_to(ROOT).as_posix().replace("/", "_")
            sources = folder / "sources.csv"
            if sources.exists():
                out[f"{name}__sources"] = _csv(extract_paths([folder], read_sources(sources)))
            out[f"{name}__nosources"] = _csv(extract_paths([folder]))
            texts = sorted(p for p in folder.iterdir() if p.suffix.lower() in TEXT_SUFFIXES
                           and p.is_file())
            out[f"{name}__alone"] = _csv(extract_texts(
                (p.read_text(encoding="utf-8", errors="replace"), p.name, None) for p in texts))
    to_traditional = opencc.OpenCC("s2t").convert
    reports = sorted((ROOT / "data" / "raw" / "reports").glob("*.txt"))
    converted = [(to_traditional(p.read_text(encoding="utf-8")).replace("區", "區(qū)")
                  .replace("增長", "增長(zhǎng)"), p.name, "2024-09") for p in reports]
    out["reports_traditional"] = _csv(extract_texts(converted))
    return out


def main() -> int:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    found = cases()
    if mode == "save":
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in found.items():
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
        print(f"saved {len(found)} cases, {sum(t.count(chr(10)) for t in found.values())} lines")
        return 0
    differing = []
    for name, text in found.items():
        saved = (folder / f"{name}.csv").read_text(encoding="utf-8")
        if saved != text:
            differing.append(name)
            old, new = saved.splitlines(), text.splitlines()
            for k, (a, b) in enumerate(zip(old, new, strict=False)):
                if a != b:
                    print(f"{name}: first difference at line {k}:\n  - {a}\n  + {b}")
                    break
            else:
                print(f"{name}: {len(old)} vs {len(new)} lines")
    missing = {p.stem for p in folder.glob("*.csv")} - set(found)
    print(f"checked {len(found)} cases: {len(differing)} differ" +
          (f"; missing now: {sorted(missing)}" if missing else ""))
    return 1 if differing or missing else 0


if __name__ == "__main__":
    sys.exit(main())
