"""Topics: determinism, tiny corpora, cross-language concepts, labels as written, schema,
assignment of new texts and the time/country summaries."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from techdiplomacy import schema
from techdiplomacy.topics.features import content_words, stem, surface_forms
from techdiplomacy.topics.model import TopicSettings, assign_topics, fit_topics, topics_over_time, topics_per_country

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "articles" / "al-vefagh-224281-iran-armenia-ict.md"

# Three deals, each written in Arabic, Persian and English: the words never overlap across
# languages, only the extracted keys do.
DEALS = {
    "dc": {
        "ar": "وقعت إيران وأرمينيا اتفاقية لإنشاء مركز بيانات مشترك في يريفان. وسيستضيف مركز البيانات "
        "خوادم الحوسبة السحابية للشركات الإيرانية والأرمنية.",
        "fa": "ایران و ارمنستان تفاهم‌نامه‌ای برای ساخت مرکز داده مشترک در ایروان امضا کردند. این مرکز "
        "داده میزبان سرورهای رایانش ابری شرکت‌های ایرانی و ارمنی خواهد بود.",
        "en": "Iran and Armenia signed an agreement to build a joint data centre in Yerevan. The data "
        "centre will host cloud computing servers for Iranian and Armenian companies.",
    },
    "space": {
        "ar": "أطلقت إيران قمراً صناعياً جديداً للاتصالات بالتعاون مع روسيا من قاعدة بايكونور. وقالت "
        "وكالة الفضاء الإيرانية إن القمر سيدور في مدار منخفض.",
        "fa": "ایران با همکاری روسیه یک ماهواره مخابراتی جدید از پایگاه بایکونور به فضا پرتاب کرد. "
        "سازمان فضایی ایران اعلام کرد این ماهواره در مدار پایین قرار می‌گیرد.",
        "en": "Iran launched a new communications satellite with Russia from the Baikonur cosmodrome. "
        "The Iranian Space Agency said the satellite will orbit in low Earth orbit.",
    },
    "post": {
        "ar": "بحث وزير الاتصالات الإيراني مع نظيره العراقي تطوير الخدمات البريدية وتبادل الطرود بين "
        "البلدين. واتفق الجانبان على ربط شبكتي البريد.",
        "fa": "وزیر ارتباطات ایران با همتای عراقی خود درباره توسعه خدمات پستی و تبادل مرسولات میان دو "
        "کشور گفت‌وگو کرد. دو طرف بر اتصال شبکه‌های پست توافق کردند.",
        "en": "Iran's communications minister and his Iraqi counterpart discussed postal services and "
        "parcel exchange between the two countries. Both sides agreed to connect their postal networks.",
    },
}
KEYS = {"dc": ("data_centres", "ARM"), "space": ("space", "RUS"), "post": ("post", "IRQ")}


def _deal_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles, mentions = [], []
    for deal, texts in DEALS.items():
        sector, partner = KEYS[deal]
        for language, text in texts.items():
            article_id = f"{deal}-{language}"
            articles.append({"article_id": article_id, "text": text, "language": language,
                             "published": f"2024-0{1 + len(articles) % 3}-15"})
            for kind, key in (("country", "IRN"), ("country", partner), ("sector", sector)):
                mentions.append({"article_id": article_id, "kind": kind, "key": key, "start": 0, "end": 1})
    return schema.conform("articles", articles), schema.conform("mentions", mentions)


def _dominant(result) -> dict[str, int]:
    rows = result.article_topics[result.article_topics["rank"] == 1]
    return dict(zip(rows["article_id"], rows["topic_id"].astype(int)))


def _sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8").split("---", 2)[2].strip()


@pytest.fixture(scope="module")
def deals():
    articles, mentions = _deal_tables()
    return articles, mentions, fit_topics(articles, mentions)


# --- features ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("والبيانات", "بيان"),  # conjunction, article, plural -ات
        ("للشركات", "شرك"),
        ("بالذكاء", "ذكاء"),
        ("الاصطناعية", "اصطناع"),  # ta marbuta is ه in the matching form, then a suffix
        ("ماهواره", "ماهوار"),
        ("satellites", "satellite"),
        ("process", "process"),
    ],
)
def test_light_stems(word, expected):
    from techdiplomacy.text.normalisation import normalise

    assert stem(normalise(word)) == expected


def test_stop_words_and_clitics_are_dropped():
    assert content_words("وهذا هو مركز البيانات في إيران") == ["مركز", "بيان", "اير"]  # light10 takes -ان too
    assert content_words("این مرکز داده‌ها است") == ["مركز", "داد"]  # ZWNJ splits ها, a stop word
    assert content_words("") == []


def test_surface_forms_keep_the_original_script():
    texts = ["تطور الذكاءُ الاصطناعيّ، والذكاء الاصطناعي يغير الحكومة الذكية", "الذكاء الاصطناعي"]
    forms = surface_forms(texts, {stem("ذكاء"), stem("اصطناعي"), stem("حكومه")})
    assert forms[stem("ذكاء")] == "الذكاء"  # hamza kept, and the most frequent form wins
    assert forms[stem("حكومه")] == "الحكومة"  # ta marbuta as written


# --- fitting -----------------------------------------------------------------------------------


def test_same_corpus_gives_same_topics_and_ids(deals):
    articles, mentions, first = deals
    shuffled = articles.sample(frac=1.0, random_state=7).reset_index(drop=True)
    second = fit_topics(shuffled, mentions.iloc[::-1].reset_index(drop=True))
    pd.testing.assert_frame_equal(first.topics, second.topics)
    pd.testing.assert_frame_equal(first.article_topics, second.article_topics)
    pd.testing.assert_frame_equal(first.passage_topics, second.passage_topics)


def test_ids_are_ordered_by_size(deals):
    _, _, result = deals
    sizes = result.topics["size"].tolist()
    assert result.topics["topic_id"].tolist() == list(range(len(sizes)))
    assert sizes == sorted(sizes, reverse=True)


def test_same_deal_in_three_languages_shares_a_topic(deals):
    _, _, result = deals
    dominant = _dominant(result)
    for deal in DEALS:
        assert len({dominant[f"{deal}-{lang}"] for lang in ("ar", "fa", "en")}) == 1, deal
    assert len({dominant[f"{deal}-ar"] for deal in DEALS}) == 3
    dc = result.topics.set_index("topic_id").loc[dominant["dc-ar"]]
    assert dc["sectors"] == "data_centres"
    assert dc["countries"].split("|") == ["ARM", "IRN"]


def test_without_concepts_languages_stay_apart(deals):
    articles, _, _ = deals
    dominant = _dominant(fit_topics(articles, None, k=3))
    assert len({dominant[f"dc-{lang}"] for lang in ("ar", "fa", "en")}) > 1


def test_one_article_has_topics_by_paragraph():
    article = schema.conform("articles", [{"article_id": "a1", "text": _sample_text()}])
    result = fit_topics(article, schema.empty("mentions"))
    assert result.model.unit == "passage"
    assert len(result.topics) >= 2
    assert result.passage_topics["topic_id"].nunique() >= 2
    assert len(result.passage_topics) == 8  # every paragraph of the sample article
    assert result.article_topics["rank"].min() == 1
    assert result.topics["representative"].str.len().gt(0).all()


@pytest.mark.parametrize(
    "texts",
    [
        ["Data centres in Yerevan.\n\nSatellites over Baikonur.\n\nPostal parcels to Baghdad."],
        ["مركز البيانات في يريفان", "the satellite launch"],
        ["", "مركز البيانات في يريفان"],
        [""],
        ["في من على", "   "],  # stop words only, blank
        ["same words here", "same words here"],
    ],
)
def test_tiny_corpora_give_a_result_not_an_error(texts):
    articles = schema.conform("articles", [{"article_id": f"t{i}", "text": t} for i, t in enumerate(texts)])
    result = fit_topics(articles, schema.empty("mentions"))
    for name in ("topics", "article_topics", "passage_topics"):
        assert list(getattr(result, name).columns) == schema.columns(name)
    with_words = [f"t{i}" for i, t in enumerate(texts) if content_words(t)]
    assert sorted(_dominant(result)) == with_words  # an empty article has no topic row
    if with_words:
        assert len(result.topics) >= 1
        assert result.topics["terms"].str.len().gt(0).all()  # even a lone topic has terms
        again = assign_topics(result.model, articles, None)
        assert _dominant(again) == _dominant(result)


def test_labels_are_written_as_in_the_text():
    ai = "أعلنت الشركة عن نموذج جديد في مجال الذكاء الاصطناعي يعتمد على الشبكات العصبية والتعلم العميق."
    post = "افتتحت وزارة الاتصالات مكتباً جديداً للبريد لتسليم الطرود والرسائل البريدية."
    texts = [ai, ai.replace("جديد", "متطور"), ai + " الذكاء الاصطناعي", post, post.replace("جديداً", "كبيراً"), post]
    articles = schema.conform("articles", [{"article_id": f"x{i}", "text": t} for i, t in enumerate(texts)])
    result = fit_topics(articles, None, k=2)
    terms = [term for cell in result.topics["terms"] for term in cell.split("|")]
    assert "الذكاء" in terms  # hamza as written, not the matching form "ذكاء"
    assert "الاصطناعي" in terms
    assert not {"ذكاء", "اصطناع"} & set(terms)
    assert any(label.startswith(("الذكاء", "الاصطناعي", "العصبية")) or "الذكاء" in label for label in result.topics["label"])


def test_tables_conform_to_the_schema(deals):
    _, _, result = deals
    for name in ("topics", "article_topics", "passage_topics"):
        table = getattr(result, name)
        assert list(table.columns) == schema.columns(name)
        assert {c: str(t) for c, t in table.dtypes.items()} == {c: str(t) for c, t in schema.empty(name).dtypes.items()}
        pd.testing.assert_frame_equal(table, schema.conform(name, table))
    at = result.article_topics
    assert at.groupby("article_id")["rank"].min().eq(1).all()
    assert at.groupby("article_id")["weight"].sum().le(1 + 1e-9).all()
    assert np.isfinite(at[["x", "y"]].to_numpy(dtype=float)).all()
    assert result.topics["size"].sum() == at["article_id"].nunique()


def test_assign_new_texts_to_existing_topics(deals):
    articles, mentions, result = deals
    model = pickle.loads(pickle.dumps(result.model))
    new = schema.conform(
        "articles",
        [
            {"article_id": "new-ar", "text": "افتتاح مركز بيانات جديد للحوسبة السحابية في يريفان"},
            {"article_id": "new-en", "text": "A second satellite will be launched from Baikonur with Russia."},
            {"article_id": "new-empty", "text": ""},
        ],
    )
    new_mentions = schema.conform(
        "mentions",
        [
            {"article_id": "new-ar", "kind": "sector", "key": "data_centres", "start": 10, "end": 20},
            {"article_id": "new-ar", "kind": "place", "key": "yerevan", "country": "ARM", "start": 40, "end": 45},
        ],
    )
    assigned = assign_topics(model, new, new_mentions)
    dominant, fitted = _dominant(assigned), _dominant(result)
    assert dominant["new-ar"] == fitted["dc-ar"]
    assert dominant["new-en"] == fitted["space-en"]
    assert "new-empty" not in dominant
    assert assigned.topics["label"].tolist() == result.topics["label"].tolist()
    assert assigned.topics["size"].sum() == 2
    assert set(assigned.passage_topics["article_id"]) == {"new-ar", "new-en"}


def test_large_corpus_path_samples_then_assigns_in_chunks(deals):
    articles, mentions, _ = deals
    settings = TopicSettings(large=6, fit_sample=6, chunk=2)
    result = fit_topics(articles, mentions, settings=settings)
    assert set(_dominant(result)) == set(articles["article_id"])
    assert len(result.passage_topics) == len(articles)  # one paragraph each
    again = fit_topics(articles, mentions, settings=settings)
    pd.testing.assert_frame_equal(result.article_topics, again.article_topics)


def test_char_wb_analyzer_also_works(deals):
    articles, mentions, _ = deals
    result = fit_topics(articles, mentions, settings=TopicSettings(analyzer="char_wb"))
    dominant = _dominant(result)
    assert len({dominant[f"dc-{lang}"] for lang in ("ar", "fa", "en")}) == 1
    assert result.topics["terms"].str.len().gt(0).all()


# --- summaries ---------------------------------------------------------------------------------


def test_topics_over_time_counts_dominant_topics_per_month():
    article_topics = schema.conform(
        "article_topics",
        [
            {"article_id": "a", "topic_id": 0, "weight": 0.8, "rank": 1},
            {"article_id": "a", "topic_id": 1, "weight": 0.2, "rank": 2},
            {"article_id": "b", "topic_id": 0, "weight": 0.9, "rank": 1},
            {"article_id": "c", "topic_id": 1, "weight": 0.7, "rank": 1},
            {"article_id": "d", "topic_id": 1, "weight": 0.7, "rank": 1},
        ],
    )
    articles = schema.conform(
        "articles",
        [
            {"article_id": "a", "published": "2024-01-03"},
            {"article_id": "b", "published": "2024-01-30"},
            {"article_id": "c", "published": "2024-03-01"},
            {"article_id": "d", "published": None},
        ],
    )
    out = topics_over_time(article_topics, articles)
    assert out.to_dict("records") == [
        {"period": pd.Timestamp("2024-01-01"), "topic_id": 0, "articles": 2},
        {"period": pd.Timestamp("2024-03-01"), "topic_id": 1, "articles": 1},
    ]
    assert topics_over_time(schema.empty("article_topics"), articles).empty


def test_topics_per_country_counts_articles_and_shares(deals):
    articles, mentions, result = deals
    out = topics_per_country(result.article_topics, mentions)
    dominant = _dominant(result)
    arm = out[out["country"] == "ARM"]
    assert arm[["topic_id", "articles"]].to_dict("records") == [{"topic_id": dominant["dc-ar"], "articles": 3}]
    irn = out[out["country"] == "IRN"]
    assert irn["articles"].sum() == 9 and irn["share"].sum() == pytest.approx(1.0)
    place = schema.conform("mentions", [{"article_id": "space-ar", "kind": "place", "key": "baikonur", "country": "KAZ"}])
    assert topics_per_country(result.article_topics, place)["country"].tolist() == ["KAZ"]


# --- properties --------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.sampled_from(["مركز", "البيانات", "ماهواره", "داده‌ها", "satellite", "post", "في", "the", "٢٠٢٤", "ـ", "\u200c"])
_TEXTS = st.lists(st.lists(_WORDS, max_size=12).map(" ".join), min_size=0, max_size=3).map("\n\n".join) | st.text(max_size=40)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=5))
def test_any_texts_give_conforming_tables(texts):
    articles = schema.conform("articles", [{"article_id": f"h{i}", "text": t} for i, t in enumerate(texts)])
    result = fit_topics(articles, None)
    for name in ("topics", "article_topics", "passage_topics"):
        table = getattr(result, name)
        assert list(table.columns) == schema.columns(name)
    if len(result.topics):
        assert set(result.article_topics["topic_id"]) <= set(result.topics["topic_id"])
        assert (result.passage_topics["end"] <= articles.set_index("article_id").loc[result.passage_topics["article_id"], "text"].str.len().to_numpy()).all()
