"""Eval samples for the secrets pack (issue 7): prefix- or structure-anchored credentials
beyond Macie's nine credential types.

The values are random strings of each vendor's published format (prefix, alphabet,
lengths), built here without reference to Trawl's patterns; GitHub and npm tokens carry
their CRC-32 checksum, computed with zlib.crc32 and base62 as GitHub describes
(https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/).
Contexts avoid the AWS secret-key keywords, so a 40-character run inside a long token
is never an AWS_CREDENTIALS candidate; database URLs whose password looks like a
local part before a dotted host are also e-mail addresses to the EMAIL_ADDRESS
identifier, and say so with `allow`.
"""

import base64
import json
import zlib

from .common import filler, negative, pick, positive

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
URLSAFE = ALNUM + "-_"
HEX = "0123456789abcdef"
UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
N = 110


def base62(n: int, width: int = 6) -> str:
    s = ""
    while n:
        n, d = divmod(n, 62)
        s = BASE62[d] + s
    return s.rjust(width, "0")


def checksummed(rng, prefix: str, good: bool = True) -> str:
    """prefix + 30 random base62 characters + their base62 CRC-32 (6 characters); with
    good=False, a checksum that is off by one character."""
    body = pick(rng, ALNUM, 30)
    check = base62(zlib.crc32(body.encode()))
    if not good:
        i = rng.randrange(6)
        check = check[:i] + rng.choice([c for c in BASE62 if c != check[i]]) + check[i + 1:]
    return prefix + body + check


def b64(rng, nbytes: int) -> str:
    return base64.b64encode(bytes(rng.randrange(256) for _ in range(nbytes))).decode()


def b64url(rng, nbytes: int) -> str:
    return base64.urlsafe_b64encode(bytes(rng.randrange(256) for _ in range(nbytes))).decode().rstrip("=")


def not_all_x(rng, alphabet, n):
    while True:
        s = pick(rng, alphabet, n)
        if s[:8].lower() != "xxxxxxxx":
            return s


# ---------------------------------------------------------------------------------------
# Value makers, one per identifier.

def github(rng):
    if rng.randrange(6) == 0:
        return f"github_pat_{pick(rng, ALNUM, 22)}_{pick(rng, ALNUM, 59)}"
    return checksummed(rng, rng.choice(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]))


def gitlab(rng):
    kind = rng.randrange(6)
    if kind == 0:
        return f"glptt-{pick(rng, HEX, 40)}"
    if kind == 1:
        return f"gloas-{pick(rng, HEX, 64)}"
    if kind == 2:
        return f"glpat-{not_all_x(rng, URLSAFE, 27)}.01.{pick(rng, '0123456789abcdefghijklmnopqrstuvwxyz', 9)}"
    prefix = rng.choice(["glpat", "glpat", "gldt", "glrt", "glft", "glimt", "glagent", "glsoat", "glffct"])
    return f"{prefix}-{not_all_x(rng, URLSAFE, 20)}"


def slack(rng):
    kind = rng.randrange(4)
    if kind == 0:
        return f"xoxb-{rng.randrange(10**10, 10**12)}-{rng.randrange(10**11, 10**13)}-{pick(rng, ALNUM, 24)}"
    if kind == 1:
        return (f"xoxp-{rng.randrange(10**10, 10**12)}-{rng.randrange(10**10, 10**12)}-"
                f"{rng.randrange(10**11, 10**13)}-{pick(rng, HEX, 32)}")
    if kind == 2:
        return f"xapp-1-A{pick(rng, UPPER_DIGITS, 10)}-{rng.randrange(10**11, 10**13)}-{pick(rng, HEX, 64)}"
    return f"{rng.choice(['xoxa', 'xoxr'])}-2-{rng.randrange(10**10, 10**12)}-{pick(rng, HEX, 64)}"


def slack_webhook(rng):
    return (f"https://hooks.slack.com/services/T{pick(rng, UPPER_DIGITS, rng.choice([8, 10]))}"
            f"/B{pick(rng, UPPER_DIGITS, rng.choice([8, 10]))}/{pick(rng, ALNUM, 24)}")


def google_oauth(rng):
    return "GOCSPX-" + not_all_x(rng, URLSAFE, 28)


def azure_key(rng):
    return "AccountKey=" + b64(rng, 64)


def sas_sig(rng, encoded=True):
    s = b64(rng, 32)
    return s.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D") if encoded else s


