"""Opaque identifiers in private URLs: `/proposals/Xb3k…/` rather than `/proposals/42/`.

A sequential id tells any business how many cases, files or rounds exist and lets it try its
neighbours' numbers. The `id` path converter (registered once, in mishima_kyoso/urls.py) shows
a row's integer key as a 22-character token: the key and 8 zero bytes, enciphered as one AES
block under a key derived from SECRET_KEY, in URL-safe base64 without padding. A token that
does not decipher to that form (typed, truncated, from another installation) is not a URL at
all: the converter raises ValueError and Django answers 404. Views still receive the integer,
and reverse() / {% url %} still take it, so no view changes.

Changing SECRET_KEY changes every private URL (links in old mails then answer 404); the
identifiers are not secrets either way: every page still checks who may see the row.
"""

import base64
import functools
import hashlib
import hmac
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

TOKEN_LENGTH = 22
CHECK = b"\0" * 8


@functools.lru_cache(maxsize=4)
def _cipher(secret: str) -> Cipher:
    key = hmac.new(secret.encode(), b"kyoso.opaque-ids.v1", hashlib.sha256).digest()[:16]
    # One block, never a stream: ECB is the block cipher itself (a pseudorandom permutation).
    return Cipher(algorithms.AES(key), modes.ECB())  # noqa: S305


def encode_id(value: int) -> str:
    """The token of a row's key (0 ≤ value < 2**64)."""
    value = int(value)
    if not 0 <= value < 2**64:
        raise ValueError(value)
    encryptor = _cipher(settings.SECRET_KEY).encryptor()
    block = encryptor.update(struct.pack(">Q", value) + CHECK) + encryptor.finalize()
    return base64.urlsafe_b64encode(block).rstrip(b"=").decode("ascii")


def decode_id(token: str) -> int:
    """The key of a token; ValueError for anything encode_id did not make."""
    if len(token) != TOKEN_LENGTH:
        raise ValueError(token)
    try:
        block = base64.urlsafe_b64decode(token + "==")
    except (ValueError, TypeError) as error:
        raise ValueError(token) from error
    if len(block) != 16 or encode_token_form(block) != token:
        raise ValueError(token)
    decryptor = _cipher(settings.SECRET_KEY).decryptor()
    plain = decryptor.update(block) + decryptor.finalize()
    if plain[8:] != CHECK:
        raise ValueError(token)
    return struct.unpack(">Q", plain[:8])[0]


def encode_token_form(block: bytes) -> str:
    """The one spelling of a block (base64 has others with the same bytes: refused)."""
    return base64.urlsafe_b64encode(block).rstrip(b"=").decode("ascii")


class OpaqueIdConverter:
    """`<id:pk>` in a URL pattern: an integer key in, a token out (see the module)."""

    regex = f"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}"

    def to_python(self, value: str) -> int:
        return decode_id(value)

    def to_url(self, value) -> str:
        return encode_id(value)


def encode_ids(values) -> list[str]:
    """encode_id of many keys with one cipher context (a list's links: one row each)."""
    values = [int(value) for value in values]
    if any(not 0 <= value < 2**64 for value in values):
        raise ValueError(values)
    encryptor = _cipher(settings.SECRET_KEY).encryptor()
    blocks = encryptor.update(b"".join(struct.pack(">Q", value) + CHECK for value in values))
    blocks += encryptor.finalize()
    return [encode_token_form(blocks[start : start + 16]) for start in range(0, len(blocks), 16)]
