#!/usr/bin/env python3
"""Generates COUNT small flagged files for the confirm/export benchmark: 100 files per
folder, each a short memo with one distinct, valid My Number next to its keyword (so every
file is flagged at high confidence and the run exposes COUNT distinct people)."""
import os
import sys


def my_number(serial):
    body = f"{serial:011d}"
    digits = [int(c) for c in body]
    # The check digit as the My Number ordinance defines it: weights counted from the right.
    total = sum(d * (n + 1 if n <= 6 else n - 5) for n, d in zip(range(1, 12), reversed(digits)))
    remainder = total % 11
    return body + str(0 if remainder <= 1 else 11 - remainder)


def main():
    root, count = sys.argv[1], int(sys.argv[2])
    marker = os.path.join(root, f".complete-{count}")
    if os.path.exists(marker):
        return
    for index in range(count):
        folder = os.path.join(root, f"dept{index // 100:04d}")
        if index % 100 == 0:
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"memo{index:06d}.txt"), "w", encoding="utf-8") as out:
            out.write(f"顧客メモ {index}\n個人番号: {my_number(10_000_000_000 + index * 7919)}\n対応済み\n")
    open(marker, "w").close()


if __name__ == "__main__":
    main()
