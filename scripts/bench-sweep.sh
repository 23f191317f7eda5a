#!/usr/bin/env bash
# Nightly sweeps (issue 8): a tree of N small files (default 200,000) swept once, then again
# after 1% of the files changed (goal: the second under 10% of the first), then once more with
# nothing changed — that sweep is the stat phase alone (walk, stat, carry every verdict over,
# write the inventory) — beside `find TREE -type f -printf '%s %T@\n'` in the same run.
# Each is timed several times and reported as median and range: one run of a 0.3 s sweep on a
# shared machine moves by ±20 %. The first sweep runs SWEEP_FIRST_RUNS times (default 3), each
# into an empty store; the 1%-changed sweep SWEEP_ROUNDS times (default 5), each from the
# store the first sweep left (restored) after a fresh append to the same 1% of the files; the
# no-change sweep and `find` SWEEP_FIRST_RUNS times.
# Wall and CPU (user+sys) from GNU time; the load before and after is printed: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/release/nokori}
files=${SWEEP_FILES:-200000}
first_runs=${SWEEP_FIRST_RUNS:-3}
rounds=${SWEEP_ROUNDS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tree="$work/tree"

python3 - "$tree" "$files" <<'PY'
import os, random, sys
sys.path.insert(0, "scripts")
from synthetic_ids import my_number_check_digit
root, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(8)
for index in range(count):
    folder = os.path.join(root, f"dept{index // 10000:02d}", f"d{index // 500:04d}")
    if index % 500 == 0:
        os.makedirs(folder, exist_ok=True)
    # Small memos; one in 200 holds a customer's My Number.
    text = f"議事録 {index}: 打ち合わせ内容の記録。次回は来週。\n" * rng.randint(1, 6)
    if index % 200 == 0:
        base = "".join(str(rng.randint(0, 9)) for _ in range(11))
        text += f"個人番号: {base}{my_number_check_digit(base)}\n"
    with open(os.path.join(folder, f"memo{index}.txt"), "w", encoding="utf-8") as f:
        f.write(text)
PY

cat > "$work/sweep.yaml" <<YAML
roots:
  - $tree
store: $work/store/nokori.db
key_file: $work/key
on_finish:
  new_findings: $work/new.jsonl
YAML

timed() { # label command...: appends "wall cpu" seconds to $work/label.times
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/$label.time" "$@" > "$work/$label.out" 2> "$work/$label.err" || {
    local status=$?; [ $status -eq 1 ] || [ $status -eq 3 ] || { echo "$label failed ($status)" >&2; cat "$work/$label.err" >&2; exit 1; }
  }
  tail -n 1 "$work/$label.time" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}' >> "$work/$label.times"
}

sync
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$first_runs"); do
  rm -rf "$work/store"
  timed first "$bin" sweep --config "$work/sweep.yaml"
done
cp -a "$work/store" "$work/store.first"
changed=0
for _ in $(seq "$rounds"); do
  rm -rf "$work/store"
  cp -a "$work/store.first" "$work/store"
  touch "$work/marker"
  sleep 0.01
  # Change 1% of the files: every 100th gets a line appended (new size, mtime and ctime).
  find "$tree" -type f -name 'memo*00.txt' -print0 | head -z -n $((files / 100)) | xargs -0 -n 1000 sh -c 'for f; do echo "追記" >> "$f"; done' sh
  changed=$(find "$tree" -type f -newer "$work/marker" | wc -l)
  sync
  timed second "$bin" sweep --config "$work/sweep.yaml"
done
read_second=$(grep -o 'event=sweep.done.* read=[0-9]*' "$work/second.err" | grep -o 'read=[0-9]*' | cut -d= -f2)
for _ in $(seq "$first_runs"); do timed unchanged "$bin" sweep --config "$work/sweep.yaml"; done
for _ in $(seq "$first_runs"); do timed find find "$tree" -type f -printf '%s %T@\n'; done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); load before $load_before, after $load_after; nokori $($bin --version)"
echo
python3 - "$work" "$files" "$changed" "${read_second:-?}" <<'PY'
import statistics, sys
work, files, changed, read_second = sys.argv[1:]
def runs(label):
    rows = [tuple(map(float, line.split())) for line in open(f"{work}/{label}.times")]
    return [r[0] for r in rows], [r[1] for r in rows]
def cell(values):
    if len(values) == 1:
        return f"{values[0]:.2f} s"
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f}, {len(values)} runs)"
first, second, stat, find = (runs(label) for label in ("first", "second", "unchanged", "find"))
print(f"| {files} small files | wall: median (range, runs) | CPU (user+sys), median | files read |")
print("|---|---|---|---|")
print(f"| first sweep | {cell(first[0])} | {statistics.median(first[1]):.2f} s | {files} |")
print(f"| second sweep, {changed} files changed (1%) | {cell(second[0])} | {statistics.median(second[1]):.2f} s | {read_second} |")
print(f"| third sweep, nothing changed (the stat phase) | {cell(stat[0])} | {statistics.median(stat[1]):.2f} s | 0 |")
print(f"| `find TREE -type f -printf '%s %T@\\n'` | {cell(find[0])} | {statistics.median(find[1]):.2f} s | — |")
ratio = statistics.median(second[0]) / statistics.median(first[0])
worst = max(second[0]) / min(first[0])
stat_ratio = statistics.median(stat[0]) / max(statistics.median(find[0]), 0.01)
print(f"\nsecond / first: {ratio:.3f} by the medians (goal < 0.10); slowest second / fastest first: {worst:.3f}; "
      f"stat phase / find: {stat_ratio:.1f}x")
print("runs in order (wall, s): first " + " ".join(f"{v:.2f}" for v in first[0])
      + "; 1%-changed " + " ".join(f"{v:.2f}" for v in second[0]))
PY