def azure_sas(rng):
    sv = rng.choice(["2021-08-06", "2022-11-02", "2023-01-03", "2020-10-02"])
    day = f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    colon = rng.choice([":", "%3A"])
    st, se = f"{day}T08{colon}00{colon}00Z", f"{day}T20{colon}00{colon}00Z"
    sig = sas_sig(rng, encoded=rng.randrange(4) != 0)
    if rng.randrange(2):
        return f"sv={sv}&ss=bfqt&srt=sco&sp=rwdlacup&se={se}&st={st}&spr=https&sig={sig}"
    return f"sp=r&st={st}&se={se}&spr=https&sv={sv}&sr={rng.choice('bc')}&sig={sig}"


def openai(rng):
    kind = rng.randrange(3)
    if kind == 0:
        return f"sk-{pick(rng, ALNUM, 20)}T3BlbkFJ{pick(rng, ALNUM, 20)}"
    n = rng.choice([58, 74])
    return f"sk-{rng.choice(['proj', 'svcacct', 'admin'])}-{pick(rng, URLSAFE, n)}T3BlbkFJ{pick(rng, URLSAFE, n)}"


def anthropic(rng):
    return f"sk-ant-{rng.choice(['api03', 'api03', 'admin01'])}-{pick(rng, URLSAFE, 93)}AA"


def npm(rng):
    return checksummed(rng, "npm_")


def pypi(rng):
    return "pypi-AgEIcHlwaS5vcmc" + pick(rng, URLSAFE, rng.choice([60, 150, 200]))


def twilio(rng):
    return rng.choice(["SK", "AC"]) + pick(rng, HEX, 32)


def sendgrid(rng):
    return f"SG.{pick(rng, URLSAFE, 22)}.{pick(rng, URLSAFE, 43)}"


def mailgun(rng):
    return "key-" + pick(rng, HEX, 32)


def shopify(rng):
    return f"shp{rng.choice(['at', 'ca', 'pa', 'ss'])}_{pick(rng, HEX, 32)}"


def square(rng):
    kind = rng.randrange(3)
    if kind == 0:
        return "EAAA" + pick(rng, URLSAFE, 60)
    if kind == 1:
        return "sq0atp-" + pick(rng, URLSAFE, 22)
    return "sq0csp-" + pick(rng, URLSAFE, 43)


def datadog(rng):
    return pick(rng, HEX, 32)


def vault(rng):
    kind = rng.randrange(3)
    if kind == 0:
        return "hvs." + not_all_x(rng, URLSAFE, 24)
    if kind == 1:
        return "hvs.CAESI" + pick(rng, URLSAFE, 86)
    return rng.choice(["hvb.AAAAAQ", "hvr."]) + pick(rng, URLSAFE, 120)


SCHEMES = ["postgres", "postgresql", "postgresql+psycopg2", "mysql", "mysql+pymysql", "mongodb",
           "mongodb+srv", "redis", "rediss", "amqp", "amqps"]
PORTS = {"postgres": 5432, "mysql": 3306, "mongodb": 27017, "redis": 6379, "rediss": 6380, "amqp": 5672, "amqps": 5671}


def db_password(rng):
    return pick(rng, ALNUM, rng.randrange(10, 24)) + rng.choice(["", "%21", "-", "_", "~"]) + pick(rng, ALNUM, 3)


def database_url(rng, password=None):
    """A URL and whether its password@host also reads as an e-mail address."""
    scheme = rng.choice(SCHEMES)
    base = scheme.split("+")[0].replace("postgresql", "postgres")
    user = rng.choice(["app", "svc_reports", "billing", "root", "admin", "worker", ""]) if base == "redis" \
        else rng.choice(["app", "svc_reports", "billing", "root", "admin", "worker"])
    password = password or db_password(rng)
    kind = rng.randrange(3)
    if kind == 0:
        host = rng.choice(["db", "db-prod-1", "cache-01", "rabbitmq", "mongo"])
    elif kind == 1:
        host = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    else:
        host = f"{rng.choice(['db', 'cluster0', 'pg'])}.{pick(rng, 'abcdefghij0123456789', 5)}.{rng.choice(['internal.acme.io', 'mongodb.net', 'rds.amazonaws.com'])}"
    port = "" if scheme == "mongodb+srv" else f":{PORTS[base]}"
    path = rng.choice(["/app", "/billing?sslmode=require", "/0", "/%2F", "", "/reports?retryWrites=true&w=majority"])
    url = f"{scheme}://{user}:{password}@{host}{port}{path}"
    # password@host reads as an address when the host is dotted with a letter TLD.
    emailish = kind == 2
    return url, emailish


