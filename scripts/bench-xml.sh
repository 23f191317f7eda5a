#!/usr/bin/env bash
# XML and Office part of `make bench`: nokori beside xmllint (XML) and unzip (xlsx) on
# generated data, in one run. Prints a Markdown block for BENCHMARKS.md ("XML and Office").
# Expects the release binary (make bench builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DATA:-bench-data}/structured
python3 scripts/bench-xml-data.py "$data"
bin=${BIN:-.build/release/nokori}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NOKORI_KEY_FILE="$work/key"
xml="$data/export.xml"
xlsx="$data/customers.xlsx"

field() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print(r[sys.argv[3]])" "$@"; }
peak() { # command… → peak RSS in MB and elapsed, from GNU time
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || true
  awk -F': ' '/Maximum resident set size/{rss=$2} /Elapsed \(wall clock\)/{el=$2} END{printf "%d MB (wall %s)", rss/1024, el}' "$work/time.txt"
}

# A failed run must not pass for a fast one: check nokori's exit status first (0, or 3 for gaps).
"$bin" scan --quiet --db "$work/check.db" "$xml" > /dev/null || [ $? -eq 3 ] || { echo "nokori failed on $xml" >&2; exit 1; }
xmllint --stream --noout "$xml" || { echo "xmllint rejects $xml" >&2; exit 1; }

hyperfine --warmup 1 --runs 3 --export-json "$work/xml.json" \
  -n nokori "$bin scan --quiet --db $work/xml.db --min-confidence medium $xml > /dev/null" \
  -n xmllint "xmllint --stream --noout $xml" > /dev/null 2>&1
hyperfine --warmup 1 --runs 3 --export-json "$work/xlsx.json" \
  -n nokori "$bin scan --quiet --db $work/xlsx.db --min-confidence medium $xlsx > /dev/null" \
  -n unzip "unzip -p $xlsx > /dev/null" > /dev/null 2>&1

size=$(stat -c %s "$xml")
xsize=$(stat -c %s "$xlsx")
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); $(xmllint --version 2>&1 | sed -n 1p); nokori $($bin --version)"
echo
python3 - "$work/xml.json" "$work/xlsx.json" "$size" "$xsize" <<'PY'
import json, sys
xml, xlsx = json.load(open(sys.argv[1]))['results'], json.load(open(sys.argv[2]))['results']
size, xsize = int(sys.argv[3]), int(sys.argv[4])
def row(name, r, size):
    cpu = r['user'] + r['system']
    return (f"| {name} | {r['mean']:.2f} s ± {r['stddev']:.2f} (min {r['min']:.2f}) | {size / r['mean'] / 1e6:.0f} MB/s "
            f"| {cpu:.2f} s | {size / cpu / 1e6:.0f} MB/s |")
print(f"XML export, {size / 1e6:.0f} MB:")
print()
print("| command | wall (mean of 3) | wall throughput (mean) | CPU (user+sys) | CPU throughput |")
print("|---|---|---|---|---|")
print(row("nokori scan (every detector in Patterns/)", xml[0], size))
print(row("xmllint --stream --noout", xml[1], size))
print()
print(f"Ratio nokori/xmllint throughput: wall {xml[1]['mean'] / xml[0]['mean']:.2f} (best runs {xml[1]['min'] / xml[0]['min']:.2f}), "
      f"CPU {(xml[1]['user'] + xml[1]['system']) / (xml[0]['user'] + xml[0]['system']):.2f}")
print()
print(f"xlsx, 100,000 rows, {xsize / 1e6:.1f} MB on disk:")
print()
print("| command | wall (mean of 3) | CPU (user+sys) |")
print("|---|---|---|")
for name, r in (("nokori scan (every detector in Patterns/)", xlsx[0]), ("unzip -p > /dev/null", xlsx[1])):
    print(f"| {name} | {r['mean']:.2f} s ± {r['stddev']:.2f} | {r['user'] + r['system']:.2f} s |")
PY
echo
echo "Peak RSS: nokori on the XML $(peak "$bin" scan --quiet --db "$work/p1.db" "$xml"), xmllint $(peak xmllint --stream --noout "$xml");"
echo "nokori on the xlsx $(peak "$bin" scan --quiet --db "$work/p2.db" "$xlsx"), unzip $(peak unzip -p "$xlsx")."
