#!/usr/bin/python3
"""Writes Corpus/pdf/: small synthetic PDFs and their labels.tsv. Japanese pages are drawn
with cairo's PDF surface and the Noto Sans CJK JP font (Debian: python3-cairo, fonts-noto-cjk),
so their text is stored as CID glyphs with a ToUnicode map, as office software writes it.
Form fields (AcroForm) and attachments, which cairo cannot write, come from a small PDF writer
below. Every value is made up: My Numbers are random bases with a computed check digit,
e-mails use example.jp. Deterministic (fixed seed, fixed dates). Bad input (truncated, bombs,
encrypted, HTML named .pdf) is built inside the tests, never committed.

Runs with Debian's /usr/bin/python3 (python3-cairo is a Debian package, not on PyPI paths).
Usage: scripts/make-corpus-pdf.py [output folder] [--bench N]  (--bench writes N larger PDFs
of 1-50 pages, Japanese and English, for `make bench`, without labels)."""
import os, random, shutil, sys, zlib

import cairo
from synthetic_ids import my_number_check_digit

args = [a for a in sys.argv[1:] if not a.startswith("--")]
bench = int(sys.argv[sys.argv.index("--bench") + 1]) if "--bench" in sys.argv else 0
if bench:
    args = [a for a in args if a != str(bench)]
root = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "Corpus", "pdf")
rng = random.Random(20261125)
FONT = "Noto Sans CJK JP"
A4 = (595, 842)
labels = []


def my_number():
    base = "".join(rng.choice("0123456789") for _ in range(11))
    return base + str(my_number_check_digit(base))


def phone():
    return "090-%04d-%04d" % (rng.randint(1000, 9999), rng.randint(1000, 9999))


def cairo_pdf(path, pages, title=None, author=None, subject=None, keywords=None):
    """pages: a list of pages; each a list of (x, y, text, size) runs drawn one by one."""
    surface = cairo.PDFSurface(path, *A4)
    surface.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2026-11-25T09:00:00")
    surface.set_metadata(cairo.PDFMetadata.MOD_DATE, "2026-11-25T09:00:00")
    surface.set_metadata(cairo.PDFMetadata.CREATOR, "make-corpus-pdf")
    for key, value in ((cairo.PDFMetadata.TITLE, title), (cairo.PDFMetadata.AUTHOR, author),
                       (cairo.PDFMetadata.SUBJECT, subject), (cairo.PDFMetadata.KEYWORDS, keywords)):
        if value:
            surface.set_metadata(key, value)
    ctx = cairo.Context(surface)
    ctx.select_font_face(FONT)
    for runs in pages:
        for x, y, text, size in runs:
            ctx.set_font_size(size)
            ctx.move_to(x, y)
            ctx.show_text(text)
        ctx.show_page()
    surface.finish()


def lines(texts, top=80, size=11, step=18):
    return [(60, top + i * step, t, size) for i, t in enumerate(texts)]


