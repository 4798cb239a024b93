"""Validation and normalisation of Japanese organisation data (法人番号, 郵便番号, カナ, 電話).

Forms normalise first (``normalize_*``: NFKC turns full-width digits and letters into
half-width ones and half-width kana into full-width ones), then the model validates the
normalised value, so '５８３５-６７８２-５６２４６' is stored as '5835678256246'.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.jp import cn as corporate_number

_DASHES = "-‐‑‒–—―−ー－"
_KANA = re.compile(r"^[\u30A0-\u30FF\u3000 ・ー]+$")
_PHONE = re.compile(r"^0\d{1,4}-?\d{1,4}-?\d{3,4}$")
# Bidirectional overrides and isolates: they make text display in another order than it
# is stored (a classic way to disguise a name), and no Japanese name needs them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def nfkc(value: str) -> str:
    """Full-width digits and letters become half-width; half-width kana become full-width."""
    return unicodedata.normalize("NFKC", value or "").strip()


def normalize_text(value: str) -> str:
    """A one-line text (a name, an address): NFKC, runs of spaces made one, ends trimmed.

    Ideographs stay as typed (髙, 﨑, 國 are not compatibility characters), emoji too.
    """
    return re.sub(r"[^\S\r\n\t\v\f]+", " ", nfkc(value))


def validate_plain_text(value: str) -> None:
    """Refuse control characters (tab, line feed, bell…) and bidirectional overrides."""
    for char in value or "":
        if unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
            raise ValidationError(
                _(
                    "This field contains an invisible control character (such as a tab or a "
                    "line break). Type the text again without it."
                ),
                code="control_characters",
            )


def _digits(value: str) -> str:
    text = nfkc(value)
    for dash in _DASHES:
        text = text.replace(dash, "")
    return re.sub(r"\s+", "", text)


def normalize_corporate_number(value: str) -> str:
    return _digits(value)


def validate_corporate_number(value: str) -> None:
    """法人番号: 13 digits whose first digit is the check digit (National Tax Agency)."""
    digits = normalize_corporate_number(value)
    if not digits.isdigit() or len(digits) != 13:
        raise ValidationError(
            _("Enter the corporate number as 13 digits."), code="corporate_number_length"
        )
    if not corporate_number.is_valid(digits):
        raise ValidationError(
            _("The check digit of the corporate number does not match. Check the 13 digits."),
            code="corporate_number_check_digit",
        )


def normalize_postal_code(value: str) -> str:
    """'４１１８６６６', '〒411-8666' and '411 8666' all become '411-8666'."""
    digits = _digits(value).removeprefix("〒")
    if digits.isdigit() and len(digits) == 7:
        return f"{digits[:3]}-{digits[3:]}"
    return nfkc(value)


def validate_postal_code(value: str) -> None:
    if not re.fullmatch(r"\d{3}-\d{4}", normalize_postal_code(value)):
        raise ValidationError(
            _("Enter the postal code as 7 digits, for example 411-8666."), code="postal_code"
        )


def hiragana_to_katakana(text: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in text)


def normalize_kana(value: str) -> str:
    return normalize_text(hiragana_to_katakana(nfkc(value)))


def validate_kana(value: str) -> None:
    if not _KANA.fullmatch(normalize_kana(value)):
        raise ValidationError(
            _("Enter the reading in katakana (hiragana is converted for you)."), code="kana"
        )


def normalize_phone(value: str) -> str:
    text = nfkc(value)
    for dash in _DASHES:
        text = text.replace(dash, "-")
    return re.sub(r"[\s()]", "", text)


def validate_phone(value: str) -> None:
    phone = normalize_phone(value)
    if not _PHONE.fullmatch(phone) or not 10 <= len(phone.replace("-", "")) <= 11:
        raise ValidationError(
            _("Enter a Japanese phone number of 10 or 11 digits, for example 055-983-2616."),
            code="phone",
        )


def normalize_email(value: str) -> str:
    """'ｉｎｆｏ＠Ｅｘａｍｐｌｅ．ｊｐ' becomes 'info@example.jp' (the domain in lower case)."""
    text = re.sub(r"\s+", "", nfkc(value))
    local, at, domain = text.rpartition("@")
    return f"{local}{at}{domain.lower()}" if at else text
