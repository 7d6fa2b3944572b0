"""Sealed votes: each vote a Paillier ciphertext, counted by homomorphic addition, never opened one by one.

A choice is encoded as one number: yes = 1, no = B, abstain = B² (B = 2²⁰, far above any council's size),
so the sum of all the ballots decrypts to `yes + no·B + abstain·B²` and the three counts come out of one
decryption. Encryption is randomised: the same choice never gives the same ciphertext, and a ciphertext
says nothing about its voter.

The ballot's private key (p, q) is stored only sealed: a stream cipher (SHAKE-256 keystream, HMAC-SHA-256
tag) under a key derived with PBKDF2 from the server's `SECRET_KEY` (which is not in the database) and the
tally code the chair may set when opening the ballot. `tally` is the only function that unseals it, and it
decrypts one ciphertext: the product of all the ballots. After the tally the sealed key is erased.
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


def _wrapping_key(salt: bytes, code: str) -> bytes:
    secret = f"tdkt-ballot\x00{settings.SECRET_KEY}\x00{code or ''}".encode()
    return hashlib.pbkdf2_hmac("sha256", secret, salt, PBKDF2_ROUNDS)


def _stream(key: bytes, salt: bytes, length: int) -> bytes:
    return hashlib.shake_256(b"enc" + key + salt).digest(length)


def new_key(code: str = "") -> tuple[str, str]:
    """A fresh key pair: (public key n as decimal text, the sealed private key as JSON text)."""
    public, private = paillier.generate_paillier_keypair(n_length=key_bits())
    plain = json.dumps({"p": str(private.p), "q": str(private.q)}).encode()
    salt = secrets.token_bytes(16)
    key = _wrapping_key(salt, code)
    body = bytes(a ^ b for a, b in zip(plain, _stream(key, salt, len(plain)), strict=True))
    tag = hmac.new(key, b"mac" + salt + body, hashlib.sha256).hexdigest()
    sealed = {"v": 1, "salt": salt.hex(), "body": body.hex(), "tag": tag, "coded": bool(code)}
    return str(public.n), json.dumps(sealed)


def has_code(sealed: str) -> bool:
    return bool(sealed) and bool(json.loads(sealed).get("coded"))


def _unseal(public_n: str, sealed: str, code: str) -> paillier.PaillierPrivateKey:
    data = json.loads(sealed)
    salt, body = bytes.fromhex(data["salt"]), bytes.fromhex(data["body"])
    key = _wrapping_key(salt, code)
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


def tally(public_n: str, sealed: str, code: str, ciphertexts) -> tuple[str, Counts]:
    """Decrypt the sum of the ballots (and only the sum): (the encrypted sum, the counts)."""
    total = encrypted_sum(public_n, ciphertexts)
    private = _unseal(public_n, sealed, code)
    value = private.raw_decrypt(int(total))
    counts = Counts(yes=value % BASE, no=(value // BASE) % BASE, abstain=value // (BASE * BASE))
    return total, counts
