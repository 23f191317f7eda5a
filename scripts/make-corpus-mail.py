#!/usr/bin/python3
"""Writes Corpus/mail/: saved e-mails (.eml in ISO-2022-JP, Shift_JIS, EUC-JP and UTF-8; base64,
quoted-printable and 7-bit bodies; attached CSV, PDF, image and forwarded mail), Outlook .msg
files (plain CP932 body with an attachment; compressed RTF body with an embedded message), HTML
forms, JSON exports and JSON Lines, and negatives (a newsletter, system notifications, a product
page, an application log in JSON), with labels.tsv in the corpus format.

Every value is made up: My Numbers are random bases with a computed check digit, addresses use
example.jp. Deterministic (fixed seed, fixed dates, fixed boundaries).

Outlook .msg files are OLE2 compound files. python3-olefile only reads them, so this script
writes them itself (write_compound_file: a minimal version-3 compound file, every stream in
regular sectors) and compresses RTF bodies in MS-OXRTFCP's LZFu form (literal runs, real CRC).

The image attachment is a drawn My Number card, read by OCR like an image file.

Usage: scripts/make-corpus-mail.py [output folder]
       scripts/make-corpus-mail.py --bench N FOLDER   (N generated mails, 10% with attachments,
       and the same bodies as plain .txt files under FOLDER/plain, for scripts/bench-mail.sh)"""
import base64, json, os, random, struct, sys
from email.header import Header
from email.utils import formataddr

from synthetic_ids import my_number_check_digit

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261130)
labels = []


def my_number():
    base = "".join(rng.choice("0123456789") for _ in range(11))
    return base + str(my_number_check_digit(base))


def phone():
    return "090-%04d-%04d" % (rng.randint(1000, 9999), rng.randint(1000, 9999))


# --- Encodings as Japanese mailers write them ---------------------------------------------

def iso2022jp(text):
    """ISO-2022-JP as Windows writes it (CP50221): each CP932 cell as its JIS code between escapes."""
    out = bytearray()
    kanji = False
    for ch in text:
        sj = ch.encode("cp932")
        if len(sj) == 1:
            if kanji:
                out += b"\x1b(B"
                kanji = False
            out += sj
            continue
        lead, trail = sj
        if lead >= 0xF0:  # IBM extensions: Windows writes their NEC-selected twins (rows 89-92)
            raise ValueError("use NEC-selected characters in ISO-2022-JP text: %r" % ch)
        if not kanji:
            out += b"\x1b$B"
            kanji = True
        row = (lead - (0xB0 if lead >= 0xE0 else 0x70)) * 2 - (1 if trail < 0x9F else 0)
        cell = trail - (0x20 if trail >= 0x80 else 0x1F) if trail < 0x9F else trail - 0x7E
        out += bytes([row, cell])
    if kanji:
        out += b"\x1b(B"
    return bytes(out)


def encode(text, charset):
    if charset == "ISO-2022-JP":
        return iso2022jp(text)
    return text.encode({"Shift_JIS": "cp932", "EUC-JP": "euc_jp", "UTF-8": "utf-8"}[charset])


def word(text, charset="ISO-2022-JP"):
    """An RFC 2047 B word."""
    return "=?%s?B?%s?=" % (charset, base64.b64encode(encode(text, charset)).decode())


def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(data):
    out, line = [], ""
    for byte in data:
        if byte in (0x0D,):
            continue
        if byte == 0x0A:
            out.append(line)
            line = ""
            continue
        piece = chr(byte) if 33 <= byte <= 126 and byte != 0x3D else "=%02X" % byte
        if len(line) + len(piece) > 72:
            out.append(line + "=")
            line = ""
        line += piece
    out.append(line)
    return "\r\n".join(out)


def headers(sender, to, subject, date="Mon, 06 Jan 2025 10:%02d:00 +0900", extra=""):
    minute = rng.randint(0, 59)
    return ("From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%08x@mail.example.jp>\r\n"
            "MIME-Version: 1.0\r\n%s") % (sender, to, subject, date % minute if "%" in date else date,
                                           rng.getrandbits(32), extra)