def hand_pdf(path, page_text, fields=(), attachment=None):
    """A one-page PDF in Helvetica (ASCII text only), with text form fields (name, value) and
    an optional embedded file (name, bytes)."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    content = "BT /F1 12 Tf 60 780 Td 16 TL " + " ".join(
        "(%s) '" % t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for t in page_text) + " ET"
    catalog = add(None)
    pages = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content.encode()))
    widgets = []
    page = len(objects) + 1 + len(fields)
    for i, (name, value) in enumerate(fields):
        rect = "[60 %d 400 %d]" % (600 - i * 40, 620 - i * 40)
        hexvalue = "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"
        widgets.append(add(("<< /Type /Annot /Subtype /Widget /FT /Tx /T (%s) /V %s /DA (/F1 10 Tf 0 g) /Rect %s /P %d 0 R /F 4 >>"
                            % (name, hexvalue, rect, page)).encode()))
    annots = (" /Annots [%s]" % " ".join("%d 0 R" % w for w in widgets)) if widgets else ""
    assert add(("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>"
                " /Contents %d 0 R%s >>" % (pages, font, stream, annots)).encode()) == page
    objects[pages - 1] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page
    extra = ""
    if widgets:
        extra += " /AcroForm << /Fields [%s] /DR << /Font << /F1 %d 0 R >> >> /DA (/F1 10 Tf 0 g) >>" % (
            " ".join("%d 0 R" % w for w in widgets), font)
    if attachment:
        name, data = attachment
        packed = zlib.compress(data)
        embedded = add(b"<< /Type /EmbeddedFile /Filter /FlateDecode /Length %d /Params << /Size %d >> >>\nstream\n"
                       % (len(packed), len(data)) + packed + b"\nendstream")
        spec = add(("<< /Type /Filespec /F (%s) /UF (%s) /EF << /F %d 0 R >> >>" % (name, name, embedded)).encode())
        extra += " /Names << /EmbeddedFiles << /Names [(%s) %d 0 R] >> >>" % (name, spec)
    objects[catalog - 1] = ("<< /Type /Catalog /Pages %d 0 R%s >>" % (pages, extra)).encode()
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)


def scanned_pdf(path):
    """One page that is only a picture (a noisy gray rectangle): what a scanner writes."""
    surface = cairo.PDFSurface(path, *A4)
    surface.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2026-11-25T09:00:00")
    surface.set_metadata(cairo.PDFMetadata.MOD_DATE, "2026-11-25T09:00:00")
    image = cairo.ImageSurface(cairo.FORMAT_RGB24, 200, 280)
    ictx = cairo.Context(image)
    ictx.set_source_rgb(0.95, 0.95, 0.95)
    ictx.paint()
    for _ in range(60):
        ictx.set_source_rgb(0.1, 0.1, 0.1)
        ictx.rectangle(rng.randint(10, 180), rng.randint(10, 260), rng.randint(5, 40), 3)
        ictx.fill()
    ctx = cairo.Context(surface)
    ctx.scale(A4[0] / 200, A4[1] / 280)
    ctx.set_source_surface(image, 0, 0)
    ctx.paint()
    ctx.show_page()
    surface.finish()


def add(name, categories):
    labels.append((name, ",".join(sorted(categories)) or "-"))


def corpus():
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    p = lambda n: os.path.join(root, n)

    cairo_pdf(p("customer_ledger_ja.pdf"), [
        lines(["顧客台帳（社外秘）", "作成部署：営業二課", "この台帳は年次監査のために作成されました。"]),
        lines(["氏名：山田 太郎", "個人番号：%s" % my_number(), "メール：taro.yamada@example.jp",
               "電話番号：%s" % phone()]),
        lines(["氏名：佐藤 花子", "個人番号：%s" % my_number(), "メール：hanako.sato@example.jp"]),
    ], title="顧客台帳", author="営業二課")
    add("customer_ledger_ja.pdf", ["jp.my_number", "pii.person_name", "pii.email", "pii.phone"])

    number = my_number()
    spaced = "　".join([number[0:4], number[4:8], number[8:12]])
    split = my_number()
    cell = my_number()
    cairo_pdf(p("spaced_digits_ja.pdf"), [
        lines(["申請書の控え", "個人番号：" + spaced]) +
        # One number written as three text runs placed side by side, as form software does.
        [(60, 150, "マイナンバー：", 11), (140, 150, split[0:4], 11), (166, 150, split[4:8], 11),
         (192, 150, split[8:12], 11)] +
        # A table: the label in one cell, the number split over three cells.
        [(60, 200, "個人番号", 11), (160, 200, cell[0:4], 11), (220, 200, cell[4:8], 11), (280, 200, cell[8:12], 11)],
    ])
    add("spaced_digits_ja.pdf", ["jp.my_number"])

    cairo_pdf(p("english_statement.pdf"), [
        lines(["Monthly statement", "Customer name: John Smith", "E-mail: john.smith@example.jp",
               "Card number: 4111 1111 1111 1111", "Thank you for your business."]),
    ], title="Statement")
    add("english_statement.pdf", ["pii.email", "pii.person_name", "fin.credit_card"])

    cairo_pdf(p("product_manual_ja.pdf"), [
        lines(["製品マニュアル 第%d章" % (i + 1), "電源を入れる前に取扱説明書をお読みください。",
               "型番：NK-%04d、保証期間は 12 か月です。" % (1000 + i), "お問い合わせは販売店まで。"])
        for i in range(4)
    ], title="製品マニュアル")
    add("product_manual_ja.pdf", [])

    cairo_pdf(p("metadata_contact.pdf"), [lines(["Quarterly report", "Figures are attached."])],
              title="Report", author="Quarterly team", subject="contact hanako.sato@example.jp",
              keywords="report")
    add("metadata_contact.pdf", ["pii.email"])

    hand_pdf(p("application_form.pdf"), ["Application form", "Please fill in the fields below."],
             fields=[("MyNumber", my_number()), ("Email", "ichiro.suzuki@example.jp")])
    add("application_form.pdf", ["jp.my_number", "pii.email"])

    attached = ("id,name,my_number,email\n" + "".join(
        "%d,%s,%s,%s@example.jp\n" % (i, n, my_number(), e)
        for i, (n, e) in enumerate([("Yamada Taro", "taro"), ("Sato Hanako", "hanako")], 1))).encode()
    hand_pdf(p("with_attachment.pdf"), ["Cover letter", "The list is attached to this file."],
             attachment=("customers.csv", attached))
    add("with_attachment.pdf", ["jp.my_number", "pii.email", "pii.person_name"])

    scanned_pdf(p("scanned_page.pdf"))
    add("scanned_page.pdf", [])

    with open(os.path.join(root, "labels.tsv"), "w") as f:
        f.write("# path\tcategories (comma-separated; - for none). Generated by scripts/make-corpus-pdf.py.\n")
        for name, categories in sorted(labels):
            f.write("%s\t%s\n" % (name, categories))


def bench_set(count):
    """`count` text PDFs of 1-50 pages, half Japanese, half English, with a few values each."""
    os.makedirs(root, exist_ok=True)
    ja = "本書は社内手続きの説明です。申請の前に必要事項を確認してください。"
    en = "This document describes the internal procedure. Check every item before applying."
    for i in range(count):
        japanese = i % 2 == 0
        pages = []
        for page in range(rng.randint(1, 50)):
            body = [(ja if japanese else en) for _ in range(30)]
            if rng.random() < 0.2:
                body[5] = ("個人番号：%s" if japanese else "My Number: %s") % my_number()
            pages.append(lines(body, top=60, size=10, step=24))
        cairo_pdf(os.path.join(root, "doc%04d.pdf" % i), pages, title="Document %d" % i)


if bench:
    bench_set(bench)
else:
    corpus()
