"""Fast paths equal the plain code they replace: same matches, same offsets, same rows."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy.extract import lexicon, numbers, numerals, surnames, units
from techdiplomacy.tables import keyword_pass
from techdiplomacy.text import normalisation as T
from techdiplomacy.text import passages
from techdiplomacy.text.document import Document

#: Characters that exercise folds, deletions, digits, sentence ends and numbers.
TRICKY = st.text(
    alphabet=st.sampled_from(list("اأإآةىيیکكـًٌٍَُِّْ \u200c\u200f\u00a0ﻻﷲ۱٢٫٬0123456789.,/:-+!?؟;؛…\n»\"'abcA_"))
    | st.characters()
)

#: The sentence-end regex as first written, before it was reshaped to start with one class.
PLAIN_SENTENCE_END = re.compile(r"""(?:[.!?؟;؛…]+["'»”’)\]]*(?=\s|$))|\n""")


@settings(max_examples=400, deadline=None)
@given(TRICKY)
def test_fold_equals_translate(raw):
    assert T._fold_one_to_one(raw) == raw.translate(T._one_to_one_table())


@settings(max_examples=400, deadline=None)
@given(TRICKY, st.data())
def test_sentence_end_regex_matches_the_plain_one(raw, data):
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    fast = [(m.span(), m.group()) for m in passages._SENTENCE_END.finditer(raw, start, end)]
    plain = [(m.span(), m.group()) for m in PLAIN_SENTENCE_END.finditer(raw, start, end)]
    assert fast == plain


@settings(max_examples=400, deadline=None)
@given(TRICKY)
def test_digit_numbers_equal_the_unglued_matches_of_finditer(raw):
    _assert_digit_numbers_are_the_unglued_matches(raw)


def _assert_digit_numbers_are_the_unglued_matches(raw):
    norm = T.normalise(raw)
    fast = [(m.span(), m.groups()) for m in numbers._digit_numbers(norm)]
    plain = [(m.span(), m.groups()) for m in numbers._DIGIT_NUMBER.finditer(norm)
             if not (m.start() and norm[m.start() - 1] in numbers._GLUE)]
    assert fast == plain


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["12", "1,500", "2.5", "1403/05/12", "10:30", "x", "5G", "bn", "-", "+", " ", ",",
                                 ".", "/", "٢٥", "ب", "COP", "3-", "a1"]), max_size=14).map("".join))
def test_digit_numbers_in_codes_dates_and_groups(raw):
    _assert_digit_numbers_are_the_unglued_matches(raw)


def _plain_offsets(text):
    """normalise_with_offsets as first written: one character at a time."""
    pattern, special = T._special_table()
    folded = text.translate(T._one_to_one_table())
    if not pattern.search(folded):
        return folded, None
    pieces, offsets, pos = [], [], 0
    for match in pattern.finditer(folded):
        start = match.start()
        pieces.append(folded[pos:start])
        offsets.extend(range(pos, start))
        replacement = special[match.group()]
        pieces.append(replacement)
        offsets.extend([start] * len(replacement))
        pos = start + 1
    pieces.append(folded[pos:])
    offsets.extend(range(pos, len(folded)))
    offsets.append(len(text))
    return "".join(pieces), offsets


@settings(max_examples=400, deadline=None)
@given(TRICKY)
def test_offsets_equal_the_plain_computation(raw):
    assert T.normalise_with_offsets(raw) == _plain_offsets(raw)


def test_later_mentions_need_a_form_outside_the_titled_mentions():
    norm = T.normalise("وزير الاتصالات ستار هاشمي قال. وأضاف هاشمي أن ...")
    start = norm.index("ستار")
    claimed = [(start, start + len("ستار هاشمي"))]
    forms = {("ستار", "هاشمي"), ("هاشمي",)}
    assert surnames._written_elsewhere(norm, forms, claimed)
    first_only = norm[: norm.index(".")]
    assert not surnames._written_elsewhere(first_only, forms, claimed)


def test_document_offsets_with_harakat_map_back():
    doc = Document("الإيرانيّةُ تعمل")
    start = doc.norm.index("تعمل")
    assert doc.text[slice(*doc.original(start, start + 4))] == "تعمل"


