#!/usr/bin/env python3
"""Writes the XML and Office benchmark data into a folder (default bench-data/structured):
  export.xml     a customer export of at least 500 MB (namespaced, attributes, Japanese text;
                 every record holds a My Number, e-mail and phone, and an order number that is
                 a hard negative)
  customers.xlsx a 100,000-row workbook (shared strings, header row)
Synthetic values only (check-digit-valid My Numbers, example.com addresses). Fixed seed; an
existing file of the right size is kept, so reruns do not pay for generation again."""
import os, random, sys, zipfile
from synthetic_ids import my_number_check_digit

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join("bench-data", "structured")
target = int(os.environ.get("BENCH_XML_MB", "520")) * 1_000_000
rows = int(os.environ.get("BENCH_XLSX_ROWS", "100000"))
os.makedirs(out, exist_ok=True)
rng = random.Random(424242)
FAMILY = ["山田", "佐藤", "鈴木", "髙橋", "田中", "伊藤", "渡辺", "中村"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健", "由美", "翔", "陽菜"]
PREFS = ["東京都千代田区丸の内", "大阪府大阪市北区梅田", "神奈川県横浜市西区", "愛知県名古屋市中村区"]


def my_number():
    base = "".join(rng.choice("0123456789") for _ in range(11))
    return base + str(my_number_check_digit(base))


def phone():
    return "0%d0-%04d-%04d" % (rng.choice([7, 8, 9]), rng.randint(0, 9999), rng.randint(0, 9999))


def record(i):
    return (
        f'  <crm:Customer id="C{i:08d}" status="active">\n'
        f"    <crm:Name>{rng.choice(FAMILY)} {rng.choice(GIVEN)}</crm:Name>\n"
        f"    <crm:Kana>ヤマダ タロウ</crm:Kana>\n"
        f"    <crm:MyNumber>{my_number()}</crm:MyNumber>\n"
        f"    <crm:BirthDate>19{rng.randint(40, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}</crm:BirthDate>\n"
        f"    <crm:Address><crm:Line>{rng.choice(PREFS)}{rng.randint(1, 9)}-{rng.randint(1, 30)}</crm:Line></crm:Address>\n"
        f"    <crm:Contact><crm:Email>user{i}@example.com</crm:Email><crm:Phone>{phone()}</crm:Phone></crm:Contact>\n"
        f'    <crm:Orders><crm:Order no="{my_number()}" date="2024-{rng.randint(1, 12):02d}-01" amount="{rng.randint(100, 99999)}"/></crm:Orders>\n'
        f"  </crm:Customer>\n")


path = os.path.join(out, "export.xml")
if not os.path.exists(path) or os.path.getsize(path) < target:
    # A pool of rendered records, cycled with fresh ids: generating 500 MB record by record
    # in Python would take minutes.
    pool = [record(i) for i in range(20_000)]
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<crm:Export xmlns:crm="urn:example:crm:2024">\n')
        written, i = 0, 0
        while written < target:
            chunk = "".join(pool[(i + k) % len(pool)].replace('id="C', f'id="X{i + k}-', 1) for k in range(5000))
            f.write(chunk)
            written += len(chunk.encode("utf-8"))
            i += 5000
        f.write("</crm:Export>\n")

xlsx = os.path.join(out, "customers.xlsx")
if not os.path.exists(xlsx):
    strings, index = [], {}

    def sid(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    header = ["氏名", "個人番号", "メール", "電話番号", "住所", "注文番号"]
    body = []
    body.append('<row r="1">' + "".join(f'<c r="{chr(65 + c)}1" t="s"><v>{sid(h)}</v></c>' for c, h in enumerate(header)) + "</row>")
    for r in range(2, rows + 2):
        cells = [
            ("s", sid(f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}")),
            ("s", sid(my_number())),
            ("s", sid(f"user{r}@example.com")),
            ("s", sid(phone())),
            ("s", sid(rng.choice(PREFS))),
            ("n", my_number().lstrip("0")),
        ]
        body.append(f'<row r="{r}">' + "".join(
            f'<c r="{chr(65 + c)}{r}" t="s"><v>{v}</v></c>' if t == "s" else f'<c r="{chr(65 + c)}{r}"><v>{v}</v></c>'
            for c, (t, v) in enumerate(cells)) + "</row>")
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + "".join(body) + "</sheetData></worksheet>")
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{rels_ns}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="顧客" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{rels_ns}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", sst)
