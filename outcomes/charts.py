"""Accessible bar charts drawn on the server as inline SVG (no JavaScript, no inline style).

Each chart is an image with a title and a description (role="img", aria-labelledby) and shows
each value as text beside its bar, so nothing is said by colour alone; the page puts the data
table next to it.
"""

from dataclasses import dataclass

LABEL_WIDTH = 200
BAR_WIDTH = 280
VALUE_WIDTH = 80
ROW_HEIGHT = 32
BAR_HEIGHT = 20
PADDING = 8


@dataclass
class Bar:
    label: str
    value_text: str
    y: int
    text_y: int
    width: int
    value_x: int


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    bar_x: int


def bar_chart(*, id, title, description, rows, value_format="{}") -> BarChart:
    """A horizontal bar chart of (label, value) rows; None counts as no bar and shows "—"."""
    values = [value for _label, value in rows if value is not None]
    top = max(values) if values else 0
    bars = []
    for index, (label, value) in enumerate(rows):
        y = PADDING + index * ROW_HEIGHT
        width = round(BAR_WIDTH * value / top) if top and value else 0
        bar_x = LABEL_WIDTH + PADDING
        bars.append(
            Bar(
                label=str(label),
                value_text="—" if value is None else value_format.format(value),
                y=y + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                text_y=y + ROW_HEIGHT // 2 + 5,
                width=width,
                value_x=bar_x + width + 6,
            )
        )
    return BarChart(
        id=id,
        title=str(title),
        description=str(description),
        bars=bars,
        width=LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH + 2 * PADDING,
        height=2 * PADDING + ROW_HEIGHT * max(len(rows), 1),
        label_width=LABEL_WIDTH,
        bar_x=LABEL_WIDTH + PADDING,
    )
