"""One plain sentence per cooperation row in the reader's language, from its structured fields.

"Iran and Armenia discussed cooperation on data centres and cybersecurity — ستار هاشمي,
غريغور هاكوبيان, 2024-05-12": the states and sectors by their reference names in ``en``, ``ar``
or ``fa``, the stage and instrument in words, the officials' names as written (the reference
data knows few people in every script), the date ISO. Shown beside the original evidence, it
lets a reader follow Arabic and Persian evidence without a translation model.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from techdiplomacy.i18n import labels

#: The stage as words, ``{what}`` the instrument: a verb in English, a noun phrase after the
#: parties in Arabic and Persian (no verb agreement to get wrong with one, two or five states).
STAGE_WORDS = {
    "en": {"discussed": "discussed {what}", "proposed": "proposed {what}", "agreed": "agreed on {what}",
           "signed": "signed {what}", "implemented": "put {what} into effect", "stalled": "saw {what} stall"},
    "ar": {"discussed": "بحث {what}", "proposed": "اقتراح {what}", "agreed": "الاتفاق على {what}",
           "signed": "توقيع {what}", "implemented": "تنفيذ {what}", "stalled": "تعثر {what}"},
    "fa": {"discussed": "گفت‌وگو درباره {what}", "proposed": "پیشنهاد {what}", "agreed": "توافق بر سر {what}",
           "signed": "امضای {what}", "implemented": "اجرای {what}", "stalled": "توقف {what}"},
}
INSTRUMENT_WORDS = {
    "en": {"none": "cooperation", "mou": "a memorandum of understanding", "agreement": "an agreement",
           "contract": "a contract", "joint_committee": "a joint committee"},
    "ar": {"none": "التعاون", "mou": "مذكرة تفاهم", "agreement": "اتفاقية", "contract": "عقد",
           "joint_committee": "لجنة مشتركة"},
    "fa": {"none": "همکاری", "mou": "تفاهم‌نامه", "agreement": "موافقت‌نامه", "contract": "قرارداد",
           "joint_committee": "کمیسیون مشترک"},
}
SECTORS_OPEN = {"en": " on ", "ar": " في مجال ", "fa": " در حوزه "}
AND = {"en": " and ", "ar": " و", "fa": " و "}
COMMA = {"en": ", ", "ar": "، ", "fa": "، "}


def _ids(value) -> list[str]:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return [v for v in str(value).split("|") if v]


def _listed(items: list[str], lang: str) -> str:
    """"A, B and C" in ``lang``."""
    if len(items) <= 1:
        return "".join(items)
    return COMMA[lang].join(items[:-1]) + AND[lang] + items[-1]


def _in_running_text(label: str) -> str:
    """A label as a sentence writes it: "Data centres" -> "data centres", "ICT parks" as is."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def cooperation_gloss(row: Mapping, lang: str = "en") -> str:
    """Return one sentence in ``lang`` (en, ar, fa; else English) saying what ``row`` (a
    cooperation row: partners, stage, instrument, sectors, officials, published) states."""
    lang = lang if lang in STAGE_WORDS else "en"
    parties = _listed([labels.name("country", "IRN", lang)] + [labels.name("country", p, lang) for p in _ids(row.get("partners"))], lang)
    what = INSTRUMENT_WORDS[lang].get(row.get("instrument") or "none", INSTRUMENT_WORDS[lang]["none"])
    stage = STAGE_WORDS[lang].get(row.get("stage") or "", "{what}").format(what=what)
    text = f"{parties} {stage}" if lang == "en" else f"{parties}: {stage}"
    sectors = [_in_running_text(labels.name("sector", s, lang)) for s in _ids(row.get("sectors"))]
    if sectors:
        text += SECTORS_OPEN[lang] + _listed(sectors, lang)
    tail = _ids(row.get("iranian_officials")) + _ids(row.get("partner_officials"))
    published = row.get("published")
    if published is not None and not pd.isna(published):
        tail.append(pd.Timestamp(published).date().isoformat())
    if tail:
        text += " — " + COMMA[lang].join(tail)
    return text