def _own_hits(norm: str) -> list[list]:
    """Each source's hits as its own automaton finds them, one pass per source."""
    from techdiplomacy.extract import organisations, places, sectors, titles

    if not norm:
        return [[] for _ in keyword_pass().sources]
    return [
        list(places.tables().gazetteer._automaton.iter(norm)),
        list(sectors.tables().gazetteer._automaton.iter(norm)),
        list(organisations._automaton().iter(norm)),
        list(titles._title_automaton().iter(norm)),
        [(end - 1, value) for end, value in numbers._word_automaton().iter(" " + norm)],
        list(_own_automaton("name_heads").iter(norm)),
        list(_own_automaton("reporting").iter(norm)),
    ]


def _own_automaton(source):
    import ahocorasick

    from techdiplomacy.extract import places, reported

    patterns = places.name_head_patterns() if source == "name_heads" else reported.patterns()
    auto = ahocorasick.Automaton()
    for word, value in patterns.items():
        auto.add_word(word, value)
    auto.make_automaton()
    return auto


#: Words that are keywords of every source, to make hits likely in generated text.
KEYWORD_TEXT = st.lists(
    st.sampled_from(["وزير", "الاتصالات", "إيران", "وإيران", "عمان", "خمسة", "مليون", "(ثلاث", "«ستة", "ده",
                     "الذكاء الاصطناعي", "الأمن السيبراني", "Minister", "ISA", "Iran", "five", "سازمان فضایی ایران",
                     "وزیر", "ایرانی", "هزار", " ", "\n", "،", "و", "ال", "لل", "جامعة", "بنك", "bank", "وقال", "السوداني", "افزود"]) | TRICKY,
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(KEYWORD_TEXT)
def test_one_scan_finds_what_each_automaton_finds(raw):
    norm = T.normalise(raw)
    assert [list(h) for h in keyword_pass().scan(norm)] == _own_hits(norm)


def test_one_scan_on_the_golden_texts():
    import json
    from pathlib import Path

    for path in sorted((Path(__file__).parent / "golden").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            norm = T.normalise(json.loads(line)["text"])
            assert [list(h) for h in keyword_pass().scan(norm)] == _own_hits(norm), line


@settings(max_examples=400, deadline=None)
@given(KEYWORD_TEXT, st.data())
def test_figure_tokens_equal_finditer(raw, data):
    norm = T.normalise(raw)
    start = data.draw(st.integers(0, len(norm)))
    end = data.draw(st.integers(start, len(norm)))
    plain = [(m.start(), m.end(), m.group()) for m in units.TOKEN.finditer(norm, start, end)]
    assert units.tokens(norm, start, end) == plain
    assert units.tokens(norm) == [(m.start(), m.end(), m.group()) for m in units.TOKEN.finditer(norm)]
    starts, ends, words = units.token_columns(norm, start, end)  # what figures read: the same, as columns
    assert list(zip(starts, ends, words)) == plain
    for s in range(start, end + 1):
        i = units.index_at(starts, s)
        assert i == next((k for k, t in enumerate(plain) if t[0] == s), None)


def _plain_name_tokens(doc, windows=None):
    """lexicon.tokens as first written: one match object at a time."""
    out = []
    text, norm, offsets = doc.text, doc.norm, doc.offsets
    for ws, we in windows or [(0, len(norm))]:
        if out:
            o = ws if offsets is None else offsets[ws]
            out.append((ws, ws, lexicon.BREAK, "", False, False, o, o, False))
        previous_end = -1
        for m in lexicon.TOKEN.finditer(norm, ws, we):
            ns, ne = m.span()
            s, e = (ns, ne) if offsets is None else (offsets[ns], offsets[ne - 1] + 1)
            written = text[s:e]
            joined = previous_end == s - 1 and text[previous_end] == "\u200c"
            first = written[:1]
            upper = first.isupper() or (
                first.isascii() and "-" in written and lexicon._LATIN_PARTICLE.match(written) is not None)
            accusative = text[e:e + 1] == "\u064b" or text[e - 2:e] == "\u064bا"  # "وفداً"
            out.append((ns, ne, m.group(), written, upper, joined, s, e, accusative))
            previous_end = e
    return [t for t in out if t[2] != "#"]  # a hashtag's mark is no word


NAME_TEXT = st.lists(
    st.sampled_from(["زارع\u200cپور", "\u200c", "al-Hashemi", "Al-Thani", "ǅemal", "Minister", "ISA", "وزیر", "ـ",
                     "ستّار", "هاشمي،", " ", "\n", "Hakobyan's", "O’Neil", "abu-Bakr", "وفداً", "رسميًا", "\u064b", "#"]) | TRICKY,
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(NAME_TEXT, st.data())
def test_name_tokens_equal_the_plain_loop(raw, data):
    doc = Document(raw)
    n = len(doc.norm)
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=6)))
    windows = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if a < b] or None
    assert [tuple(t) for t in lexicon.tokens(doc, windows)] == _plain_name_tokens(doc, windows)


