"""``python -m bench``: the full benchmark, written to docs/prestanda.md.
``python -m bench --smoke``: a tiny run that only proves the benchmark still works (CI).
``python -m bench --easy-read``: rewrite only the report's Lättläst section from the real content.
``python -m bench --serve``: measure only the mkdocs serve budget again and rewrite its row.
``python -m bench --search``: score only the search's quality on the real site (ours and Pagefind,
bench/search_queries.yml) and rewrite the report's Sökkvalitet section."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.run import ROOT, run, update_easy_read_section, update_quality_section, update_serve_row


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, no budgets enforced, no report")
    parser.add_argument("--report", default=str(ROOT / "docs" / "prestanda.md"))
    parser.add_argument("--easy-read", action="store_true",
                        help="only rewrite the Lättläst section of the report (LIX of the real records)")
    parser.add_argument("--serve", action="store_true",
                        help="only measure the mkdocs serve budget again and rewrite its row of the report")
    parser.add_argument("--search", action="store_true",
                        help="only score the search on the real site and rewrite the Sökkvalitet section")
    args = parser.parse_args()
    if args.search:
        return 0 if update_quality_section(Path(args.report)) else 1
    if args.serve:
        return 0 if update_serve_row(Path(args.report)) else 1
    if args.easy_read:
        update_easy_read_section(Path(args.report))
        return 0
    if args.smoke:
        status = run([("riktiga", 0, 0), ("10/30", 10, 30), ("20/60", 20, 60)], serve=True, report=None,
                     command="python -m bench --smoke", queries=["arbetsgivare", "kommun 0012"],
                     search_all_sizes=False, quality=False)
        print("Röktest klart: mätningen fungerar (budgetarna gäller bara den fulla körningen).")
        return 0 if status in (0, 1) else status
    return run([("riktiga", 0, 0), ("290/1000", 290, 1000), ("290/5000", 290, 5000)], serve=True,
               report=Path(args.report), command="python -m bench")


if __name__ == "__main__":
    sys.exit(main())
