#!/usr/bin/env python3
"""Writes Corpus/catalogue/: a few hundred small synthetic files covering every detector
category, with hard negatives, in the encodings and layouts Japanese offices produce (UTF-8,
CP932, EUC-JP, UTF-16 text; CSV/TSV with Japanese and English headers), and a labels.tsv
saying which categories each file holds. Deterministic from its seed; every person, number and
address is made up (check digits are computed so that validators accept them; e-mail domains
are example.*). Run `make corpus` (or this script) to regenerate; `make eval` scores it.
"""
import os
import random
import shutil
from synthetic_ids import my_number_check_digit, mrz_check_digit as mrz_digit

SEED = 20261125
rng = random.Random(SEED)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Corpus", "catalogue")

SURNAMES = [("佐藤", "サトウ", "Sato"), ("鈴木", "スズキ", "Suzuki"), ("高橋", "タカハシ", "Takahashi"),
            ("田中", "タナカ", "Tanaka"), ("伊藤", "イトウ", "Ito"), ("渡辺", "ワタナベ", "Watanabe"),
            ("山本", "ヤマモト", "Yamamoto"), ("中村", "ナカムラ", "Nakamura"), ("小林", "コバヤシ", "Kobayashi"),
            ("加藤", "カトウ", "Kato"), ("吉田", "ヨシダ", "Yoshida"), ("山田", "ヤマダ", "Yamada"),
            ("佐々木", "ササキ", "Sasaki"), ("山口", "ヤマグチ", "Yamaguchi"), ("松本", "マツモト", "Matsumoto"),
            ("井上", "イノウエ", "Inoue"), ("木村", "キムラ", "Kimura"), ("清水", "シミズ", "Shimizu"),
            ("山崎", "ヤマザキ", "Yamazaki"), ("森田", "モリタ", "Morita")]
GIVEN = [("太郎", "タロウ", "Taro"), ("花子", "ハナコ", "Hanako"), ("一郎", "イチロウ", "Ichiro"),
         ("美咲", "ミサキ", "Misaki"), ("健太", "ケンタ", "Kenta"), ("陽子", "ヨウコ", "Yoko"),
         ("翔太", "ショウタ", "Shota"), ("由美", "ユミ", "Yumi"), ("大輔", "ダイスケ", "Daisuke"),
         ("恵子", "ケイコ", "Keiko")]
PLACES = [("東京都", "港区", "六本木", "Roppongi", "Minato-ku", "Tokyo"),
          ("東京都", "新宿区", "西新宿", "Nishishinjuku", "Shinjuku-ku", "Tokyo"),
          ("大阪府", "大阪市北区", "梅田", "Umeda", "Kita-ku", "Osaka"),
          ("神奈川県", "横浜市中区", "山下町", "Yamashitacho", "Naka-ku", "Yokohama"),
          ("愛知県", "名古屋市中区", "錦", "Nishiki", "Naka-ku", "Nagoya"),
          ("福岡県", "福岡市博多区", "博多駅前", "Hakataekimae", "Hakata-ku", "Fukuoka"),
          ("北海道", "札幌市中央区", "北一条西", "Kitaichijonishi", "Chuo-ku", "Sapporo"),
          ("京都府", "京都市左京区", "吉田本町", "Yoshidahonmachi", "Sakyo-ku", "Kyoto"),
          ("埼玉県", "さいたま市浦和区", "高砂", "Takasago", "Urawa-ku", "Saitama"),
          ("千葉県", "千葉市中央区", "富士見", "Fujimi", "Chuo-ku", "Chiba")]
NATIONALITIES = [("日本", "JAPAN", "JPN"), ("ベトナム", "VIETNAM", "VNM"), ("中国", "CHINA", "CHN"),
                 ("フィリピン", "PHILIPPINES", "PHL"), ("ブラジル", "BRAZIL", "BRA"), ("ネパール", "NEPAL", "NPL"),
                 ("韓国", "KOREA", "KOR")]
