#!/usr/bin/env python3
"""Writes Corpus/: small synthetic files in the encodings Japanese offices use, with a
labels file saying which categories each file holds. Every value is made up: My Numbers
are random 11-digit bases with a computed check digit, cards are issuers' published test
numbers, addresses use example.jp/example.com. Run it again to regenerate; the output is
deterministic (fixed seed)."""
import os, random, sys
from synthetic_ids import my_number_check_digit

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Corpus")
rng = random.Random(20261125)

def my_number_check(base):
    return my_number_check_digit(base)

def my_number(valid=True):
    while True:
        base = "".join(rng.choice("0123456789") for _ in range(11))
        cd = my_number_check(base)
        if valid:
            return base + str(cd)
        wrong = (cd + rng.randint(1, 9)) % 10
        return base + str(wrong)

def grouped(n, sep=" "):
    return sep.join([n[0:4], n[4:8], n[8:12]])

def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)

def phone():
    return "090-%04d-%04d" % (rng.randint(1000, 9999), rng.randint(1000, 9999))

surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
given = ["太郎", "花子", "一郎", "美咲", "健太", "陽菜", "翔", "結衣", "大輔", "さくら"]
romaji = ["sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "yamamoto", "nakamura", "kobayashi", "kato"]

files = {}   # relative path -> (bytes, categories)

def put(path, text, encoding, categories, bom=b""):
    files[path] = (bom + text.encode(encoding), categories)

# --- positives -------------------------------------------------------------------------
put("text/utf8_customer_note.txt",
    "お客様対応メモ（2024年4月）\n"
    f"{surnames[0]}{given[0]}様よりお問い合わせ。本人確認のため個人番号 {my_number()} を控えました。\n"
    f"連絡先メール: {romaji[0]}.{romaji[3]}@example.jp\n"
    f"電話番号: 03-{rng.randint(1000,9999)}-{rng.randint(1000,9999)}\n"
    "折り返し対応予定。\n",
    "utf-8", ["jp.my_number", "pii.email", "pii.phone", "pii.person_name"])

rows = ["氏名,個人番号,電話番号,メールアドレス"]
for i in range(8):
    rows.append(f"{surnames[i]} {given[i]},{my_number()},{phone()},{romaji[i]}{i}@example.co.jp")
put("csv/cp932_customer_list.csv", "\r\n".join(rows) + "\r\n", "cp932",
    ["jp.my_number", "pii.phone", "pii.email", "pii.person_name"])

put("text/eucjp_memo.txt",
    "社内メモ\n"
    f"マイナンバー：{grouped(my_number(), '-')}（{surnames[4]}様、高橋支店経由）\n"
    "上記は確認済み。\n",
    "euc_jp", ["jp.my_number", "pii.person_name"])

put("text/utf16le_bom_export.txt",
    "顧客エクスポート\r\n"
    f"E-mail: {romaji[5]}_{romaji[6]}@example.com\r\n"
    f"携帯電話 {phone()}\r\n",
    "utf-16-le", ["pii.email", "pii.phone"], bom=b"\xff\xfe")

put("text/utf16be_payment.txt",
    "支払い情報\n"
    "カード番号 3530-1113-3330-0000 有効期限 12/27\n",
    "utf-16-be", ["fin.credit_card"], bom=b"\xfe\xff")

put("text/fullwidth_form.txt",
    "申請書（手書き転記）\n"
    f"氏名　{surnames[7]}　{given[7]}\n"
    f"個人番号　{fullwidth(grouped(my_number(), ' '))}\n"
    f"電話　{fullwidth('080-' + str(rng.randint(1000,9999)) + '-' + str(rng.randint(1000,9999)))}\n",
    "utf-8", ["jp.my_number", "pii.phone", "pii.person_name"])

rows = []
for i in range(20):
    rows.append(f"{rng.randint(100000, 999999)},{surnames[i % 10]}{given[(i * 3) % 10]},{my_number()}")
put("csv/headerless_numbers.csv", "\n".join(rows) + "\n", "utf-8", ["jp.my_number"])

put("csv/card_payments.tsv",
    "顧客ID\tカード番号\t金額\n"
    "C-0001\t4111 1111 1111 1111\t12000\n"
    "C-0002\t5555 5555 5555 4444\t3400\n",
    "utf-8", ["fin.credit_card"])

put("text/iso2022jp_mail.txt",
    "件名: ご登録内容の確認\n\n"
    f"{surnames[2]}様\n"
    f"ご登録のメールアドレス {romaji[2]}@example.ne.jp と\n"
    f"お電話番号 {phone()} を確認しました。\n",
    "iso2022_jp", ["pii.email", "pii.phone", "pii.person_name"])

put("text/utf8_bom_english.txt",
    "Customer record export\n"
    f"Name: Taro {romaji[9].capitalize()}\n"
    f"Email: taro.{romaji[9]}@example.com\n"
    f"Phone: +81 90-{rng.randint(1000,9999)}-{rng.randint(1000,9999)}\n"
    f"My Number: {grouped(my_number())}\n",
    "utf-8", ["pii.email", "pii.phone", "jp.my_number", "pii.person_name"], bom=b"\xef\xbb\xbf")

# --- hard negatives --------------------------------------------------------------------
rows = ["注文番号,商品,数量,金額"]
count = 0
while count < 12:
    n = my_number()   # passes the check digit: only the header says it is not a My Number
    rows.append(f"{n},ボールペン,{rng.randint(1,9)},{rng.randint(100,9999)}")
    count += 1
put("csv/order_numbers.csv", "\n".join(rows) + "\n", "cp932", [])

put("text/invalid_check_digits.txt",
    "個人番号の控え（誤記のため無効）\n" +
    "".join(f"個人番号: {my_number(valid=False)}\n" for _ in range(5)),
    "utf-8", [])

put("text/product_catalog.txt",
    "商品カタログ 2024\n"
    "JAN 4901234567894 ボールペン 120円\n"
    "JAN 4512345678901 ノート 240円\n"
    "発売日 2024-04-01、在庫 1200 個\n"
    "伝票番号 202610160001 / 問合せ番号 123456789018\n",
    "utf-8", [])

put("text/english_readme.txt",
    "This folder holds meeting notes. Version 1.2.3, build 20240401.\n"
    "Logo: icon@2x.png, see https://example.com/docs for details.\n",
    "utf-8", [])

put("text/long_numbers.txt",
    "ハッシュ値 3f2a9c1234567890181ab2\n"
    "シリアル 4111111111111112\n"
    "桁の多い番号 12345678901812345\n",
    "utf-8", [])

files["binary/blob.bin"] = (bytes(rng.randint(0, 255) for _ in range(4096)), [])
files["text/empty.txt"] = (b"", [])

# --- write -----------------------------------------------------------------------------
for rel, (data, _) in files.items():
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
with open(os.path.join(root, "labels.tsv"), "w", encoding="utf-8") as f:
    f.write("# path\tcategories (comma-separated; - for none). Generated by scripts/make-corpus.py.\n")
    for rel, (_, cats) in sorted(files.items()):
        f.write(f"{rel}\t{','.join(sorted(cats)) or '-'}\n")
print(f"wrote {len(files)} files to {root}")
