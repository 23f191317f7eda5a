#!/usr/bin/env bash
# PDF part of `make bench`: nokori beside pdftotext on the same generated text PDFs, in one
# run. Prints a Markdown block for BENCHMARKS.md ("PDF"). Expects the release binary.
# pdftotext runs over the files one after another (serial, as a script would); nokori runs
# with --jobs 2, PDFs parsed in worker processes (the default) and in-process, to price the
# isolation.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DATA:-bench-data}/pdf
[ -d "$data" ] || ./scripts/make-corpus-pdf.py "$data" --bench 300
bin=.build/release/nokori
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NOKORI_KEY_FILE="$work/key"

files=$(find "$data" -name '*.pdf' | wc -l)
pages=$(for f in "$data"/*.pdf; do pdfinfo "$f" | awk '/^Pages:/{print $2}'; done | awk '{s+=$1} END{print s}')
mb=$(du -sb "$data" | awk '{printf "%.1f", $1/1000000}')
# A failed run must not pass for a fast one: check nokori's exit status first (0, or 3 for gaps).
"$bin" scan --quiet --db "$work/check.db" "$data" > /dev/null || [ $? -eq 3 ] || { echo "nokori failed on $data" >&2; exit 1; }

hyperfine --warmup 1 --runs 3 --export-json "$work/pdf.json" \
  -n "nokori --jobs 2 (workers)" "$bin scan --quiet --db $work/w.db --min-confidence medium --jobs 2 $data" \
  -n "nokori --jobs 2 --pdf-in-process" "$bin scan --quiet --db $work/i.db --min-confidence medium --jobs 2 --pdf-in-process $data" \
  -n "nokori --jobs 1 (worker)" "$bin scan --quiet --db $work/w1.db --min-confidence medium --jobs 1 $data" \
  -n "nokori --jobs 1 --pdf-in-process" "$bin scan --quiet --db $work/i1.db --min-confidence medium --jobs 1 --pdf-in-process $data" \
  -n "pdftotext, serial" "for f in $data/*.pdf; do pdftotext -q \$f /dev/null; done" > /dev/null 2>&1

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(pdftotext -v 2>&1 | sed -n 1p); nokori $($bin --version); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "$files PDFs, $pages pages, $mb MB (scripts/make-corpus-pdf.py --bench 300: half Japanese CID-font text, half English)"
echo
python3 - "$work/pdf.json" "$pages" <<'PY'
import json, sys
results, pages = json.load(open(sys.argv[1]))['results'], int(sys.argv[2])
print("| command | wall (mean of 3) | pages/s (wall) | CPU (user+sys) | pages/s per CPU second |")
print("|---|---|---|---|---|")
for r in results:
    cpu = r['user'] + r['system']
    print(f"| {r['command']} | {r['mean']:.2f} s ± {r['stddev']:.2f} | {pages / r['mean']:.0f} | {cpu:.2f} s | {pages / cpu:.0f} |")
by = {r['command']: r for r in results}
peer = by['pdftotext, serial']['mean']
workers, inproc = by['nokori --jobs 2 (workers)']['mean'], by['nokori --jobs 2 --pdf-in-process']['mean']
w1, i1 = by['nokori --jobs 1 (worker)']['mean'], by['nokori --jobs 1 --pdf-in-process']['mean']
print()
print(f"nokori --jobs 2 (workers) / pdftotext serial throughput: **{peer / workers:.2f}x** (goal ≥ 1.6x); "
      f"in-process: {peer / inproc:.2f}x.")
print(f"Cost of worker isolation (wall): --jobs 2 **{(workers / inproc - 1) * 100:+.1f} %**, "
      f"--jobs 1 {(w1 / i1 - 1) * 100:+.1f} % (goal < 10 %).")
PY
