"""Eval samples for the personal-documents group's identifiers (Macie's PII category):
the 7 passport numbers, UK_ELECTORAL_ROLL_NUMBER, DATE_OF_BIRTH, LATITUDE_LONGITUDE,
HTTP_COOKIE, BRAZIL_CEP_CODE and VEHICLE_IDENTIFICATION_NUMBER.

Values are built here from the formats' specifications, independently of Trawl's
patterns and validators: passport numbers from each country's printed form, German ones
with the ICAO 9303 check digit (7-3-1 weights, Doc 9303 Part 3 section 4.9); dates with
Python's calendar; coordinates from the ISO 6709 ranges; cookies from RFC 6265's token
and cookie-octet alphabets; CEPs from the Correios ranges; VINs with the 49 CFR 565.15
check digit. Keywords are Macie's (per country for passports).
"""

import datetime

from .common import DIGITS, UPPER, around, filler, icao_check_digit, negative, pick, positive, without_keyword

N = 120

# ---------------------------------------------------------------------------------------
# Passports

PASSPORT_KEYWORDS = {
    "CANADA_PASSPORT_NUMBER": ["passeport", "passeport#", "passport", "passport#", "passportno",
                               "passportno#"],
    "FRANCE_PASSPORT_NUMBER": ["numéro de passeport", "passeport", "passeport #", "passeport n °",
                               "passeport non"],
    "GERMANY_PASSPORT_NUMBER": ["ausstellungsdatum", "ausstellungsort", "geburtsdatum", "passport",
                                "passports", "reisepass", "reisepass–nr", "reisepassnummer"],
    "ITALY_PASSPORT_NUMBER": ["italian passport number", "numéro passeport", "numéro passeport italien",
                              "passaporto", "passaporto italiana", "passaporto numero",
                              "passport number", "repubblica italiana passaporto"],
    "SPAIN_PASSPORT_NUMBER": ["españa pasaporte", "libreta pasaporte", "número pasaporte", "pasaporte",
                              "passport", "passport book", "passport no", "passport number",
                              "spain passport"],
    "UK_PASSPORT_NUMBER": ["passeport #", "passeport n °", "passeport non", "passeportn °",
                           "passport #", "passport no", "passport number", "passport#", "passportid"],
    "USA_PASSPORT_NUMBER": ["passport", "travel document"],
}

GERMAN_FIRST = "CFGHJK"
GERMAN_SERIAL = "CFGHJKLMNPRTVWXYZ0123456789"


def german_number(rng, with_check):
    while True:
        n = rng.choice(GERMAN_FIRST) + pick(rng, GERMAN_SERIAL, 8)
        # Real serials mix letters and digits; keep most of ours from looking like
        # another country's all-digit form.
        if sum(c.isalpha() for c in n) >= 2:
            break
    return n + str(icao_check_digit(n)) if with_check else n


def passport_value(rng, pid):
    if pid == "CANADA_PASSPORT_NUMBER":
        return pick(rng, UPPER, 2) + pick(rng, DIGITS, 6)
    if pid == "FRANCE_PASSPORT_NUMBER":
        return pick(rng, DIGITS, 2) + pick(rng, UPPER, 2) + pick(rng, DIGITS, 5)
    if pid == "GERMANY_PASSPORT_NUMBER":
        return german_number(rng, rng.random() < 0.4)
    if pid == "ITALY_PASSPORT_NUMBER":
        return rng.choice(["Y", "A", "B", "C", "F"]) + pick(rng, UPPER, 1) + pick(rng, DIGITS, 7)
    if pid == "SPAIN_PASSPORT_NUMBER":
        return rng.choice(["P", "X", "A"]) + pick(rng, UPPER, 2) + pick(rng, DIGITS, 6)
    if pid == "UK_PASSPORT_NUMBER":
        return rng.choice("123456789") + pick(rng, DIGITS, 8)
    if pid == "USA_PASSPORT_NUMBER":
        if rng.random() < 0.5:
            return rng.choice("123456789") + pick(rng, DIGITS, 8)
        return rng.choice("ABCEFGHJKLMNPRSTUVWXYZ") + pick(rng, DIGITS, 8)
    raise ValueError(pid)


