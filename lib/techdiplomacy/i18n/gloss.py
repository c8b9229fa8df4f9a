"""One plain sentence per cooperation, official or figure row in the reader's language, from
its structured fields.

"Iran and Armenia discussed cooperation on data centres and cybersecurity — ستار هاشمي,
غريغور هاكوبيان, 2024-05-12": the states and sectors by their reference names in ``en``, ``ar``
or ``fa``, the stage and instrument in words, the officials' names as written (the reference
data knows few people in every script), the date ISO. Shown beside the original evidence, it
lets a reader follow Arabic and Persian evidence without a translation model. An official's
gloss names the person as the reference data does in the reader's language when it knows them
("Sattar Hashemi: minister, Iran (Ministry of …)"); a figure's says its amount in words, its
unit, the measure as written, and the state and sector it concerns.

Whatever is inserted as written (names, the measure) and the date sit in first-strong
isolates (U+2068 … U+2069): the bidi algorithm reads the digits of "2024-05-12" after an
Arabic name as Arabic numbers and shows "12-05-2024" otherwise, in an English sentence too.
:func:`with_glosses` adds a ``gloss`` column to officials or figures rows for a table.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from babel.numbers import get_currency_name

from techdiplomacy import reference
from techdiplomacy.i18n import labels
from techdiplomacy.i18n.display import unit_name

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


def _isolated(text: str) -> str:
    """``text`` in a first-strong isolate: its own direction, never reordering its neighbours."""
    return f"{labels.FSI}{text}{labels.PDI}"


def _written(value) -> str:
    """A field as written, or "" when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())


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
        text += " — " + COMMA[lang].join(_isolated(item) for item in tail)
    return text


def _reference_name(table: str, key, lang: str) -> str:
    """The reference data's name of ``key`` in ``lang`` ("" when it does not know it)."""
    key = _written(key)
    if not key:
        return ""
    try:
        return reference.labels(table, lang).get(key, "")
    except (FileNotFoundError, KeyError):
        return ""


def official_gloss(row: Mapping, lang: str = "en") -> str:
    """Return one sentence in ``lang`` saying who an officials row names: the person (by the
    reference name in ``lang`` when it knows them, else as written), role, state and
    organisation. "Sattar Hashemi: minister, Iran (Ministry of Information and Communications
    Technology)"."""
    lang = lang if lang in STAGE_WORDS else "en"
    who = _reference_name("officials", row.get("official_id"), lang) or _written(row.get("name")) or labels.message("unknown", lang)
    parts = []
    if _written(row.get("role")):
        parts.append(_in_running_text(labels.name("role", row["role"], lang)))
    if _written(row.get("country")):
        parts.append(labels.name("country", row["country"], lang))
    text = _isolated(who) + (": " + COMMA[lang].join(parts) if parts else "")
    organisation = _reference_name("organisations", row.get("organisation"), lang) or _written(row.get("organisation"))
    if organisation:
        text += f" ({_isolated(organisation)})"
    return text


#: Scale words of an amount, largest first.
SCALES = (
    (1e12, {"en": "trillion", "ar": "تريليون", "fa": "تریلیون"}),
    (1e9, {"en": "billion", "ar": "مليار", "fa": "میلیارد"}),
    (1e6, {"en": "million", "ar": "مليون", "fa": "میلیون"}),
)
CONCERNS = {"en": "concerning", "ar": "يخص", "fa": "مربوط به"}


def _number(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def amount(value, unit, lang: str = "en") -> str:
    """Return a figure's amount as a reader says it: "11 billion US dollars", "25%", "3"."""
    if value is None or pd.isna(value):
        return labels.message("unknown", lang)
    value = float(value)
    number = _number(value)
    for scale, words in SCALES:
        if abs(value) >= scale:
            number = f"{_number(value / scale)} {words.get(lang, words['en'])}"
            break
    unit = _written(unit)
    if unit == "percent":
        return f"{number}%"
    if not unit or unit in ("count", "other"):
        return number
    if len(unit) == 3 and unit.isupper():  # a currency: CLDR's name, plural where the language has one
        try:
            return f"{number} {get_currency_name(unit, count=value, locale=lang)}"
        except (ValueError, LookupError):
            pass
    return f"{number} {unit_name(unit, lang)}"


def figure_gloss(row: Mapping, lang: str = "en") -> str:
    """Return one sentence in ``lang`` saying what a figures row measures: its amount in words
    with its unit, the measure as written, the state and sector it concerns. "11 billion US
    dollars: حجم التبادل التجاري — concerning Iraq, telecommunications infrastructure"."""
    lang = lang if lang in STAGE_WORDS else "en"
    text = _isolated(amount(row.get("value"), row.get("unit"), lang))
    measure = _written(row.get("measure"))
    if measure:
        text += ": " + _isolated(measure)
    about = []
    if _written(row.get("country")):
        about.append(labels.name("country", row["country"], lang))
    if _written(row.get("sector")):
        about.append(_in_running_text(labels.name("sector", row["sector"], lang)))
    if about:
        text += f" — {CONCERNS[lang]} " + COMMA[lang].join(about)
    return text


def with_glosses(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Return ``frame`` with a ``gloss`` column before its ``sentence`` (or last) when it holds
    officials rows (``name``, ``title``, ``role``) or figures rows (``value``, ``unit``);
    otherwise ``frame`` itself."""
    columns = set(frame.columns)
    if "gloss" in columns or frame.empty:
        return frame
    if {"value", "unit"} <= columns:
        make = figure_gloss
    elif {"name", "title", "role"} <= columns:
        make = official_gloss
    else:
        return frame
    out = frame.copy()
    glosses = [make(row, lang) for row in frame.to_dict("records")]
    position = list(frame.columns).index("sentence") if "sentence" in columns else len(frame.columns)
    out.insert(position, "gloss", glosses)
    return out
