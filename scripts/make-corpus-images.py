#!/usr/bin/python3
"""Draws the synthetic identity-document images of Corpus/images (and, with --photos DIR N, a
folder of photo-like pictures for scripts/bench-ocr.sh).

Every document is marked 見本 / SAMPLE and carries made-up people and numbers with valid
check digits (scripts/synthetic_ids.py). Layouts follow the printed cards and pages (titles,
field captions, a photo box) in plausible positions; some copies are rotated, skewed, blurred,
JPEG-compressed or photographed on a desk. Negatives: photo-like pictures, a chart, a
screenshot, a loyalty card and a business card. Seeded: the output is the same on every run.

Needs python3-cairo, python3-pil and fonts-noto-cjk (scripts/install-deps.sh).
"""
import time
import math
import os
import random
import sys

import cairo
from PIL import Image, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synthetic_ids import my_number_check_digit, mrz_check_digit  # noqa: E402

FONT = "Noto Sans CJK JP"
MONO = "Noto Sans Mono CJK JP"
rng = random.Random(20261129)

SURNAMES = [("山田", "YAMADA"), ("佐藤", "SATO"), ("鈴木", "SUZUKI"), ("高橋", "TAKAHASHI"), ("田中", "TANAKA"),
            ("伊藤", "ITO"), ("渡辺", "WATANABE"), ("中村", "NAKAMURA")]
GIVEN = [("太郎", "TARO", "M"), ("花子", "HANAKO", "F"), ("一郎", "ICHIRO", "M"), ("美咲", "MISAKI", "F"),
         ("健太", "KENTA", "M"), ("由美", "YUMI", "F")]
ADDRESSES = ["東京都千代田区千代田1-1", "大阪府大阪市北区梅田3-1-1", "神奈川県横浜市中区本町6-50",
             "愛知県名古屋市中区三の丸3-1-1", "福岡県福岡市中央区天神1-8-1"]


def person():
    surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
    year, month, day = rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28)
    return {"kanji": f"{surname[0]} {given[0]}", "roman": f"{surname[1]} {given[1]}", "surname": surname[1],
            "given": given[1], "sex": given[2], "year": year, "month": month, "day": day,
            "address": rng.choice(ADDRESSES)}


def my_number():
    base = [rng.randint(0, 9) for _ in range(11)]
    return "".join(map(str, base)) + str(my_number_check_digit(base))


def letters(n):
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


def mrz(p, number):
    line1 = ("P<JPN" + p["surname"] + "<<" + p["given"]).ljust(44, "<")[:44]
    dob = "%02d%02d%02d" % (p["year"] % 100, p["month"], p["day"])
    expiry = "%02d%02d%02d" % (rng.randint(28, 35), rng.randint(1, 12), rng.randint(1, 28))
    body = (number + mrz_check_digit(number) + "JPN" + dob + mrz_check_digit(dob) + p["sex"] + expiry
            + mrz_check_digit(expiry) + "<" * 15)  # an empty personal number: its check digit is a filler too
    composite = body[0:10] + body[13:20] + body[21:43]
    return line1, body + mrz_check_digit(composite)


