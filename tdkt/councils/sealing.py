"""Sealed votes: each vote a Paillier ciphertext, counted by homomorphic addition, never opened one by one.

A choice is encoded as one number: yes = 1, no = B, abstain = B² (B = 2²⁰, far above any council's size),
so the sum of all the ballots decrypts to `yes + no·B + abstain·B²` and the three counts come out of one
decryption. Encryption is randomised: the same choice never gives the same ciphertext, and a ciphertext
says nothing about its voter.

One key pair serves a whole meeting. Its private key (p, q) is stored only sealed: a stream cipher
(SHAKE-256 keystream, HMAC-SHA-256 tag) under a key derived with PBKDF2 from the server's `SECRET_KEY`
(which is not in the database) and the two tally codes the chair and the secretary set when the meeting
opens (which are stored nowhere). `open_key` unseals it only with both codes; `count` then decrypts one
ciphertext per ballot: the product of all its votes. When the meeting closes the sealed key is erased.

Ballots opened before meeting keys existed carry their own key, sealed under `SECRET_KEY` and an optional
code (format 1): `open_key` still opens those, with the chair's code as that optional code.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from django.conf import settings
from phe import paillier

BASE = 1 << 20
ENCODING = {"yes": 1, "no": BASE, "abstain": BASE * BASE}
PBKDF2_ROUNDS = 120_000


class WrongTallyCode(Exception):
    """The sealed key does not open with this tally code (or the server's secret key has changed)."""


@dataclass(frozen=True)
class Counts:
    yes: int
    no: int
    abstain: int

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstain


def key_bits() -> int:
    return int(getattr(settings, "TDKT_BALLOT_KEY_BITS", 2048))


MIN_CODE_LENGTH = 8


def _wrapping_key(salt: bytes, codes: tuple[str, ...]) -> bytes:
    secret = "\x00".join(("tdkt-ballot", settings.SECRET_KEY, *codes)).encode()
    return hashlib.pbkdf2_hmac("sha256", secret, salt, PBKDF2_ROUNDS)


def _stream(key: bytes, salt: bytes, length: int) -> bytes:
    return hashlib.shake_256(b"enc" + key + salt).digest(length)


def new_key(chair_code: str, secretary_code: str) -> tuple[str, str]:
    """A fresh key pair for a meeting: (public key n as decimal text, the private key sealed under both
    codes, as JSON text). The codes themselves are not kept anywhere."""
    codes = (chair_code, secretary_code)
    if any(len(code) < MIN_CODE_LENGTH for code in codes):
        raise ValueError("a tally code is too short")
    public, private = paillier.generate_paillier_keypair(n_length=key_bits())
    plain = json.dumps({"p": str(private.p), "q": str(private.q)}).encode()
    salt = secrets.token_bytes(16)
    key = _wrapping_key(salt, codes)
    body = bytes(a ^ b for a, b in zip(plain, _stream(key, salt, len(plain)), strict=True))
    tag = hmac.new(key, b"mac" + salt + body, hashlib.sha256).hexdigest()
    sealed = {"v": 2, "salt": salt.hex(), "body": body.hex(), "tag": tag}
    return str(public.n), json.dumps(sealed)


def open_key(public_n: str, sealed: str, chair_code: str, secretary_code: str) -> paillier.PaillierPrivateKey:
    """The private key, unsealed with both codes (format 1, a ballot's own key: the chair's code, if any)."""
    data = json.loads(sealed)
    if data.get("v", 1) == 1:
        codes: tuple[str, ...] = (chair_code if data.get("coded") else "",)
    else:
        codes = (chair_code, secretary_code)
    salt, body = bytes.fromhex(data["salt"]), bytes.fromhex(data["body"])
    key = _wrapping_key(salt, codes)
    tag = hmac.new(key, b"mac" + salt + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(tag, data["tag"]):
        raise WrongTallyCode
    plain = json.loads(bytes(a ^ b for a, b in zip(body, _stream(key, salt, len(body)), strict=True)))
    public = paillier.PaillierPublicKey(int(public_n))
    return paillier.PaillierPrivateKey(public, int(plain["p"]), int(plain["q"]))


def seal_vote(public_n: str, choice: str) -> str:
    """The ciphertext of one choice under the ballot's public key (decimal text)."""
    public = paillier.PaillierPublicKey(int(public_n))
    return str(public.raw_encrypt(ENCODING[choice]))


def encrypted_sum(public_n: str, ciphertexts) -> str:
    """The product of the ciphertexts mod n², i.e. the encryption of the sum; anyone can recompute it."""
    n = int(public_n)
    nsquare = n * n
    product = 1
    for c in ciphertexts:
        product = (product * int(c)) % nsquare
    return str(product)


def count(private: paillier.PaillierPrivateKey, ciphertexts) -> tuple[str, Counts]:
    """Decrypt the sum of one ballot's votes (and only the sum): (the encrypted sum, the counts)."""
    total = encrypted_sum(str(private.public_key.n), ciphertexts)
    value = private.raw_decrypt(int(total))
    counts = Counts(yes=value % BASE, no=(value // BASE) % BASE, abstain=value // (BASE * BASE))
    return total, counts