OCCUPATIONS = ["会社員", "公務員", "自営業", "医師", "教員", "看護師", "パート", "エンジニア"]
EMPLOYERS = ["株式会社サンプル商事", "見本工業株式会社", "テスト物産株式会社", "サンプル銀行"]
KANJI_DIGITS = "〇一二三四五六七八九"
ERAS = [("昭和", "S", 1926), ("平成", "H", 1989)]
COMMISSION = [30, 45, 54, 62, 63, 90, 10, 22, 43, 44]
LAW_CODES = ["01", "06", "31", "33", "34"]
ENCODINGS = ["utf-8", "cp932", "euc_jp", "utf-16"]

files = {}


def put(path, text, encoding, categories, newline="\n"):
    if newline != "\n":
        text = text.replace("\n", newline)
    data = text.encode(encoding)
    if encoding == "utf-16":
        data = text.encode("utf-16-le")
        data = b"\xff\xfe" + data
    files[path] = (data, sorted(set(categories)))


# --- numbers with their check digits ---------------------------------------------------
def my_number():
    while True:
        base = [rng.randint(0, 9) for _ in range(11)]
        if len(set(base)) > 2:
            break
    return "".join(map(str, base)) + str(my_number_check_digit(base))


def licence(check=True):
    code = rng.choice(COMMISSION)
    year = rng.randint(0, 99)
    if 27 <= year <= 29:  # no licence was first issued in (19|20)27–29 to a living holder
        year -= 10
    digits = [code // 10, code % 10, year // 10, year % 10] + [rng.randint(0, 9) for _ in range(6)]
    weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    cd = (11 - sum(d * w for d, w in zip(digits, weights)) % 11) % 10
    if not check:
        cd = (cd + 3) % 10
    return "".join(map(str, digits)) + str(cd) + str(rng.randint(0, 2))


def luhn_digit(base):
    total = 0
    for i, ch in enumerate(reversed(base)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def insurer():
    base = rng.choice(LAW_CODES) + "%02d" % rng.randint(1, 47) + "%03d" % rng.randint(1, 999)
    return base + luhn_digit(base)


def letters(n):
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


def passport():
    return rng.choice(["TR", "TZ", "MZ", "TK", "TH"]) + "%07d" % rng.randint(1000000, 9999999)


def residence_card():
    return letters(2) + "%08d" % rng.randint(10000000, 99999999) + letters(2)


def mrz(person, number):
    name = (person["roman_surname"].upper() + "<<" + person["roman_given"].upper())
    line1 = ("P<JPN" + name).ljust(44, "<")[:44]
    dob = person["dob_yymmdd"]
    expiry = "%02d%02d%02d" % (rng.randint(26, 35), rng.randint(1, 12), rng.randint(1, 28))
    sex = person["sex"]
    personal = "<" * 14
    body = number + mrz_digit(number) + "JPN" + dob + mrz_digit(dob) + sex + expiry + mrz_digit(expiry) + personal + "0"
    composite = body[0:10] + body[13:20] + body[21:43]
    return line1, body + mrz_digit(composite)


def phone():
    return rng.choice(["090", "080", "070"]) + "-%04d-%04d" % (rng.randint(1000, 9999), rng.randint(1000, 9999))


def person():
    s = rng.choice(SURNAMES)
    g = rng.choice(GIVEN)
    era_name, era_letter, era_start = rng.choice(ERAS)
    year = rng.randint(era_start + 1, min(era_start + 30, 2005))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    place = rng.choice(PLACES)
    block = rng.choice([f"{rng.randint(1,5)}-{rng.randint(1,20)}-{rng.randint(1,30)}",
                        f"{KANJI_DIGITS[rng.randint(1,5)]}丁目{rng.randint(1,20)}番{rng.randint(1,30)}号",
                        f"{rng.randint(1,5)}丁目{rng.randint(1,20)}-{rng.randint(1,30)}"])
    building = rng.choice(["", " サンプルハイツ101", " 見本マンション305"])
    return {
        "surname": s[0], "kana_surname": s[1], "roman_surname": s[2],
        "given": g[0], "kana_given": g[1], "roman_given": g[2],
        "year": year, "month": month, "day": day, "era": era_name, "era_letter": era_letter, "era_year": year - era_start + 1,
        "dob_yymmdd": "%02d%02d%02d" % (year % 100, month, day),
        "sex": rng.choice("MF"),
        "place": place, "block": block, "building": building,
        "postal": "%03d-%04d" % (rng.randint(100, 999), rng.randint(0, 9999)),
        "nationality": rng.choice(NATIONALITIES),
        "occupation": rng.choice(OCCUPATIONS), "employer": rng.choice(EMPLOYERS),
        "email": f"{s[2].lower()}.{g[2].lower()}{rng.randint(1,99)}@example.jp",
        "phone": phone(),
    }


MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def kanji_number(n):
    if n < 10:
        return KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else KANJI_DIGITS[tens]) + "十" + (KANJI_DIGITS[ones] if ones else "")


def dob_text(p, style):
    y, m, d = p["year"], p["month"], p["day"]
    era_year = "元" if p["era_year"] == 1 else str(p["era_year"])
    return {
        "iso": f"{y:04d}-{m:02d}-{d:02d}",
        "slash": f"{y}/{m:02d}/{d:02d}",
        "kanji": f"{y}年{m}月{d}日",
        "era": f"{p['era']}{era_year}年{m}月{d}日",
        "era_letter": f"{p['era_letter']}{p['era_year']}.{m}.{d}",
        "passport": f"{d:02d} {MONTHS[m-1]} {y}",
        "era_kanji": f"{p['era']}{kanji_number(p['era_year'])}年{kanji_number(m)}月{kanji_number(d)}日",
    }[style]


def address(p, with_prefecture=True):
    pref, city, town = p["place"][:3]
    return (pref if with_prefecture else "") + city + town + p["block"] + p["building"]


def full_name(p, sep="　"):
    return p["surname"] + sep + p["given"]


# --- positive templates ----------------------------------------------------------------
FIELDS = ["name", "kana", "dob", "gender", "nationality", "address", "phone", "email", "occupation", "employer",
          "my_number"]


def form(i):
    p = person()
    chosen = [f for f in FIELDS if rng.random() < 0.55] or ["name", "address"]
    lines = [rng.choice(["お客様情報登録票", "口座開設申込書（控え）", "顧客情報シート", "変更届"])]
    cats = []
    for f in chosen:
        if f == "name":
            lines.append(f"{rng.choice(['氏名', 'お名前', '氏名（漢字）'])}：{full_name(p)}")
            cats.append("pii.person_name")
        elif f == "kana":
            lines.append(f"フリガナ：{p['kana_surname']} {p['kana_given']}")
            cats.append("pii.person_name")
        elif f == "dob":
            style = rng.choice(["slash", "kanji", "era", "era_letter", "era_kanji", "iso"])
            lines.append(f"生年月日：{dob_text(p, style)}")
            cats.append("pii.date_of_birth")
        elif f == "gender":
            lines.append(f"性別：{rng.choice(['男', '女', '男性', '女性'])}")
            cats.append("pii.gender")
        elif f == "nationality":
            lines.append(f"国籍：{p['nationality'][0]}")
            cats.append("pii.nationality")
        elif f == "address":
            lines.append(f"住所：〒{p['postal']} {address(p, rng.random() < 0.7)}")
            cats.append("pii.address")
        elif f == "phone":
            lines.append(f"電話番号：{p['phone']}")
            cats.append("pii.phone")
        elif f == "email":
            lines.append(f"メールアドレス：{p['email']}")
            cats.append("pii.email")
        elif f == "occupation":
            lines.append(f"職業：{p['occupation']}")
            cats.append("pii.occupation")
        elif f == "employer":
            lines.append(f"勤務先：{p['employer']}")
            cats.append("pii.occupation")
        elif f == "my_number":
            n = my_number()
            lines.append(f"個人番号：{n[:4]}-{n[4:8]}-{n[8:]}")
            cats.append("jp.my_number")
    lines.append("以上")
    enc = ENCODINGS[i % len(ENCODINGS)]
    put(f"forms/form_{i:03d}.txt", "\n".join(lines) + "\n", enc, cats, "\r\n" if enc == "cp932" else "\n")


def english_record(i):
    p = person()
    lines = ["Customer onboarding record (sample)"]
    cats = ["pii.person_name"]
    lines.append(f"Name: {p['roman_given']} {p['roman_surname']}")
    if rng.random() < 0.7:
        lines.append(f"Date of birth: {dob_text(p, rng.choice(['passport', 'iso', 'slash']))}")
        cats.append("pii.date_of_birth")
    if rng.random() < 0.6:
        lines.append(f"Gender: {rng.choice(['Male', 'Female', 'M', 'F'])}")
        cats.append("pii.gender")
    if rng.random() < 0.6:
        lines.append(f"Nationality: {p['nationality'][1].title()}")
        cats.append("pii.nationality")
    if rng.random() < 0.7:
        place = p["place"]
        lines.append(f"Address: {rng.randint(1,5)}-{rng.randint(1,20)}-{rng.randint(1,30)} {place[3]}, {place[4]}, {place[5]}")
        cats.append("pii.address")
    if rng.random() < 0.5:
        lines.append(f"Occupation: {rng.choice(['Software Engineer', 'Accountant', 'Teacher', 'Nurse'])}")
        cats.append("pii.occupation")
    if rng.random() < 0.4:
        lines.append(f"Passport No.: {passport()}")
        cats.append("jp.passport_number")
    put(f"english/record_{i:03d}.txt", "\n".join(lines) + "\n", "utf-8", cats)


def mail(i):
    p = person()
    body = [f"件名：ご契約内容の確認", "", f"{p['surname']}{p['given']}様", "",
            "いつもお世話になっております。", "ご登録内容を確認いたしました。"]
    cats = ["pii.person_name"]
    if rng.random() < 0.5:
        body.append(f"ご連絡先：{p['phone']}")
        cats.append("pii.phone")
    body.append("今後ともよろしくお願いいたします。")
    enc = rng.choice(["iso2022_jp", "utf-8", "cp932"])
    put(f"mail/mail_{i:03d}.txt", "\n".join(body) + "\n", enc, cats)


def id_numbers(i):
    p = person()
    kind = i % 5
    if kind == 0:
        text = f"本人確認書類：パスポート\n旅券番号：{passport()}\n有効期限：2030年4月1日\n"
        cats = ["jp.passport_number"]
    elif kind == 1:
        number = licence(check=rng.random() < 0.8)
        text = f"本人確認書類：運転免許証\n免許証番号：{number}\n確認者：窓口担当\n"
        cats = ["jp.drivers_licence_number"]
    elif kind == 2:
        text = f"在留カード番号：{residence_card()}\n在留期限の確認済み。\n"
        cats = ["jp.residence_card_number"]
    elif kind == 3:
        text = f"健康保険被保険者証の写しを受領。\n保険者番号：{insurer()}\n"
        cats = ["jp.health_insurance_number"]
    else:
        text = (f"振込先口座\n金融機関：サンプル銀行 {rng.choice(['本店', '新宿支店', '梅田支店'])}\n"
                f"{rng.choice(['普通', '当座'])} {rng.randint(1000000, 9999999)}\n")
        cats = ["fin.bank_account"]
    enc = ENCODINGS[i % len(ENCODINGS)]
    put(f"ids/id_{i:03d}.txt", text, enc, cats)


def mrz_page(i):
    p = person()
    number = passport()
    line1, line2 = mrz(p, number)
    ocr = i % 3 == 2
    if ocr:
        # OCR slips in the birth date (0 read as O) that the check digit repairs.
        line2 = line2[:13] + line2[13:19].replace("0", "O") + line2[19:]
    text = f"スキャン画像のOCR結果\n{line1}\n{line2}\n"
    put(f"mrz/mrz_{i:03d}.txt", text, "utf-8", ["mrz.passport", "pii.person_name"])


def document_copy(i):
    p = person()
    kind = i % 6
    name = full_name(p)
    dob = dob_text(p, "era")
    if kind == 0:
        text = (f"住民票の写し\n世帯主 {name}\n氏名 {name}\n生年月日 {dob}\n性別 {'男' if p['sex'] == 'M' else '女'}\n"
                f"続柄 本人\n本籍 {p['place'][0]}\n住所 {address(p)}\n住民となった年月日 平成20年4月1日\n"
                "この写しは住民票の原本と相違ないことを証明する。\n")
        cats = ["doc.resident_record", "pii.person_name", "pii.date_of_birth", "pii.gender", "pii.address"]
    elif kind == 1:
        n = my_number()
        text = (f"個人番号カード（裏面の写し）\n個人番号 {n[:4]} {n[4:8]} {n[8:]}\n氏名 {name}\n生年月日 {dob}\n"
                f"住所 {address(p)}\n性別 {'男' if p['sex'] == 'M' else '女'}\n2031年{p['month']}月{p['day']}日まで有効\n")
        cats = ["doc.my_number_card", "jp.my_number", "pii.person_name", "pii.date_of_birth", "pii.address",
                "pii.gender"]
    elif kind == 2:
        number = licence()
        text = (f"運転免許証\n氏名 {name} {dob}生\n住所 {address(p)}\n交付 令和4年5月1日\n"
                f"2029年{p['month']}月{p['day']}日まで有効\n免許の条件等 眼鏡等\n番号 第{number}号\n"
                f"種類 普通\n{p['place'][0].rstrip('都府県')}公安委員会\n")
        cats = ["doc.drivers_licence", "jp.drivers_licence_number", "pii.person_name", "pii.address"]
    elif kind == 3:
        number = passport()
        line1, line2 = mrz(p, number)
        text = (f"日本国旅券 PASSPORT\nType P  Issuing country JPN  Passport No. {number}\n"
                f"Surname {p['roman_surname'].upper()}\nGiven name {p['roman_given'].upper()}\nNationality JAPAN\n"
                f"Date of birth {dob_text(p, 'passport')}\nSex {p['sex']}\nDate of issue 01 APR 2021\n"
                f"Date of expiry 01 APR 2031\nAuthority MINISTRY OF FOREIGN AFFAIRS\n{line1}\n{line2}\n")
        cats = ["doc.passport", "jp.passport_number", "mrz.passport", "pii.person_name", "pii.nationality",
                "pii.date_of_birth", "pii.gender"]
    elif kind == 4:
        nat = p["nationality"] if p["nationality"][0] != "日本" else NATIONALITIES[1]
        text = (f"在留カード RESIDENCE CARD\n番号 {residence_card()}\n氏名 {p['roman_surname'].upper()} {p['roman_given'].upper()}\n"
                f"生年月日 {p['year']}年{p['month']}月{p['day']}日 性別 {'男' if p['sex'] == 'M' else '女'}\n"
                f"国籍・地域 {nat[0]}\n住居地 {address(p)}\n在留資格 技術・人文知識・国際業務\n"
                "在留期間（満了日） 5年\n就労制限の有無 就労制限なし\n")
        cats = ["doc.residence_card", "jp.residence_card_number", "pii.person_name", "pii.date_of_birth",
                "pii.gender", "pii.nationality", "pii.address"]
    else:
        text = (f"健康保険被保険者証 本人\n記号 {rng.randint(1000,9999)} 番号 {rng.randint(1,99)} 枝番 01\n"
                f"氏名 {name}\n生年月日 {dob} 性別 {'男' if p['sex'] == 'M' else '女'}\n資格取得年月日 平成30年4月1日\n"
                f"事業所名称 {p['employer']}\n保険者番号 {insurer()}\n保険者名称 サンプル健康保険組合\n")
        cats = ["doc.health_insurance_card", "jp.health_insurance_number", "pii.person_name", "pii.date_of_birth",
                "pii.gender", "pii.occupation"]
    enc = ENCODINGS[i % len(ENCODINGS)]
    put(f"documents/copy_{i:03d}.txt", text, enc, cats)


def csv_export(i):
    columns = [c for c in ["氏名", "フリガナ", "生年月日", "性別", "国籍", "住所", "電話番号", "メールアドレス", "職業",
                           "個人番号", "旅券番号", "在留カード番号", "口座番号"] if rng.random() < 0.5] or ["氏名", "住所"]
    english = i % 3 == 2
    names = {"氏名": "Name", "フリガナ": "Name Kana", "生年月日": "Date of Birth", "性別": "Gender", "国籍": "Nationality",
             "住所": "Address", "電話番号": "Phone", "メールアドレス": "Email", "職業": "Occupation",
             "個人番号": "MyNumber", "旅券番号": "PassportNo", "在留カード番号": "ResidenceCardNo", "口座番号": "AccountNumber"}
    cats = {"氏名": "pii.person_name", "フリガナ": "pii.person_name", "生年月日": "pii.date_of_birth", "性別": "pii.gender",
            "国籍": "pii.nationality", "住所": "pii.address", "電話番号": "pii.phone", "メールアドレス": "pii.email",
            "職業": "pii.occupation", "個人番号": "jp.my_number", "旅券番号": "jp.passport_number",
            "在留カード番号": "jp.residence_card_number", "口座番号": "fin.bank_account"}
    delimiter = "\t" if i % 4 == 3 else ","
    header = [names[c] if english else c for c in columns]
    rows = [delimiter.join(header)]
    for _ in range(rng.randint(3, 8)):
        p = person()
        values = []
        for c in columns:
            values.append({
                "氏名": f"{p['roman_given']} {p['roman_surname']}" if english else f"{p['surname']} {p['given']}",
                "フリガナ": f"{p['kana_surname']} {p['kana_given']}",
                "生年月日": dob_text(p, "slash"),
                "性別": rng.choice(["M", "F"]) if english else rng.choice(["男", "女"]),
                "国籍": p["nationality"][2] if english else p["nationality"][0],
                "住所": address(p),
                "電話番号": p["phone"],
                "メールアドレス": p["email"],
                "職業": p["occupation"],
                "個人番号": my_number(),
                "旅券番号": passport(),
                "在留カード番号": residence_card(),
                "口座番号": str(rng.randint(1000000, 9999999)),
            }[c])
        rows.append(delimiter.join(values))
    enc = "utf-8" if english else rng.choice(["cp932", "utf-8"])
    ext = "tsv" if delimiter == "\t" else "csv"
    put(f"exports/export_{i:03d}.{ext}", "\n".join(rows) + "\n", enc, [cats[c] for c in columns],
        "\r\n" if enc == "cp932" else "\n")


# --- hard negatives --------------------------------------------------------------------
NEGATIVES = [
    ("order list", lambda: "受注一覧\n" + "\n".join(
        f"注文番号 {my_number()} 数量 {rng.randint(1,9)}" for _ in range(6)) + "\n"),
    ("catalogue", lambda: "製品カタログ\n" + "\n".join(
        f"型番 {passport()} 品番 {residence_card()} 価格 {rng.randint(1000,99999)}円" for _ in range(5)) + "\n"),
    ("letterhead", lambda: f"見本工業株式会社\n本社所在地：東京都千代田区丸の内{rng.randint(1,3)}-{rng.randint(1,9)}-{rng.randint(1,9)}\n"
                           f"会社名：見本工業株式会社\n代表取締役 見本\n"),
    ("event", lambda: f"セミナー開催のご案内\n開催日 2025年{rng.randint(1,12)}月{rng.randint(1,28)}日\n"
                      f"会場：大阪府大阪市北区梅田{rng.randint(1,3)}-{rng.randint(1,9)}-{rng.randint(1,9)}\n参加費 無料\n"),
    ("procedures", lambda: "手続きのご案内\nマイナンバーカードの申請方法について説明します。\n"
                           "住民票の取り方：市役所の窓口で申請してください。\n在留カードをお持ちの方は窓口へお越しください。\n"
                           "運転免許証の更新は誕生日の前後1か月です。\n保険証を忘れずにお持ちください。\n"),
    ("instructions", lambda: "記入上の注意\n氏名欄には楷書で記入してください。\n名前を入力してください。\n"
                             "生年月日を記入し、性別を選択してください。\n職業：なし\n国籍を問わず応募できます。\n"),
    ("contract dates", lambda: f"契約日 2024/{rng.randint(1,12):02d}/{rng.randint(1,28):02d}\n更新日 2025年4月1日\n"
                               "お客様各位\n皆様へのお知らせです。\n"),
    ("english prose", lambda: "Please state your name and address when you call.\nFile name: report_final.xlsx\n"
                              "User name: admin\nCompany Name: Example Trading Ltd\n"),
    ("bank notice", lambda: "口座振替のご案内\n振替日は毎月27日です。\n普通預金の金利は年0.001%です。\n"),
    ("licence-like numbers", lambda: "\n".join(f"整理番号 {licence()}" for _ in range(4)) + "\n"),
    ("card-like codes", lambda: "在庫コード\n" + "\n".join(f"コード {residence_card()}" for _ in range(4)) + "\n"),
    ("honorific words", lambda: "お客様各位\n皆様、奥様によろしくお伝えください。\n申請様式をご確認ください。\n株式会社山田様\n"),
]


def negative(i):
    name, make = NEGATIVES[i % len(NEGATIVES)]
    enc = ENCODINGS[i % len(ENCODINGS)]
    put(f"negatives/negative_{i:03d}.txt", make(), enc, [])


# --- harder layouts: brackets, tabs, values on the next line, full-width digits, English
# day-first dates, blank templates -------------------------------------------------------
def hard(i):
    p = person()
    kind = i % 8
    n = my_number()
    if kind == 0:
        text = (f"【氏名】{full_name(p)}\n■生年月日：{p['year']}年{p['month']}月{p['day']}日（満{2025 - p['year']}歳）\n"
                f"■電話：{p['phone']}\n")
        cats = ["pii.person_name", "pii.date_of_birth", "pii.phone"]
    elif kind == 1:
        block = f"{rng.randint(1,5)}－{rng.randint(1,20)}－{rng.randint(1,30)}".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        pref, city, town = p["place"][:3]
        text = f"ご住所\t〒{p['postal']}　{pref}{city}{town}{block}\n性別\t{rng.choice(['男性', '女性'])}（{p['sex']}）\n"
        cats = ["pii.address", "pii.gender"]
    elif kind == 2:
        text = f"氏名\n{full_name(p)}\n国籍\n{p['nationality'][0]}社会主義共和国\n" if p["nationality"][0] == "ベトナム" else f"氏名\n{full_name(p)}\n国籍\n{p['nationality'][0]}\n"
        cats = ["pii.person_name", "pii.nationality"]
    elif kind == 3:
        text = (f"NAME: {p['roman_surname'].upper()} {p['roman_given'].upper()}\n"
                f"D.O.B.: {p['day']:02d}/{p['month']:02d}/{p['year']}\nSEX: {p['sex']}\n")
        cats = ["pii.person_name", "pii.date_of_birth", "pii.gender"]
    elif kind == 4:
        text = f"個人番号（マイナンバー）\n{n[:4]} {n[4:8]} {n[8:]}\n"
        cats = ["jp.my_number"]
    elif kind == 5:
        text = ("申込書（記入用紙）\n氏名：＿＿＿＿＿＿＿＿\n生年月日：　　年　　月　　日\n住所：同上\n"
                "職業：（該当するものに○）\n性別：男・女\n")
        cats = []
    elif kind == 6:
        text = f"Full Name: {p['roman_given']} {p['roman_surname']}\nCitizenship: {p['nationality'][1].title()}\nEmployer: Example Trading Ltd\n"
        cats = ["pii.person_name", "pii.nationality", "pii.occupation"]
    else:
        text = f"お客様：{p['surname']} {p['given']} 様\nご連絡先：{p['email']}\n"
        cats = ["pii.person_name", "pii.email"]
    enc = ENCODINGS[i % len(ENCODINGS)]
    put(f"hard/hard_{i:03d}.txt", text, enc, cats)


for i in range(70):
    form(i)
for i in range(40):
    hard(i)
for i in range(25):
    english_record(i)
for i in range(20):
    mail(i)
for i in range(50):
    id_numbers(i)
for i in range(12):
    mrz_page(i)
for i in range(36):
    document_copy(i)
for i in range(30):
    csv_export(i)
for i in range(48):
    negative(i)

if os.path.isdir(root):
    shutil.rmtree(root)
for path, (data, _) in files.items():
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)
with open(os.path.join(root, "labels.tsv"), "w", encoding="utf-8") as f:
    f.write("# path\tcategories (comma-separated; - for none). Generated by scripts/make-corpus-catalogue.py.\n")
    for path in sorted(files):
        f.write(f"{path}\t{','.join(files[path][1]) or '-'}\n")
print(f"wrote {len(files)} files to {os.path.normpath(root)}")
