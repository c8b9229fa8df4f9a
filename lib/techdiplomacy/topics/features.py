"""Features for topic clustering: content words, light stems and language-free concept tokens.

Arabic and Persian are written with clitics glued to the word (و, ال, لل, ها ...), so a plain
word vectorizer sees ``والبيانات``, ``البيانات`` and ``بيانات`` as three unrelated terms. This
module turns a text into its content words in the project's matching form (see
:func:`techdiplomacy.text.normalisation.normalise`), drops stop words from a maintained list (stopwordsiso,
normalised the same way) and, for the word analyzer, reduces each word to a light stem.
Extracted sector and country keys become language-free tokens (``sector:data_centres``,
``country:ARM``) so articles in different languages can meet in one topic.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache

import numpy as np
import pandas as pd
import stopwordsiso
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from techdiplomacy.text.normalisation import normalise
from techdiplomacy.text.passages import Span, passages

#: Languages whose stop words are removed (the corpus mixes them freely).
STOP_LANGUAGES = ("ar", "fa", "en")
#: Words the stop lists carry that name things in this domain: Persian داده is "data" (as in
#: مرکز داده, data centre), not only "given"; the long English list has computer, research...
KEPT_WORDS = frozenset(
    ["داده", "information", "computer", "research", "system", "microsoft", "website", "webpage",
     "homepage", "invention", "goods", "state", "states", "world", "trillion", "billion", "million"]
)
#: A word: letters (any script) possibly joined by an apostrophe; digits are not topics.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: A word as written: letters with their harakat, shadda and tatweel (ZWNJ still splits).
_SURFACE_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u064B-\u065F\u0670])*")

# Light stemming in the matching form (ة is already ه, ى is ي). After Larkey et al.'s
# "light10": one conjunction و, then an article-bearing prefix, then common suffixes, never
# leaving fewer than two letters (three for suffixes). A bare ب ف ك ل is not stripped: without
# a dictionary it is as often the word's first letter (بحث, فريق, كتاب, لقاء).
_ARTICLE_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")  # يه also stands for ية
_ARABIC_LETTER = re.compile(r"[\u0621-\u06FF]")
#: Mention kinds that become concept tokens, and their prefix.
CONCEPT_KINDS = ("sector", "country")


@cache
def stop_words() -> frozenset[str]:
    """Return the ar, fa and en stop words (stopwordsiso) in matching form, less KEPT_WORDS."""
    words = set()
    for language in STOP_LANGUAGES:
        for word in stopwordsiso.stopwords(language):
            for token in _WORD.findall(normalise(word)):
                words.add(token)
    return frozenset(words - {normalise(w) for w in KEPT_WORDS})


@lru_cache(maxsize=1 << 18)
def strip_prefix(word: str) -> str:
    """Return a normalised Arabic-script word without a leading و and an article prefix."""
    if not _ARABIC_LETTER.match(word):
        return word
    if word.startswith("و") and len(word) > 3:
        word = word[1:]
    for prefix in _ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """Return the light stem of a normalised word: clitics and common suffixes removed.

    Arabic-script words lose و, an article prefix (ال وال بال كال فال لل) and suffixes
    (ها ان ات ون ين يه ه ي); Latin words lose a plural s. Persian plural/ezafe forms written
    with ZWNJ are separate words after normalisation, so ها and های never reach here.
    """
    if not _ARABIC_LETTER.match(word):
        if len(word) > 3 and word.endswith("ies"):
            return word[:-3] + "y"
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            return word[:-1]
        return word
    word = strip_prefix(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
    return word


def word_feature(word: str, *, stemmed: bool = True) -> str | None:
    """Return the feature of one normalised word (its light stem), or None for a stop word."""
    if len(word) < 2 or word in stop_words():
        return None
    bare = strip_prefix(word)
    if len(bare) < 2 or bare in stop_words():
        return None
    return stem(word) if stemmed else word


def content_words(text: str, *, stemmed: bool = True) -> list[str]:
    """Return the content words of ``text``: matching form, no stop words, light stems."""
    known = _known_words(stemmed)
    if len(known) > _KNOWN_LIMIT:
        known.clear()
    out = []
    for word in _WORD.findall(normalise(text)):
        feature = known.get(word, _UNSEEN)
        if feature is _UNSEEN:
            feature = known[word] = word_feature(word, stemmed=stemmed)
        if feature is not None:
            out.append(feature)
    return out


_UNSEEN = object()
#: Words remembered per stemming mode before the memo starts afresh (bounds its memory).
_KNOWN_LIMIT = 1 << 20


@cache
def _known_words(stemmed: bool) -> dict[str, str | None]:
    """Return the memo of word -> feature for one stemming mode (a cache, like functools')."""
    return {}


class TopicText:
    """A ``str -> str`` preprocessor for :class:`TfidfVectorizer`: the content words of a
    text joined by spaces (light stems when ``stemmed``).

    A class, not a closure, so a fitted pipeline pickles.
    """

    def __init__(self, stemmed: bool = True):
        self.stemmed = stemmed

    def __call__(self, text: str) -> str:
        return " ".join(content_words(text, stemmed=self.stemmed))

    def __repr__(self) -> str:
        return f"TopicText(stemmed={self.stemmed})"


def document_frequency_bounds(n_docs: int) -> tuple[int, float]:
    """Return (min_df, max_df) suited to a corpus of ``n_docs`` documents.

    A term must be seen in two documents once there are enough of them to repeat anything
    (and in 0.01% of a very large corpus), and may appear in at most half of a real corpus;
    a handful of texts keeps every term, or one article would have no vocabulary at all.
    """
    if n_docs < 20:
        return 1, 1.0
    min_df = max(2, round(n_docs * 0.0001))
    return min_df, 0.5


def text_vectorizer(n_docs: int, analyzer: str = "word") -> TfidfVectorizer:
    """Return the TF-IDF vectorizer for texts: light stems (``"word"``) or character 3-5
    grams inside word boundaries (``"char_wb"``), sublinear TF, corpus-sized df bounds."""
    min_df, max_df = document_frequency_bounds(n_docs)
    common = dict(sublinear_tf=True, min_df=min_df, max_df=max_df, dtype=np.float32, lowercase=False)
    if analyzer == "word":
        return TfidfVectorizer(preprocessor=TopicText(stemmed=True), token_pattern=r"\S+", **common)
    if analyzer == "char_wb":
        return TfidfVectorizer(
            preprocessor=TopicText(stemmed=False), analyzer="char_wb", ngram_range=(3, 5), **common
        )
    raise ValueError(f"analyzer must be 'word' or 'char_wb', not {analyzer!r}")


class ConceptTokens:
    """An analyzer for :class:`TfidfVectorizer`: the tokens of one kind (``sector:...``) in a
    space-separated concepts cell. A class, so a fitted pipeline pickles."""

    def __init__(self, kind: str):
        self.kind = kind

    def __call__(self, concepts: str) -> list[str]:
        prefix = self.kind + ":"
        return [token for token in concepts.split() if token.startswith(prefix)]

    def __repr__(self) -> str:
        return f"ConceptTokens({self.kind!r})"


def concept_vectorizer(kind: str) -> TfidfVectorizer:
    """Return the TF-IDF vectorizer of one concept kind (``sector:x`` or ``country:Y`` tokens)."""
    return TfidfVectorizer(analyzer=ConceptTokens(kind), lowercase=False, sublinear_tf=True, dtype=np.float32)


class LSA(TransformerMixin, BaseEstimator):
    """Latent semantic analysis: TruncatedSVD to ``n_components`` dimensions, rows l2-normalised.

    With too few documents (not more than twice ``n_components``) or terms to reduce, it passes
    the TF-IDF rows through unchanged: a handful of texts keeps every term.
    """

    def __init__(self, n_components: int = 50, random_state: int | None = 0):
        self.n_components = n_components
        self.random_state = random_state

    def fit(self, X, y=None):
        n_docs, n_terms = X.shape
        self.svd_ = None
        if n_docs > 2 * self.n_components and n_terms > self.n_components:
            self.svd_ = TruncatedSVD(self.n_components, random_state=self.random_state).fit(X)
        return self

    def transform(self, X):
        if self.svd_ is None:
            return X
        return normalize(self.svd_.transform(X))

    def back_projection(self):
        """Return the (dims x terms) map from this space back to terms (None: identity)."""
        return None if self.svd_ is None else self.svd_.components_


def concept_token(kind: str, key: str) -> str:
    """Return the language-free token of a mention: ``sector:data_centres``, ``country:ARM``."""
    return f"{kind}:{key}"


def _concept_rows(mentions: pd.DataFrame | None) -> pd.DataFrame:
    """Return one row per concept: article_id, token, start. A place stands for its country."""
    if mentions is None or len(mentions) == 0:
        return pd.DataFrame({"article_id": [], "token": [], "start": pd.array([], dtype="Int64")})
    kind = mentions["kind"].astype("string")
    key = mentions["key"].astype("string")
    if "country" in mentions:
        key = key.where(kind != "place", mentions["country"].astype("string"))
    kind = kind.where(kind != "place", "country")
    keep = (kind.isin(CONCEPT_KINDS) & key.notna() & (key.str.len() > 0)).fillna(False).to_numpy(bool)
    start = mentions["start"] if "start" in mentions else pd.Series(pd.NA, index=mentions.index)
    return pd.DataFrame(
        {
            "article_id": mentions["article_id"].astype(str).to_numpy()[keep],
            "token": [concept_token(k, v) for k, v in zip(kind[keep], key[keep])],
            "start": pd.array(start, dtype="Int64")[keep],
        }
    )


def article_concepts(article_ids: Iterable[str], mentions: pd.DataFrame | None) -> list[str]:
    """Return, per article id, its concept tokens joined by spaces ('' when none)."""
    rows = _concept_rows(mentions)
    joined = rows.groupby("article_id", sort=False)["token"].agg(" ".join).to_dict()
    return [joined.get(str(a), "") for a in article_ids]


def passage_table(articles: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """Return one row per (article, paragraph): article_id, passage, start, end, text, concepts.

    A mention belongs to the paragraph holding its start offset. An article whose text has
    no paragraph contributes no row.
    """
    by_article: dict[str, list[tuple[int, str]]] = defaultdict(list)
    rows = _concept_rows(mentions)
    for article_id, start, token in zip(rows["article_id"], rows["start"], rows["token"]):
        if start is not pd.NA:
            by_article[article_id].append((int(start), token))
    records = []
    for article_id, text in zip(articles["article_id"].astype(str), articles["text"]):
        spans: list[Span] = passages(text if isinstance(text, str) else "")
        found = sorted(by_article.get(article_id, ()))
        for i, span in enumerate(spans):
            concepts = " ".join(t for s, t in found if span.start <= s < span.end)
            records.append((article_id, i, span.start, span.end, span.text, concepts))
    return pd.DataFrame(
        records, columns=["article_id", "passage", "start", "end", "text", "concepts"]
    )


def _surface_feature(word: str, wanted: set[str], stemmed: bool) -> tuple[str, str] | None:
    """Return (feature, form shown) for a written word, or None if its feature is not wanted.

    A leading conjunction و or ف is dropped from the form shown when the rest is the same
    feature (``والبيانات`` counts as ``البيانات``), so labels read as words, not clauses.
    """
    norm = _WORD.findall(normalise(word))
    feature = word_feature(norm[0], stemmed=stemmed) if len(norm) == 1 else None
    if feature not in wanted:
        return None
    if word[0] in "وف" and len(norm[0]) > 3 and word_feature(norm[0][1:], stemmed=stemmed) == feature:
        return feature, word[1:]
    return feature, word


def surface_forms(
    texts: Iterable[str], features: Iterable[str], *, stemmed: bool = True, enough: int = 100, most: int = 3000
) -> dict[str, str]:
    """Return, for each wanted feature, its most frequent surface form in ``texts`` as written.

    Words are read from the original text (harakat, hamza and ta marbuta intact), mapped to
    their feature the way the vectorizer does, and counted; ties go to the shorter, then the
    alphabetically first form, so the answer is deterministic. Reading stops once every
    feature has been seen ``enough`` times, or after ``most`` texts once each has been seen.
    """
    wanted = set(features)
    if not wanted:
        return {}
    counts: dict[str, Counter] = defaultdict(Counter)
    seen: Counter = Counter()
    feature_of: dict[str, tuple[str, str] | None] = {}
    for n_read, text in enumerate(texts, start=1):
        if not isinstance(text, str):
            continue
        for word in _SURFACE_WORD.findall(text):
            if word not in feature_of:
                feature_of[word] = _surface_feature(word, wanted, stemmed)
            found = feature_of[word]
            if found is not None:
                counts[found[0]][found[1]] += 1
                seen[found[0]] += 1
        if len(seen) == len(wanted) and (n_read >= most or min(seen.values()) >= enough):
            break
    return {
        feature: min(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
        for feature, forms in counts.items()
    }