def text_part(text, charset, transfer):
    data = encode(text, charset)
    if transfer == "base64":
        body = b64(data)
    elif transfer == "quoted-printable":
        body = qp(data)
    else:
        body = data.decode("latin-1")
    return ("Content-Type: text/plain; charset=%s\r\nContent-Transfer-Encoding: %s\r\n\r\n%s\r\n"
            % (charset, transfer, body))


def attachment(data, mime, name):
    return ('Content-Type: %s; name="%s"\r\nContent-Disposition: attachment; filename="%s"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n" % (mime, name, name, b64(data)))


def multipart(parts, boundary, kind="mixed"):
    body = "Content-Type: multipart/%s; boundary=\"%s\"\r\n\r\n" % (kind, boundary)
    for part in parts:
        body += "--%s\r\n%s" % (boundary, part)
    return body + "--%s--\r\n" % boundary


def customer_sender(name_kana_word, local):
    return "%s <%s@example.jp>" % (word(name_kana_word), local)


# --- OLE2 compound files and Outlook messages -----------------------------------------------

FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def write_compound_file(tree):
    """tree: {name: bytes (a stream) or dict (a storage)}. Returns the bytes of a version-3
    compound file. Every stream lives in regular 512-byte sectors (the mini-stream cutoff in
    the header is 0), which readers that honour the header, libgsf among them, accept."""
    entries = []  # [name, type, children, data]

    def add(name, node):
        index = len(entries)
        if isinstance(node, dict):
            entries.append([name, 1, [], None])
            for child_name in sorted(node, key=lambda n: (len(n), n.upper())):
                entries[index][2].append(add(child_name, node[child_name]))
        else:
            entries.append([name, 2, [], node])
        return index

    root = add("Root Entry", tree)
    entries[root][1] = 5
    sectors = []
    fat = []
    starts = {}
    for index, (name, kind, children, data) in enumerate(entries):
        if kind != 2 or not data:
            continue
        count = (len(data) + 511) // 512
        starts[index] = len(sectors)
        for i in range(count):
            sectors.append(data[i * 512:(i + 1) * 512].ljust(512, b"\0"))
            fat.append(len(sectors) if i < count - 1 else END)
    # Siblings as a right-leaning chain (every reader walks it; colours are all black).
    right_of = {}
    for name, kind, children, data in entries:
        for position, child in enumerate(children):
            right_of[child] = children[position + 1] if position + 1 < len(children) else NOSTREAM
    directory = bytearray()
    for index, (name, kind, children, data) in enumerate(entries):
        encoded = name.encode("utf-16-le")[:62] + b"\0\0"
        entry = bytearray(128)
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
        struct.pack_into("<III", entry, 68, NOSTREAM, right_of.get(index, NOSTREAM), children[0] if children else NOSTREAM)
        struct.pack_into("<IQ", entry, 116, starts.get(index, END), len(data) if kind == 2 and data else 0)
        directory += entry
    while len(directory) % 512:  # unused slots: empty entries with no links
        entry = bytearray(128)
        struct.pack_into("<III", entry, 68, NOSTREAM, NOSTREAM, NOSTREAM)
        directory += entry
    dir_start = len(sectors)
    dir_count = len(directory) // 512
    for i in range(dir_count):
        sectors.append(bytes(directory[i * 512:(i + 1) * 512]))
        fat.append(len(sectors) if i < dir_count - 1 else END)
    fat_count = 1
    while (len(sectors) + fat_count) > fat_count * 128:
        fat_count += 1
    fat_start = len(sectors)
    fat += [FATSECT] * fat_count
    fat += [FREE] * (fat_count * 128 - len(fat))
    fat_bytes = struct.pack("<%dI" % len(fat), *fat)
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, fat_count, dir_start, 0, 0, END, 0, END, 0)
    difat = [fat_start + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    struct.pack_into("<109I", header, 76, *difat)
    return bytes(header) + b"".join(sectors) + fat_bytes


def properties_stream(header_size, props=()):
    """__properties_version1.0: a header, then 16-byte entries (tag, flags, value)."""
    data = bytearray(header_size)
    for tag, value in props:
        data += struct.pack("<IIQ", tag, 6, value)
    return bytes(data)


def unicode_prop(text):
    return text.encode("utf-16-le") + b"\0\0"


def compress_rtf(rtf):
    """MS-OXRTFCP LZFu with literal runs only (valid; any reader must decode it), and its CRC."""
    prebuffer_length = 207
    out = bytearray()
    position = prebuffer_length
    data = rtf
    index = 0
    while True:
        chunk = data[index:index + 8]
        if len(chunk) == 8:
            out.append(0)
            out += chunk
            position = (position + 8) % 4096
            index += 8
            continue
        # Last group: the remaining literals, then the end marker (a reference to the write position).
        control = 1 << len(chunk)
        out.append(control)
        out += chunk
        position = (position + len(chunk)) % 4096
        out += struct.pack(">H", position << 4)
        break
    crc = 0
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = 0xEDB88320 ^ (c >> 1) if c & 1 else c >> 1
        table.append(c)
    for byte in out:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return struct.pack("<IIII", len(out) + 12, len(rtf), 0x75465A4C, crc) + bytes(out)


def rtf_from_text(text):
    """An RTF body as Outlook writes it for Japanese text: \\ansicpg932 with \\'hh CP932 bytes."""
    body = ""
    for ch in text:
        if ch == "\n":
            body += "\\par\r\n"
        elif ord(ch) < 0x80:
            body += "\\" + ch if ch in "\\{}" else ch
        else:
            body += "".join("\\'%02x" % b for b in ch.encode("cp932"))
    return ("{\\rtf1\\ansi\\ansicpg932\\deff0{\\fonttbl{\\f0\\fnil\\fcharset128 MS UI Gothic;}}"
            "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator Riched20 10.0.19041}"
            "\\viewkind4\\uc1\\pard\\f0\\fs20 " + body + "}\r\n").encode("ascii")


def msg_tree(subject, sender_name, sender_email, to_name, to_email, body=None, rtf=None,
             attachments=(), embedded=None, top=True, code_page=932):
    def sub(prop, kind, data):
        return {"__substg1.0_%04X%s" % (prop, kind): data}
    tree = {"__properties_version1.0": properties_stream(32 if top else 24, [(0x3FFD0003, code_page)])}
    tree.update(sub(0x0037, "001F", unicode_prop(subject)))
    tree.update(sub(0x0C1A, "001F", unicode_prop(sender_name)))
    tree.update(sub(0x0C1F, "001F", unicode_prop(sender_email)))
    tree.update(sub(0x0E04, "001F", unicode_prop(to_name)))
    if body is not None:  # PT_STRING8 in the message's code page
        tree.update(sub(0x1000, "001E", body.encode("cp932") + b"\0"))
    if rtf is not None:
        tree.update(sub(0x1009, "0102", compress_rtf(rtf_from_text(rtf))))
    tree["__recip_version1.0_#00000000"] = dict(
        [("__properties_version1.0", properties_stream(8))]
        + list(sub(0x3001, "001F", unicode_prop(to_name)).items())
        + list(sub(0x39FE, "001F", unicode_prop(to_email)).items()))
    for index, (name, data) in enumerate(attachments):
        tree["__attach_version1.0_#%08X" % index] = dict(
            [("__properties_version1.0", properties_stream(8))]
            + list(sub(0x3707, "001F", unicode_prop(name)).items())
            + list(sub(0x3701, "0102", data).items()))
    if embedded is not None:
        index = len(attachments)
        tree["__attach_version1.0_#%08X" % index] = {
            "__properties_version1.0": properties_stream(8),
            "__substg1.0_3707001F": unicode_prop(embedded[0]),
            "__substg1.0_3701000D": embedded[1],
        }
    if top:
        tree["__nameid_version1.0"] = {"__substg1.0_00020102": b"", "__substg1.0_00030102": b"",
                                       "__substg1.0_00040102": b""}
    return tree


# --- The corpus -------------------------------------------------------------------------------

def id_card_png():
    """A drawn My Number card (PNG), read by OCR."""
    import cairo
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, 640, 400)
    ctx = cairo.Context(surface)
    ctx.set_source_rgb(0.93, 0.95, 1.0)
    ctx.paint()
    ctx.set_source_rgb(0, 0, 0)
    ctx.select_font_face("Noto Sans CJK JP")
    for y, text, size in ((50, "個人番号カード", 28), (120, "氏名  佐藤 一郎", 24), (170, "住所  東京都千代田区千代田1-1", 20),
                          (220, "生年月日  昭和55年4月1日生", 20), (330, "個人番号  " + my_number(), 26)):
        ctx.set_font_size(size)
        ctx.move_to(30, y)
        ctx.show_text(text)
    path = "/tmp/nokori-id-card-%d.png" % os.getpid()
    surface.write_to_png(path)
    data = open(path, "rb").read()
    os.remove(path)
    return data


