"""The pages' own filter classes, fed with the API's validated query parameters."""

from django.http import QueryDict


def as_query(values: dict) -> QueryDict:
    """The parameters given, as the query string a page would have received."""
    query = QueryDict(mutable=True)
    for name, value in values.items():
        if value not in (None, ""):
            query[name] = str(value)
    return query
