"""An article as safe HTML with its extracted spans highlighted in place.

Article text is untrusted: every character of it is escaped; only the wrapping tags are ours.
"""

from __future__ import annotations

import pandas as pd

from techdiplomacy.escape import html as escaped

#: Highlight colours by kind (colour-blind-safe Okabe-Ito tints).
KIND_COLOURS = {
    "country": "#cfe8f7",
    "place": "#d9f0e3",
    "sector": "#fbe3c4",
    "organisation": "#eadcf0",
    "official": "#f9d5d3",
    "figure": "#fff3b0",
}


def spans_of(article_id: str, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return one row per highlighted span of an article: start, end, kind, label."""
    parts = []
    mentions = tables["mentions"]
    rows = mentions[mentions["article_id"] == article_id]
    if not rows.empty:
        parts.append(pd.DataFrame({"start": rows["start"], "end": rows["end"], "kind": rows["kind"], "label": rows["label"].fillna(rows["key"])}))
    officials = tables["officials"]
    rows = officials[officials["article_id"] == article_id]
    if not rows.empty:
        label = rows["name"].fillna("") + " — " + rows["role"].fillna("") + " (" + rows["country"].fillna("?") + ")"
        parts.append(pd.DataFrame({"start": rows["start"], "end": rows["end"], "kind": "official", "label": label}))
    figures = tables["figures"]
    rows = figures[figures["article_id"] == article_id]
    if not rows.empty:
        label = rows["value"].astype("string").fillna("") + " " + rows["unit"].fillna("") + ": " + rows["measure"].fillna("")
        parts.append(pd.DataFrame({"start": rows["start"], "end": rows["end"], "kind": "figure", "label": label}))
    if not parts:
        return pd.DataFrame(columns=["start", "end", "kind", "label"])
    spans = pd.concat(parts, ignore_index=True)
    spans["start"] = spans["start"].astype(int)
    spans["end"] = spans["end"].astype(int)
    return spans.sort_values(["start", "end"], ascending=[True, False]).reset_index(drop=True)


def highlight_html(text: str, spans: pd.DataFrame, *, rtl: bool) -> str:
    """Return ``text`` as escaped HTML paragraphs with non-overlapping spans marked.

    Where spans overlap, the earlier (and then longer) one wins. ``rtl`` sets ``dir="rtl"``.
    """
    pieces: list[str] = []
    pos = 0
    for row in spans.itertuples(index=False):
        start, end = int(row.start), int(row.end)
        if start < pos or end <= start or end > len(text):
            continue
        pieces.append(escaped(text[pos:start]))
        colour = KIND_COLOURS.get(row.kind, "#eeeeee")
        title = escaped(f"{row.kind}: {row.label}")
        pieces.append(
            f'<mark style="background:{colour};padding:0 2px;border-radius:3px" title="{title}" '
            f'data-kind="{escaped(row.kind)}">{escaped(text[start:end])}</mark>'
        )
        pos = end
    pieces.append(escaped(text[pos:]))
    body = "".join(pieces)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    direction = "rtl" if rtl else "ltr"
    align = "right" if rtl else "left"
    return f'<div dir="{direction}" style="text-align:{align};line-height:1.9;font-size:1.05rem">{paragraphs}</div>'