def jwk(rng):
    kty = rng.choice(["RSA", "EC", "OKP"])
    if kty == "RSA":
        obj = {"kty": "RSA", "n": b64url(rng, 256), "e": "AQAB", "d": b64url(rng, 256), "p": b64url(rng, 128),
               "q": b64url(rng, 128)}
    elif kty == "EC":
        obj = {"kty": "EC", "crv": "P-256", "x": b64url(rng, 32), "y": b64url(rng, 32), "d": b64url(rng, 32)}
    else:
        obj = {"kty": "OKP", "crv": "Ed25519", "x": b64url(rng, 32), "d": b64url(rng, 32)}
    if rng.randrange(2):
        obj["kid"] = f"key-{rng.randrange(1000)}"
    return obj


def jwk_text(rng, obj):
    layout = rng.randrange(3)
    if layout == 0:
        return json.dumps(obj, separators=(",", ":"))
    if layout == 1:
        return json.dumps({"keys": [obj]}, indent=2)
    return f"{filler(rng)}\nsigning_key = {json.dumps(obj)}"


# Generic contexts: {v} is the value.
CONTEXTS = {
    "GITHUB_ACCESS_TOKEN": ["GITHUB_TOKEN={v}", "Authorization: token {v}", '{{"token": "{v}"}}', "{f}: {v}",
                            "gh auth login --with-token <<< {v}"],
    "GITLAB_ACCESS_TOKEN": ['curl --header "PRIVATE-TOKEN: {v}" https://gitlab.acme.io/api/v4/projects',
                            "GITLAB_TOKEN={v}", "token = \"{v}\"", "{f} {v}"],
    "SLACK_TOKEN": ["SLACK_BOT_TOKEN={v}", '{{"ok": true, "access_token": "{v}"}}', 'WebClient(token="{v}")', "{f}: {v}"],
    "SLACK_WEBHOOK_URL": ["SLACK_WEBHOOK_URL={v}", "curl -X POST -d @msg.json {v}", '"webhook": "{v}",', "{f} {v}"],
    "GOOGLE_OAUTH_CLIENT_SECRET": ['{{"web": {{"client_id": "1234-abc.apps.googleusercontent.com", "client_secret": "{v}"}}}}',
                                   "GOOGLE_CLIENT_SECRET={v}", "client secret: {v}", "{f} {v}"],
    "AZURE_STORAGE_ACCOUNT_KEY": ["DefaultEndpointsProtocol=https;AccountName=acme{n};{v};EndpointSuffix=core.windows.net",
                                  '"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=fn{n};{v}"',
                                  "{v};"],
    "AZURE_SAS_TOKEN": ["https://acme{n}.blob.core.windows.net/exports/data.csv?{v}", 'AZURE_SAS_TOKEN="{v}"',
                        "sas token: {v}", "{f} ?{v}"],
    "OPENAI_API_KEY": ["OPENAI_API_KEY={v}", 'client = OpenAI(api_key="{v}")', "Authorization: Bearer {v}", "{f} {v}"],
    "ANTHROPIC_API_KEY": ["ANTHROPIC_API_KEY={v}", 'curl -H "x-api-key: {v}" https://api.anthropic.com/v1/messages',
                          '{{"api_key": "{v}"}}', "{f} {v}"],
    "NPM_ACCESS_TOKEN": ["//registry.npmjs.org/:_authToken={v}", "NPM_TOKEN={v}", "{f} {v}"],
    "PYPI_API_TOKEN": ["TWINE_PASSWORD={v}", "[pypi]\n  username = __token__\n  password = {v}", "uv publish --token {v}"],
    "TWILIO_API_KEY": ["TWILIO_API_KEY={v}", "twilio account sid: {v}", 'Twilio client ("{v}")', "TWILIO_ACCOUNT_SID={v} ({f})"],
    "SENDGRID_API_KEY": ["SENDGRID_API_KEY={v}", "sg = SendGridAPIClient('{v}')", "Authorization: Bearer {v}", "{f} {v}"],
    "MAILGUN_API_KEY": ["MAILGUN_API_KEY={v}", 'curl -s --user "api:{v}" https://api.mailgun.net/v3/mg.acme.io/messages',
                        "{f} {v}"],
    "SHOPIFY_ACCESS_TOKEN": ["X-Shopify-Access-Token: {v}", "SHOPIFY_API_SECRET={v}", "{f} {v}"],
    "SQUARE_ACCESS_TOKEN": ["SQUARE_ACCESS_TOKEN={v}", "Authorization: Bearer {v}", "{f} {v}"],
    "DATADOG_API_KEY": ["DD_API_KEY={v}", 'curl -H "DD-API-KEY: {v}" https://api.datadoghq.com/api/v1/validate',
                        "datadog:\n  apiKey: {v}", "{f}; datadog key {v}"],
    "HASHICORP_VAULT_TOKEN": ["VAULT_TOKEN={v}", 'curl -H "X-Vault-Token: {v}" https://vault.acme.io/v1/secret/data/app',
                              '{{"auth": {{"client_token": "{v}"}}}}', "{f} {v}"],
    "DATABASE_URL_WITH_PASSWORD": ["DATABASE_URL={v}", 'SQLALCHEMY_DATABASE_URI = "{v}"', "{f}\nurl: {v}", "{v}"],
}

