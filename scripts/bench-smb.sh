#!/usr/bin/env bash
# The same 2,000 files (scripts/bench-smb-data.py) scanned locally and over SMB from a Samba
# server on loopback (scripts/samba-test-server.sh), at several in-flight widths (--jobs:
# files read at once; each has its own SMB connection). Prints a Markdown block for
# BENCHMARKS.md: wall, files/s, MB/s, CPU of nokori and of smbd (same machine: the server's
# work is part of the cost here, unlike a real file server), and the ratio to the local scan.
# Needs root (smbd); skipped with the reason otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DATA:-bench-data}/smb
bin=${NOKORI_BIN:-.build/release/nokori}
port=${BENCH_SMB_PORT:-4450}
runs=${BENCH_SMB_RUNS:-3}
widths=${BENCH_SMB_JOBS:-2 4 8 16}
if [[ $(id -u) -ne 0 || ! -x /usr/sbin/smbd ]]; then
  echo "SMB bench skipped: needs root and smbd (apt-get install samba)"; exit 0
fi
python3 scripts/bench-smb-data.py "$data"
work=$(mktemp -d)
state="$work/samba"
trap 'scripts/samba-test-server.sh stop "$state"; rm -rf "$work"' EXIT
export NOKORI_KEY_FILE="$work/key"
scripts/samba-test-server.sh start "$state" "$port" "$(realpath "$data")" nokoritest nokori-bench-pass
printf 'username = nokoritest\npassword = nokori-bench-pass\ndomain = NOKORITEST\n' > "$work/cred"
chmod 600 "$work/cred"
url="smb://127.0.0.1:$port/corpus"
bytes=$(du -sb "$data" | awk '{print $1}')
files=$(find "$data" -type f | wc -l)

# CPU seconds smbd and its (reaped) per-connection children have used so far.
smbd_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15 + $16 + $17) / hz}' "/proc/$(cat "$state/run/smbd.pid")/stat"
}
# measure LABEL ROOT JOBS: median wall of $runs runs, with nokori's and smbd's CPU time per run.
measure() {
  local label=$1 root=$2 jobs=$3 walls=() cpus=() servers=()
  for _ in $(seq "$runs"); do
    local before after
    before=$(smbd_cpu)
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" scan --quiet --db "$work/bench.db" --jobs "$jobs" \
      --smb-credentials "$work/cred" "$root" > /dev/null || [ $? -ne 2 ] || { echo "nokori failed on $root" >&2; exit 1; }
    after=$(smbd_cpu)
    walls+=("$(awk '{print $1}' "$work/time")")
    cpus+=("$(awk '{print $2 + $3}' "$work/time")")
    servers+=("$(echo "$after - $before" | bc -l)")
  done
  python3 - "$label" "$jobs" "$bytes" "$files" "${walls[*]}" "${cpus[*]}" "${servers[*]}" <<'PY'
import statistics, sys
label, jobs, size, files = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
walls, cpus, servers = ([float(x) for x in a.split()] for a in sys.argv[5:8])
wall = statistics.median(walls)
print(f"{label}\t{jobs}\t{wall:.3f}\t{files / wall:.0f}\t{size / wall / 1e6:.1f}\t{statistics.median(cpus):.2f}\t{statistics.median(servers):.2f}")
PY
}

"$bin" scan --quiet --db "$work/warm.db" "$data" > /dev/null || true   # warm the page cache for both
{
  measure local "$data" "$(nproc)"
  for jobs in $widths; do measure smb "$url" "$jobs"; done
} > "$work/results.tsv"
# The SMB scan must find what the local one found (same fingerprints, paths relative to the root).
"$bin" scan --quiet --format jsonl --db "$work/check.db" "$data" | sed "s|$(realpath "$data")||; s|\"run\":[0-9]*||" | sort > "$work/local.jsonl" || true
"$bin" scan --quiet --format jsonl --db "$work/check.db" --smb-credentials "$work/cred" "$url" | sed "s|$url||; s|\"run\":[0-9]*||" | sort > "$work/smb.jsonl" || true
same=$(cmp -s "$work/local.jsonl" "$work/smb.jsonl" && echo "identical" || echo "DIFFERENT")

echo "Machine: $(nproc) cores, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg); nokori $($bin --version); Samba $(/usr/sbin/smbd --version | awk '{print $2}')"
echo "Data: $files files, $(echo "$bytes / 1000000" | bc) MB; findings over SMB vs local: $same ($(wc -l < "$work/local.jsonl") findings)"
echo
python3 - "$work/results.tsv" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
local = float(rows[0][2])
print("| scan | --jobs | wall (median of runs) | files/s | MB/s | nokori CPU | smbd CPU | throughput vs local |")
print("|---|---|---|---|---|---|---|---|")
for label, jobs, wall, fps, mbps, cpu, server in rows:
    server = "–" if label == "local" else f"{float(server):.2f} s"
    print(f"| {label} | {jobs} | {float(wall):.2f} s | {fps} | {mbps} | {cpu} s | {server} | {local / float(wall):.2f} |")
PY