# --- drawing -----------------------------------------------------------------------------
class Canvas:
    def __init__(self, width, height, background=(1, 1, 1)):
        self.surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height)
        self.ctx = cairo.Context(self.surface)
        self.width, self.height = width, height
        self.ctx.set_source_rgb(*background)
        self.ctx.paint()

    def text(self, x, y, s, size, bold=False, font=FONT, color=(0.08, 0.08, 0.1)):
        self.ctx.select_font_face(font, cairo.FONT_SLANT_NORMAL,
                                  cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL)
        self.ctx.set_font_size(size)
        self.ctx.set_source_rgb(*color)
        self.ctx.move_to(x, y)
        self.ctx.show_text(s)

    def rect(self, x, y, w, h, color, fill=True, line=2):
        self.ctx.set_source_rgb(*color)
        self.ctx.rectangle(x, y, w, h)
        if fill:
            self.ctx.fill()
        else:
            self.ctx.set_line_width(line)
            self.ctx.stroke()

    def photo_box(self, x, y, w, h):
        self.rect(x, y, w, h, (0.82, 0.84, 0.86))
        self.ctx.set_source_rgb(0.55, 0.57, 0.6)
        self.ctx.arc(x + w / 2, y + h * 0.38, w * 0.22, 0, 2 * math.pi)
        self.ctx.fill()
        self.ctx.arc(x + w / 2, y + h * 1.02, w * 0.42, math.pi, 2 * math.pi)
        self.ctx.fill()

    def sample_mark(self):
        self.ctx.save()
        self.ctx.translate(self.width * 0.62, self.height * 0.62)
        self.ctx.rotate(-0.35)
        self.text(-90, 0, "見本 SAMPLE", self.height * 0.09, bold=True, color=(0.85, 0.2, 0.2))
        self.ctx.restore()

    def image(self):
        data = self.surface.get_data()
        return Image.frombuffer("RGBA", (self.width, self.height), bytes(data), "raw", "BGRA", 0, 1).convert("RGB")


CARD = (1012, 638)   # ID-1 at 300 dpi (85.6 x 54 mm)


def card(tint):
    c = Canvas(*CARD, background=tint)
    c.rect(8, 8, CARD[0] - 16, CARD[1] - 16, (0.4, 0.45, 0.5), fill=False)
    return c


def date_jp(p):
    return f"{p['year']}年 {p['month']}月 {p['day']}日生"