def passport_shapes(value):
    """The passport IDs whose printed form `value` has (several countries share forms)."""
    ids = set()
    if len(value) == 8 and value[:2].isalpha() and value[:2].isupper() and value[2:].isdigit():
        ids.add("CANADA_PASSPORT_NUMBER")
    if len(value) == 9 and value[:2].isdigit() and value[2:4].isalpha() and value[2:4].isupper() \
            and value[4:].isdigit():
        ids.add("FRANCE_PASSPORT_NUMBER")
    if len(value) in (9, 10) and value[0] in GERMAN_FIRST and all(c in GERMAN_SERIAL for c in value[1:9]):
        if len(value) == 9 or (value[9].isdigit() and int(value[9]) == icao_check_digit(value[:9])):
            ids.add("GERMANY_PASSPORT_NUMBER")
    if len(value) == 9 and value[:2].isalpha() and value[:2].isupper() and value[2:].isdigit():
        ids.add("ITALY_PASSPORT_NUMBER")
        ids.add("JAPAN_PASSPORT_NUMBER")       # Japan's passports: the same form (eval/japanese.py)
    if len(value) == 9 and value[:3].isalpha() and value[:3].isupper() and value[3:].isdigit():
        ids.add("SPAIN_PASSPORT_NUMBER")
    if len(value) == 9 and value.isdigit():
        ids.add("UK_PASSPORT_NUMBER")
    if len(value) == 9 and (value[0].isdigit() or value[0].isupper()) and value[1:].isdigit():
        ids.add("USA_PASSPORT_NUMBER")
    return ids


PASSPORT_DENY = {
    "CANADA_PASSPORT_NUMBER": ["AB123456"],
    "FRANCE_PASSPORT_NUMBER": ["12AB34567"],
    "GERMANY_PASSPORT_NUMBER": ["C01X00T47", "C01X00T478"],
    "ITALY_PASSPORT_NUMBER": ["AA1234567"],
    "SPAIN_PASSPORT_NUMBER": ["ABC123456"],
    "UK_PASSPORT_NUMBER": ["123456789"],
    "USA_PASSPORT_NUMBER": ["123456789", "A12345678"],
}


def passport_lookalike(rng, pid, value):
    """A value near the form that is not this country's passport number."""
    if pid == "GERMANY_PASSPORT_NUMBER":
        value = value[:9]                          # without its check digit
    kind = rng.randrange(4)
    if kind == 3 and not any(c.isdigit() for c in value):
        kind = 0
    if kind == 0:
        return value[:-1]                          # one character short
    if kind == 1:
        # One character long (a German number takes a check digit: add a letter).
        return value + rng.choice("CFGH" if pid == "GERMANY_PASSPORT_NUMBER" else DIGITS)
    if kind == 2:
        return value.lower() if any(c.isalpha() for c in value) else value[:-2]
    # A letter where a digit belongs, or the other way round.
    i = max(i for i, c in enumerate(value) if c.isdigit())
    return value[:i] + rng.choice("QIO") + value[i + 1:]


def passport_samples(rng):
    out = []
    for pid, keywords in PASSPORT_KEYWORDS.items():
        for _ in range(N):
            value = passport_value(rng, pid)
            allow = sorted(passport_shapes(value) - {pid})
            out.append(positive(pid, around(rng, rng.choice(keywords), value), allow=allow))
        for i in range(N):
            value = passport_value(rng, pid)
            kind = i % 4
            if kind == 0:
                text = without_keyword(rng, value)
                allow = []
            elif kind == 1:
                bad = passport_lookalike(rng, pid, value)
                text = around(rng, rng.choice(keywords), bad)
                allow = sorted(passport_shapes(bad) - {pid})
            elif kind == 2:
                published = rng.choice(PASSPORT_DENY[pid])
                text = around(rng, rng.choice(keywords), published)
                allow = sorted(passport_shapes(published) - {pid})
            else:
                if pid == "GERMANY_PASSPORT_NUMBER":
                    # The check digit off by one.
                    n = german_number(rng, False)
                    bad = n + str((icao_check_digit(n) + 1 + rng.randrange(9)) % 10)
                    text = around(rng, rng.choice(keywords), bad)
                    allow = []
                elif pid == "UK_PASSPORT_NUMBER":
                    # Bare "passport" is a US keyword, not one of Macie's UK keywords.
                    text = f"Passport: {value}"
                    allow = ["USA_PASSPORT_NUMBER"]
                else:
                    # Another country's keyword only.
                    other = {"CANADA_PASSPORT_NUMBER": "reisepassnummer",
                             "FRANCE_PASSPORT_NUMBER": "pasaporte",
                             "ITALY_PASSPORT_NUMBER": "passeport",
                             "SPAIN_PASSPORT_NUMBER": "passaporto",
                             "USA_PASSPORT_NUMBER": "passaporto"}[pid]
                    text = around(rng, other, value)
                    allow = sorted(passport_shapes(value) - {pid})
            out.append(negative(pid, text, allow=allow))
    return out


