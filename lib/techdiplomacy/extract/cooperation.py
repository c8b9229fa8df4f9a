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
  ``stalled``; ``modal`` cues ("can be implemented", "يمكن توقيع", "باید") make it ``proposed``;
* ``off_topic`` cues (the nuclear deal, sanctions, missiles) leave a sentence out unless it
  names a sector itself;
* a signing as the means to an end ("by signing an agreement, we can expand") states no
  signing when the sentence has another stage cue;
* a proposal governs what follows it ("ready to sign", "أبدى استعداده لتوقيع": ``proposed``), and
  an agreement the signing or launch it plans ("agreed to sign": ``agreed``);
* ``anchor`` cues ("cooperation", "البلدين", "دو کشور") tell a sentence about cooperation from one
  that only uses a stage word: a sentence counts with an anchor, an instrument, a sector or a
  partner state named in it.

The partners are the states other than Iran the sentence names (countries, or the country of an
official named in it; not a venue's state, "في جنيف السويسرية", nor the platform something was
said on, "على تويتر"); a sentence that names none ("the two sides agreed") is about the state the
article names most after Iran. Cooperation between other states is no row: a sentence naming two
states or more and nothing Iranian is skipped, and so is an article that never names Iran (unless
it is Persian news, which is Iranian news) or no field of technology (a sector of
``sectors.csv``: the nuclear deal, an election). Sectors come from the sentence, else from the one
before or after it; officials (Iranian and partner) from the sentence, else from the article.