def write(root, name, data, categories):
    path = os.path.join(root, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("latin-1"))
    labels.append((name, categories))


def corpus(root):
    os.makedirs(root, exist_ok=True)
    support = "support@example.co.jp"

    # 1. ISO-2022-JP, 7bit: the classic Japanese enquiry with ① and a name, My Number, phone.
    number, tel = my_number(), phone()
    body = ("サポートご担当者様\n\nお世話になっております。①の件でご連絡します。\n"
            "氏名：高橋 花子\n個人番号：%s\n電話：%s\nよろしくお願いいたします。\n" % (number, tel))
    write(root, "iso2022jp_enquiry.eml",
          headers(customer_sender("高橋花子", "hanako.takahashi"), support, word("①マイナンバー登録のお願い"))
          + text_part(body, "ISO-2022-JP", "7bit"),
          "jp.my_number,pii.email,pii.person_name,pii.phone")

    # 2. UTF-8 base64 body, a Shift_JIS CSV, a PDF from the PDF corpus: a multipart/mixed with alternatives.
    csv = "氏名,生年月日,個人番号\r\n" + "".join(
        "%s,%s,%s\r\n" % (n, d, my_number()) for n, d in (("山本 太郎", "1980/04/01"), ("中村 次郎", "1975/12/24")))
    pdf = open(os.path.join(HERE, "..", "Corpus", "pdf", "application_form.pdf"), "rb").read()
    alternative = multipart([
        text_part("各位\n\n添付の通り顧客一覧をお送りします。\n", "UTF-8", "base64"),
        "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"
        % b64("<p>各位</p><p>添付の通り顧客一覧をお送りします。</p>".encode()),
    ], "alt-0001", "alternative")
    write(root, "base64_list_with_attachments.eml",
          headers("Tanaka <tanaka@example.co.jp>", "team@example.co.jp", word("顧客一覧の送付", "UTF-8"))
          + multipart([alternative, attachment(csv.encode("cp932"), "text/csv", "customers.csv"),
                       attachment(pdf, "application/pdf", "application_form.pdf")], "mix-0001"),
          "jp.my_number,pii.date_of_birth,pii.email,pii.person_name")

    # 3. Quoted-printable EUC-JP: an address change with address and birth date.
    body = ("住所変更のお願い\n\nお名前：伊藤 美咲\n生年月日：1990年7月15日\n"
            "新住所：大阪府大阪市北区梅田1-2-3\nメール：misaki.ito@example.jp\n")
    write(root, "qp_eucjp_address_change.eml",
          headers(customer_sender("伊藤美咲", "misaki.ito"), support, word("住所変更"))
          + text_part(body, "EUC-JP", "quoted-printable"),
          "pii.address,pii.date_of_birth,pii.email,pii.person_name")

    # 4. A forwarded mail (message/rfc822) whose own attachment holds a passport number.
    inner_note = "旅券番号：TK%07d\n氏名：渡辺 健\n" % rng.randint(1000000, 9999999)
    inner = (headers(customer_sender("渡辺健", "ken.watanabe"), support, word("パスポートの件"))
             + multipart([text_part("添付をご確認ください。\n", "ISO-2022-JP", "7bit"),
                          attachment(inner_note.encode("utf-8"), "text/plain", "passport.txt")], "inner-0001"))
    write(root, "forwarded_nested.eml",
          headers("Suzuki <suzuki@example.co.jp>", "team@example.co.jp", word("Fwd: パスポートの件"))
          + multipart([text_part("転送します。\n", "ISO-2022-JP", "7bit"),
                       'Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="fwd.eml"\r\n\r\n'
                       + inner + "\r\n"], "outer-0001"),
          "jp.passport_number,pii.email,pii.person_name")

    # 5. HTML-only mail (Shift_JIS, base64) with a table of labels and values.
    html = ("<html><body><p>お申込み内容</p><table><tr><th>お名前</th><td>小林 さくら</td></tr>"
            "<tr><th>電話番号</th><td>%s</td></tr><tr><th>マイナンバー</th><td>%s</td></tr></table></body></html>"
            % (phone(), my_number()))
    write(root, "html_form_mail.eml",
          headers("web-form@example.co.jp", support, word("Webフォーム受付"))
          + "Content-Type: text/html; charset=Shift_JIS\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"
          % b64(html.encode("cp932")),
          "jp.my_number,pii.email,pii.person_name,pii.phone")

    # 6. A photo of an ID document attached: OCR reads the card (classifier, number, name, address, birth date).
    write(root, "id_card_photo.eml",
          headers(customer_sender("佐藤一郎", "ichiro.sato"), support, word("本人確認書類"))
          + multipart([text_part("本人確認書類を添付します。\n", "ISO-2022-JP", "7bit"),
                       attachment(id_card_png(), "image/png", "mynumber_card.png")], "img-0001"),
          "doc.my_number_card,jp.my_number,pii.address,pii.date_of_birth,pii.email,pii.person_name")

    # 7. Outlook .msg: PT_STRING8 body in CP932, a CSV attachment, one recipient.
    body = "お問い合わせありがとうございます。\r\n氏名：松本 大輔\r\n個人番号：%s\r\n" % my_number()
    tree = msg_tree("登録内容の確認", "松本 大輔", "daisuke.matsumoto@example.jp", "サポート", support, body=body,
                    attachments=[("contacts.csv", ("氏名,電話\r\n木村 優子,%s\r\n" % phone()).encode("cp932"))])
    write(root, "outlook_enquiry.msg", write_compound_file(tree),
          "jp.my_number,pii.email,pii.person_name,pii.phone")

    # 8. Outlook .msg with only a compressed RTF body, and an embedded .msg with a licence number.
    embedded = msg_tree("免許証番号", "山口 翔", "sho.yamaguchi@example.jp", "サポート", support,
                        body="運転免許証番号：%s\r\n" % "301234567890", top=False)
    tree = msg_tree("転送：免許証", "佐々木 恵", "megumi.sasaki@example.jp", "サポート", support,
                    rtf="お世話になっております。\n生年月日：昭和60年3月3日\n", embedded=("licence.msg", embedded))
    write(root, "outlook_rtf_embedded.msg", write_compound_file(tree),
          "jp.drivers_licence_number,pii.date_of_birth,pii.email")

    # 9. An HTML application form saved from a browser.
    form = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>申込書</title>"
            "<script>var demo = \"%s\";</script></head><body><form><table>"
            "<tr><th>氏名</th><td><input name=\"name\" value=\"林 直樹\"></td></tr>"
            "<tr><th>個人番号</th><td>%s</td></tr>"
            "<tr><th>住所</th><td>福岡県福岡市中央区天神2-3-4</td></tr>"
            "<tr><th>メール</th><td>naoki.hayashi&#64;example.jp</td></tr></table></form></body></html>"
            % (my_number(), my_number()))
    write(root, "application_form.html", form.encode(), "jp.my_number,pii.address,pii.email,pii.person_name")

    # 10. A JSON export and JSON Lines.
    export = {"exported": "2025-01-06", "customers": [
        {"id": i, "name": n, "MyNumber": my_number(), "contact": {"email": e, "phone": phone()}}
        for i, (n, e) in enumerate((("清水 亮", "ryo.shimizu@example.jp"), ("森 彩", "aya.mori@example.jp")))]}
    write(root, "customers_export.json", json.dumps(export, ensure_ascii=False, indent=2).encode(),
          "jp.my_number,pii.email,pii.person_name,pii.phone")
    lines = "".join(json.dumps({"seq": i, "kojin_bango": my_number(), "status": "ok"}) + "\n" for i in range(5))
    write(root, "mynumber_log.jsonl", lines.encode(), "jp.my_number")

    # Negatives: no customer's data; the only personal data is the address in the headers.
    write(root, "newsletter.eml",
          headers("Example Shop <news@shop.example.jp>", "member@example.jp", word("【新商品のお知らせ】冬のセール"))
          + multipart([
              text_part("いつもご利用ありがとうございます。\n注文番号 %s のお届けは完了しました。\n"
                        "商品コード 4901234567894 は30%%オフ。\n配信停止はこちら\n" % "".join(str(rng.randint(0, 9)) for _ in range(12)),
                        "ISO-2022-JP", "7bit"),
              "Content-Type: text/html; charset=ISO-2022-JP\r\n\r\n%s\r\n"
              % iso2022jp("<html><body><h1>冬のセール</h1><p>商品コード 4901234567894</p></body></html>").decode("latin-1"),
          ], "news-0001", "alternative"),
          "pii.email")
    write(root, "system_notification.eml",
          headers("batch@example.co.jp", "ops@example.co.jp", "Job 20250106-0300 finished")
          + text_part("バッチ処理が完了しました。\n処理件数: 123456789012\nジョブID: 20250106030000\n", "UTF-8", "8bit"),
          "pii.email")
    write(root, "product_page.html",
          ("<html><head><title>商品一覧</title></head><body><table><tr><th>商品名</th><th>JANコード</th><th>価格</th></tr>"
           "<tr><td>ボールペン</td><td>4901234567894</td><td>120円</td></tr>"
           "<tr><td>ノート</td><td>4909876543210</td><td>240円</td></tr></table></body></html>").encode(),
          "-")
    write(root, "orders_log.json",
          json.dumps([{"orderNo": "".join(str(rng.randint(0, 9)) for _ in range(12)), "sku": "A-%04d" % i, "qty": i}
                      for i in range(5)]).encode(),
          "-")

    with open(os.path.join(root, "labels.tsv"), "w") as f:
        f.write("# path\tcategories (comma-separated; - for none). Generated by scripts/make-corpus-mail.py.\n")
        for name, categories in sorted(labels):
            f.write("%s\t%s\n" % (name, categories))