def licence_number():
    code = rng.choice([30, 31, 32, 33, 40, 50, 60])
    year = rng.randint(0, 26)
    digits = [code // 10, code % 10, year // 10, year % 10] + [rng.randint(0, 9) for _ in range(6)]
    weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    cd = (11 - sum(d * w for d, w in zip(digits, weights)) % 11) % 10
    return "".join(map(str, digits)) + str(cd) + str(rng.randint(0, 2))


def drivers_licence_front(p):
    c = card((0.93, 0.97, 0.92))
    c.text(40, 80, "氏名", 30); c.text(130, 80, p["kanji"], 40, bold=True); c.text(470, 80, date_jp(p), 30)
    c.text(40, 140, "住所", 30); c.text(130, 140, p["address"], 32)
    c.text(40, 200, "交付", 30); c.text(130, 200, "令和 5年 04月 01日 12345", 28)
    c.rect(40, 225, 620, 60, (0.35, 0.75, 0.45))
    c.text(60, 268, f"{rng.randint(2027, 2031)}年 06月 01日まで有効", 34, bold=True)
    c.text(40, 330, "免許の条件等", 28); c.text(240, 330, "眼鏡等", 28)
    c.text(40, 400, f"番号 第 {licence_number()} 号", 32, bold=True)
    c.text(40, 470, "二・小・原  平成 20年 05月 01日", 26)
    c.text(40, 520, "種類  普通  準中型", 26)
    c.text(380, 590, "運転免許証", 44, bold=True); c.text(640, 590, "東京都公安委員会", 30)
    c.photo_box(720, 110, 250, 320)
    c.sample_mark()
    return c.image()


def drivers_licence_back(p):
    c = card((0.95, 0.97, 0.95))
    c.text(40, 70, "備考", 32, bold=True)
    c.rect(40, 90, 930, 260, (0.4, 0.4, 0.4), fill=False)
    c.text(40, 420, "記載事項変更", 32, bold=True)
    c.text(60, 480, f"令和 6年 02月 10日 新住所 {p['address']}", 26)
    c.text(600, 590, "東京都公安委員会", 32)
    c.sample_mark()
    return c.image()


def residence_card_front(p):
    c = card((0.95, 0.94, 0.98))
    c.text(40, 60, "日本国政府", 26); c.text(220, 62, "在留カード", 40, bold=True); c.text(440, 62, "RESIDENCE CARD", 28, bold=True)
    c.text(720, 62, f"番号 {letters(2)}{rng.randint(10000000, 99999999)}{letters(2)}", 22)
    c.text(40, 120, f"氏名 NAME  {p['roman']}", 32, bold=True)
    c.text(40, 170, f"生年月日 {p['year']}年{p['month']:02d}月{p['day']:02d}日  性別 {'男 M' if p['sex'] == 'M' else '女 F'}", 26)
    c.text(40, 215, "国籍・地域 NATIONALITY/REGION  フィリピン", 26)
    c.text(40, 260, f"住居地 {p['address']}", 26)
    c.rect(30, 285, 650, 70, (0.85, 0.85, 0.95))
    c.text(40, 330, "在留資格 技術・人文知識・国際業務", 30, bold=True)
    c.text(40, 395, "就労制限の有無  就労制限なし", 28)
    c.text(40, 450, "在留期間(満了日) 5年 (2030年04月01日)", 26)
    c.text(40, 500, "許可の種類 在留期間更新許可", 26)
    c.text(40, 550, "交付年月日 2025年04月01日  このカードの有効期間 2030年04月01日まで有効", 22)
    c.text(560, 600, "法務大臣", 28)
    c.photo_box(730, 110, 240, 300)
    c.sample_mark()
    return c.image()


def residence_card_back(p):
    c = card((0.97, 0.97, 0.99))
    c.text(40, 60, "住居地記載欄", 30, bold=True)
    c.text(40, 110, "届出年月日        住居地                         記載者印", 24)
    c.rect(30, 125, 950, 180, (0.4, 0.4, 0.4), fill=False)
    c.text(50, 170, f"2025年05月01日  {p['address']}", 26)
    c.text(40, 360, "資格外活動許可欄", 30, bold=True)
    c.rect(30, 375, 450, 150, (0.4, 0.4, 0.4), fill=False)
    c.text(520, 360, "在留期間更新等許可申請欄", 30, bold=True)
    c.rect(520, 375, 460, 150, (0.4, 0.4, 0.4), fill=False)
    c.sample_mark()
    return c.image()


def my_number_card_front(p):
    c = card((0.97, 0.97, 0.97))
    c.text(40, 70, "氏名", 28); c.text(130, 72, p["kanji"], 44, bold=True)
    c.text(40, 150, "住所", 28); c.text(130, 150, p["address"], 32)
    c.text(40, 230, date_jp(p), 30); c.text(420, 230, f"性別 {'男' if p['sex'] == 'M' else '女'}", 30)
    c.text(40, 300, f"{rng.randint(2030, 2035)}年 {rng.randint(1, 12)}月 {rng.randint(1, 28)}日まで有効", 30)
    c.text(40, 350, "電子証明書の有効期限  2030年 01月 01日", 26)
    c.text(40, 420, "臓器提供意思", 24); c.rect(30, 440, 600, 80, (0.5, 0.5, 0.5), fill=False)
    c.text(50, 490, "サインパネル領域", 24)
    c.text(40, 600, "個人番号カード", 42, bold=True); c.text(400, 600, "千代田区長", 28)
    c.photo_box(730, 90, 240, 300)
    c.sample_mark()
    return c.image()


def my_number_card_back(p):
    c = card((0.96, 0.96, 0.98))
    n = my_number()
    c.text(40, 90, "個人番号", 34, bold=True)
    c.text(260, 95, f"{n[0:4]} {n[4:8]} {n[8:12]}", 54, bold=True, font=MONO)
    c.text(40, 200, "氏名", 30); c.text(140, 200, p["kanji"], 40)
    c.text(40, 280, "生年月日", 30); c.text(200, 280, f"{p['year']}年{p['month']}月{p['day']}日", 32)
    c.rect(720, 330, 240, 240, (0.2, 0.2, 0.2))
    c.sample_mark()
    return c.image()


def insurer_number():
    base = rng.choice(["01", "06", "31", "32"]) + "%02d" % rng.randint(1, 47) + "%03d" % rng.randint(1, 999)
    total = 0
    for i, ch in enumerate(reversed(base)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return base + str((10 - total % 10) % 10)


def health_insurance_front(p):
    c = card((0.93, 0.95, 0.99))
    c.text(40, 70, "健康保険", 34, bold=True); c.text(220, 70, "被保険者証", 40, bold=True); c.text(520, 70, "本人(被保険者)", 28)
    c.text(40, 140, f"記号 {rng.randint(1000, 9999)}   番号 {rng.randint(1, 99)}  (枝番) 00", 30)
    c.text(40, 210, f"氏名  {p['kanji']}", 36, bold=True)
    c.text(40, 270, f"生年月日 {p['year']}年 {p['month']}月 {p['day']}日   性別 {'男' if p['sex'] == 'M' else '女'}", 28)
    c.text(40, 330, "資格取得年月日  令和 2年 4月 1日", 28)
    c.text(40, 380, "交付年月日  令和 2年 4月 10日", 28)
    c.text(40, 430, "事業所名称  株式会社サンプル商事", 28)
    c.text(40, 490, f"保険者番号  {insurer_number()}", 30, bold=True)
    c.text(40, 540, "保険者名称  全国健康保険協会 東京支部", 28)
    c.text(40, 590, "保険者所在地  東京都中野区中野4-10-2", 24)
    c.sample_mark()
    return c.image()


def resident_record(p):
    c = Canvas(1240, 1754)
    c.text(470, 140, "住民票の写し", 60, bold=True)
    c.text(100, 260, f"住所  {p['address']}", 34)
    c.text(100, 330, f"世帯主  {p['kanji']}", 34)
    y = 420
    for i in range(2):
        q = p if i == 0 else person()
        c.rect(90, y - 50, 1060, 430, (0.3, 0.3, 0.3), fill=False)
        c.text(100, y, f"氏名  {q['kanji']}", 34)
        c.text(100, y + 60, f"生年月日  {q['year']}年{q['month']}月{q['day']}日   性別 {'男' if q['sex'] == 'M' else '女'}", 30)
        c.text(100, y + 120, f"続柄  {'世帯主' if i == 0 else '妻'}", 30)
        c.text(100, y + 180, "住民となった年月日  令和2年4月1日", 30)
        c.text(100, y + 240, "住所を定めた年月日  令和2年4月1日  届出日 令和2年4月3日", 30)
        c.text(100, y + 300, "前住所  埼玉県さいたま市浦和区高砂3-15-1", 30)
        c.text(100, y + 360, f"住民票コード  {rng.randint(10**10, 10**11 - 1)}", 30)
        y += 500
    c.text(100, 1500, "この写しは、住民票の原本と相違ないことを証明する。", 32)
    c.text(700, 1600, "千代田区長  見本 花子", 34)
    c.sample_mark()
    return c.image()


def passport_page(p):
    c = Canvas(1250, 880, background=(0.95, 0.93, 0.96))
    number = rng.choice(["TR", "TZ", "MZ", "TK"]) + "%07d" % rng.randint(1000000, 9999999)
    c.text(60, 70, "日本国旅券", 36, bold=True); c.text(320, 70, "PASSPORT", 36, bold=True); c.text(640, 70, "日本国 JAPAN", 30)
    c.text(360, 130, "型/Type  P      発行国/Issuing country  JPN      旅券番号/Passport No.", 20)
    c.text(360, 165, f"{number}", 34, bold=True, font=MONO)
    c.text(360, 215, "姓/Surname", 20); c.text(360, 250, p["surname"], 32, bold=True)
    c.text(360, 295, "名/Given name", 20); c.text(360, 330, p["given"], 32, bold=True)
    c.text(360, 375, "国籍/Nationality  JAPAN", 24)
    c.text(360, 420, f"生年月日/Date of birth  {p['day']:02d} {['JAN','FEB','MAR','APR','MAY','JUN','JUL','AUG','SEP','OCT','NOV','DEC'][p['month']-1]} {p['year']}", 24)
    c.text(360, 465, f"性別/Sex  {p['sex']}      本籍/Registered Domicile  TOKYO", 24)
    c.text(360, 510, "発行年月日/Date of issue  01 APR 2021", 24)
    c.text(360, 555, "有効期間満了日/Date of expiry  01 APR 2031", 24)
    c.text(360, 600, "発行官庁/Authority  MINISTRY OF FOREIGN AFFAIRS", 24)
    c.photo_box(60, 140, 260, 340)
    line1, line2 = mrz(p, number)
    c.rect(0, 680, 1250, 200, (0.98, 0.98, 0.98))
    for row, line in ((750, line1), (830, line2)):
        for i, ch in enumerate(line):  # the fixed 2.54 mm pitch of an MRZ
            c.text(60 + i * 25.4, row, ch, 36, font=MONO)
    c.sample_mark()
    return c.image()


# --- negatives ------------------------------------------------------------------------------
def photo(width=1024, height=768, seed=None):
    """A photo-like picture: a sky-to-ground gradient, blobs and noise, no text."""
    r = random.Random(seed if seed is not None else rng.random())
    c = Canvas(width, height)
    g = cairo.LinearGradient(0, 0, 0, height)
    top = [r.uniform(0.3, 0.9) for _ in range(3)]
    bottom = [r.uniform(0.1, 0.6) for _ in range(3)]
    g.add_color_stop_rgb(0, *top)
    g.add_color_stop_rgb(1, *bottom)
    c.ctx.set_source(g)
    c.ctx.paint()
    for _ in range(r.randint(4, 30)):
        c.ctx.set_source_rgba(r.random(), r.random(), r.random(), r.uniform(0.3, 0.9))
        c.ctx.save()
        c.ctx.translate(r.uniform(0, width), r.uniform(0, height))
        c.ctx.scale(r.uniform(20, 260), r.uniform(20, 200))
        c.ctx.arc(0, 0, 1, 0, 2 * math.pi)
        c.ctx.restore()
        c.ctx.fill()
    img = c.image()
    noise = Image.effect_noise((width, height), r.uniform(10, 40)).convert("RGB")
    img = Image.blend(img, noise, 0.12)
    return img.filter(ImageFilter.GaussianBlur(r.uniform(0.5, 2.5)))


def chart():
    c = Canvas(1000, 700)
    c.text(300, 60, "月別売上 Monthly sales 2025", 34, bold=True)
    c.ctx.set_source_rgb(0, 0, 0); c.ctx.move_to(100, 620); c.ctx.line_to(950, 620); c.ctx.move_to(100, 620)
    c.ctx.line_to(100, 100); c.ctx.stroke()
    for i in range(12):
        h = rng.randint(80, 480)
        c.rect(120 + i * 68, 620 - h, 44, h, (0.2, 0.4, 0.8))
        c.text(122 + i * 68, 655, f"{i + 1}月", 20)
    for v in range(0, 6):
        c.text(40, 625 - v * 100, f"{v * 100}", 18)
    return c.image()


def screenshot():
    c = Canvas(1280, 800, background=(0.93, 0.93, 0.95))
    c.rect(0, 0, 1280, 40, (0.25, 0.25, 0.3))
    c.text(20, 28, "ファイル  編集  表示  ツール  ヘルプ   File Edit View Tools Help", 20, color=(1, 1, 1))
    c.rect(0, 40, 260, 760, (0.86, 0.87, 0.9))
    for i, name in enumerate(["受信トレイ Inbox", "送信済み Sent", "下書き Drafts", "アーカイブ Archive", "ゴミ箱 Trash"]):
        c.text(20, 90 + i * 44, name, 22)
    for i in range(9):
        c.text(290, 90 + i * 70, f"会議の議事録について ({i + 1})  Meeting notes for project review", 22, bold=i == 0)
        c.text(290, 118 + i * 70, "お疲れさまです。来週の打ち合わせの資料を共有します。", 18, color=(0.4, 0.4, 0.4))
    return c.image()


def loyalty_card():
    c = card((0.99, 0.92, 0.8))
    c.text(60, 110, "さくらポイントカード", 56, bold=True, color=(0.7, 0.2, 0.1))
    c.text(60, 180, "SAKURA POINT CARD", 36, bold=True)
    c.text(60, 300, f"会員番号  {rng.randint(10**11, 10**12 - 1)}", 34)
    c.text(60, 370, "お名前", 30)
    c.rect(180, 335, 500, 50, (0.3, 0.3, 0.3), fill=False)
    c.text(60, 470, "100円ごとに1ポイント貯まります。有効期限は最終利用日から1年間です。", 22)
    c.text(60, 560, "お問い合わせ 0120-000-000", 24)
    return c.image()


def business_card():
    c = card((1, 1, 1))
    c.text(60, 90, "株式会社サンプル商事", 34, bold=True)
    c.text(60, 140, "営業部 課長", 26)
    c.text(60, 260, "見本 次郎", 60, bold=True)
    c.text(60, 320, "MIHON JIRO", 30)
    c.text(60, 470, "〒100-0001 東京都千代田区千代田1-1", 24)
    c.text(60, 520, "TEL 03-0000-0000  FAX 03-0000-0001", 24)
    c.text(60, 570, "E-mail sales@example.com", 24)
    return c.image()


# --- degradations --------------------------------------------------------------------------
def on_desk(img, angle):
    """The document photographed on a desk: a wood-coloured 4:3 frame, turned a little, a shadow."""
    w, h = img.size
    W, H = int(w * 1.5), int(w * 1.5 * 3 / 4)
    desk = photo(W, H, seed=rng.random())
    tinted = Image.new("RGB", (W, H), (150, 110, 70))
    desk = Image.blend(desk, tinted, 0.6)
    turned = img.rotate(angle, expand=True, resample=Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", img.size, 255).rotate(angle, expand=True)
    shadow = Image.new("RGB", turned.size, (40, 30, 20))
    x, y = (W - turned.width) // 2, (H - turned.height) // 2
    desk.paste(shadow, (x + 12, y + 12), mask)
    desk.paste(turned, (x, y), mask)
    return desk


def variant(img, kind):
    if kind == "clean":
        return img
    if kind == "skew":
        return img.rotate(rng.choice([-3, -2, 2, 3]), expand=True, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    if kind == "rot90":
        return img.rotate(90, expand=True)
    if kind == "rot180":
        return img.rotate(180)
    if kind == "blur":
        return img.filter(ImageFilter.GaussianBlur(1.2))
    if kind == "desk":
        return on_desk(img, rng.choice([-6, -4, 4, 6]))
    raise ValueError(kind)


def save(img, path, fmt):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if fmt == "jpg":
        img.save(path, "JPEG", quality=rng.choice([55, 70, 85]))
    elif fmt == "png":
        img.convert("L").save(path, "PNG", optimize=True)
    elif fmt == "gif":
        img.convert("L").convert("P").save(path, "GIF")
    elif fmt == "tif":
        img.convert("L").save(path, "TIFF", compression="tiff_deflate")
    elif fmt == "webp":
        img.save(path, "WEBP", quality=75)
    elif fmt == "bmp":
        img.convert("L").save(path, "BMP")


DOCUMENTS = [
    # (name, drawer, label, variants as (kind, format))
    ("passport", passport_page, "doc.passport", [("clean", "png"), ("skew", "jpg"), ("desk", "jpg"), ("rot180", "jpg")]),
    ("licence_front", drivers_licence_front, "doc.drivers_licence", [("clean", "jpg"), ("blur", "jpg"), ("desk", "jpg"), ("rot90", "png")]),
    ("licence_back", drivers_licence_back, "doc.drivers_licence", [("clean", "png"), ("skew", "jpg")]),
    ("residence_front", residence_card_front, "doc.residence_card", [("clean", "jpg"), ("skew", "jpg"), ("desk", "jpg"), ("blur", "webp")]),
    ("residence_back", residence_card_back, "doc.residence_card", [("clean", "png"), ("blur", "jpg")]),
    ("mynumber_front", my_number_card_front, "doc.my_number_card", [("clean", "jpg"), ("desk", "jpg"), ("skew", "png"), ("rot90", "jpg")]),
    ("mynumber_back", my_number_card_back, "doc.my_number_card", [("clean", "png"), ("blur", "jpg")]),
    ("insurance_front", health_insurance_front, "doc.health_insurance_card", [("clean", "jpg"), ("skew", "jpg"), ("desk", "jpg"), ("clean", "bmp")]),
    ("resident_record", resident_record, "doc.resident_record", [("clean", "png"), ("skew", "tif"), ("blur", "jpg")]),
]

NEGATIVES = [
    ("photo_1", lambda: photo(), [("clean", "jpg")]),
    ("photo_2", lambda: photo(800, 600), [("clean", "jpg")]),
    ("photo_3", lambda: photo(640, 960), [("clean", "png")]),
    ("photo_4", lambda: photo(1200, 800), [("clean", "webp")]),
    ("chart", chart, [("clean", "png")]),
    ("screenshot", screenshot, [("clean", "png")]),
    ("loyalty_card", loyalty_card, [("clean", "jpg"), ("desk", "jpg")]),
    ("business_card", business_card, [("clean", "jpg"), ("skew", "png")]),
]


def corpus(root):
    out = os.path.join(root, "images")
    labels = []
    for name, draw, label, variants in DOCUMENTS:
        for kind, fmt in variants:
            img = variant(draw(person()), kind)
            if max(img.size) > 1400 and fmt == "jpg":
                scale = 1400 / max(img.size)
                img = img.resize((int(img.width * scale), int(img.height * scale)), Image.LANCZOS)
            path = f"{name}_{kind}.{fmt}"
            save(img, os.path.join(out, path), fmt)
            labels.append((path, label))
    # A two-page TIFF (a licence scanned front and back) and a scanned 住民票 as an image-only PDF.
    p = person()
    pages = [drivers_licence_front(p).convert("L"), drivers_licence_back(p).convert("L")]
    pages[0].save(os.path.join(out, "licence_both_sides.tif"), "TIFF", compression="tiff_deflate", save_all=True,
                  append_images=pages[1:])
    labels.append(("licence_both_sides.tif", "doc.drivers_licence"))
    scan = variant(resident_record(person()), "skew").convert("L")
    fixed = time.strptime("2026-11-29 09:00:00", "%Y-%m-%d %H:%M:%S")
    scan.save(os.path.join(out, "resident_record_scan.pdf"), "PDF", resolution=150, creationDate=fixed, modDate=fixed)
    labels.append(("resident_record_scan.pdf", "doc.resident_record"))
    for name, draw, variants in NEGATIVES:
        for kind, fmt in variants:
            path = f"{name}_{kind}.{fmt}"
            save(variant(draw(), kind), os.path.join(out, path), fmt)
            labels.append((path, "-"))
    with open(os.path.join(out, "labels.tsv"), "w", encoding="utf-8") as f:
        f.write("# path\tdocument classes (doc.* only: the corpus test scores only doc.* for images/). "
                "Generated by scripts/make-corpus-images.py.\n")
        for path, label in sorted(labels):
            f.write(f"{path}\t{label}\n")


def photos(folder, count):
    """A mixed photo folder for the skip benchmark: photo-like pictures of assorted sizes."""
    os.makedirs(folder, exist_ok=True)
    for i in range(count):
        w, h = rng.choice([(1024, 768), (800, 600), (1280, 960), (600, 800), (1600, 1200)])
        photo(w, h, seed=i).save(os.path.join(folder, f"photo_{i:03d}.jpg"), "JPEG", quality=80)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--photos":
        photos(sys.argv[2], int(sys.argv[3]))
    else:
        corpus(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Corpus"))
