#!/usr/bin/env bash
# Nightly sweeps (issue 8): a tree of N small files (default 200,000) swept once, then again
# after 1% of the files changed (goal: the second under 10% of the first), then once more with
# nothing changed — that sweep is the stat phase alone (walk, stat, carry every verdict over,
# write the inventory) — beside `find TREE -type f -printf '%s %T@\n'` in the same run.
# Wall and CPU (user+sys) from GNU time; the load before and after is printed: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-.build/release/nokori}
files=${SWEEP_FILES:-200000}
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

timed() { # label command...: prints "wall cpu" seconds
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/$label.time" "$@" > "$work/$label.out" 2> "$work/$label.err" || {
    local status=$?; [ $status -eq 1 ] || [ $status -eq 3 ] || { echo "$label failed ($status)" >&2; cat "$work/$label.err" >&2; exit 1; }
  }
  tail -n 1 "$work/$label.time" | awk '{printf "%.2f %.2f", $1, $2 + $3}'
}

sync
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
read -r first_wall first_cpu <<< "$(timed first "$bin" sweep --config "$work/sweep.yaml")"
# Change 1% of the files: every 100th gets a line appended (new size, mtime and ctime).
find "$tree" -type f -name 'memo*00.txt' -print0 | head -z -n $((files / 100)) | xargs -0 -n 1000 sh -c 'for f; do echo "追記" >> "$f"; done' sh
changed=$(find "$tree" -type f -newer "$work/first.out" | wc -l)
read -r second_wall second_cpu <<< "$(timed second "$bin" sweep --config "$work/sweep.yaml")"
read -r stat_wall stat_cpu <<< "$(timed unchanged "$bin" sweep --config "$work/sweep.yaml")"
read -r find_wall find_cpu <<< "$(timed find find "$tree" -type f -printf '%s %T@\n')"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
read_second=$(grep -o 'event=sweep.done.* read=[0-9]*' "$work/second.err" | grep -o 'read=[0-9]*' | cut -d= -f2)

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); load before $load_before, after $load_after; nokori $($bin --version)"
echo
echo "| $files small files | wall | CPU (user+sys) | files read |"
echo "|---|---|---|---|"
echo "| first sweep | ${first_wall} s | ${first_cpu} s | $files |"
echo "| second sweep, $changed files changed (1%) | ${second_wall} s | ${second_cpu} s | ${read_second:-?} |"
echo "| third sweep, nothing changed (the stat phase) | ${stat_wall} s | ${stat_cpu} s | 0 |"
echo "| \`find TREE -type f -printf '%s %T@\\n'\` | ${find_wall} s | ${find_cpu} s | — |"
python3 - "$first_wall" "$second_wall" "$stat_wall" "$find_wall" <<'PY'
import sys
first, second, stat, find = map(float, sys.argv[1:])
print(f"\nsecond / first: {second / first:.3f} (goal < 0.10); stat phase / find: {stat / max(find, 0.01):.1f}x")
PY
