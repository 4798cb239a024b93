"""Validation and normalisation of Japanese organisation data (法人番号, 郵便番号, カナ, 電話)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.jp import cn as corporate_number

_DASHES = "-‐‑‒–—―−ー－"
_KANA = re.compile(r"^[\u30A0-\u30FF\u3000 ・ー]+$")
_PHONE = re.compile(r"^0\d{1,4}-?\d{1,4}-?\d{3,4}$")


def nfkc(value: str) -> str:
    """Full-width digits and letters become half-width; half-width kana become full-width."""
    return unicodedata.normalize("NFKC", value or "").strip()


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
    digits = _digits(value)
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
    return hiragana_to_katakana(nfkc(value))


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
