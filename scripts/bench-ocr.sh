#!/usr/bin/env bash
# OCR part of `make bench` (issue 6), in one run on this machine. Expects the release binary.
#  1. Seconds per ID-document image: nokori (worker process, one engine loaded once, first look,
#     rotation retries) beside the `tesseract IMG - -l jpn+eng` command on the same images, one
#     after another, both with OMP_THREAD_LIMIT=1 and --jobs 1 (goal: nokori ≤ 1.2x).
#  2. The share of a mixed photo folder that skips OCR (goal ≥ 90 %).
# Prints a Markdown block for BENCHMARKS.md ("Images and OCR"), CPU time beside wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/nokori
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NOKORI_KEY_FILE="$work/key" OMP_THREAD_LIMIT=1

ids="$work/ids"
mkdir -p "$ids"
# The document images of the corpus (not the negatives, the TIFF or the PDF).
awk -F'\t' '!/^#/ && $2 != "-" && $1 !~ /\.(tif|pdf)$/ {print $1}' Corpus/images/labels.tsv |
  while read -r name; do cp "Corpus/images/$name" "$ids/"; done
count=$(find "$ids" -type f | wc -l)

cpu() { awk -F: '/User time|System time/{s+=$2} END{printf "%.2f", s}' "$1"; }
wall() { awk '/Elapsed \(wall clock\)/{split($NF,t,":"); if (length(t)==3) print t[1]*3600+t[2]*60+t[3]; else print t[1]*60+t[2]}' "$1"; }

/usr/bin/time -v "$bin" scan --quiet --jobs 1 --db "$work/ids.db" "$ids" > /dev/null 2> "$work/nokori.txt" || [ $? -eq 1 ] || true
# GNU time counts a worker's CPU only when the scanner reaped it before exiting, so CPU is
# measured with the same OCR in the scanning process (--pdf-in-process covers images too).
/usr/bin/time -v "$bin" scan --quiet --jobs 1 --pdf-in-process --db "$work/ids-in.db" "$ids" > /dev/null 2> "$work/nokori-in.txt" || [ $? -eq 1 ] || true
/usr/bin/time -v bash -c "for f in $ids/*; do tesseract \"\$f\" - -l jpn+eng > /dev/null 2>&1; done" 2> "$work/tess.txt"
# The fairer peer: one tesseract process over a list of the images (models loaded once, as nokori's worker does).
ls "$ids"/* > "$work/list.txt"
/usr/bin/time -v tesseract "$work/list.txt" - -l jpn+eng > /dev/null 2> "$work/tess-list.txt"
ours_cpu=$(cpu "$work/nokori-in.txt"); ours_wall=$(wall "$work/nokori.txt")
in_wall=$(wall "$work/nokori-in.txt")
peer_cpu=$(cpu "$work/tess.txt"); peer_wall=$(wall "$work/tess.txt")
list_cpu=$(cpu "$work/tess-list.txt"); list_wall=$(wall "$work/tess-list.txt")

# A mixed photo folder: 90 photo-like pictures and 10 ID images.
mixed="$work/mixed"
/usr/bin/python3 scripts/make-corpus-images.py --photos "$mixed" 90
ls "$ids" | head -10 | while read -r name; do cp "$ids/$name" "$mixed/id_$name"; done
"$bin" scan --quiet --jobs 2 --db "$work/mixed.db" "$mixed" > /dev/null || true
"$bin" files --db "$work/mixed.db" --run 1 --format csv > "$work/files.csv"
photos=$(grep -c '/photo_' "$work/files.csv" || true)
skipped=$(grep '/photo_' "$work/files.csv" | grep -c 'image-skipped' || true)
ids_skipped=$(grep '/id_' "$work/files.csv" | grep -c 'image-skipped' || true)

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(tesseract --version 2>&1 | sed -n 1p); nokori $($bin --version); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 - "$count" "$ours_wall" "$ours_cpu" "$peer_wall" "$peer_cpu" "$photos" "$skipped" "$ids_skipped" "$list_wall" "$list_cpu" "$in_wall" <<'PY'
import sys
n = int(sys.argv[1])
ow, oc, pw, pc = map(float, sys.argv[2:6])
photos, skipped, ids_skipped = map(int, sys.argv[6:9])
lw, lc, iw = map(float, sys.argv[9:12])
print(f"{n} ID-document images (Corpus/images: cards front and back, passport pages, 住民票; clean, skewed, blurred, "
      "turned, photographed on a desk), one at a time:")
print()
print("| command | wall | CPU (user+sys) | s per image (wall) | s per image (CPU) |")
print("|---|---|---|---|---|")
print(f"| nokori scan --jobs 1 (worker, OCR auto) | {ow:.1f} s | – | {ow/n:.2f} | – |")
print(f"| nokori scan --jobs 1 --pdf-in-process (OCR auto) | {iw:.1f} s | {oc:.1f} s | {iw/n:.2f} | {oc/n:.2f} |")
print(f"| tesseract IMG - -l jpn+eng, one per image | {pw:.1f} s | {pc:.1f} s | {pw/n:.2f} | {pc/n:.2f} |")
print(f"| tesseract LIST - -l jpn+eng, one process | {lw:.1f} s | {lc:.1f} s | {lw/n:.2f} | {lc/n:.2f} |")
print()
print(f"nokori / tesseract per image: wall **{ow/pw:.2f}x**, CPU **{oc/pc:.2f}x** (goal ≤ 1.2x); "
      f"against one tesseract process over the list: wall **{ow/lw:.2f}x**, CPU **{oc/lc:.2f}x**.")
print()
print(f"Mixed photo folder: {skipped} of {photos} photos skipped OCR (**{100*skipped/max(1,photos):.0f} %**, goal ≥ 90 %); "
      f"ID images wrongly skipped: {ids_skipped} of 10.")
PY
