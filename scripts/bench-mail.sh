#!/usr/bin/env bash
# Mail part of `make bench`: 10,000 generated saved e-mails (ISO-2022-JP, Shift_JIS, EUC-JP and
# UTF-8; 7bit, base64 and quoted-printable; 10% with a CSV or PDF attachment) beside the same
# bodies as plain UTF-8 text files, in one run: what reading mail costs over reading its text.
# Prints a Markdown block for BENCHMARKS.md ("Mail"). Expects the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DATA:-bench-data}/mail
[ -d "$data/mails" ] || ./scripts/make-corpus-mail.py --bench 10000 "$data"
bin=.build/release/nokori
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NOKORI_KEY_FILE="$work/key"

# A failed run must not pass for a fast one: check nokori's exit status first (0, or 3 for gaps).
for dir in "$data/mails" "$data/plain"; do
  "$bin" scan --quiet --db "$work/check.db" "$dir" > /dev/null || [ $? -eq 3 ] || { echo "nokori failed on $dir" >&2; exit 1; }
done

hyperfine --warmup 1 --runs 3 --export-json "$work/mail.json" \
  -n "nokori, 10,000 .eml" "$bin scan --quiet --db $work/m.db --min-confidence medium --jobs $(nproc) $data/mails" \
  -n "nokori, the same bodies as .txt" "$bin scan --quiet --db $work/p.db --min-confidence medium --jobs $(nproc) $data/plain" \
  > /dev/null 2>&1

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); nokori $($bin --version); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
python3 - "$work/mail.json" "$(find "$data/mails" -type f | wc -l)" "$(du -sb "$data/mails" | cut -f1)" \
  "$(du -sb "$data/plain" | cut -f1)" "$(find "$data/mails" -type f -exec grep -l '^Content-Disposition: attachment' {} + | wc -l)" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))['results']
files, mail_bytes, plain_bytes, attached = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"{files} mails ({mail_bytes / 1e6:.1f} MB, {attached} with an attachment); the same bodies as text: {plain_bytes / 1e6:.1f} MB")
print()
print("| command | wall (mean of 3) | files/s | MB/s of input | CPU (user+sys) | files per CPU second |")
print("|---|---|---|---|---|---|")
for r, size in zip(results, (mail_bytes, plain_bytes)):
    cpu = r['user'] + r['system']
    print(f"| {r['command']} | {r['mean']:.2f} s ± {r['stddev']:.2f} | {files / r['mean']:.0f} | {size / 1e6 / r['mean']:.1f} | {cpu:.2f} s | {files / cpu:.0f} |")
mail, plain = results[0], results[1]
print()
print(f"Mails per second against text files per second (same bodies, same run): **{plain['mean'] / mail['mean']:.2f}** "
      f"of the text-only rate by wall time, {(plain['user'] + plain['system']) / (mail['user'] + mail['system']):.2f} by CPU time.")
PY
