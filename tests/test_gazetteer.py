"""The gazetteer matcher: clitics, suffixes, word boundaries, longest match, case, exclusions."""

import pytest

from techdiplomacy.extract.gazetteer import Gazetteer, Match, is_cased_acronym
from techdiplomacy.text.normalisation import normalise, normalise_with_offsets


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    norm, offsets = normalise_with_offsets(text)
    return [(m.key, norm[m.start : m.end]) for m in gazetteer.find(norm, text, offsets)]


COUNTRIES = Gazetteer(
    [("ARM", normalise("أرمينيا")), ("IRN", normalise("إيران")), ("IRN", normalise("ایران")),
     ("ARM", normalise("أرميني")), ("IND", normalise("هند")), ("QAT", normalise("قطر")),
     ("EGY", normalise("مصر")), ("IRQ", normalise("العراق")), ("IRN", "iranian")],
    suffixes="demonym",
    cased=[("USA", "US"), ("GBR", "UK")],
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic proclitics stay outside the span
        ("وأرمينيا", [("ARM", "ارمينيا")]),
        ("لأرمينيا", [("ARM", "ارمينيا")]),
        ("فإيران", [("IRN", "ايران")]),
        ("وبالعراق", [("IRQ", "العراق")]),
        # the fused article لل is reported whole
        ("للعراق", [("IRQ", "للعراق")]),
        ("وللعراق", [("IRQ", "للعراق")]),
        # article + nisba on a name, inflected demonyms
        ("الإيرانية", [("IRN", "ايرانيه")]),
        ("والإيرانيين", [("IRN", "ايرانيين")]),
        ("الأرمينية", [("ARM", "ارمينيه")]),
        ("الأرمينيين", [("ARM", "ارمينيين")]),
        ("ایرانی", [("IRN", "ايراني")]),
        ("ایرانیان", [("IRN", "ايرانيان")]),
        ("ایرانی‌ها", [("IRN", "ايراني")]),
        ("المصري", [("EGY", "مصري")]),
        ("Iranians", [("IRN", "iranians")]),
        # strict boundaries otherwise
        ("هندسه", []),
        ("الهندسة", []),
        ("قطرات", []),
        ("مصرف", []),
        ("مصرون", []),
        ("ایرانشهر", []),
        ("xiranian", []),
        # case-sensitive acronyms
        ("the US and the UK", [("USA", "us"), ("GBR", "uk")]),
        ("let us go", []),
        ("us and uk", []),
    ],
)
def test_clitics_suffixes_boundaries(text, expected):
    assert found(COUNTRIES, text) == expected


def test_suffix_none_keeps_words_whole():
    g = Gazetteer([("tehran", normalise("طهران"))], suffixes="none")
    assert found(g, "بطهران") == [("tehran", "طهران")]
    assert found(g, "طهراني") == []


def test_clitics_off():
    g = Gazetteer([("ARM", normalise("أرمينيا"))], clitics=False)
    assert found(g, "وأرمينيا") == []
    assert found(g, "أرمينيا") == [("ARM", "ارمينيا")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الحكومة الإلكترونية", [("e_government", "الحكومه الالكترونيه")]),
        ("بالحكومة الإلكترونية", [("e_government", "الحكومه الالكترونيه")]),
        ("للحكومة الإلكترونية", [("e_government", "للحكومه الالكترونيه")]),
        ("الحكومة وحدها", [("gov", "الحكومه")]),
        ("مراكز البيانات ومركزها", [("data_centres", "مراكز البيانات")]),
        ("مرکز داده‌ها", [("data_centres", "مركز داده")]),  # ZWNJ + ها is a separate word
        ("data centres", [("data_centres", "data centres")]),
        ("وزير الاتصالات وتكنولوجيا المعلومات", []),
        ("مجال الاتصالات وتكنولوجيا المعلومات", [("telecom", "الاتصالات وتكنولوجيا المعلومات")]),
    ],
)
def test_longest_match_and_exclusions(text, expected):
    g = Gazetteer(
        [("gov", normalise("الحكومة")), ("e_government", normalise("الحكومة الإلكترونية")),
         ("data_centres", normalise("مراكز البيانات")), ("data_centres", normalise("مرکز داده")),
         ("data_centres", "data centre"), ("telecom", normalise("الاتصالات وتكنولوجيا المعلومات"))],
        suffixes="nominal",
        exclusions=["وزير الاتصالات وتكنولوجيا المعلومات"],
    )
    assert found(g, text) == expected


def test_matches_are_sorted_and_disjoint():
    g = Gazetteer([("a", "ab"), ("b", "ab cd"), ("c", "cd")])
    norm = "ab cd cd ab"
    assert g.find(norm) == [Match("b", 0, 5), Match("c", 6, 8), Match("a", 9, 11)]


def test_cased_entries_need_the_original_text():
    g = Gazetteer([], cased=[("USA", "US")])
    assert g.find("us") == []
    assert g.find("us", "US") == [Match("USA", 0, 2)]


def test_empty_and_bad_mode():
    assert Gazetteer([]).find("anything") == []
    assert COUNTRIES.find("") == []
    with pytest.raises(ValueError):
        Gazetteer([], suffixes="plural")


@pytest.mark.parametrize(("alias", "cased"), [("US", True), ("U.S.", True), ("UAE", True), ("IoT", True),
                                                ("Iran", False), ("ICT sector", False), ("5G", False), ("ایران", False)])
def test_is_cased_acronym(alias, cased):
    assert is_cased_acronym(alias) is cased


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.org/irna/iran-armenia", []),
        ("www.iran.ir", []),
        ("info@iran.ir", []),
        ("Iran / Armenia", [("IRN", "iran")]),
        ("Iran.", [("IRN", "iran")]),
        ("iran.ir/news", []),
        ("U.S./Iran", [("IRN", "iran")]),
    ],
)
def test_no_matches_inside_links(text, expected):
    assert found(Gazetteer([("IRN", "iran")]), text) == expected