def _plain_passages(text):
    """passages as first written: every line (or blank-line chunk), trimmed one by one."""
    if passages._BLANK_LINE.search(text):
        chunks, pos = [], 0
        for m in passages._BLANK_LINE.finditer(text):
            chunks.append((pos, m.start()))
            pos = m.end()
        chunks.append((pos, len(text)))
    else:
        chunks = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return [passages.Span(s, e, text[s:e]) for s, e in (passages._trim(text, a, b) for a, b in chunks) if e > s]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "\n", "\t", "\u200c", "\u200f", "\ufeff", "\u00a0", "\u2028", "\r", "a", "ب", "."])
                | TRICKY, max_size=40).map("".join))
def test_passages_equal_the_line_by_line_trim(raw):
    assert passages.passages(raw) == _plain_passages(raw)


@settings(max_examples=400, deadline=None)
@given(TRICKY)
def test_offsets_as_an_array_and_normalise_alone_agree(raw):
    norm, offsets = T.normalise_with_offsets(raw)
    index_norm, index = T.normalise_with_index(raw)
    assert index_norm == norm == T.normalise(raw)
    assert (index is None and offsets is None) or list(index) == offsets
    assert Document(raw).offsets == index


def _plain_is_abbreviation(text, dot):
    """text._is_abbreviation as first written: the word before the dot walked back letter by letter."""
    if text[dot] != ".":
        return False
    i = dot
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
        if dot - i > passages._LONGEST_ABBREVIATION:
            return False
    word = text[i:dot].lower()
    return bool(word) and (len(word) == 1 or (word.isascii() and word in passages._ABBREVIATIONS))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["Mr", "u.s", "etc", "co", "a", "ب", "الاتصالات", "Corp", "¹", "٢", " ", ".", "\n", "x"])
                | TRICKY, max_size=12).map("".join))
def test_abbreviation_check_equals_the_letter_by_letter_walk(raw):
    for dot in range(len(raw)):
        assert passages._is_abbreviation(raw, dot) == _plain_is_abbreviation(raw, dot)


SPLIT_TEXT = st.text(alphabet=st.sampled_from(list("ab5 -.',/’%$€£_١٢عربی\u200c،:()\n\t9xZ")), max_size=60) | TRICKY


@settings(max_examples=600, deadline=None)
@given(SPLIT_TEXT)
def test_fast_split_patterns_split_as_their_definitions(raw):
    """The split patterns are rewritten for speed (word branch first, possessive repeats, a
    look-ahead over spaces): they must split every text exactly as the plain definitions."""
    for fast, plain in ((units._TOKEN_SPLIT, units.TOKEN), (lexicon._TOKEN_SPLIT, lexicon.TOKEN),
                        (numbers._WORD_SPLIT, numbers._WORD)):
        assert fast.split(raw) == re.compile(f"({plain.pattern})").split(raw)


def test_tanween_just_before_a_window_marks_its_first_token():
    """"رسميًا" cut by a window at its alif: the tanween before the window still counts
    (found by the property test above)."""
    doc = Document("0رسميًا")
    assert [tuple(t) for t in lexicon.tokens(doc, [(5, 6)])] == _plain_name_tokens(doc, [(5, 6)])
    assert lexicon.tokens(doc, [(5, 6)])[0].accusative