# ---------------------------------------------------------------------------------------
# UK electoral roll number

ELECTORAL_KEYWORDS = ["electoral #", "electoral number", "electoral roll #", "electoral roll no.",
                      "electoral roll number", "electoralrollno"]
ELECTORAL_DENY = ["AB123", "AB1234", "ABC1234"]


def electoral_value(rng):
    while True:
        district = pick(rng, UPPER, rng.choice([2, 2, 3]))
        number = str(rng.randrange(1, 10 ** rng.choice([1, 2, 3, 4, 4])))
        if rng.random() < 0.3:
            number = number.zfill(4)
        sep = rng.choice(["", "", "", " ", "-"])
        value = district + sep + number
        if value.replace(" ", "").replace("-", "") not in ELECTORAL_DENY:
            return value


def electoral_samples(rng):
    pid = "UK_ELECTORAL_ROLL_NUMBER"
    out = [positive(pid, around(rng, rng.choice(ELECTORAL_KEYWORDS), electoral_value(rng)))
           for _ in range(N)]
    for i in range(N):
        value = electoral_value(rng)
        kind = i % 5
        if kind == 0:
            text = without_keyword(rng, value)
        elif kind == 1:
            text = around(rng, rng.choice(ELECTORAL_KEYWORDS), rng.choice(UPPER) + pick(rng, DIGITS, 4))
        elif kind == 2:
            text = around(rng, rng.choice(ELECTORAL_KEYWORDS), pick(rng, UPPER, 2) + pick(rng, DIGITS, 5))
        elif kind == 3:
            text = around(rng, rng.choice(ELECTORAL_KEYWORDS), value.lower())
        else:
            text = around(rng, rng.choice(ELECTORAL_KEYWORDS), rng.choice(ELECTORAL_DENY))
        out.append(negative(pid, text))
    return out


# ---------------------------------------------------------------------------------------
# Date of birth

DOB_KEYWORDS = ["bday", "b-day", "birth date", "birthday", "date of birth", "dob"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
TODAY = datetime.date.today()


def random_birth_date(rng):
    start = datetime.date(1921, 1, 1).toordinal()
    end = datetime.date(2015, 12, 31).toordinal()
    d = datetime.date.fromordinal(rng.randrange(start, end + 1))
    # Leave out the placeholder dates.
    return d if (d.month, d.day) != (1, 1) else d + datetime.timedelta(days=1)


def ordinal(day):
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}th" if 10 <= day % 100 <= 20 else f"{day}{suffix}"


def format_date(rng, y, m, d, iso_only=False):
    """One written form of a date (y, m, d as given, valid or not)."""
    sep = rng.choice(["-", "/", " "])
    yy = f"{y % 100:02d}"
    kind = 0 if iso_only else rng.randrange(9)
    if kind == 0:
        return f"{y}{sep}{m:02d}{sep}{d:02d}"
    if kind == 1:
        return f"{d:02d}{sep}{m:02d}{sep}{y}"
    if kind == 2:
        return f"{m}{sep}{d}{sep}{rng.choice([str(y), yy])}"
    if kind == 3:
        return f"{y}{m:02d}{d:02d}"
    name = MONTHS[m - 1]
    short = name[:3] if rng.random() < 0.7 else (name[:3] + ".")
    month = rng.choice([name, short, short.upper(), name.lower()])
    if kind == 4:
        return f"{d} {month} {y}"
    if kind == 5:
        return f"{d:02d}-{short}-{rng.choice([str(y), yy])}"
    if kind == 6:
        return f"{month} {d}, {y}"
    if kind == 7:
        return f"{ordinal(d)} {month} {y}"
    return f"{y}-{short}-{d:02d}"


