#!/usr/bin/env python3
"""Generates the benchmark trees under bench-data/ (not committed):
  text/     ~300 MB of mixed Japanese/English text and CSV (UTF-8, some CP932 and UTF-16):
            60 memo files (1 line in 200 carries personal data or an order number), 12 sales
            tables (12-digit order numbers: hard negatives), 3 customer exports (every row PII)
  exports/  ~60 MB of customer-export CSV only: the dense worst case, measured on its own
  small/    50,000 files of 2-8 KB, memo text as above
  big/      one 2 GB text file (for peak memory)
Deterministic (fixed seed); skips a tree that already exists."""
import os, random, sys
from synthetic_ids import my_number_check_digit

out = sys.argv[1] if len(sys.argv) > 1 else "bench-data"
rng = random.Random(7)

def cd(base):
    return str(my_number_check_digit(base))

def my_number():
    b = "".join(rng.choice("0123456789") for _ in range(11))
    return b + cd(b)

words_ja = ["お客様", "確認", "対応", "申請", "書類", "送付", "本日", "担当", "契約", "変更", "住所", "連絡",
            "会議", "資料", "予定", "報告", "営業", "支店", "口座", "手続き", "完了", "不備", "再送", "承認"]
words_en = ["the", "customer", "account", "review", "meeting", "document", "please", "update", "report",
            "branch", "contract", "status", "pending", "approved", "sent", "invoice", "schedule"]

def sentence():
    if rng.random() < 0.5:
        return "".join(rng.choice(words_ja) for _ in range(rng.randint(5, 14))) + "。"
    return " ".join(rng.choice(words_en) for _ in range(rng.randint(6, 16))).capitalize() + "."

def pii_line():
    k = rng.random()
    if k < 0.25:
        return f"個人番号: {my_number()}"
    if k < 0.5:
        return f"連絡先 tanaka{rng.randint(1, 9999)}@example.co.jp"
    if k < 0.75:
        return f"TEL 090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return f"注文番号 {rng.randint(10**11, 10**12 - 1)} 数量 {rng.randint(1, 99)}"

text_lines = [sentence() if rng.random() > 0.005 else pii_line() for _ in range(20000)]
sales_rows = [f"{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},"
              f"{rng.randint(10**11, 10**12 - 1)},{rng.choice(words_ja)}{rng.randint(1, 99)},{rng.randint(1, 50)},"
              f"{rng.randint(100, 99999)}" for _ in range(5000)]
csv_rows = [f"{rng.randint(1, 10**6)},顧客{i},{my_number()},090-{rng.randint(1000,9999)}-{rng.randint(1000,9999)},"
            f"user{i}@example.com,{rng.randint(1000, 99999)}" for i in range(5000)]

def write_text(path, size, encoding="utf-8"):
    lines = []
    total = 0
    while total < size:
        line = rng.choice(text_lines)
        lines.append(line)
        total += len(line.encode("utf-8")) + 1
    data = ("\n".join(lines) + "\n").encode(encoding, errors="replace")
    with open(path, "wb") as f:
        if encoding == "utf-16":
            pass
        f.write(data)

def write_csv(path, size, pool=None, header="id,氏名,個人番号,電話番号,メール,金額\n"):
    pool = pool or csv_rows
    rows, total = [header], len(header)
    while total < size:
        r = rng.choice(pool)
        rows.append(r + "\n")
        total += len(r.encode()) + 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(rows))

text_dir = os.path.join(out, "text")
if not os.path.isdir(text_dir):
    os.makedirs(text_dir)
    for i in range(60):           # 60 x ~4 MB = ~240 MB text
        enc = "cp932" if i % 10 == 0 else ("utf-16" if i % 10 == 5 else "utf-8")
        write_text(os.path.join(text_dir, f"notes_{i:03d}.txt"), 4 * 1024 * 1024, enc)
    for i in range(12):           # 12 x ~4 MB sales tables
        write_csv(os.path.join(text_dir, f"sales_{i:03d}.csv"), 4 * 1024 * 1024, sales_rows,
                  "日付,注文番号,商品,数量,金額\n")
    for i in range(3):            # 3 x ~4 MB customer exports
        write_csv(os.path.join(text_dir, f"export_{i:03d}.csv"), 4 * 1024 * 1024)
    print("wrote", text_dir)

exports_dir = os.path.join(out, "exports")
if not os.path.isdir(exports_dir):
    os.makedirs(exports_dir)
    for i in range(15):
        write_csv(os.path.join(exports_dir, f"export_{i:03d}.csv"), 4 * 1024 * 1024)
    print("wrote", exports_dir)

small_dir = os.path.join(out, "small")
if not os.path.isdir(small_dir):
    for i in range(50000):
        d = os.path.join(small_dir, f"d{i // 500:03d}")
        if i % 500 == 0:
            os.makedirs(d)
        write_text(os.path.join(d, f"f{i:05d}.txt"), rng.randint(2048, 8192))
    print("wrote", small_dir)

big_dir = os.path.join(out, "big")
if not os.path.isdir(big_dir):
    os.makedirs(big_dir)
    block = ("\n".join(rng.choice(text_lines) for _ in range(40000)) + "\n").encode()
    target = 2 * 1024 ** 3
    with open(os.path.join(big_dir, "huge.txt"), "wb") as f:
        written = 0
        while written < target:
            f.write(block)
            written += len(block)
    print("wrote", big_dir)
