"""Eval samples for Macie's 9 credential identifiers (the CREDENTIALS category).

The values are random strings of each format's alphabet and length (an AWS secret key
is 40 characters of base64's alphabet; a GCP API key "AIza" and 35 URL-safe base64
characters; JWTs real base64url JSON; PEM/OpenSSH/PGP blocks real BEGIN lines with a
base64 body), built here without reference to Trawl's patterns.
"""

import base64
import json

from .common import filler, negative, pick, positive

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
URLSAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
N = 120


def aws_secret(rng):
    while True:
        s = pick(rng, B64, 40)
        if any(c.isupper() for c in s) and any(c.islower() for c in s) and any(c.isdigit() or c in "+/" for c in s):
            return s


def b64url(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def jwt(rng, signed=True):
    header = b64url({"alg": rng.choice(["HS256", "RS256", "ES256"]), "typ": "JWT"})
    payload = b64url({"sub": f"user-{rng.randrange(10**6)}", "iat": 1700000000 + rng.randrange(10**7),
                      "scope": rng.choice(["read", "write", "admin", "billing:read"])})
    sig = pick(rng, URLSAFE, rng.choice([43, 86, 342])) if signed else ""
    return f"{header}.{payload}.{sig}"


def pem_body(rng, lines):
    return "\n".join(pick(rng, B64, 64) for _ in range(lines))


def samples(rng):
    out = []
    # AWS_CREDENTIALS: the secret access key, keyword required.
    for i in range(N):
        key = aws_secret(rng)
        layout = i % 5
        text = [f"aws_secret_access_key = {key}",
                f'  "SecretAccessKey": "{key}",',
                f"export AWS_SECRET_ACCESS_KEY={key}",
                f"{filler(rng)}; secret key: {key}",
                f"[default]\naws_access_key_id = AKIA{pick(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}\naws_secret_access_key = {key}"][layout]
        out.append(positive("AWS_CREDENTIALS", text))
    for i in range(N):
        key = aws_secret(rng)
        text = [f"{filler(rng)} {key} {filler(rng)}",                          # no keyword
                f"aws_secret_access_key = {key[:39]}",                         # 39 characters
                f"aws_secret_access_key = {key}X",                             # 41 characters
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                f"aws_secret_access_key = {pick(rng, '0123456789abcdef', 40)}"][i % 5]  # hex digest
        out.append(negative("AWS_CREDENTIALS", text))

    # GCP_API_KEY: AIza + 35, keyword required.
    for i in range(N):
        key = "AIza" + pick(rng, URLSAFE, 35)
        text = [f"GOOGLE_API_KEY={key}", f"google-api-key: {key}", f"gcp api key {key}",
                f'{{"api_key": "{key}"}}'][i % 4]
        out.append(positive("GCP_API_KEY", text))
    for i in range(N):
        tail = pick(rng, URLSAFE, 35)
        text = [f"{filler(rng)} AIza{tail} {filler(rng)}", f"GOOGLE_API_KEY=AIza{tail[:34]}",
                f"GOOGLE_API_KEY=AIzb{tail}", f"GOOGLE_API_KEY=AIza{tail}Q"][i % 4]
        out.append(negative("GCP_API_KEY", text))

    # HTTP_BASIC_AUTH_HEADER
    for i in range(N):
        cred = base64.b64encode(f"{pick(rng, ALNUM, 8)}:{pick(rng, ALNUM + '!#', 12)}".encode()).decode()
        text = [f"Authorization: Basic {cred}", f"Proxy-Authorization: Basic {cred}",
                f'curl -H "authorization: basic {cred}" https://h.internal/',
                f'headers = {{"Authorization": "Basic {cred}"}}'][i % 4]
        out.append(positive("HTTP_BASIC_AUTH_HEADER", text))
    for i in range(N):
        cred = base64.b64encode(f"{pick(rng, ALNUM, 8)}:{pick(rng, ALNUM, 12)}".encode()).decode()
        text = [f"Authorization: Bearer {cred}", f"basic {cred} is the format",
                "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", f"X-Authorization-Hint: Digest {cred}"][i % 4]
        out.append(negative("HTTP_BASIC_AUTH_HEADER", text))

    # JSON_WEB_TOKEN
    for i in range(N):
        token = jwt(rng, signed=i % 6 != 5)
        text = [f"Authorization: Bearer {token}", f"id_token={token}&state=x",
                f'{{"jwt": "{token}"}}', f"{filler(rng)} {token}"][i % 4]
        out.append(positive("JSON_WEB_TOKEN", text))
    for i in range(N):
        token = jwt(rng)
        h, p, s = token.split(".")
        text = [f"Bearer {h}", f"token {h}.{s}", f"token eyJ{pick(rng, URLSAFE, 5)}.eyJ{pick(rng, URLSAFE, 5)}.{s}",
                "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"][i % 4]
        out.append(negative("JSON_WEB_TOKEN", text))

    # Private key blocks.
    blocks = [("OPENSSH_PRIVATE_KEY", "OPENSSH PRIVATE KEY", "OPENSSH PUBLIC KEY"),
              ("PGP_PRIVATE_KEY", "PGP PRIVATE KEY BLOCK", "PGP PUBLIC KEY BLOCK"),
              ("PKCS", "PRIVATE KEY", "PUBLIC KEY")]
    for id, label, public in blocks:
        for i in range(N):
            kind = label
            if id == "PKCS":
                kind = rng.choice(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"])
            body = pem_body(rng, rng.randrange(1, 6))
            block = f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----"
            if i % 3 == 1:
                block = json.dumps({"key": block})[9:-2]                    # escaped \n inside JSON
            elif i % 3 == 2 and id == "PGP_PRIVATE_KEY":
                block = f"-----BEGIN {kind}-----\nVersion: GnuPG v2\n\n{body}\n-----END {kind}-----"
            out.append(positive(id, f"{filler(rng)}\n{block}"))
        for i in range(N):
            body = pem_body(rng, 2)
            text = [f"-----BEGIN {public}-----\n{body}\n-----END {public}-----",
                    f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----",
                    f"the file starts with -----BEGIN {label}----- and ends with the END line",
                    f"-----BEGIN {label}-----\n...\n-----END {label}-----"][i % 4]
            out.append(negative(id, text))

    # PUTTY_PRIVATE_KEY
    for i in range(N):
        alg = rng.choice(["ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256"])
        enc = rng.choice(["none", "aes256-cbc"])
        nl = "\r\n" if i % 3 == 0 else "\n"
        text = nl.join([f"PuTTY-User-Key-File-{rng.choice('23')}: {alg}", f"Encryption: {enc}",
                        f"Comment: key-{rng.randrange(10**8)}", "Public-Lines: 6", pick(rng, B64, 64)])
        out.append(positive("PUTTY_PRIVATE_KEY", text))
    for i in range(N):
        text = [f"PuTTY-User-Key-File-2: ssh-rsa\nPublic-Lines: 6\n{pick(rng, B64, 64)}",
                "convert the PuTTY-User-Key-File-3 format with puttygen",
                f"PuTTY-User-Key-File-4: ssh-rsa\nEncryption: none\nComment: x{rng.randrange(99)}"][i % 3]
        out.append(negative("PUTTY_PRIVATE_KEY", text))

    # STRIPE_CREDENTIALS: live secret and restricted keys.
    for i in range(N):
        key = f"{rng.choice(['sk', 'rk'])}_live_{pick(rng, ALNUM, rng.choice([24, 34, 99]))}"
        text = [f"STRIPE_SECRET_KEY={key}", f'stripe.api_key = "{key}"', f"{filler(rng)} {key}"][i % 3]
        out.append(positive("STRIPE_CREDENTIALS", text))
    for i in range(N):
        tail = pick(rng, ALNUM, 24)
        text = [f"STRIPE_SECRET_KEY=sk_test_{tail}", f"publishable pk_live_{tail}",
                f"STRIPE_SECRET_KEY=sk_live_{tail[:23]}", f"STRIPE_KEY=xsk_live_{tail}"][i % 4]
        out.append(negative("STRIPE_CREDENTIALS", text))
    return out