def dob_samples(rng):
    pid = "DATE_OF_BIRTH"
    out = []
    for _ in range(N):
        d = random_birth_date(rng)
        out.append(positive(pid, around(rng, rng.choice(DOB_KEYWORDS), format_date(rng, d.year, d.month, d.day))))
    for i in range(N):
        kind = i % 5
        if kind == 0:
            d = random_birth_date(rng)
            text = without_keyword(rng, format_date(rng, d.year, d.month, d.day))
        elif kind == 1:
            # Not a calendar date: the 30th or 31st of a short month, February 29 of a
            # common year, month 13.
            y = rng.randrange(1925, 2012)
            m, d = rng.choice([(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (13, 12), (14, 20)])
            if rng.random() < 0.2:
                y = rng.choice([1927, 1931, 1953, 1985, 2003])
                m, d = 2, 29
            text = around(rng, rng.choice(DOB_KEYWORDS), format_date(rng, y, m, d, iso_only=m > 12))
        elif kind == 2:
            # In the future.
            y = rng.randrange(TODAY.year + 2, TODAY.year + 60)
            text = around(rng, rng.choice(DOB_KEYWORDS), f"{y}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}")
        elif kind == 3:
            text = around(rng, rng.choice(DOB_KEYWORDS), rng.choice(["1900-01-01", "01/01/1970", "1970-01-01"]))
        else:
            # Numbers that are not dates.
            text = around(rng, rng.choice(DOB_KEYWORDS),
                          rng.choice([f"{rng.randrange(32, 99)}/{rng.randrange(13, 99)}/{rng.randrange(1930, 2010)}",
                                      f"{rng.randrange(1930, 2010)}-{rng.randrange(13, 99)}-{rng.randrange(1, 28):02d}",
                                      pick(rng, DIGITS, 6), pick(rng, DIGITS, 10)]))
        out.append(negative(pid, text))
    return out


# ---------------------------------------------------------------------------------------
# GPS coordinates

GPS_KEYWORDS = ["coordinate", "coordinates", "lat long", "latitude longitude", "position"]


def decimal(rng, value, places):
    return f"{value:.{places}f}"


def gps_samples(rng):
    pid = "LATITUDE_LONGITUDE"
    out = []
    for _ in range(N):
        lat = rng.uniform(-89.9, 89.9)
        lon = rng.uniform(-179.9, 179.9)
        places = rng.randrange(3, 8)
        a, b = decimal(rng, lat, places), decimal(rng, lon, places)
        layout = rng.randrange(4)
        if layout == 3:
            out.append(positive(pid, f'{{"type": "Point", "coordinates": [{b}, {a}]}}'))
            continue
        pair = [f"{a},{b}", f"{a}, {b}", f"{a} {b}"][layout]
        out.append(positive(pid, around(rng, rng.choice(GPS_KEYWORDS), pair)))
    for i in range(N):
        lat = rng.uniform(-89.9, 89.9)
        lon = rng.uniform(-179.9, 179.9)
        kind = i % 5
        if kind == 0:
            text = without_keyword(rng, f"{lat:.6f},{lon:.6f}")
        elif kind == 1:
            # Out of range: both values beyond 90 degrees.
            x = rng.uniform(90.5, 179.9) * rng.choice([1, -1])
            y = rng.uniform(90.5, 179.9) * rng.choice([1, -1])
            text = around(rng, rng.choice(GPS_KEYWORDS), f"{x:.5f},{y:.5f}")
        elif kind == 2:
            # Too coarse for a GPS fix: one or two decimals.
            p = rng.choice([1, 2])
            text = around(rng, rng.choice(GPS_KEYWORDS), f"{lat:.{p}f},{lon:.{p}f}")
        elif kind == 3:
            text = around(rng, rng.choice(GPS_KEYWORDS), "41.948614,-87.655311")
        else:
            # A single value, or degrees-minutes-seconds (not supported, as in Macie).
            text = around(rng, rng.choice(GPS_KEYWORDS),
                          rng.choice([f"{lat:.6f}", f"{abs(int(lat))}°{rng.randrange(60)}'{rng.randrange(60)}\"N"]))
        out.append(negative(pid, text))
    return out


# ---------------------------------------------------------------------------------------
# HTTP cookie

TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
COOKIE_NAMES = ["sessionid", "JSESSIONID", "sid", "_ga", "csrftoken", "uid", "prefs", "theme", "cart_id",
                "__Host-sid", "auth", "lang", "tz", "ab_test", "visitor", "consent"]


def cookie_value(rng):
    kind = rng.randrange(4)
    if kind == 0:
        return pick(rng, "0123456789abcdef", rng.choice([16, 24, 32]))
    if kind == 1:
        return pick(rng, TOKEN, rng.randrange(6, 30))
    if kind == 2:
        return f"GA1.2.{rng.randrange(10**8, 10**9)}.{rng.randrange(10**9, 2 * 10**9)}"
    return rng.choice(["dark", "compact", "en-GB", "fr", "Europe%2FParis", "yes", "v2"])


def cookie_pairs(rng, n):
    names = rng.sample(COOKIE_NAMES, n)
    return "; ".join(f"{name}={cookie_value(rng)}" for name in names)


def cookie_samples(rng):
    pid = "HTTP_COOKIE"
    out = []
    for i in range(N):
        kind = i % 6
        if kind == 0:
            text = f"Cookie: {cookie_pairs(rng, rng.randrange(1, 5))}"
        elif kind == 1:
            attrs = rng.choice(["; Path=/; HttpOnly", "; Secure; SameSite=Lax", "; Max-Age=3600",
                                "; Domain=shop.internal; Path=/", ""])
            text = f"Set-Cookie: {cookie_pairs(rng, 1)}{attrs}"
        elif kind == 2:
            text = f'curl -s -H "cookie: {cookie_pairs(rng, rng.randrange(1, 3))}" https://app.internal/api'
        elif kind == 3:
            text = f'headers = {{"Cookie": "{cookie_pairs(rng, rng.randrange(1, 4))}", "Accept": "*/*"}}'
        elif kind == 4:
            text = f"< HTTP/1.1 200 OK\n< set-cookie: {cookie_pairs(rng, 1)}; Path=/\n< content-length: 512"
        else:
            text = f"{filler(rng)}\nGET /account HTTP/1.1\nHost: shop.internal\nCOOKIE: {cookie_pairs(rng, 2)}\n"
        out.append(positive(pid, text))
    published = ["Set-Cookie: id=TWlrZQ", "Cookie: session=3948; lang=en", "Set-Cookie: SID=31d4d96e407aad42",
                 "Cookie: SID=31d4d96e407aad42; lang=en-US", "Set-Cookie: sessionId=38afes7a8",
                 "Cookie: PHPSESSID=298zf09hf012fh2; csrftoken=u32t4o3tb3gg43; _gat=1",
                 "Cookie: name=value; name2=value2; name3=value3"]
    for i in range(N):
        kind = i % 6
        if kind == 0:
            text = rng.choice(published)
        elif kind == 1:
            text = rng.choice(["we use a cookie: see the cookie policy", "Cookie: ", "Set-Cookie:",
                               "cookie: chocolate chip, baked fresh", "Cookie consent: accepted"])
        elif kind == 2:
            text = f'document.cookie = "{cookie_pairs(rng, 1)}"'
        elif kind == 3:
            text = f"X-Cookie: {cookie_pairs(rng, 1)}"
        elif kind == 4:
            text = f"Set-Cookie: <cookie-name>=<cookie-value>; {filler(rng)}"
        else:
            text = f"cookie {cookie_pairs(rng, 1)} {filler(rng)}"
        out.append(negative(pid, text))
    return out


# ---------------------------------------------------------------------------------------
# Brazil CEP

CEP_KEYWORDS = ["cep", "código de endereçamento postal", "codigo de endereçamento postal",
                "código postal", "codigo postal"]
CEP_DENY = ["01001-000", "12345-678", "99999-999"]


def cep_digits(rng):
    while True:
        v = f"{rng.randrange(1000000, 100000000):08d}"
        if f"{v[:5]}-{v[5:]}" not in CEP_DENY and len(set(v)) > 1:
            return v


def cep_format(rng, v):
    return rng.choice([f"{v[:5]}-{v[5:]}", f"{v[:5]}-{v[5:]}", v, f"{v[:2]}.{v[2:5]}-{v[5:]}"])


def cep_samples(rng):
    pid = "BRAZIL_CEP_CODE"
    out = []
    streets = ["Av. Paulista, 1578", "Rua da Assembleia, 10", "Praça Sete, 45", "Rua XV de Novembro, 300"]
    for i in range(N):
        value = cep_format(rng, cep_digits(rng))
        if i % 4 == 0:
            text = f"{rng.choice(streets)} - {rng.choice(['São Paulo - SP', 'Curitiba - PR'])}, CEP {value}"
        else:
            text = around(rng, rng.choice(CEP_KEYWORDS), value)
        out.append(positive(pid, text))
    for i in range(N):
        v = cep_digits(rng)
        kind = i % 5
        if kind == 0:
            text = without_keyword(rng, cep_format(rng, v))
        elif kind == 1:
            text = around(rng, rng.choice(CEP_KEYWORDS), f"00{v[2:5]}-{v[5:]}")
        elif kind == 2:
            text = around(rng, rng.choice(CEP_KEYWORDS), rng.choice([f"{v[:4]}-{v[5:]}", f"{v[:5]}-{v[5:]}{rng.randrange(10)}"]))
        elif kind == 3:
            text = around(rng, rng.choice(CEP_KEYWORDS), rng.choice(CEP_DENY))
        else:
            text = around(rng, rng.choice(CEP_KEYWORDS), f"{v[:5]}-{v[5:]}-{rng.randrange(10)}")
        out.append(negative(pid, text))
    return out


# ---------------------------------------------------------------------------------------
# Vehicle identification number

VIN_KEYWORDS = ["Fahrgestellnummer", "niv", "numarul de identificare", "numarul seriei de sasiu",
                "numer VIN", "Número de Identificação do Veículo", "Número de Identificación de Automóviles",
                "numéro d'identification du véhicule", "vehicle identification number", "vin", "VIN numeris"]
VIN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
VIN_CHARS = VIN_LETTERS + DIGITS
VIN_VALUES = {**{str(d): d for d in range(10)},
              **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))),
              "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
