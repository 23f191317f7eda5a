#!/usr/bin/env python3
"""`make eval`: scans Corpus/ once at confidence low and scores it against every labels.tsv:
file-level precision, recall and F1 per category and overall, at each confidence threshold,
then the worst misses (false negatives and false positives at the default threshold, medium).

    python3 scripts/eval.py [--bin .build/debug/nokori] [--corpus Corpus]
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

LEVELS = ["low", "medium", "high"]


def labels(corpus):
    out = {}
    for folder, _, names in os.walk(corpus):
        if "labels.tsv" not in names:
            continue
        prefix = os.path.relpath(folder, corpus)
        prefix = "" if prefix == "." else prefix + "/"
        with open(os.path.join(folder, "labels.tsv"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or "\t" not in line:
                    continue
                path, cats = line.rstrip("\n").split("\t")
                out[prefix + path] = set() if cats == "-" else set(cats.split(","))
    return out


def scan(binary, corpus):
    with tempfile.TemporaryDirectory() as work:
        env = dict(os.environ, NOKORI_KEY_FILE=os.path.join(work, "key"))
        result = subprocess.run(
            [binary, "scan", "--quiet", "--format", "jsonl", "--min-confidence", "low", "--db",
             os.path.join(work, "eval.db"), corpus],
            capture_output=True, text=True, env=env)
        if result.returncode not in (0, 1, 3):
            sys.exit(f"nokori scan failed ({result.returncode}): {result.stderr.strip()}")
    found = collections.defaultdict(dict)  # path -> category -> best level index
    root = os.path.abspath(corpus) + "/"
    for line in result.stdout.splitlines():
        finding = json.loads(line)
        path = os.path.abspath(finding["path"])
        rel = path[len(root):] if path.startswith(root) else path
        level = LEVELS.index(finding["confidence"])
        category = finding["category"]
        # Images are labelled with the documents they show only (Corpus/images/labels.tsv).
        if rel.startswith("images/") and not category.startswith("doc."):
            continue
        found[rel][category] = max(level, found[rel].get(category, -1))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/debug/nokori")
    parser.add_argument("--corpus", default="Corpus")
    parser.add_argument("--misses", type=int, default=15)
    args = parser.parse_args()
    truth = labels(args.corpus)
    found = scan(args.bin, args.corpus)
    categories = sorted(set().union(*truth.values()) | {c for f in found.values() for c in f})
    print(f"Corpus: {len(truth)} labelled files; file-level scores per category\n")
    print("| category | files | " + " | ".join(f"P/R/F1 @{level}" for level in LEVELS) + " |")
    print("|---|---|" + "---|" * len(LEVELS))
    totals = {level: [0, 0, 0] for level in LEVELS}
    for category in categories:
        positives = sum(1 for cats in truth.values() if category in cats)
        cells = []
        for index, level in enumerate(LEVELS):
            tp = fp = fn = 0
            for path, cats in truth.items():
                got = found.get(path, {}).get(category, -1) >= index
                want = category in cats
                tp += got and want
                fp += got and not want
                fn += want and not got
            totals[level][0] += tp
            totals[level][1] += fp
            totals[level][2] += fn
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            cells.append(f"{p:.3f} / {r:.3f} / {f1:.3f}")
        print(f"| {category} | {positives} | " + " | ".join(cells) + " |")
    cells = []
    for level in LEVELS:
        tp, fp, fn = totals[level]
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        cells.append(f"{p:.3f} / {r:.3f} / {2 * p * r / (p + r) if p + r else 0:.3f}")
    print(f"| **all** | {sum(len(c) for c in truth.values())} | " + " | ".join(cells) + " |")

    medium = LEVELS.index("medium")
    misses = []
    for path, cats in sorted(truth.items()):
        got = {c for c, level in found.get(path, {}).items() if level >= medium}
        for category in sorted(cats - got):
            misses.append(("missed", category, path, found.get(path, {}).get(category)))
        for category in sorted(got - cats):
            misses.append(("false alarm", category, path, found[path][category]))
    print(f"\nWorst misses at medium ({len(misses)} in all):")
    for kind, category, path, level in misses[: args.misses]:
        seen = f" (seen at {LEVELS[level]})" if level is not None and level >= 0 else ""
        print(f"  {kind:11} {category:28} {path}{seen}")


main()
