#!/usr/bin/env python3
"""Generates the SMB benchmark tree (not committed): 2,000 files in 20 folders, a file share's
mix of sizes. 1,900 memo texts of 2-16 KB (1 line in 200 carries personal data), 50 customer
exports of 20-60 KB (every row), 50 long texts of 0.5-2 MB; about 80 MB in all.
Deterministic (fixed seed); skips a tree that already exists."""
import os, random, sys
from synthetic_ids import my_number_check_digit

out = sys.argv[1] if len(sys.argv) > 1 else "bench-data/smb"
if os.path.isdir(out):
    sys.exit(0)
rng = random.Random(11)

def my_number():
    base = "".join(rng.choice("0123456789") for _ in range(11))
    return base + str(my_number_check_digit(base))

words = ["お客様", "確認", "対応", "申請", "書類", "送付", "本日", "担当", "契約", "変更", "住所", "連絡",
         "会議", "資料", "予定", "報告", "営業", "支店", "手続き", "完了", "review", "meeting", "invoice"]

def line():
    if rng.random() < 0.005:
        return f"個人番号: {my_number()}" if rng.random() < 0.5 else f"TEL 090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return "".join(rng.choice(words) for _ in range(rng.randint(5, 14))) + "。"

def text(size):
    lines, total = [], 0
    while total < size:
        lines.append(line())
        total += len(lines[-1].encode()) + 1
    return "\n".join(lines) + "\n"

def export(size):
    rows, total = ["id,氏名,個人番号,電話番号,メール\n"], 0
    while total < size:
        i = rng.randint(1, 10**6)
        rows.append(f"{i},顧客{i},{my_number()},090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)},user{i}@example.com\n")
        total += len(rows[-1].encode())
    return "".join(rows)

os.makedirs(out)
for index in range(2000):
    folder = os.path.join(out, f"d{index % 20:02d}")
    os.makedirs(folder, exist_ok=True)
    if index % 40 == 39:
        name, body = f"long_{index:04d}.txt", text(rng.randint(512 << 10, 2 << 20))
    elif index % 40 == 19:
        name, body = f"export_{index:04d}.csv", export(rng.randint(20 << 10, 60 << 10))
    else:
        name, body = f"memo_{index:04d}.txt", text(rng.randint(2 << 10, 16 << 10))
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.write(body)
print("wrote", out)
