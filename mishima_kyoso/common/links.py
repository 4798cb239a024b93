"""The links of a list's rows, reversed once for the whole list.

`{% url 'proposals:staff_case' case.pk %}` in a loop resolves the pattern and enciphers the
opaque id (mishima_kyoso.common.ids) anew for every row. `id_urls` reverses the view once
with a placeholder key and fills in each row's token, enciphered together.
"""

from django.urls import reverse

from .ids import encode_id, encode_ids

_PLACEHOLDER = 0


def id_urls(viewname: str, pks) -> list[str]:
    """reverse(viewname, args=[pk]) for each pk of a view with one `<id:pk>` argument."""
    pks = list(pks)
    if not pks:
        return []
    placeholder = encode_id(_PLACEHOLDER)
    before, found, after = reverse(viewname, args=[_PLACEHOLDER]).partition(placeholder)
    if not found or placeholder in after:  # not an opaque-id URL: reverse each
        return [reverse(viewname, args=[pk]) for pk in pks]
    return [f"{before}{token}{after}" for token in encode_ids(pks)]
