"""Eval samples for the Japanese identifiers (module `japanese`): JAPAN_MY_NUMBER,
JAPAN_CORPORATE_NUMBER, JAPAN_PASSPORT_NUMBER, JAPAN_DRIVERS_LICENSE,
JAPAN_BANK_ACCOUNT_NUMBER, JAPAN_PHONE_NUMBER and JAPAN_RESIDENCE_CARD_NUMBER, in Japanese
and in English context.

Every value is built here with check-digit code written from the specifications,
independently of Trawl's Swift validators:

- My Number: 総務省令 第五条, weights 6,5,4,3,2,7,6,5,4,3,2; r = sum mod 11; 0 if r <= 1
  else 11 - r.
- Corporate number: 財務省令 第二条, leading check digit 9 - (sum of the 12 base digits,
  doubled in even places from the right) mod 9.
- Driver's license: commission code, year, serial; 11th digit (11 - sum of weights
  5,4,3,2,7,6,5,4,3,2 mod 11) mod 10 (the rule public write-ups document); reissue count.
- Phones: 総務省's numbering plan (10 digits geographic and 0120/0570, 11 for 050, 070,
  080, 090 and 0800).
- Passport, residence card, bank account: format only.

A quarter of the values in Japanese context are written in full width (１２３４－５６７８),
as Japanese input methods produce them; `trawl detectors eval` reads sample text as the
scanner reads any text, full-width forms folded to ASCII.

Negatives are near misses: a wrong check digit, a wrong length, a bad prefix, the value
with no keyword, a published placeholder.
"""

from .common import DIGITS, UPPER, digits, letters, negative, pick, positive

N = 110

JA_FILLER = ["ご確認ください", "以下の通りです", "処理が完了しました", "担当者に転送しました", "本日受付分",
             "審査中です", "よろしくお願いいたします", "備考なし"]
EN_FILLER = ["see attached", "status: pending review", "record created", "values below", "no further action",
             "forwarded to the team", "as discussed in the meeting"]
