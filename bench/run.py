"""`make bench`: run every bench/bench_*.py module and write .bench/results.json.

Each module exposes `run() -> dict[str, dict]` returning entries of the form
{"<name>": {"value": float, "unit": str, "reference": float, "ratio": float}}, where the
reference is the same work done the plainest way, measured in the same run. Modules that need
a database make their own (see bench/bench_projects.py). Figures are printed as they come.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".bench" / "results.json"


def main(argv: list[str]) -> int:
    only = set(argv)
    results: dict[str, dict] = {}
    failed = []
    import bench

    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        if only and info.name.removeprefix("bench_") not in only:
            continue
        started = time.perf_counter()
        print(f"== {info.name}", flush=True)
        try:
            module = importlib.import_module(f"bench.{info.name}")
            figures = module.run()
        except Exception as exc:  # report and go on with the other benchmarks
            failed.append(info.name)
            print(f"   FAILED: {exc!r}", flush=True)
            continue
        for name, fig in figures.items():
            print(
                f"   {name:<40} {fig['value']:>12.4g} {fig['unit']:<6} "
                f"reference {fig['reference']:.4g}  ratio {fig['ratio']:.3g}",
                flush=True,
            )
        results.update(figures)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    OUT.parent.mkdir(exist_ok=True)
    existing = json.loads(OUT.read_text()) if OUT.exists() and only else {}
    existing.update(results)
    OUT.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(existing)} figures)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
