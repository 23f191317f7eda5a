#!/usr/bin/env python3
"""Writes Corpus/structured/: synthetic XML exports, Office files (xlsx, docx, pptx, written
by hand as minimal OOXML zips) and zip archives, with their own labels.tsv. Every value is
made up: My Numbers are random 11-digit bases with a computed check digit, cards are issuers'
published test numbers, e-mails use example.com/example.jp. Deterministic (fixed seed, fixed
zip timestamps): run it again and nothing changes. Hostile files (bombs, deep nesting) are
built inside the tests instead, never committed. Labels: the four foundation categories, and
pii.person_name where the catalogue's readers find the names (氏名, Name, 名前 fields); the
addresses here (丁目 with a circled digit) are not labelled: the catalogue does not read them."""
import io, os, random, shutil, struct, sys, zipfile
from xml.sax.saxutils import escape
from synthetic_ids import my_number_check_digit

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Corpus", "structured")
rng = random.Random(20261126)
labels = []
shutil.rmtree(root, ignore_errors=True)
STAMP = (2026, 11, 26, 9, 0, 0)


def my_number():
    base = "".join(rng.choice("0123456789") for _ in range(11))
    return base + str(my_number_check_digit(base))


def phone():
    return "090-%04d-%04d" % (rng.randint(1000, 9999), rng.randint(1000, 9999))


FAMILY = ["山田", "佐藤", "鈴木", "髙橋", "田中", "伊藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健", "由美"]


def person(i):
    return FAMILY[i % len(FAMILY)] + " " + GIVEN[(i * 5) % len(GIVEN)]


def write(path, data, categories):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    labels.append((path, ",".join(sorted(categories)) or "-"))


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = compression
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))
    return out.getvalue()


# ---------------------------------------------------------------- XML exports

def customer_export():
    rows = []
    for i in range(6):
        rows.append(
            f'  <crm:Customer id="C{i:04d}" status="active">\n'
            f"    <crm:Name>{person(i)}</crm:Name>\n"
            f"    <crm:MyNumber>{my_number()}</crm:MyNumber>\n"
            f"    <crm:Contact>\n"
            f"      <crm:Email>user{i}@example.com</crm:Email>\n"
            f'      <crm:Phone kind="mobile">{phone()}</crm:Phone>\n'
            f"    </crm:Contact>\n"
            f"    <crm:Note><![CDATA[来店時に確認 <済>]]></crm:Note>\n"
            f"  </crm:Customer>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<crm:Export xmlns:crm="urn:example:crm:2024" generated="2024-04-01">\n' + "".join(rows) + "</crm:Export>\n")


write("xml/customer_export_namespaced.xml", customer_export(), {"jp.my_number", "pii.email", "pii.phone", "pii.person_name"})


def cp932_export():
    rows = "".join(
        f"  <顧客>\n    <氏名>{person(i)}</氏名>\n    <フリガナ>ヤマダ タロウ</フリガナ>\n"
        f"    <住所>東京都千代田区①丁目{i + 1}番</住所>\n    <個人番号>{my_number()}</個人番号>\n"
        f"    <電話番号>{phone()}</電話番号>\n  </顧客>\n" for i in range(4))
    text = '<?xml version="1.0" encoding="Shift_JIS"?>\n<顧客一覧>\n' + rows + "</顧客一覧>\n"
    return text.encode("cp932")


write("xml/cp932_japanese_elements.xml", cp932_export(), {"jp.my_number", "pii.phone", "pii.person_name"})


def attribute_export():
    rows = "".join(
        f'  <Person KojinBango="{my_number()}" mail="staff{i}@example.jp" dept="営業"/>\n' for i in range(3))
    return '<?xml version="1.0"?>\n<People>\n' + rows + "</People>\n"


write("xml/values_in_attributes.xml", attribute_export(), {"jp.my_number", "pii.email"})


def key_value_export():
    # An entity-attribute-value export: the field's name is an attribute value, not an element.
    rows = "".join(
        f'  <Record>\n    <Field name="IndividualNo">{my_number()}</Field>\n'
        f'    <Field name="CustomerNo">{my_number()}</Field>\n    <Field name="Notes">none</Field>\n  </Record>\n'
        for _ in range(3))
    return '<?xml version="1.0" encoding="UTF-8"?>\n<Export>\n' + rows + "</Export>\n"


write("xml/key_value_fields.xml", key_value_export(), {"jp.my_number"})


def negative_key_value_export():
    rows = "".join(f'  <Field name="CustomerNo">{my_number()}</Field>\n' for _ in range(4))
    return '<?xml version="1.0" encoding="UTF-8"?>\n<Export>\n' + rows + "</Export>\n"


write("xml/key_value_customer_numbers.xml", negative_key_value_export(), set())


def order_export():
    # Valid-check-digit 12-digit numbers in order and invoice fields: not My Numbers.
    rows = "".join(
        f"  <Order>\n    <OrderNo>{my_number()}</OrderNo>\n    <InvoiceNumber>{my_number()}</InvoiceNumber>\n"
        f"    <Customer>{person(i)}</Customer>\n    <Amount>{rng.randint(1000, 99999)}</Amount>\n  </Order>\n"
        for i in range(8))
    return '<?xml version="1.0" encoding="UTF-8"?>\n<Orders>\n' + rows + "</Orders>\n"


write("xml/order_numbers_only.xml", order_export(), set())


def utf16_cards():
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n<Payments>\n'
            "  <Payment><CardNumber>4111 1111 1111 1111</CardNumber><Amount>12000</Amount></Payment>\n"
            "  <Payment><CardNumber>5555 5555 5555 4444</CardNumber><Amount>3400</Amount></Payment>\n"
            "</Payments>\n")
    return b"\xff\xfe" + text.encode("utf-16-le")