MODEL_YEARS = "ABCDEFGHJKLMNPRSTVWXY123456789"
VIN_DENY = ["1M8GDM9AXKP042788", "5GZCZ43D13S812715", "11111111111111111", "1HGCM82633A004352"]


def vin_check(vin):
    """49 CFR 565.15: transliterate, weight, sum modulo 11 (10 is X)."""
    r = sum(VIN_VALUES[c] * w for c, w in zip(vin, VIN_WEIGHTS)) % 11
    return "X" if r == 10 else str(r)


def vin(rng, region):
    wmi = {"na": rng.choice(["1FT", "1G1", "2HG", "3VW", "4T1", "5YJ", "1HD", "2T3", "3FA"]),
           "cn": rng.choice(["LSV", "LFV", "LVS", "LRW"]),
           "eu": rng.choice(["WVW", "WBA", "VF1", "ZFA", "SAJ", "YV1", "TMB", "VSS", "WDD"]),
           "asia": rng.choice(["JTD", "JHM", "KMH", "KNA", "MA3"])}[region]
    body = wmi + pick(rng, VIN_CHARS, 5) + "0" + rng.choice(MODEL_YEARS) + rng.choice(VIN_LETTERS + DIGITS) \
        + pick(rng, DIGITS, 6)
    if region in ("na", "cn"):
        return body[:8] + vin_check(body) + body[9:]
    # Outside North America and China position 9 is free (ISO 3779).
    return body[:8] + rng.choice(VIN_CHARS) + body[9:]