NAMES = ["山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "Tanaka Ken", "Ito Yui"]


FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-+().@"}
FULL_WIDTH[" "] = "\u3000"


def full_width(value):
    """The value as a Japanese input method writes it: full-width digits, letters and
    hyphens, ideographic spaces (U+FF01-FF5E is ASCII + 0xFEE0; U+3000 the space)."""
    return "".join(FULL_WIDTH.get(c, c) for c in value)


def ja_context(rng, keyword, value):
    """The value near a Japanese keyword, in one of several layouts; a quarter of the
    values are written in full width."""
    if rng.random() < 0.25:
        value = full_width(value)
    f = rng.choice(JA_FILLER)
    r = rng.randrange(8)
    if r == 0:
        return f"{keyword}：{value}"
    if r == 1:
        return f"{rng.choice(NAMES)}様の{keyword}は{value}です。{f}"
    if r == 2:
        return f"{f}。{keyword} {value}"
    if r == 3:
        return f'{{"{keyword}": "{value}", "氏名": "{rng.choice(NAMES)}"}}'
    if r == 4:
        return f"氏名,{keyword}\n{rng.choice(NAMES)},{value}"
    if r == 5:
        return f"{value}（{keyword}）{f}"
    if r == 6:
        return f"【{keyword}】{value}"
    return f"{keyword}:{value} {f}"


def en_context(rng, keyword, value):
    f = rng.choice(EN_FILLER)
    r = rng.randrange(6)
    k = keyword.upper() if rng.random() < 0.15 else keyword.capitalize() if rng.random() < 0.3 else keyword
    if r == 0:
        return f"{k}: {value}"
    if r == 1:
        return f"{f}; {k} {value}"
    if r == 2:
        return f'{{"{k}": "{value}", "status": "active"}}'
    if r == 3:
        return f"{value} is the {k}"
    if r == 4:
        return f"[info] {f}: {k}={value}"
    return f"{k} ({value}) - {f}"


def no_keyword(rng, value):
    if rng.random() < 0.5:
        return f"{rng.choice(JA_FILLER)}。注文番号 {value} を処理しました"
    return f"{rng.choice(EN_FILLER)} {value} {rng.choice(EN_FILLER)}"


def context(rng, ja_words, en_words, value):
    if rng.random() < 0.65:
        return ja_context(rng, rng.choice(ja_words), value)
    return en_context(rng, rng.choice(en_words), value)


def nz(rng, n):
    while True:
        s = rng.choice("123456789") + digits(rng, n - 1)
        if len(set(s)) > 1:
            return s


# --- My Number ------------------------------------------------------------------------------

MN_JA = ["マイナンバー", "個人番号", "マイナンバーカード"]
MN_EN = ["my number", "individual number"]


def my_number_check(base11: str) -> int:
    r = sum(int(c) * w for c, w in zip(base11, (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2))) % 11
    return 0 if r <= 1 else 11 - r


def group444(rng, v):
    sep = rng.choice(["", " ", "-", " "])
    return sep.join([v[:4], v[4:8], v[8:]])


def my_number(rng):
    while True:
        b = nz(rng, 11)
        v = b + str(my_number_check(b))
        if v != "123456789018":
            return v


def my_numbers(rng):
    ID = "JAPAN_MY_NUMBER"
    out = [positive(ID, context(rng, MN_JA, MN_EN, group444(rng, my_number(rng)))) for _ in range(N)]
    for i in range(N):
        r = i % 5
        v = my_number(rng)
        if r == 0:
            bad = v[:11] + str((int(v[11]) + rng.randrange(1, 10)) % 10)
            out.append(negative(ID, context(rng, MN_JA, MN_EN, group444(rng, bad))))
        elif r == 1:
            out.append(negative(ID, no_keyword(rng, group444(rng, v))))
        elif r == 2:
            out.append(negative(ID, context(rng, MN_JA, MN_EN, v[:11] if rng.random() < 0.5 else v + digits(rng, 1))))
        elif r == 3:
            out.append(negative(ID, context(rng, MN_JA, MN_EN, group444(rng, "123456789018"))))
        else:
            out.append(negative(ID, context(rng, MN_JA, MN_EN, f"{v[:4]} {v[4:8]} {v[8:]} {digits(rng, 2)}")))
    return out


# --- Corporate number ----------------------------------------------------------------------

CN_JA = ["法人番号", "会社法人等番号"]
CN_EN = ["corporate number"]


def corporate_check(base12: str) -> int:
    s = sum(int(c) * (1 if (12 - i) % 2 == 1 else 2) for i, c in enumerate(base12))
    return 9 - s % 9


def corporate_number(rng):
    b = nz(rng, 12)
    return str(corporate_check(b)) + b


def corporate(rng):
    ID = "JAPAN_CORPORATE_NUMBER"
    out = []
    for _ in range(N):
        v = corporate_number(rng)
        if rng.random() < 0.15:
            out.append(positive(ID, f"適格請求書発行事業者 登録番号：T{v}"))
        else:
            out.append(positive(ID, context(rng, CN_JA, CN_EN, v)))
    for i in range(N):
        r = i % 4
        v = corporate_number(rng)
        if r == 0:
            bad = str((int(v[0]) + rng.randrange(1, 9)) % 9 + 1) + v[1:]
            if bad[0] == v[0]:
                bad = str(int(v[0]) % 9 + 1) + v[1:]
            out.append(negative(ID, context(rng, CN_JA, CN_EN, bad)))
        elif r == 1:
            out.append(negative(ID, no_keyword(rng, v)))
        elif r == 2:
            out.append(negative(ID, context(rng, CN_JA, CN_EN, v[:12] if rng.random() < 0.5 else v + digits(rng, 1))))
        else:
            out.append(negative(ID, context(rng, CN_JA, CN_EN, "X" + v)))
    return out


# --- Passport ------------------------------------------------------------------------------

PP_JA = ["旅券番号", "パスポート番号", "パスポート"]
PP_EN = ["passport", "passport no", "japanese passport"]


def passport_number(rng):
    return rng.choice(["T", "M", "R"]) + letters(rng, 1) + nz(rng, 7)


def passports(rng):
    from .personal_documents import passport_shapes
    ID = "JAPAN_PASSPORT_NUMBER"
    out = []
    for _ in range(N):
        v = passport_number(rng)
        out.append(positive(ID, context(rng, PP_JA, PP_EN, v), allow=sorted(passport_shapes(v) - {ID})))
    for i in range(N):
        r = i % 5
        v = passport_number(rng)
        if r == 0:
            bad = v
            text = no_keyword(rng, v)
        elif r == 1:
            bad = v[:8] if rng.random() < 0.5 else v + digits(rng, 1)
            text = context(rng, PP_JA, PP_EN, bad)
        elif r == 2:
            bad = v.lower()
            text = context(rng, PP_JA, PP_EN, bad)
        elif r == 3:
            # One letter and eight digits: the shape of a US passport number (English
            # passport keywords are the US ones too).
            bad = v[0] + digits(rng, 1) + v[2:]
            text = context(rng, PP_JA, PP_EN, bad)
        else:
            bad = rng.choice(["AA1234567", "TK1234567", "AB1234567"])
            text = context(rng, PP_JA, PP_EN, bad)
        out.append(negative(ID, text, allow=sorted(passport_shapes(bad) - {ID})))
    return out


# --- Driver's license ----------------------------------------------------------------------

DL_JA = ["運転免許証番号", "免許証番号", "運転免許証"]
DL_EN = ["driver's license", "driver's license number"]
COMMISSIONS = [10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25, 30, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52,
               53, 54, 55, 60, 61, 62, 63, 64, 65, 70, 71, 72, 73, 74, 80, 81, 82, 83, 90, 91, 92, 93, 94, 95, 96, 97]


def license_check(base10: str) -> int:
    r = sum(int(c) * w for c, w in zip(base10, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))) % 11
    return (11 - r) % 10