write("xml/utf16_card_payments.xml", utf16_cards(), {"fin.credit_card"})


def eucjp_export():
    text = ('<?xml version="1.0" encoding="EUC-JP"?>\n<連絡先一覧>\n'
            f"  <連絡先><名前>{person(2)}</名前><携帯>{phone()}</携帯></連絡先>\n</連絡先一覧>\n")
    return text.encode("euc_jp")


write("xml/eucjp_contacts.xml", eucjp_export(), {"pii.phone", "pii.person_name"})


def malformed_export():
    # Cut off mid-record, with a mismatched tag before the cut: the parser recovers what it can.
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<Export>\n'
            "  <Customer><Email>broken1@example.com</Email><Name>佐藤 花子</Nmae></Customer>\n"
            "  <Customer><Email>broken2@example.com</Email><MyNumber>12345")


write("xml/malformed_truncated.xml", malformed_export(), {"pii.email", "pii.person_name"})

# ---------------------------------------------------------------- Office Open XML

CT_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFDOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def xlsx(sheets):
    """sheets: list of (name, rows); a row is a list of str (shared string) or int (number)."""
    strings, index = [], {}

    def sid(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    parts = []
    overrides = '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    sheet_entries, rels = [], []
    for n, (name, rows) in enumerate(sheets, 1):
        xml_rows = []
        for r, row in enumerate(rows, 1):
            cells = []
            for c, value in enumerate(row):
                ref = chr(65 + c) + str(r)
                if isinstance(value, int):
                    cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                elif value is not None:
                    cells.append(f'<c r="{ref}" t="s"><v>{sid(value)}</v></c>')
            xml_rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
        parts.append((f"xl/worksheets/sheet{n}.xml",
                      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                      + "".join(xml_rows) + "</sheetData></worksheet>"))
        overrides += f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        sheet_entries.append(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>')
        rels.append(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>')
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
              + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    overrides += '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    rels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    # Excel's own order: sheets before the shared strings, which the reader must cope with.
    return zip_bytes([
        ("[Content_Types].xml", CT_HEAD + overrides + "</Types>"),
        ("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{OFFDOC}" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' + "".join(sheet_entries) + "</sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{RELS_NS}">' + "".join(rels) + "</Relationships>"),
    ] + parts + [("xl/sharedStrings.xml", shared)])


def customer_workbook():
    rows = [["氏名", "個人番号", "メール", "電話番号"]]
    for i in range(5):
        n = my_number()
        # Excel keeps a My Number typed in as a number (unless it starts with 0).
        rows.append([person(i), int(n) if i % 2 and n[0] != "0" else n, f"c{i}@example.jp", phone()])
    summary = [["集計", "件数"], ["顧客", 5]]
    return xlsx([("顧客一覧", rows), ("Summary", summary)])


write("office/customer_list.xlsx", customer_workbook(), {"jp.my_number", "pii.email", "pii.phone", "pii.person_name"})


def order_workbook():
    rows = [["注文番号", "商品コード", "数量"]]
    for i in range(6):
        rows.append([my_number(), "SKU-%05d" % rng.randint(0, 99999), rng.randint(1, 9)])
    return xlsx([("Orders", rows)])


write("office/order_numbers.xlsx", order_workbook(), set())

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs, table=None):
    def para(runs):
        return "<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{escape(r)}</w:t></w:r>' for r in runs) + "</w:p>"
    body = "".join(para(p) for p in paragraphs)
    if table:
        body += "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{para([cell])}</w:tc>" for cell in row) + "</w:tr>" for row in table) + "</w:tbl>"
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    return zip_bytes([
        ("[Content_Types].xml", CT_HEAD + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{OFFDOC}" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml", document),
        ("word/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<w:styles xmlns:w="{W_NS}"/>'),
    ])


number = my_number()
# Word splits text into runs anywhere: the My Number is cut across three runs.
write("office/identity_memo.docx", docx(
    [["本人確認メモ"], ["個人番号：", number[:4] + " ", number[4:8] + " ", number[8:]], ["確認者 総務部"]],
    table=[["氏名", "連絡先メール"], [person(3), "memo@example.com"]]), {"jp.my_number", "pii.email", "pii.person_name"})
write("office/product_manual.docx", docx(
    [["製品マニュアル"], ["型番 ", "123456789018", " のフィルターは6か月ごとに交換してください。"], ["注文番号 ", my_number()]]), set())

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"


def pptx(slides):
    members = [
        ("[Content_Types].xml", CT_HEAD + '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>'),
        ("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="{OFFDOC}" Target="ppt/presentation.xml"/></Relationships>'),
        ("ppt/presentation.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<p:presentation xmlns:p="{P_NS}"/>'),
    ]
    for n, lines in enumerate(slides, 1):
        paras = "".join(f"<a:p><a:r><a:t>{escape(line)}</a:t></a:r></a:p>" for line in lines)
        members.append((f"ppt/slides/slide{n}.xml",
                        f'<?xml version="1.0" encoding="UTF-8"?>\n<p:sld xmlns:p="{P_NS}" xmlns:a="{A_NS}"><p:cSld><p:spTree><p:sp><p:txBody>{paras}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>'))
    return zip_bytes(members)


write("office/contact_slides.pptx", pptx([["2024年度 担当者一覧"], ["問い合わせ先", "電話 " + phone(), "メール sales@example.co.jp"]]),
      {"pii.email", "pii.phone"})

# A legacy binary workbook: the OLE2 signature is enough for the outcome (unsupported-format).
write("office/legacy_workbook.xls", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504), set())

# ---------------------------------------------------------------- zip archives

write("zip/customers_2024.zip", zip_bytes([
    ("2024/list.xlsx", customer_workbook()),
    ("2024/export.xml", customer_export()),
    ("notes/payment.txt", "カード番号 4111-1111-1111-1111 にて決済\n"),
]), {"jp.my_number", "pii.email", "pii.phone", "fin.credit_card", "pii.person_name"})

write("zip/clean_archive.zip", zip_bytes([
    ("README.txt", "This archive holds product images and order numbers only.\n"),
    ("orders.xml", order_export()),
    ("order_numbers.xlsx", order_workbook()),
]), set())

# A member name that climbs out of any extraction folder: scanned, never extracted.
write("zip/traversal_names.zip", zip_bytes([("../../etc/contacts.csv", "名前,メール\n田中,tanaka@example.jp\n")]), {"pii.email", "pii.person_name"})

write("zip/nested_archive.zip", zip_bytes([("inner/backup.zip", zip_bytes([("memo.txt", "マイナンバー " + my_number() + "\n")]))]),
      {"jp.my_number"})


def encrypted_zip():
    # zipfile cannot encrypt: a stored member with the encryption flag set in both headers is
    # what a reader sees of a ZipCrypto member before it asks for the password.
    data = bytearray(zip_bytes([("secret.csv", "個人番号\n" + my_number() + "\n")], zipfile.ZIP_STORED))
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    data[local + 6] |= 1
    data[central + 8] |= 1
    return bytes(data)


write("zip/encrypted_member.zip", encrypted_zip(), set())


# Excel sheets as people make them: a title (and an export date) above the header row. The
# header still names the columns: the order numbers under 注文番号 are refuted as My Numbers,
# and the names are read from the 氏名 column.
def titled_customer_workbook():
    rows = [["顧客一覧（2024年3月末）"], ["出力日 2024年4月1日"], [], ["氏名", "個人番号", "メール", "電話番号"]]
    for i in range(4):
        rows.append([person(i + 2), my_number(), f"t{i}@example.jp", phone()])
    return xlsx([("顧客一覧", rows)])


write("office/customer_list_titled.xlsx", titled_customer_workbook(), {"jp.my_number", "pii.email", "pii.phone", "pii.person_name"})


def titled_order_workbook():
    rows = [["受注一覧（2024年度）"], [], ["注文番号", "商品コード", "数量"]]
    for i in range(6):
        rows.append([my_number(), "SKU-%05d" % rng.randint(0, 99999), rng.randint(1, 9)])
    return xlsx([("Orders", rows)])


write("office/order_numbers_titled.xlsx", titled_order_workbook(), set())

with open(os.path.join(root, "labels.tsv"), "w", encoding="utf-8") as f:
    f.write("# path\tcategories (comma-separated; - for none). Generated by scripts/make-corpus-structured.py.\n")
    for path, cats in sorted(labels):
        f.write(f"{path}\t{cats}\n")