The work is per sentence, and only where a stage cue stands: the cues come from the one keyword
pass (:mod:`techdiplomacy.extract.keywords`).
"""

from __future__ import annotations

import bisect
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
#: When one sentence carries cues of several stages, the row takes the first of these (a
#: signing "postponed" or "suspended" is stalled).
PRECEDENCE = ("stalled", "signed", "implemented", "agreed", "proposed", "discussed")
_RANK = {stage: i for i, stage in enumerate(PRECEDENCE)}
#: Words between a governing cue and the cue it governs ("ready to sign", "agreed to launch").
GOVERN_WORDS = {"proposed": 6, "agreed": 4}
#: In Persian the governing verb ends the clause: "برای امضای تفاهم‌نامه ... اعلام آمادگی کردند".
PERSIAN_GOVERN_WORDS = 10
#: Words a future or negation cue may stand before (or, for Persian verbs, after) its cue.
BEFORE_WORDS = 4
#: A Persian future ("قرار است ...") opens the clause whose verb ends it.
PERSIAN_BEFORE_WORDS = 12
AFTER_WORDS = 2
#: Arabic proclitics a cue may carry (the future س among them); ال forms are listed as cues.
PROCLITICS = frozenset(("و", "ف", "ب", "ل", "س", "وس", "فس", "وب", "ول", "فب", "فل", "لل", "ولل"))
#: Object pronouns an Arabic cue may end in ("تم توقيعها", "لقائهما").
SUFFIXES = frozenset(("ه", "ها", "هما", "هم"))
#: Words before a place that make it where something happens, not a party ("met in Tokyo").
LOCATIVES = frozenset(normalise(w) for w in (
    "in", "at", "to", "from", "into", "near", "في", "الى", "إلى", "من", "عبر", "در", "به", "از", "تا"))
_WORD = re.compile(r"\w+")
#: Words before a signing that make it a means ("by signing", "through the signing of").
_MEANS = re.compile(r"(?:\bby|\bthrough(?: the)?|\bvia(?: the)?|من خلال|عبر) $")
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
    """{form: (its length, its stage cues)} of every stage form, for the keyword pass (the other
    cues are looked for only in the sentences a stage form stands in: :func:`_context_pattern`)."""
    out = {}
    for form, kinds in cue_forms().items():
        stages = tuple(k for k in kinds if k[0] == "stage")
        if stages:
            out[form] = (len(form), stages)
    return out


@cache
def _context_pattern() -> tuple[re.Pattern, dict[str, tuple]]:
    """One regex of every form of the other kinds (instrument, future, negation, anchor),
    longest first, and {form: its cues}."""
    kinds = {form: tuple(k for k in cues if k[0] != "stage") for form, cues in cue_forms().items()}
    kinds = {form: cues for form, cues in kinds.items() if cues}
    alternatives = "|".join(re.escape(form) for form in sorted(kinds, key=len, reverse=True))
    return re.compile(alternatives), kinds


def _cue(norm: str, start: int, end: int, kinds, out: list) -> None:
    """Append the cues of the form at norm[start:end] to ``out`` when it stands as a word (or
    a word's start, for a prefix form), with an Arabic proclitic or object pronoun at most."""
    word_start = start
    while word_start > 0 and norm[word_start - 1].isalnum():
        word_start -= 1
    proclitic = norm[word_start:start]
    if proclitic and (proclitic not in PROCLITICS or norm[start].isascii()):
        return
    whole = end >= len(norm) or not norm[end].isalnum() or not norm[start].isascii() and _suffixed(norm, end)
    for kind, value, prefix in kinds:
        if whole or prefix:
            out.append((start, end, kind, value, proclitic.endswith("س") and kind == "stage"))


def _stage_cues(doc: Document) -> list[tuple[int, int, str, str, bool]]:
    """Return the stage cues of ``doc`` as (start, end, kind, value, future prefix) in
    ``norm``, in text order."""
    out: list = []
    for last, (length, kinds) in keywords.hits(doc, "cooperation", patterns):
        _cue(doc.norm, last + 1 - length, last + 1, kinds, out)
    out.sort()
    return out


def _context_cues(norm: str, start: int, end: int) -> list[tuple[int, int, str, str, bool]]:
    """Return the instrument, future, negation and anchor cues of norm[start:end]."""
    pattern, kinds = _context_pattern()
    out: list = []
    for match in pattern.finditer(norm, start, end):
        _cue(norm, match.start(), match.end(), kinds[match.group()], out)
    return out


def _suffixed(norm: str, end: int) -> bool:
    """Whether the word goes on after ``end`` by an Arabic object pronoun only (توقيعها)."""
    rest = end
    while rest < len(norm) and norm[rest].isalnum():
        rest += 1
    return norm[end:rest] in SUFFIXES


def _words_between(norm: str, a: int, b: int) -> int:
    return len(_WORD.findall(norm, a, b)) if a < b else 0


def _stage_of(cue, cues, norm: str, persian: bool) -> str:
    """The stage one stage cue states, its governing, future and negation cues applied."""
    start, end, _, stage, future = cue
    governed = None
    for s, e, kind, value, _f in cues:
        if kind != "stage" or value not in GOVERN_WORDS or _RANK[stage] >= _RANK[value]:
            continue
        # a verb governs what follows it; in Persian, verb-final, what comes before it
        gap = _words_between(norm, end, s) if persian else _words_between(norm, e, start)
        if (s >= end if persian else e <= start) and gap <= (PERSIAN_GOVERN_WORDS if persian else GOVERN_WORDS[value]):
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
    if stage in ("signed", "implemented", "agreed") and any(
            kind == "modal" and e <= start and _words_between(norm, e, start) < BEFORE_WORDS for _s, e, kind, _v, _f in cues):
        return "proposed"  # "can be implemented", "يمكن توقيع", "باید اجرا شود": a wish or an offer
    if stage in ("signed", "implemented"):
        if future:
            return "agreed"
        for s, e, kind, _v, _f in cues:
            if kind != "future":
                continue
            if e <= start and _words_between(norm, e, start) < (PERSIAN_BEFORE_WORDS if persian else BEFORE_WORDS) or (
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
    cues = _stage_cues(doc)
    if not cues:
        return []
    if mentions is None:
        from techdiplomacy.extract import places, sectors

        mentions = places.rows(doc) + sectors.rows(doc)
    if officials is None:
        from techdiplomacy.extract import officials as officials_extractor

        officials = officials_extractor.extract(doc, mentions)
    mentions, officials = list(mentions), list(officials)
    iran_named = any(m.get("country") == "IRN" for m in mentions)
    if not iran_named and doc.language != "fa":
        return []
    if not any(m.get("kind") == "sector" for m in mentions):
        return []  # an article about no field of technology (a nuclear deal, an election)
    persian = doc.language == "fa"
    by_sentence: dict[int, list] = {}
    sentence_of: dict[int, object] = {}
    for cue in cues:
        start = doc.original(cue[0], cue[1])[0]
        sentence = doc.sentence_at(start)
        if sentence.start not in by_sentence:
            by_sentence[sentence.start] = _context_cues(doc.norm, *_norm_span(doc, sentence))
            sentence_of[sentence.start] = sentence
        by_sentence[sentence.start].append(cue)
    for found in by_sentence.values():
        found.sort()
    parties = _parties(doc, mentions)
    main = _main_partner(parties)
    named_times = Counter(iso3 for _, iso3 in parties)
    rows: dict[tuple, list[dict]] = {}
    for key in sorted(by_sentence):
        sent_cues = by_sentence[key]
        stages = [(c, _stage_of(c, sent_cues, doc.norm, persian)) for c in _facts(sent_cues, doc.norm)]
        if not stages:
            continue
        sentence = sentence_of[key]
        inside = [m for m in mentions if sentence.start <= m["start"] < sentence.end]
        people = [o for o in officials if sentence.start <= o["start"] < sentence.end]
        named = {iso3 for at, iso3 in parties if sentence.start <= at < sentence.end}
        named |= {o["country"] for o in people if o.get("country") and o["country"] != "IRN"}
        iran_here = any(m.get("country") == "IRN" for m in inside)
        partners = sorted(named - {"IRN", ""})
        kinds = {c[2] for c in sent_cues}
        sector_here = any(m.get("kind") == "sector" for m in inside)
        if not sector_here and ("off_topic" in kinds or not kinds & {"anchor", "instrument"} and not (iran_here and partners)):
            continue  # the nuclear deal, sanctions, missiles; or a stage word about no cooperation
        if len(partners) >= 2 and not iran_here:
            continue  # cooperation between other states
        if not partners:
            if not main:
                continue
            partners = [main]
        if not iran_here and not any(o.get("country") == "IRN" for o in people) and _IRAN_IN_PASSING(named_times, partners):
            continue  # a story about another state that names Iran in passing: Iran is no party here
        cue, stage = min(stages, key=lambda cs: (_RANK[cs[1]], cs[0][0]))
        sector_ids = _sectors(doc, sentence, inside, mentions)
        if not sector_ids and "instrument" not in kinds and (stage == "implemented" or "anchor" not in kinds):
            # launched, opened, fired, or a state's talks or calls: of nothing in a field of
            # technology, near no word of cooperation ("أطلقت المدفعية", "دعا إلى إنهاء")
            continue
        for instrument in _instruments(cue, sent_cues, stage):
            row = _row_for(rows.setdefault((tuple(partners), stage), []), instrument)
            if row is None:
                start, end = doc.original(cue[0], cue[1])
                row = {
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
                rows[(tuple(partners), stage)].append(row)
            row["sectors"] += [s for s in sector_ids if s not in row["sectors"]]
            _add_officials(row, people or officials, partners)
    out = []
    for row in (row for group in rows.values() for row in group):
        row.update({name: _JOIN.join(row[name]) for name in ("partners", "sectors", "iranian_officials", "partner_officials")})
        out.append(row)
    out.sort(key=lambda r: (r["start"], r["partners"], r["stage"], r["instrument"]))
    return out


def _norm_span(doc: Document, sentence) -> tuple[int, int]:
    """The span of ``doc.norm`` that the original ``sentence`` became."""
    offsets = doc.offsets
    if offsets is None:
        return sentence.start, sentence.end
    return bisect.bisect_left(offsets, sentence.start), bisect.bisect_left(offsets, sentence.end)


def _IRAN_IN_PASSING(named_times: Counter, partners: list[str]) -> bool:
    """Whether the article names Iran less than half as often as the partner it names most
    (then a sentence that does not name Iran is no statement of Iran's own cooperation)."""
    return 2 * named_times.get("IRN", 0) < max(named_times.get(p, 0) for p in partners)


def _parties(doc: Document, mentions: list[dict]) -> list[tuple[int, str]]:
    """(original start, ISO3) of every state the article names as a possible party: countries,
    organisations' countries and places' countries, a place only where it is not where
    something happens ("met in Tokyo")."""
    out = []
    venue_end = -1  # where the last place named as a venue ends ("في جنيف", "in Ashgabat")
    for m in sorted(mentions, key=lambda m: m["start"]):
        kind, country = m.get("kind"), m.get("country") or ""
        if not country or kind not in ("country", "place", "organisation"):
            continue
        if kind == "place" and country != "IRN" and _located(doc.text, m["start"]):
            venue_end = m["end"]
            continue
        if kind == "country" and venue_end >= 0 and _VENUE_STATE.fullmatch(doc.text, venue_end, m["start"]):
            continue  # the venue's state: "جنيف السويسرية", "in Ashgabat, Turkmenistan"
        if kind == "organisation" and _located(doc.text, m["start"], CHANNELS):
            continue  # where something was said: "على تويتر", "on Instagram"
        out.append((m["start"], country))
    return out


#: What may stand between a venue and its state: a comma, spaces, the Arabic article.
_VENUE_STATE = re.compile(r"[\s,،]*(?:ال)?")
#: Words before an organisation that make it where something was said or shown, not a party.
CHANNELS = LOCATIVES | frozenset(normalise(w) for w in ("on", "via", "through", "على", "عبر", "روي"))


def _located(text: str, start: int, words: frozenset = LOCATIVES) -> bool:
    """Whether the place at ``start`` follows a locative word ("in Tokyo", "في موسكو"), or one
    of ``words`` (:data:`CHANNELS` for an organisation: "على تويتر")."""
    before = _WORD.findall(text, max(0, start - 20), start)
    if not before:
        return False
    word = normalise(before[-1])
    return word in words or text[start - 1:start].isalpha() and text[start - 1] in "بل"


def _main_partner(parties: list[tuple[int, str]]) -> str:
    """The state the article names most after Iran (the first named, on a tie), or ''."""
    counts = Counter(iso3 for _, iso3 in parties if iso3 != "IRN")
    if not counts:
        return ""
    first: dict[str, int] = {}
    for at, iso3 in parties:
        first.setdefault(iso3, at)
    return min(counts, key=lambda k: (-counts[k], first[k]))


def _facts(cues: list, norm: str) -> list:
    """The stage cues of one sentence that state its stage: a "signed" that only qualifies an
    instrument ("a signed MoU", "previously signed agreements") does not, when another does."""
    stage_cues = [c for c in cues if c[2] == "stage"]
    if len(stage_cues) < 2:
        return stage_cues
    # a signing as the means to an end ("by signing an agreement, we can expand", "through the
    # signing of MoUs", "من خلال توقيع") is no signing when the sentence says what is done
    means = [c for c in stage_cues if c[3] == "signed" and _MEANS.search(norm, max(0, c[0] - 14), c[0])]
    stage_cues = [c for c in stage_cues if c not in means] or stage_cues
    if len(stage_cues) < 2:
        return stage_cues
    instrument_at = {c[0] for c in cues if c[2] == "instrument"}
    attributive = [c for c in stage_cues if c[3] == "signed" and norm[c[1]:c[1] + 1] == " "
                   and c[1] + 1 in instrument_at and norm[c[0]:c[0] + 1].isascii()]
    return [c for c in stage_cues if c not in attributive] or stage_cues


def _instruments(cue, cues, stage: str) -> list[str]:
    """The instruments of one sentence's row: every MoU, agreement or contract a signing names,
    else the one nearest the stage cue (a joint committee only when nothing else is named)."""
    named = [c for c in cues if c[2] == "instrument"]
    if not named:
        return ["none"]
    papers = [c for c in named if c[3] != "joint_committee"] or named
    if stage == "signed":
        return list(dict.fromkeys(c[3] for c in papers))
    return [min(papers, key=lambda c: abs(c[0] - cue[0]))[3]]


#: An instrument a later sentence may name for the same signing: "the agreements" for the MoUs.
_SAME_PAPERS = {("agreement", "mou"), ("mou", "agreement")}


def _row_for(group: list[dict], instrument: str) -> dict | None:
    """The row of ``group`` (one partner set and stage) that ``instrument`` belongs to: the row of
    that instrument; for no instrument, the first row; else one that named none (now named, unless
    by a joint committee), else one whose instrument is the same papers; None: a new row."""
    for row in group:
        if row["instrument"] == instrument:
            return row
    if instrument == "none":
        return group[0] if group else None
    for row in group:
        # a joint committee is a body of its own, not the papers an earlier sentence left unnamed
        if row["instrument"] == "none" and instrument != "joint_committee":
            row["instrument"] = instrument
            return row
    for row in group:
        if (row["instrument"], instrument) in _SAME_PAPERS:
            if instrument == "mou":
                row["instrument"] = instrument
            return row
    return None


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
