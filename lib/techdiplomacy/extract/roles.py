"""The role a title phrase gives its person (taxonomy: leader, minister, executive, ...), from
its title words in order and how its Arabic head is written."""

from __future__ import annotations

from techdiplomacy.extract.lexicon import ORG_WORDS, Token, clitic_forms
from techdiplomacy.text.normalisation import normalise

#: Possessive endings of a head: "رئيسه" (its president) heads the body named before.
POSSESSIVE_ENDINGS = ("ه", "ها", "هم")


#: Qualifiers that name the state itself: the head of one is its leader ("رئيس دولة الإمارات").
STATE_WORDS = frozenset(normalise(w) for w in (
    "دولة دوله جمهورية جمهوريه حكومة حكومه بلاد إسلامية اسلاميه دولت جمهوری کشور اسلامی"
    " state republic government country islamic kingdom"
).split())


#: A ministry named in a deputy's title makes a deputy minister ("معاون ... وزارت ارتباطات").
MINISTRY_WORDS = frozenset(normalise(w) for w in "وزارة وزارت ministry".split())


def role(heads: list[tuple[str, str]], has_org: bool, has_country: bool, ministry: bool = False,
          bare: bool = False, body: bool = False, form: str = "") -> str:
    """Return the role of a title phrase from its title words in order (taxonomy: the first).

    ``body``: the phrase names a body that is not the state ("پست", "Trade"): its head is an
    executive, where the head of a country is its leader. ``form``: how an Arabic head is
    written: "governing" (the head of the noun after it: "رئيس اتحاد", an executive),
    "possessive" ("رئيسه": the head of a body named before, an executive) or "definite" with
    adjectives only ("للرئيس الراحل", "الرئيس الاشتراكي": the president, a leader)."""
    first_id, first_role = heads[0]
    if first_id == "deputy":
        if ministry and not any(h[0] in ("president", "prime_minister", "head", "director", "ceo") for h in heads[1:]):
            return "deputy_minister"
        for title_id, role in heads[1:]:
            if title_id in ("minister", "deputy_minister"):
                return "deputy_minister"
            if title_id in ("president", "prime_minister", "vice_president"):
                return "leader"
        return "official"
    if first_id in ("head", "president"):
        later = [h for h in heads[1:] if h[0] not in ("head", "director", "ceo", "president")]
        if later and later[0][0] in ("president", "vice_president", "prime_minister"):
            return "leader"
        if form in ("governing", "possessive"):
            return "executive"
        if form == "definite" and not has_org:
            return "leader"
        if has_org or body:
            return "executive"  # "رئیس پست قطر", "head of Iran's Trade Promotion Organization"
        if first_id == "president" or has_country or bare:
            return "leader"  # "الرئيس عبد ربه منصور هادي", "President X"
        return "executive"
    return first_role


def head_form(tokens: list[Token], title: Title) -> str:
    """How the Arabic head of ``title`` is written (see :func:`role`): "" when it says nothing."""
    head = tokens[title.head].norm
    if head.isascii():
        return ""
    if title.complement:
        return "governing"
    base = head[1:] if head[:1] in "وف" and len(head) > 4 else head
    if base.endswith(POSSESSIVE_ENDINGS) and any(
            base[:-len(e)] in ("رئيس", "رييس") for e in POSSESSIVE_ENDINGS if base.endswith(e)):
        return "possessive"
    if base.startswith(("ال", "لل")) and title.last > title.head and all(
            tokens[k].norm.startswith(("ال", "لل")) and tokens[k].norm not in ORG_WORDS
            and not any(f in ORG_WORDS for f in clitic_forms(tokens[k].norm))
            for k in range(title.head + 1, title.last + 1)):
        return "definite"
    return ""
