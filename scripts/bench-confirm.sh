#!/usr/bin/env bash
# Confirm and export at scale: COUNT (default 100,000) small flagged files are generated under
# bench-data/confirm, scanned once, then `nokori confirm` (open read-only, fstat, SHA-256 of
# every file, one store record each) is timed beside a plain stat of the same paths and
# beside sha256sum of them; then `nokori export` and `nokori verify` of that run: time and
# bundle size. Prints a Markdown block for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${CONFIRM_FILES:-100000}
data=${BENCH_DATA:-bench-data}/confirm-$count
bin=${NOKORI_BIN:-.build/release/nokori}
python3 scripts/bench-confirm-data.py "$data" "$count"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NOKORI_KEY_FILE="$work/key" NOKORI_SIGNING_KEY="$work/signing.key" NOKORI_DB="$work/n.db"
# Mean wall time, and mean CPU time (user + system): this machine is shared, CPU time varies less.
mean() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print(r['mean'], r['user'] + r['system'])" "$1" "$2"; }
# timed OUT COMMAND...: runs COMMAND with its stdout to OUT; prints its wall and CPU seconds.
timed() { local out=$1; shift; /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" > "$out"; awk '{print $1, $2 + $3}' "$work/time.txt"; }

scan_start=$(date +%s.%N)
"$bin" scan --quiet --format jsonl "$data" > /dev/null
scan_end=$(date +%s.%N)
flagged=$("$bin" runs --format jsonl | python3 -c "import json,sys; print(json.loads(sys.stdin.readline())['files_flagged'])")
[ "$flagged" -eq "$count" ] || { echo "expected $count flagged files, the scan flagged $flagged" >&2; exit 1; }
"$bin" files --run 1 --format jsonl | python3 -c "import json,sys; [print(json.loads(l)['path']) for l in sys.stdin]" > "$work/paths"

# Each timed command reads the same files; confirm's exit code is 1 here (every file is still present).
hyperfine --warmup 1 --runs 3 --ignore-failure --export-json "$work/confirm.json" \
  -n confirm "$bin confirm --run 1 --quiet --format jsonl > /dev/null" \
  -n stat "xargs -d '\n' stat -c '%s %Y' < $work/paths > /dev/null" \
  -n sha256sum "xargs -d '\n' sha256sum < $work/paths > /dev/null" >/dev/null 2>&1
confirm=$(mean "$work/confirm.json" 0)
stat=$(mean "$work/confirm.json" 1)
sha=$(mean "$work/confirm.json" 2)

export_time=$(timed /dev/null "$bin" export --run 1 --quiet --out "$work/bundle.zip")
verify_time=$(timed "$work/verify.txt" "$bin" verify "$work/bundle.zip")
grep -q '^OK:' "$work/verify.txt" || { cat "$work/verify.txt" >&2; exit 1; }
size=$(stat -c %s "$work/bundle.zip")
people=$("$bin" report --run 1 --format json | python3 -c "import json,sys; print(json.load(sys.stdin)['people_at_most'])")
records=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from confirmations').fetchone()[0])" "$work/n.db")

python3 - "$count" "$confirm" "$stat" "$sha" "$scan_start" "$scan_end" "$export_time" "$verify_time" "$size" "$people" "$records" <<'PY'
import sys
count = int(sys.argv[1])
(confirm, confirm_cpu), (stat, stat_cpu), (sha, sha_cpu) = [map(float, a.split()) for a in sys.argv[2:5]]
scan = float(sys.argv[6]) - float(sys.argv[5])
(export, export_cpu), (verify, verify_cpu) = [map(float, a.split()) for a in sys.argv[7:9]]
size, people, records = int(sys.argv[9]), int(sys.argv[10]), int(sys.argv[11])
print("| run | nokori confirm (open, fstat, SHA-256, record) | plain stat of the same paths | sha256sum of the same paths | ratio |")
print("|---|---|---|---|---|")
print(f"| {count:,} flagged files | `nokori confirm` {confirm:.2f} s, CPU {confirm_cpu:.2f} s ({count/confirm:,.0f} files/s) "
      f"| `xargs stat` {stat:.2f} s, CPU {stat_cpu:.2f} s | `xargs sha256sum` {sha:.2f} s, CPU {sha_cpu:.2f} s "
      f"| wall {confirm/stat:.1f}× stat, {confirm/sha:.1f}× sha256sum |")
print()
print(f"Scan of the tree (once, for the run): {scan:.1f} s. Export of that run: {export:.2f} s (CPU {export_cpu:.2f} s), "
      f"bundle {size/1e6:.1f} MB ({records:,} confirmation records, {people:,} people); "
      f"verify: {verify:.2f} s (CPU {verify_cpu:.2f} s).")
PY