def license_number(rng, code=None):
    code = code if code is not None else rng.choice(COMMISSIONS)
    b = f"{code:02d}{rng.randrange(60, 124) % 100:02d}{digits(rng, 6)}"
    return b + str(license_check(b)) + rng.choice("0000001")


def license_text(rng, v):
    r = rng.random()
    if r < 0.15:
        return f"第 {v} 号"
    if r < 0.3:
        return f"{v[:4]} {v[4:8]} {v[8:]}"
    return v


def licenses(rng):
    ID = "JAPAN_DRIVERS_LICENSE"
    # A 12-digit number near "driver's license" is also the form of several US states'
    # licenses (DRIVERS_LICENSE): allowed in English context.
    def us(text):
        return ["DRIVERS_LICENSE"] if "license" in text.lower() else []
    out = []
    for _ in range(N):
        text = context(rng, DL_JA, DL_EN, license_text(rng, license_number(rng)))
        out.append(positive(ID, text, allow=us(text)))
    negs = []
    for i in range(N):
        r = i % 5
        v = license_number(rng)
        if r == 0:
            bad = v[:10] + str((int(v[10]) + rng.randrange(1, 10)) % 10) + v[11]
            negs.append(context(rng, DL_JA, DL_EN, bad))
        elif r == 1:
            negs.append(no_keyword(rng, v))
        elif r == 2:
            negs.append(context(rng, DL_JA, DL_EN, v[:11] if rng.random() < 0.5 else v + digits(rng, 1)))
        elif r == 3:
            # A commission code that does not exist, with a valid check digit.
            negs.append(context(rng, DL_JA, DL_EN, license_number(rng, rng.choice([0, 15, 26, 31, 56, 99]))))
        else:
            negs.append(context(rng, DL_JA, DL_EN, v[:6] + "-" + v[6:]))
    out += [negative(ID, t, allow=us(t)) for t in negs]
    return out


# --- Bank account --------------------------------------------------------------------------

BA_JA = ["口座番号", "振込先口座", "普通預金"]
BA_EN = ["account number", "bank account number"]
BANKS = ["三菱UFJ銀行", "みずほ銀行", "ゆうちょ銀行", "三井住友銀行"]


def account(rng):
    while True:
        v = digits(rng, 7)
        if len(set(v)) > 1 and v not in ("1234567", "7654321"):
            return v


def account_text(rng):
    v = account(rng)
    r = rng.randrange(4)
    if r == 0:
        return f"{digits(rng, 4)}-{digits(rng, 3)}-{v}"
    if r == 1:
        return f"{digits(rng, 3)}-{v}"
    if r == 2:
        return f"{digits(rng, 4)} {digits(rng, 3)} {v}"
    return v


def bank_accounts(rng):
    ID = "JAPAN_BANK_ACCOUNT_NUMBER"
    out = []
    for i in range(N):
        if i % 5 == 0:
            out.append(positive(ID, f"振込先：{rng.choice(BANKS)} {rng.choice(['本店', '新宿支店', '梅田支店'])} 普通 "
                                    f"口座番号 {account(rng)} {rng.choice(NAMES)}"))
        else:
            out.append(positive(ID, context(rng, BA_JA, BA_EN, account_text(rng))))
    for i in range(N):
        r = i % 5
        if r == 0:
            out.append(negative(ID, no_keyword(rng, account(rng))))
        elif r == 1:
            out.append(negative(ID, context(rng, BA_JA, BA_EN, nz(rng, rng.choice([5, 6])))))
        elif r == 2:
            # 8-9 digits near "bank account number" is the US and Canadian form.
            text = context(rng, BA_JA, BA_EN, nz(rng, rng.choice([8, 9])))
            out.append(negative(ID, text, allow=["BANK_ACCOUNT_NUMBER"] if "bank account" in text.lower() else []))
        elif r == 3:
            out.append(negative(ID, context(rng, BA_JA, BA_EN, rng.choice(["1234567", "0000000", "9999999"]))))
        else:
            v = account(rng)
            out.append(negative(ID, context(rng, BA_JA, BA_EN, f"{v[:4]}-{v[4:]}")))
    return out


# --- Residence card ------------------------------------------------------------------------

