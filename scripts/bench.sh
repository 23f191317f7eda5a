#!/usr/bin/env bash
# `make bench`: nokori beside its peers on generated data, in one run, on this machine.
# Prints a Markdown block for BENCHMARKS.md: hyperfine's mean wall time over 3 runs after a
# warm-up (page cache warm for both tools alike; both use every core).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DATA:-bench-data}
python3 scripts/bench-data.py "$data"
bin=.build/release/nokori
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NOKORI_KEY_FILE="$work/key"

mb() { du -sb "$1" | awk '{printf "%.1f", $1/1000000}'; }
count() { find "$1" -type f | wc -l; }
mean() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][$2]['mean'])" "$1"; }

# Issue 2 measures the four foundation detectors: they get a folder of their own (the default
# set is the whole catalogue, measured against them further down).
four="$work/four-patterns"
mkdir -p "$four"
cp Patterns/jp.my_number.yaml Patterns/pii.email.yaml Patterns/pii.phone.yaml Patterns/fin.credit_card.yaml "$four/"

run_pair() { # slug name dir
  local slug=$1 name=$2 dir=$3
  # A failed run must not pass for a fast one: check the exit status first (0, or 3 for gaps).
  "$bin" scan --quiet --db "$work/check.db" "$dir" > /dev/null || [ $? -eq 3 ] || { echo "nokori failed on $dir" >&2; exit 1; }
  hyperfine --warmup 1 --runs 3 --ignore-failure --export-json "$work/$slug.json" \
    -n nokori "$bin scan --quiet --db $work/$slug.db --patterns $four --min-confidence medium --jobs $(nproc) $dir" \
    -n ripgrep "rg -c '[0-9]{12}' $dir" >/dev/null 2>&1
  local ours theirs size files
  ours=$(mean "$work/$slug.json" 0)
  theirs=$(mean "$work/$slug.json" 1)
  size=$(mb "$dir")
  files=$(count "$dir")
  python3 - "$name" "$size" "$files" "$ours" "$theirs" <<'PY'
import sys
name, size, files, ours, theirs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
print(f"| {name} | {size:.0f} MB, {files} files | {size/ours:.0f} MB/s, {files/ours:.0f} files/s ({ours:.2f} s) "
      f"| {size/theirs:.0f} MB/s, {files/theirs:.0f} files/s ({theirs:.2f} s) | {theirs/ours:.2f} |")
PY
}

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(rg --version 2>/dev/null | sed -n 1p); nokori $($bin --version)"
echo
echo "| data | size | nokori (4 detectors) | ripgrep \`rg -c '[0-9]{12}'\` | ratio (nokori/rg speed) |"
echo "|---|---|---|---|---|"
run_pair text "mixed text and CSV" "$data/text"
run_pair small "50,000 small files" "$data/small"
run_pair exports "customer exports only (dense)" "$data/exports"

# The whole catalogue against the four foundation detectors, same binary, same run (issue 3:
# the catalogue must keep at least half the four detectors' throughput).
run_catalogue() { # slug name dir
  local slug=$1 name=$2 dir=$3
  hyperfine --warmup 1 --runs 3 --ignore-failure --export-json "$work/cat-$slug.json" \
    -n catalogue "$bin scan --quiet --db $work/cat-$slug.db --min-confidence medium --jobs $(nproc) $dir" \
    -n four "$bin scan --quiet --db $work/four-$slug.db --patterns $four --min-confidence medium --jobs $(nproc) $dir" \
    >/dev/null 2>&1
  python3 - "$name" "$(mb "$dir")" "$(mean "$work/cat-$slug.json" 0)" "$(mean "$work/cat-$slug.json" 1)" <<'PY'
import sys
name, size, whole, four = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"| {name} | {size/whole:.0f} MB/s ({whole:.2f} s) | {size/four:.0f} MB/s ({four:.2f} s) | {four/whole:.2f} |")
PY
}
echo
echo "| data | nokori, whole catalogue ($(ls Patterns/*.yaml | wc -l) patterns) | nokori, 4 foundation detectors | ratio (catalogue/four speed) |"
echo "|---|---|---|---|"
run_catalogue text "mixed text and CSV" "$data/text"
run_catalogue exports "customer exports only (dense)" "$data/exports"

# Peak memory on one 2 GB text file.
/usr/bin/time -v "$bin" scan --quiet --db "$work/big.db" "$data/big" > /dev/null 2> "$work/time.txt" || true
rss=$(awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print $2}' "$work/time.txt")
elapsed=$(awk '/Elapsed \(wall clock\)/{print $NF}' "$work/time.txt")
/usr/bin/time -v rg -c '[0-9]{12}' "$data/big" > /dev/null 2> "$work/time-rg.txt" || true
rss_rg=$(awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print $2}' "$work/time-rg.txt")
echo
echo "Peak RSS scanning one 2 GB text file: nokori $((rss / 1024)) MB (wall $elapsed), ripgrep $((rss_rg / 1024)) MB"
echo; ./scripts/bench-xml.sh  # XML exports and Office files beside xmllint and unzip

echo
echo "Confirm and export (scripts/bench-confirm.sh):"
echo
./scripts/bench-confirm.sh
echo; ./scripts/bench-pdf.sh  # text PDFs beside pdftotext, workers and in-process
echo; ./scripts/bench-ocr.sh  # ID images beside the tesseract command; photos that skip OCR
echo; ./scripts/bench-mail.sh  # saved e-mails beside their bodies as plain text
echo; echo "SMB shares (scripts/bench-smb.sh):"; echo; ./scripts/bench-smb.sh  # 2,000 files over SMB on loopback beside the same files locally
echo; ./scripts/bench-sweep.sh  # nightly sweeps: 200,000 small files, then 1% changed, beside find