MAKERS = {
    "GITHUB_ACCESS_TOKEN": github, "GITLAB_ACCESS_TOKEN": gitlab, "SLACK_TOKEN": slack,
    "SLACK_WEBHOOK_URL": slack_webhook, "GOOGLE_OAUTH_CLIENT_SECRET": google_oauth,
    "AZURE_STORAGE_ACCOUNT_KEY": azure_key, "AZURE_SAS_TOKEN": azure_sas, "OPENAI_API_KEY": openai,
    "ANTHROPIC_API_KEY": anthropic, "NPM_ACCESS_TOKEN": npm, "PYPI_API_TOKEN": pypi, "TWILIO_API_KEY": twilio,
    "SENDGRID_API_KEY": sendgrid, "MAILGUN_API_KEY": mailgun, "SHOPIFY_ACCESS_TOKEN": shopify,
    "SQUARE_ACCESS_TOKEN": square, "DATADOG_API_KEY": datadog, "HASHICORP_VAULT_TOKEN": vault,
}


def fill(rng, template, value):
    return template.format(v=value, f=filler(rng), n=rng.randrange(100))


def near_misses(id, rng):
    """Negative texts for one identifier: cut or lengthened values, wrong prefixes or
    checksums, placeholders, published examples, a required keyword missing."""
    m = MAKERS.get(id)
    if id == "GITHUB_ACCESS_TOKEN":
        t = checksummed(rng, rng.choice(["ghp_", "gho_", "ghs_"]))
        return [f"GITHUB_TOKEN={checksummed(rng, 'ghp_', good=False)}", f"GITHUB_TOKEN={t[:-1]}",
                f"GITHUB_TOKEN={t}{rng.choice(ALNUM)}", f"GITHUB_TOKEN=ghx_{t[4:]}",
                "GITHUB_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a", "GITHUB_TOKEN=ghp_" + "x" * 36,
                f"GH_TOKEN=github_pat_{pick(rng, ALNUM, 22)}{pick(rng, ALNUM, 59)}", "GH_TOKEN=github_pat_<your-token>"]
    if id == "NPM_ACCESS_TOKEN":
        t = npm(rng)
        return [f"NPM_TOKEN={checksummed(rng, 'npm_', good=False)}", f"NPM_TOKEN={t[:-1]}", f"NPM_TOKEN=npm_{'x' * 36}",
                f"NPM_TOKEN=xnpm_{t[4:]}", "run npm_config_registry=https://registry.npmjs.org/ npm install"]
    if id == "GITLAB_ACCESS_TOKEN":
        t = pick(rng, URLSAFE, 20)
        return [f"GITLAB_TOKEN=glpat-{t[:rng.randrange(8, 20)]}", "GITLAB_TOKEN=glpat-" + "x" * 20,
                "GITLAB_TOKEN=glpat-<your_access_token>", f"GITLAB_TOKEN=glpxt-{t}",
                f"trigger glptt-{pick(rng, HEX, 39)}", f"secret gloas-{pick(rng, HEX, 63)}",
                "see the glpat-prefix section"]
    if id == "SLACK_TOKEN":
        t = slack(rng)
        return ["SLACK_BOT_TOKEN=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
                "SLACK_BOT_TOKEN=xoxb-your-bot-token", "SLACK_BOT_TOKEN=xoxb-not-a-real-token-this-will-not-work",
                f"SLACK_BOT_TOKEN={t.rsplit('-', 1)[0]}-{pick(rng, ALNUM, 16)}", f"SLACK_BOT_TOKEN=xoxz{t[4:]}",
                f"SLACK_APP_TOKEN=xapp-1-A{pick(rng, UPPER_DIGITS, 10)}-{rng.randrange(10**11, 10**13)}-{pick(rng, HEX, 40)}"]
    if id == "SLACK_WEBHOOK_URL":
        t = slack_webhook(rng)
        return ["https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
                "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/YOUR/WEBHOOK/URL", t[:-6],
                t.replace("hooks.slack.com", "hooks.slack.example"), t.replace("/services/T", "/services/X")]
    if id == "GOOGLE_OAUTH_CLIENT_SECRET":
        t = google_oauth(rng)
        return [f"GOOGLE_CLIENT_SECRET={t[:-3]}", f"GOOGLE_CLIENT_SECRET={t}{rng.choice(ALNUM)}",
                "GOOGLE_CLIENT_SECRET=GOCSPX-" + "x" * 28, "GOOGLE_CLIENT_SECRET=GOCSPX-<your-secret>",
                f"GOOGLE_CLIENT_SECRET=GOCSPY-{t[7:]}"]
    if id == "AZURE_STORAGE_ACCOUNT_KEY":
        k = b64(rng, 64)
        return ["DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;",
                f"AccountName=acme;AccountKey={k[:60]}==;", "AccountName=acme;AccountKey=<account-key>;",
                "AccountKey=${STORAGE_KEY}", f"SharedAccessKey={k};"]
    if id == "AZURE_SAS_TOKEN":
        v = azure_sas(rng)
        return [v.split("&sig=")[0] + "&sig=<signature>", v.replace("sv=", "sx="),
                "https://myaccount.blob.core.windows.net/sascontainer/sasblob.txt?sv=2019-02-02&st=2019-04-29T22%3A18%3A26Z&se=2019-04-30T02%3A23%3A26Z&sr=b&sp=rw&sip=168.1.5.60-168.1.5.70&spr=https&sig=Z%2FRHIX5Xcg0Mq2rqI3OlWTjEg2tYkboXr1P9ZUXDtkk%3D",
                v.split("&sig=")[0] + "&sig=" + pick(rng, ALNUM, 20), "the sv= and sig= parameters are required"]
    if id == "OPENAI_API_KEY":
        return ["OPENAI_API_KEY=sk-...", "OPENAI_API_KEY=sk-proj-" + "x" * 32,
                f"OPENAI_API_KEY=sk-{pick(rng, ALNUM, 20)}T3BlbkFX{pick(rng, ALNUM, 20)}",
                f"OPENAI_API_KEY=sk-{pick(rng, ALNUM, 20)}T3BlbkFJ{pick(rng, ALNUM, 12)}",
                f"OPENAI_API_KEY=sk-proj-{pick(rng, URLSAFE, 40)}"]
    if id == "ANTHROPIC_API_KEY":
        t = anthropic(rng)
        return ["ANTHROPIC_API_KEY=sk-ant-api03-...", f"ANTHROPIC_API_KEY={t[:-2]}AB", f"ANTHROPIC_API_KEY={t[:-5]}AA",
                f"ANTHROPIC_API_KEY=sk-ant-api02-{t[13:]}", "ANTHROPIC_API_KEY=your-api-key-here"]
    if id == "PYPI_API_TOKEN":
        return ["TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc...", "password = pypi-<your-token>",
                f"TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc{pick(rng, URLSAFE, 30)}",
                f"TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZw{pick(rng, URLSAFE, 150)}"]
    if id == "TWILIO_API_KEY":
        t = twilio(rng)
        return [f"{filler(rng)} object {t} in the cache", f"TWILIO_API_KEY={t[:-2]}", f"TWILIO_ACCOUNT_SID={t.upper()}",
                "TWILIO_ACCOUNT_SID=AC" + "x" * 32, f"TWILIO_API_KEY=SX{t[2:]}"]
    if id == "SENDGRID_API_KEY":
        t = sendgrid(rng)
        return ["SENDGRID_API_KEY=SG.xxxxx", f"SENDGRID_API_KEY={t[:-8]}", f"SENDGRID_API_KEY=SG.{t[3:20]}.{t[26:]}",
                "SENDGRID_API_KEY=<your-api-key>", f"SENDGRID_API_KEY=SH.{t[3:]}"]
    if id == "MAILGUN_API_KEY":
        t = mailgun(rng)
        return [f"MAILGUN_API_KEY={t[:-2]}", f"MAILGUN_API_KEY={t.upper()}", f"ssh-{t}", "MAILGUN_API_KEY=key-" + "x" * 32,
                "MAILGUN_API_KEY=key-3ax6xnjp29jd6fds4gc373sgvjxteol0"]
    if id == "SHOPIFY_ACCESS_TOKEN":
        t = shopify(rng)
        return [f"X-Shopify-Access-Token: {t[:-2]}", "X-Shopify-Access-Token: shpat_<your-token>",
                f"X-Shopify-Access-Token: shpxx_{t[6:]}", f"X-Shopify-Access-Token: {t}z"]
    if id == "SQUARE_ACCESS_TOKEN":
        return [f"SQUARE_ACCESS_TOKEN=EAAA{pick(rng, URLSAFE, 50)}", "SQUARE_ACCESS_TOKEN=EAAAxxxxxxxxxx",
                f"SQUARE_ACCESS_TOKEN=sq0atp-{pick(rng, URLSAFE, 15)}", "SQUARE_ACCESS_TOKEN={{ACCESS_TOKEN}}",
                f"fb token EAAB{pick(rng, URLSAFE, 60)}"]
    if id == "DATADOG_API_KEY":
        t = datadog(rng)
        return [f"md5 {t} of the upload", f"DD_API_KEY={t[:-1]}", f"DD_API_KEY={t.upper()}", "DD_API_KEY=<DATADOG_API_KEY>",
                f"{filler(rng)} etag \"{t}\""]
    if id == "HASHICORP_VAULT_TOKEN":
        return ["VAULT_TOKEN=hvs." + "x" * 24, f"VAULT_TOKEN=hvs.{pick(rng, URLSAFE, 12)}",
                f"VAULT_TOKEN=s.{pick(rng, ALNUM, 24)}", "see the hvs.<token> form in the docs"]
    if id == "DATABASE_URL_WITH_PASSWORD":
        ph = rng.choice(["password", "Password", "pass", "passwd", "pwd", "****", "xxxxxxxx", "changeme",
                         "${DB_PASSWORD}", "<password>", "$DB_PASS", "{{ db_password }}", "your_password", "%s"])
        url, _ = database_url(rng, password=ph)
        noauth = url.split("://")[0] + "://" + url.split("@", 1)[1]
        return [f"DATABASE_URL={url}", f"DATABASE_URL={noauth}",
                f"DATABASE_URL=postgres://app@db:5432/app", f"DATABASE_URL=https://app:{db_password(rng)}@web:8443/x"]
    if id == "JWK_PRIVATE_KEY":
        obj = jwk(rng)
        public = {k: v for k, v in obj.items() if k not in ("d", "p", "q")}
        return [json.dumps(public), json.dumps({"kty": "oct", "k": b64url(rng, 32)}),
                json.dumps({"kty": obj["kty"], "d": "<private exponent>"}), 'the "kty" and "d" members of a JWK',
                '{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}']
    raise KeyError(id)


def samples(rng):
    out = []
    for id, make in MAKERS.items():
        contexts = CONTEXTS[id]
        for i in range(N):
            out.append(positive(id, fill(rng, contexts[i % len(contexts)], make(rng))))
        for i in range(N):
            options = near_misses(id, rng)
            out.append(negative(id, options[i % len(options)]))

    id = "DATABASE_URL_WITH_PASSWORD"
    contexts = CONTEXTS[id]
    for i in range(N):
        url, emailish = database_url(rng)
        out.append(positive(id, fill(rng, contexts[i % len(contexts)], url),
                            allow=["EMAIL_ADDRESS"] if emailish else []))
    for i in range(N):
        options = near_misses(id, rng)
        text = options[i % len(options)]
        out.append(negative(id, text, allow=["EMAIL_ADDRESS"]))

    id = "JWK_PRIVATE_KEY"
    for i in range(N):
        out.append(positive(id, jwk_text(rng, jwk(rng))))
    for i in range(N):
        options = near_misses(id, rng)
        out.append(negative(id, options[i % len(options)]))
    return out
