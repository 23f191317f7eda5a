#!/usr/bin/env python3
"""Derives Patterns/data/surnames.tsv from Debian's mecab-ipadic (the 人名,姓 entries of
Noun.name.csv): one surname per line, kanji/kana form and its passport-style (Hepburn) romaji.

    apt-get download mecab-ipadic && python3 scripts/make-surnames.py mecab-ipadic_*.deb

The person-name detector uses the list as evidence (a value that starts with a known surname),
never as the only way to find a name. The dictionary's licence is in Patterns/data/NOTICE-ipadic.
"""
import subprocess, sys, tempfile, os

KANA = {
    'ア':'a','イ':'i','ウ':'u','エ':'e','オ':'o','カ':'ka','キ':'ki','ク':'ku','ケ':'ke','コ':'ko',
    'サ':'sa','シ':'shi','ス':'su','セ':'se','ソ':'so','タ':'ta','チ':'chi','ツ':'tsu','テ':'te','ト':'to',
    'ナ':'na','ニ':'ni','ヌ':'nu','ネ':'ne','ノ':'no','ハ':'ha','ヒ':'hi','フ':'fu','ヘ':'he','ホ':'ho',
    'マ':'ma','ミ':'mi','ム':'mu','メ':'me','モ':'mo','ヤ':'ya','ユ':'yu','ヨ':'yo',
    'ラ':'ra','リ':'ri','ル':'ru','レ':'re','ロ':'ro','ワ':'wa','ヰ':'i','ヱ':'e','ヲ':'o','ン':'n',
    'ガ':'ga','ギ':'gi','グ':'gu','ゲ':'ge','ゴ':'go','ザ':'za','ジ':'ji','ズ':'zu','ゼ':'ze','ゾ':'zo',
    'ダ':'da','ヂ':'ji','ヅ':'zu','デ':'de','ド':'do','バ':'ba','ビ':'bi','ブ':'bu','ベ':'be','ボ':'bo',
    'パ':'pa','ピ':'pi','プ':'pu','ペ':'pe','ポ':'po','ヴ':'bu',
    'ァ':'a','ィ':'i','ゥ':'u','ェ':'e','ォ':'o',
}
YOON = {'ャ':'ya','ュ':'yu','ョ':'yo'}

def romaji(reading):
    out = []
    i = 0
    while i < len(reading):
        c = reading[i]
        if c == 'ッ':
            nxt = romaji(reading[i+1:i+2]) if i + 1 < len(reading) else ''
            out.append('t' if nxt.startswith('ch') else (nxt[:1] if nxt else ''))
            i += 1
            continue
        if c == 'ー':
            i += 1
            continue
        syl = KANA.get(c)
        if syl is None:
            return None
        if i + 1 < len(reading) and reading[i+1] in YOON:
            y = YOON[reading[i+1]]
            syl = (syl[:-1] + y[1:]) if syl in ('shi', 'chi', 'ji') else syl[:-1] + y
            i += 1
        out.append(syl)
        i += 1
    return ''.join(out)

def spellings(plain):
    """The plain spelling and the passport one: long vowels not written (ou, oo, uu before a
    consonant or at the end), n before b/m/p written m."""
    import re
    passport = re.sub(r'(o)u(?![aeiou])|(o)o(?![aeiou])|(u)u(?![aeiou])', lambda m: m.group(1) or m.group(2) or m.group(3), plain)
    for p in ('nb', 'nm', 'np'):
        passport = passport.replace(p, 'm' + p[1])
    return {plain, passport}

def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['dpkg-deb', '-x', sys.argv[1], tmp], check=True)
        path = os.path.join(tmp, 'usr/share/mecab/dic/ipadic/Noun.name.csv')
        rows = set()
        with open(path, encoding='euc_jp', errors='replace') as f:
            for line in f:
                cols = line.rstrip('\n').split(',')
                if len(cols) < 12 or cols[6] != '人名' or cols[7] != '姓':
                    continue
                surface, reading = cols[0], cols[11]
                r = romaji(reading)
                if r and 1 <= len(surface) <= 4:
                    for spelling in spellings(r):
                        rows.add((surface, spelling))
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, '..', 'Patterns', 'data', 'surnames.tsv')
    with open(out, 'w', encoding='utf-8') as f:
        f.write('# surname\tromaji — derived from mecab-ipadic (see NOTICE-ipadic) by scripts/make-surnames.py\n')
        for surface, r in sorted(rows):
            f.write(f'{surface}\t{r}\n')
    print(f'{len(rows)} surnames -> {out}')

main()