RC_JA = ["在留カード番号", "在留カード"]
RC_EN = ["residence card", "residence card number"]


def residence_card(rng):
    return letters(rng, 2) + nz(rng, 8) + letters(rng, 2)


def residence_cards(rng):
    ID = "JAPAN_RESIDENCE_CARD_NUMBER"
    out = [positive(ID, context(rng, RC_JA, RC_EN, residence_card(rng))) for _ in range(N)]
    for i in range(N):
        r = i % 5
        v = residence_card(rng)
        if r == 0:
            out.append(negative(ID, no_keyword(rng, v)))
        elif r == 1:
            out.append(negative(ID, context(rng, RC_JA, RC_EN, v[:2] + v[3:])))
        elif r == 2:
            out.append(negative(ID, context(rng, RC_JA, RC_EN, v.lower())))
        elif r == 3:
            out.append(negative(ID, context(rng, RC_JA, RC_EN, v[:11])))
        else:
            out.append(negative(ID, context(rng, RC_JA, RC_EN, "AB12345678CD")))
    return out


# --- Phones --------------------------------------------------------------------------------

PH_JA = ["電話番号", "携帯", "電話", "連絡先", "携帯電話番号"]
PH_EN = ["phone", "tel", "phone number", "mobile"]
AREAS = ["3", "6", "11", "45", "52", "92", "123", "138", "254", "1456"]


def phone(rng):
    """(trunk-0 national digits, text as written, NSN grouping for +81)."""
    k = rng.randrange(5)
    if k <= 1:
        area = rng.choice(AREAS)
        local = rng.choice("23456789") + digits(rng, 9 - len(area) - 5)
        sub = digits(rng, 4)
        nat = "0" + area + local + sub
        f = rng.randrange(4)
        if f == 0:
            text = f"0{area}({local}){sub}"
        elif f == 1 and len(area) <= 2:
            text = f"(0{area}) {local}-{sub}"
        else:
            text = f"0{area}-{local}-{sub}"
        return nat, text, (area, local, sub)
    if k <= 3:
        p = rng.choice(["90", "80", "70", "50"])
        a, b = rng.choice("123456789") + digits(rng, 3), digits(rng, 4)
        nat = "0" + p + a + b
        text = f"0{p}-{a}-{b}" if rng.random() < 0.8 else nat
        return nat, text, (p, a, b)
    p = rng.choice(["120", "570"])
    a, b = digits(rng, 3), digits(rng, 3)
    return "0" + p + a + b, f"0{p}-{a}-{b}", (p, a, b)


def international(rng):
    nat, _, groups = phone(rng)
    r = rng.random()
    if r < 0.5:
        return nat, "+81 " + "-".join(groups)
    if r < 0.7:
        return nat, "+81 " + " ".join(groups)
    if r < 0.85:
        return nat, "+81-" + "-".join(groups)
    return nat, "+81" + nat[1:]


def phones(rng):
    from .personal_national import phone_allow
    ID = "JAPAN_PHONE_NUMBER"
    out = []
    for i in range(N):
        if i % 4 == 0:
            nat, text = international(rng)
            out.append(positive(ID, f"{rng.choice(JA_FILLER)} {text} {rng.choice(EN_FILLER)}"))
        else:
            nat, text, _ = phone(rng)
            out.append(positive(ID, context(rng, PH_JA, PH_EN, text), allow=phone_allow("JP", nat)))
    for i in range(N):
        r = i % 5
        nat, text, groups = phone(rng)
        if r == 0:
            out.append(negative(ID, no_keyword(rng, text)))
        elif r == 1:
            # One digit short of the plan's length.
            bad = text[:-1]
            out.append(negative(ID, context(rng, PH_JA, PH_EN, bad),
                                allow=phone_allow("JP", "".join(c for c in bad if c.isdigit()))))
        elif r == 2:
            # Prefixes the plan does not give to subscribers' numbers (M2M 020, 010, 030).
            bad = f"0{rng.choice(['20', '10', '30'])}-{digits(rng, 4)}-{digits(rng, 4)}"
            out.append(negative(ID, context(rng, PH_JA, PH_EN, bad),
                                allow=phone_allow("JP", "".join(c for c in bad if c.isdigit()))))
        elif r == 3:
            out.append(negative(ID, context(rng, PH_JA, PH_EN, f"{text}-{digits(rng, 1)}")))
        else:
            # Korea's +82: not a Japanese number.
            out.append(negative(ID, f"{rng.choice(EN_FILLER)} +82 2-{digits(rng, 4)}-{digits(rng, 4)}"))
    return out


def samples(rng):
    out = []
    for group in (my_numbers, corporate, passports, licenses, bank_accounts, residence_cards, phones):
        out += group(rng)
    return out
