"""Cooperation: who agreed what with whom, and how far it got (TAXONOMY.md, "Cooperation").

One row per article, partner set, stage and instrument, with the sentence that states the stage
as evidence (the first such sentence when several say the same). The cue words are data
(``data/reference/cooperation_cues.csv``: one row per cue, its ``kind`` and ``value``, its forms
in ``en``, ``ar`` and ``fa``; a form ending in ``*`` matches as the start of a word):

* ``stage`` cues name a stage ("signed", "وقعت", "امضا"), ``instrument`` cues an instrument
  ("memorandum of understanding", "مذكرة تفاهم", "کارگروه");
* ``future`` cues ("will", "سيتم", "خواهد") make a signing or a launch only ``agreed``, as does
  the Arabic future prefix (سيوقع, ستطلق);
* ``negation`` cues ("did not", "لم", "نشد") make a signing, a launch or an agreement
  ``stalled``;
* a proposal governs what follows it ("ready to sign", "أبدى استعداده لتوقيع": ``proposed``), and
  an agreement the signing or launch it plans ("agreed to sign": ``agreed``);
* ``anchor`` cues ("cooperation", "البلدين", "دو کشور") tell a sentence about cooperation from one
  that only uses a stage word: a sentence counts with an anchor, an instrument, a sector or a
  partner state named in it.

The partners are the states other than Iran the sentence names (countries, or the country of an
official named in it); a sentence that names none ("the two sides agreed") is about the state the
article names most after Iran. Cooperation between other states is no row: a sentence naming two
states or more and nothing Iranian is skipped, and so is an article that never names Iran (unless
it is Persian news, which is Iranian news). Sectors come from the sentence, else from the one
before or after it; officials (Iranian and partner) from the sentence, else from the article.

The work is per sentence, and only where a stage cue stands: the cues come from the one keyword
pass (:mod:`techdiplomacy.extract.keywords`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from techdiplomacy import reference, schema
from techdiplomacy.extract import keywords
from techdiplomacy.text.document import Document
from techdiplomacy.text.normalisation import normalise

STAGES = schema.COOPERATION_STAGES
INSTRUMENTS = schema.COOPERATION_INSTRUMENTS
#: When one sentence carries cues of several stages, the row takes the first of these.
PRECEDENCE = ("signed", "implemented", "stalled", "agreed", "proposed", "discussed")
_RANK = {stage: i for i, stage in enumerate(PRECEDENCE)}
#: Words between a governing cue and the cue it governs ("ready to sign", "agreed to launch").
GOVERN_WORDS = {"proposed": 6, "agreed": 4}
#: Words a future or negation cue may stand before (or, for Persian verbs, after) its cue.
BEFORE_WORDS = 4
AFTER_WORDS = 2
#: Arabic proclitics a cue may carry (the future س among them); ال forms are listed as cues.
PROCLITICS = frozenset(("و", "ف", "ب", "ل", "س", "وس", "فس", "وب", "ول", "فب", "فل", "لل", "ولل"))
_WORD = re.compile(r"\w+")
_JOIN = "|"


@cache
def cue_forms() -> dict[str, tuple[tuple[str, str, bool], ...]]:
    """Return {normalised form: ((kind, value, is_prefix), ...)} of every cue (built once)."""
    table = reference.load("cooperation_cues")
    out: dict[str, set] = {}
    for row in table.to_dict("records"):
        for language in ("en", "ar", "fa"):
            for form in reference.split_aliases(row[language]):
                prefix = form.endswith("*")
                norm = " ".join(normalise(form.rstrip("*")).split())
                if norm:
                    out.setdefault(norm, set()).add((row["kind"], row["value"], prefix))
    return {form: tuple(sorted(kinds)) for form, kinds in out.items()}


def patterns() -> dict[str, tuple]:
    """{form: (its length, its cues)} for the keyword pass."""
    return {form: (len(form), kinds) for form, kinds in cue_forms().items()}


def _cues(doc: Document) -> list[tuple[int, int, str, str, bool]]:
    """Return the cues of ``doc`` as (start, end, kind, value, future prefix) in ``norm``,
    in text order, each a whole word (or a word's start, for a prefix form)."""
    norm = doc.norm
    out = []
    for last, (length, kinds) in keywords.hits(doc, "cooperation", patterns):
        start, end = last + 1 - length, last + 1
        word_start = start
        while word_start > 0 and norm[word_start - 1].isalnum():
            word_start -= 1
        proclitic = norm[word_start:start]
        if proclitic and (proclitic not in PROCLITICS or norm[start].isascii()):
            continue
        whole = end >= len(norm) or not norm[end].isalnum()
        for kind, value, prefix in kinds:
            if whole or prefix:
                out.append((start, end, kind, value, proclitic.endswith("س") and kind == "stage"))
    out.sort()
    return out


def _words_between(norm: str, a: int, b: int) -> int:
    return len(_WORD.findall(norm, a, b)) if a < b else 0


def _stage_of(cue, cues, norm: str, persian: bool) -> str:
    """The stage one stage cue states, its governing, future and negation cues applied."""
    start, end, _, stage, future = cue
    governed = None
    for s, e, kind, value, _f in cues:
        if e > start:
            break
        if (kind == "stage" and value in GOVERN_WORDS and _RANK[stage] < _RANK[value]
                and _words_between(norm, e, start) <= GOVERN_WORDS[value]):
            governed = value if governed is None or _RANK[value] > _RANK[governed] else governed
    if governed:
        return governed
    if stage in ("signed", "implemented", "agreed"):
        for s, e, kind, _v, _f in cues:
            if kind != "negation":
                continue
            if e <= start and _words_between(norm, e, start) < BEFORE_WORDS - 1 or (
                    persian and s >= end and _words_between(norm, end, s) < AFTER_WORDS):
                return "stalled"
    if stage in ("signed", "implemented"):
        if future:
            return "agreed"
        for s, e, kind, _v, _f in cues:
            if kind != "future":
                continue
            if e <= start and _words_between(norm, e, start) < BEFORE_WORDS or (
                    s >= end and _words_between(norm, end, s) < AFTER_WORDS):
                return "agreed"
        if norm[max(0, start - 3):start] == "to ":  # "to sign", "to launch": not yet done
            return "agreed"
    return stage


def extract(doc: Document, mentions: Iterable[dict] | None = None, officials: Iterable[dict] | None = None) -> list[dict]:
    """Return one cooperation row per (partner set, stage, instrument) the article states.

    ``mentions`` and ``officials``: the document's rows when the caller has found them (the
    pipeline does); found here otherwise.
    """
    if not doc.norm.strip():
        return []
    cues = _cues(doc)
    if not any(c[2] == "stage" for c in cues):
        return []
    if mentions is None:
        from techdiplomacy.extract import places, sectors

        mentions = places.rows(doc) + sectors.rows(doc)
    if officials is None:
        from techdiplomacy.extract import officials as officials_extractor

        officials = officials_extractor.extract(doc, mentions)
    mentions, officials = list(mentions), list(officials)
    countries = [m for m in mentions if m.get("kind") == "country"]
    iran_named = any(m.get("country") == "IRN" for m in mentions) or any(o.get("country") == "IRN" for o in officials)
    if not iran_named and doc.language != "fa":
        return []
    main = _main_partner(countries)
    persian = doc.language == "fa"
    by_sentence: dict[int, list] = {}
    sentence_of: dict[int, object] = {}
    for cue in cues:
        start = doc.original(cue[0], cue[1])[0]
        sentence = doc.sentence_at(start)
        by_sentence.setdefault(sentence.start, []).append(cue)
        sentence_of[sentence.start] = sentence
    rows: dict[tuple, dict] = {}
    for key in sorted(by_sentence):
        sent_cues = by_sentence[key]
        stages = [(c, _stage_of(c, sent_cues, doc.norm, persian)) for c in sent_cues if c[2] == "stage"]
        if not stages:
            continue
        sentence = sentence_of[key]
        inside = [m for m in mentions if sentence.start <= m["start"] < sentence.end]
        people = [o for o in officials if sentence.start <= o["start"] < sentence.end]
        named = {m["key"] for m in inside if m.get("kind") == "country"} | {o["country"] for o in people if o.get("country")}
        iran_here = "IRN" in named or any(m.get("country") == "IRN" for m in inside)
        partners = sorted(named - {"IRN", ""})
        if len(partners) >= 2 and not iran_here:
            continue  # cooperation between other states
        anchored = any(c[2] in ("anchor", "instrument") for c in sent_cues) or any(
            m.get("kind") == "sector" for m in inside)
        if not partners:
            if not main or not anchored:
                continue
            partners = [main]
        cue, stage = min(stages, key=lambda cs: (_RANK[cs[1]], cs[0][0]))
        instrument = _instrument(cue, sent_cues)
        row_key = (tuple(partners), stage, instrument)
        sector_ids = _sectors(doc, sentence, inside, mentions)
        row = rows.get(row_key)
        if row is None:
            start, end = doc.original(cue[0], cue[1])
            row = rows[row_key] = {
                "article_id": doc.article_id,
                "partners": partners,
                "sectors": [],
                "stage": stage,
                "instrument": instrument,
                "iranian_officials": [],
                "partner_officials": [],
                "published": None,
                "surface": doc.text[start:end],
                "start": start,
                "end": end,
                "sentence": sentence.text,
            }
        row["sectors"] += [s for s in sector_ids if s not in row["sectors"]]
        _add_officials(row, people or officials, partners)
    out = []
    for row in rows.values():
        row.update({name: _JOIN.join(row[name]) for name in ("partners", "sectors", "iranian_officials", "partner_officials")})
        out.append(row)
    out.sort(key=lambda r: (r["start"], r["partners"], r["stage"], r["instrument"]))
    return out


def _main_partner(countries: list[dict]) -> str:
    """The state the article names most after Iran (the first named, on a tie), or ''."""
    counts = Counter(m["key"] for m in countries if m["key"] != "IRN")
    if not counts:
        return ""
    first = {}
    for m in countries:
        first.setdefault(m["key"], m["start"])
    return min(counts, key=lambda k: (-counts[k], first[k]))


def _instrument(cue, cues) -> str:
    """The instrument nearest the stage cue in its sentence, or 'none'."""
    found = [(abs(c[0] - cue[0]), c[3]) for c in cues if c[2] == "instrument"]
    return min(found)[1] if found else "none"


def _sectors(doc: Document, sentence, inside: list[dict], mentions: list[dict]) -> list[str]:
    """The sector ids of the sentence, else of the sentence before or after it."""
    found = [m["key"] for m in inside if m.get("kind") == "sector"]
    if found:
        return list(dict.fromkeys(found))
    around = []
    if sentence.start > 0:
        around.append(doc.sentence_at(max(0, sentence.start - 2)))
    if sentence.end < len(doc.text):
        nxt = sentence.end
        while nxt < len(doc.text) - 1 and doc.text[nxt].isspace():
            nxt += 1
        around.append(doc.sentence_at(nxt))
    for near in around:
        if near.start == sentence.start:
            continue
        found += [m["key"] for m in mentions if m.get("kind") == "sector" and near.start <= m["start"] < near.end]
    return list(dict.fromkeys(found))


def _add_officials(row: dict, people: list[dict], partners: list[str]) -> None:
    """Add the names of the Iranian and the partner officials among ``people`` to ``row``."""
    for person in people:
        country, name = person.get("country"), person.get("name")
        if not name:
            continue
        column = "iranian_officials" if country == "IRN" else "partner_officials" if country in partners else None
        if column and name not in row[column]:
            row[column].append(name)