def bench(count, folder):
    """`count` mails in mixed encodings, 10% with an attachment (CSV or PDF), and the same
    bodies as plain text files, for the throughput comparison in scripts/bench-mail.sh."""
    mails = os.path.join(folder, "mails")
    plain = os.path.join(folder, "plain")
    os.makedirs(mails, exist_ok=True)
    os.makedirs(plain, exist_ok=True)
    pdf = open(os.path.join(HERE, "..", "Corpus", "pdf", "application_form.pdf"), "rb").read()
    filler = ["いつもお世話になっております。", "ご確認のほどよろしくお願いいたします。", "添付資料をご確認ください。",
              "本件について折り返しご連絡いたします。", "The meeting is moved to Thursday.", "打ち合わせは木曜日に変更します。"]
    encodings = [("ISO-2022-JP", "7bit"), ("ISO-2022-JP", "base64"), ("Shift_JIS", "base64"), ("UTF-8", "quoted-printable"),
                 ("UTF-8", "base64"), ("EUC-JP", "8bit")]
    for i in range(count):
        charset, transfer = encodings[i % len(encodings)]
        if transfer == "8bit" and charset == "EUC-JP":
            transfer = "base64"
        text = "".join(rng.choice(filler) + "\n" for _ in range(rng.randint(10, 60)))
        if i % 7 == 0:
            text += "氏名：山田 太郎\n個人番号：%s\n電話：%s\n" % (my_number(), phone())
        part = text_part(text, charset, transfer)
        head = headers("Sender %d <sender%d@example.jp>" % (i, i), "support@example.co.jp", word("件名 %d" % i))
        if i % 10 == 3:
            extra = (attachment(("氏名,個人番号\r\n山田 太郎,%s\r\n" % my_number()).encode("cp932"), "text/csv", "list.csv")
                     if i % 20 == 3 else attachment(pdf, "application/pdf", "form.pdf"))
            mail = head + multipart([part, extra], "b%06d" % i)
        else:
            mail = head + part
        with open(os.path.join(mails, "mail_%05d.eml" % i), "wb") as f:
            f.write(mail.encode("latin-1"))
        with open(os.path.join(plain, "mail_%05d.txt" % i), "wb") as f:
            f.write(text.encode("utf-8"))


if __name__ == "__main__":
    if "--bench" in sys.argv:
        position = sys.argv.index("--bench")
        bench(int(sys.argv[position + 1]), sys.argv[position + 2])
    else:
        args = [a for a in sys.argv[1:] if not a.startswith("--")]
        corpus(args[0] if args else os.path.join(HERE, "..", "Corpus", "mail"))