#: Number words, scales, halves, "و"/"and", clitic forms, other words and gaps: long runs of
#: number words joined by spaces (so that 48 characters cut one), ended by punctuation,
#: digits or other words.
_NUMBER_WORDS = ["خمسة", "وعشرين", "مليون", "مليار", "ونصف", "المليار", "و", "ألف", "ثلاثمائة", "بخمسة",
                 "دو", "میلیون", "و", "نیم", "یک", "میلیارد", "twenty-five", "million", "and", "half", "hundred"]
NUMBER_TEXT = st.lists(
    st.sampled_from(_NUMBER_WORDS * 4 + ["دولار", "شركة", "إيران", "x" * 30, "۲۰۰", "5", "،", ".", "-", "  ", "\n"]),
    max_size=40,
).map(" ".join)


@settings(max_examples=1500, deadline=None)
@given(NUMBER_TEXT, st.data())
def test_number_words_read_from_48_characters_as_from_160(raw, data):
    """:func:`numbers._read_words` reads 48 characters first and 160 only when the parse may
    reach their end: the same value and end as the plain reading of 160."""
    norm = T.normalise(raw)
    starts = [m.start() for m in numbers._WORD.finditer(norm)] or [0]
    s = data.draw(st.sampled_from(starts))  # number words are read from a word start
    assert numbers._read_words(norm, s) == _plain_read_words(norm, s)


def test_number_words_cut_by_48_characters_at_every_place():
    text = "خمسة وعشرين مليون و ثلاثمائة ألف و خمسة وعشرين مليار و نصف المليار دولار"
    norm = T.normalise(" ".join([text] * 3))
    for s in [m.start() for m in numbers._WORD.finditer(norm)]:
        assert numbers._read_words(norm, s) == _plain_read_words(norm, s), s


def _plain_read_words(norm, s):
    starts, ends, texts = units.split_columns(numbers._WORD_SPLIT, norm, s, min(len(norm), s + 160))
    k = 1
    while k < min(12, len(starts)) and not norm[ends[k - 1]:starts[k]].strip(" "):
        k += 1
    parsed = numerals.parse_words(texts[:min(k, len(starts))])
    return (ends[parsed[1] - 1] if parsed else None), parsed


@settings(max_examples=600, deadline=None)
@given(KEYWORD_TEXT, st.data())
def test_words_before_a_place_as_read_from_40_characters_back(raw, data):
    from techdiplomacy.extract import places

    norm = T.normalise(raw)
    start = data.draw(st.integers(0, len(norm)))
    for n in (1, 2, 3):
        plain = re.findall(r"\w+", norm[max(0, start - 40):start])[::-1][:n]
        assert places._words_before(norm, start, n) == plain


LINK_TEXT = st.text(alphabet=st.sampled_from(list("w.:/@-a9bcom Zير\n")), max_size=40) | TRICKY


@settings(max_examples=800, deadline=None)
@given(LINK_TEXT)
def test_link_mark_finds_a_link_where_the_plain_pattern_does(raw):
    from techdiplomacy.extract import gazetteer

    plain = re.compile(r"://|www\.|@|[a-z0-9-]\.[a-z]{2,}/")
    for text in (raw, T.normalise(raw)):
        assert (gazetteer._LINK_MARK.search(text) is None) == (plain.search(text) is None)
        assert gazetteer.has_link(text) == (gazetteer._may_hold_link(text) and plain.search(text) is not None)


def test_link_mark_examples():
    from techdiplomacy.extract import gazetteer

    for text, found in (("https://irna.ir", True), ("www.x", True), ("a@b", True), ("mcit.gov.ir/news", True),
                        ("ایران.ir/", False), ("9.ir/", True), ("1403/05/12", False), ("w.x", False), ("a.b/", False), ("ww.ab", False)):
        assert gazetteer.has_link(text) == found, text


CANDIDATE = st.tuples(st.integers(0, 6), st.integers(1, 6), st.integers(1, 8), st.sampled_from([None, "a", "b"]))


@settings(max_examples=800, deadline=None)
@given(CANDIDATE, CANDIDATE)
def test_better_of_two_overlapping_candidates_is_the_preferred_one(a, b):
    from techdiplomacy.extract import gazetteer

    a = (a[0], a[0] + a[1], a[2], a[3])
    b = (b[0], b[0] + b[1], b[2], b[3])
    start, end, _, key = min((a, b), key=gazetteer._preference)
    assert gazetteer._better(a, b) == (key, start, end)
