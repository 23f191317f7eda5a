#!/usr/bin/env bash
# Interleaved A/B rounds on a noisy machine: each round runs the base binary, the current
# binary and `rg -c '[0-9]{12}'` one after the other on the same tree, so a busy minute hits
# all three alike; prints each round and the medians (wall and CPU = user+sys, GNU time).
# Usage: scripts/bench-rounds.sh BASE_BINARY DIR [ROUNDS]   (four foundation detectors, --jobs $(nproc))
set -euo pipefail
cd "$(dirname "$0")/.."
base=$1 dir=$2 rounds=${3:-5}
bin=${BIN:-.build/release/nokori}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NOKORI_KEY_FILE="$work/key"
mkdir -p "$work/four"
cp Patterns/jp.my_number.yaml Patterns/pii.email.yaml Patterns/pii.phone.yaml Patterns/fin.credit_card.yaml "$work/four/"

timed() { # label command...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > /dev/null 2>&1 || [ $? -eq 3 ] || true
  awk -v l="$label" '{printf "%s %.3f %.3f\n", l, $1, $2 + $3}' "$work/t" >> "$work/all"
}
scan() { echo "$1" scan --quiet --db "$work/db-$RANDOM.db" --patterns "$work/four" --min-confidence medium --jobs "$(nproc)" "$dir"; }
for round in $(seq "$rounds"); do
  timed base $(scan "$base")
  timed new $(scan "$bin")
  timed rg rg -c '[0-9]{12}' "$dir"
  rm -f "$work"/db-*
  tail -3 "$work/all" | tr '\n' ' '; echo
done
python3 - "$work/all" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
med = {k: (statistics.median(float(r[1]) for r in rows if r[0] == k),
           statistics.median(float(r[2]) for r in rows if r[0] == k)) for k in ("base", "new", "rg")}
best = {k: min(float(r[1]) for r in rows if r[0] == k) for k in med}
for k, (wall, cpu) in med.items():
    print(f"{k:5} median wall {wall:.3f} s  CPU {cpu:.3f} s  best {best[k]:.3f} s")
print(f"ratio to rg (median): base {med['rg'][0]/med['base'][0]:.3f}  new {med['rg'][0]/med['new'][0]:.3f}"
      f"   best-to-best: base {best['rg']/best['base']:.3f}  new {best['rg']/best['new']:.3f}")
PY
