"""What the API answers: the public fields of the open-data files, typed for the OpenAPI
document. No schema has a field the public pages do not show (DESIGN §5)."""

import datetime

from ninja import Field, Schema


class Error(Schema):
    detail: str = Field(description="What went wrong, in the reader's language.")


class RateLimited(Error):
    retry_after: int = Field(description="Seconds to wait before the next request.")


class PageBase(Schema):
    count: int = Field(description="Rows matching the filters, on every page.")
    next: str | None = Field(description="The next page's address; null on the last page.")
    previous: str | None = Field(description="The previous page's address; null on the first.")
    limit: int
    offset: int


# Themes (共創リスト) --------------------------------------------------------------------------


class Theme(Schema):
    """A published or closed theme: the fields of /themes.json (cocreation_list/opendata.py)."""

    number: int
    title: str
    status: str = Field(description="published or closed.")
    call_state: str = Field(description="accepting, upcoming or closed, today.")
    fields: list[str] = Field(description="Administrative fields (行政分野).")
    department: str = Field(description="The department in charge (担当課).")
    is_year_round: bool
    accepts_from: datetime.date | None
    accepts_until: datetime.date | None
    published_at: datetime.datetime
    background: str
    wanted: str
    business_role: str
    city_offer: str
    conditions: str
    contact: str
    url: str = Field(description="The theme's public page.")


class ThemeIndicator(Schema):
    name: str
    unit: str
    baseline: str
    target: str = Field(description="The target value.")
    target_on: datetime.date | None = Field(description="When the target is to be reached.")


class ThemeGoal(Schema):
    viewpoint: str = Field(description="citizens, financial, growth or region (共創指針 原則2).")
    viewpoint_label: str = Field(description="The viewpoint, in the reader's language.")
    description: str
    indicators: list[ThemeIndicator]


class ThemeDetail(Theme):
    goals: list[ThemeGoal] = Field(
        description="The goals the city sets on the four viewpoints; a proposal starts from them."
    )


class ThemePage(PageBase):
    results: list[Theme]


# Open calls (公募) ----------------------------------------------------------------------------


class Criterion(Schema):
    group: str
    group_label: str
    name: str
    description: str
    max_points: int
    weight: float


class OpenCall(Schema):
    """A published open call: what the office wrote on it, never the proposal behind it."""

    number: int
    title: str
    summary: str = Field(description="What the city wants done.")
    conditions: str = Field(description="Conditions of participation.")
    starts_on: datetime.date
    ends_on: datetime.date
    state: str = Field(description="accepting, upcoming or closed, today.")
    days_left: int | None = Field(description="Days left to apply while accepting; else null.")
    contact: str
    published_at: datetime.datetime | None
    url: str = Field(description="The call's public page.")


class OpenCallDetail(OpenCall):
    criteria: list[Criterion] = Field(description="The criteria applications are scored on.")
    pass_mark: float | None
    proposer_bonus: float | None = Field(description="Points for the original proposer.")


class OpenCallPage(PageBase):
    results: list[OpenCall]


# Published decisions (公表された判断) -------------------------------------------------------


class Candidate(Schema):
    label: str = Field(description="A, B, C… in the order of the ranking.")
    name: str = Field(description="Empty unless the city published the candidates' names.")
    total: str
    rank: int | None
    passed: bool | None
    selected: bool


class Decision(Schema):
    """A published decision: the fields of /results.json (outcomes/opendata.py)."""

    id: int
    fiscal_year: int
    title: str
    decision: str
    decision_label: str
    decided_on: datetime.date
    public_reason: str
    ppp_method: str
    ppp_method_label: str
    opportunity: str
    opportunity_label: str
    proposer_name: str = Field(description="Empty unless the proposer's name was disclosed.")
    outline: str = Field(description="Empty unless the proposer's name was disclosed.")
    selected_party: str
    candidates: list[Candidate]
    published_at: datetime.datetime
    url: str = Field(description="The decision's public page.")


class DecisionPage(PageBase):
    results: list[Decision]


# Statistics (実施状況) ------------------------------------------------------------------------


class Count(Schema):
    code: str
    label: str
    value: int


class Median(Schema):
    code: str
    label: str
    days: float | None = Field(description="Median calendar days from receipt; null: none.")
    count: int = Field(description="How many steps the median is computed from.")


class Statistics(Schema):
    """The counts of one fiscal year (April–March), as on /statistics/."""

    year: int
    reiwa: int
    label: str
    years: list[int] = Field(description="The fiscal years with statistics, newest first.")
    received_total: int
    by_intent: list[Count]
    by_kind: list[Count]
    by_field: list[Count]
    decisions: list[Count]
    adopted: int
    not_adopted: int
    adoption_rate: float | None = Field(description="Percent adopted of adopted + not adopted.")
    medians: list[Median]