def vin_samples(rng):
    pid = "VEHICLE_IDENTIFICATION_NUMBER"
    out = []
    for i in range(N):
        value = vin(rng, ["na", "na", "cn", "eu", "asia"][i % 5])
        out.append(positive(pid, around(rng, rng.choice(VIN_KEYWORDS), value)))
    for i in range(N):
        value = vin(rng, "na")
        kind = i % 6
        if kind == 0:
            text = without_keyword(rng, value)
        elif kind == 1:
            # Wrong check digit.
            wrong = rng.choice([c for c in DIGITS + "X" if c != value[8]])
            text = around(rng, rng.choice(VIN_KEYWORDS), value[:8] + wrong + value[9:])
        elif kind == 2:
            # I, O or Q, which no VIN holds.
            j = rng.randrange(17)
            text = around(rng, rng.choice(VIN_KEYWORDS), value[:j] + rng.choice("IOQ") + value[j + 1:])
        elif kind == 3:
            text = around(rng, rng.choice(VIN_KEYWORDS), rng.choice([value[:-1], value + rng.choice(DIGITS)]))
        elif kind == 4:
            text = around(rng, rng.choice(VIN_KEYWORDS), rng.choice(VIN_DENY))
        else:
            text = around(rng, rng.choice(VIN_KEYWORDS), value.lower())
        out.append(negative(pid, text))
    return out


def samples(rng):
    return (passport_samples(rng) + electoral_samples(rng) + dob_samples(rng) + gps_samples(rng)
            + cookie_samples(rng) + cep_samples(rng) + vin_samples(rng))
