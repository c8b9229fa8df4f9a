"""Numbers written in digits of three scripts, with separators, words and scale words."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from techdiplomacy.extract import numbers, numerals
from techdiplomacy.text.normalisation import normalise


@pytest.mark.parametrize(
    "written, value",
    [
        # digits in three scripts, with their separators
        ("25", 25), ("٢٥", 25), ("۲۵", 25),
        ("1,500", 1500), ("١٬٥٠٠", 1500), ("۱٬۵۰۰", 1500), ("12,345,678", 12345678),
        ("1.5", 1.5), ("١٫٥", 1.5), ("۱٫۵", 1.5), ("2,5", 2.5), ("1.500.000", 1500000),
        ("12,345,678.5", 12345678.5),
        # scale words
        ("2 million", 2e6), ("2.5 مليار", 2.5e9), ("۵۰۰ هزار", 5e5), ("۱٫۵ میلیارد", 1.5e9),
        ("11bn", 11e9), ("3.2m", 3.2e6), ("٣ مليون", 3e6), ("۲ هزار میلیارد", 2e12),
        # Arabic words, duals and compounds
        ("خمسة وعشرين", 25), ("خمسة وعشرون", 25), ("ثلاثة آلاف", 3000), ("ملياري", 2e9),
        ("مليونين", 2e6), ("ألفين", 2000), ("ألف", 1000), ("اثنا عشر", 12), ("خمسة عشر", 15),
        ("مائة", 100), ("خمسمائة", 500), ("ثلاثة ملايين وخمسمائة ألف", 3.5e6), ("عشرين ألف مليار", 2e13), ("ألف مليار", 1e12), ("عشرة", 10),
        # Persian words
        ("بیست و پنج", 25), ("سیصد", 300), ("دو میلیون", 2e6), ("یکصد و بیست", 120), ("هزار", 1000), ("هزار میلیارد", 1e12), ("دو هزار و پانصد", 2500),
        ("پانزده", 15),
        # English words
        ("twenty-five", 25), ("three hundred", 300), ("two hundred and fifty", 250), ("two million", 2e6),
        ("one hundred twenty", 120), ("a dozen", None), ("dozen", 12),
    ],
)
def test_parse(written, value):
    assert numerals.parse(written) == value


@pytest.mark.parametrize("written", ["", "abc", "وزير", "5G", "1-2", "--"])
def test_parse_not_a_number(written):
    assert numerals.parse(written) is None


@pytest.mark.parametrize(
    "text, language, found",
    [
        ("بلغ 2.5 مليار دولار و25% من", "ar", [(2.5e9, "2.5 مليار"), (25, "25")]),
        ("حدود ۱/۵ میلیارد دلار", "fa", [(1.5e9, "1/5 ميليارد")]),
        ("خمسة وعشرين شركة، ملياري دولار", "ar", [(25, "خمسه وعشرين"), (2e9, "ملياري")]),
        ("sold $11bn, 5G, COP28, 10:30, 1403/05/12 and 1,500 companies", "en",
         [(11e9, "11bn"), (1500, "1,500")]),
        ("x5 a5 +98 21-88 و٢٥٪", "ar", [(25, "25")]),
        # Persian number words are other words in Arabic, and clitics make more of them
        ("ضبط بنود التحري وكمية السكر وقناة سي إن إن", "ar", []),
        ("بیست و پنج شرکت", "fa", [(25, "بيست و پنج")]),
    ],
)
def test_find(text, language, found):
    norm = normalise(text)
    got = [(n.value, norm[n.start:n.end]) for n in numbers.find(norm, language)]
    assert got == found


def test_slash_decimal_is_persian_only():
    norm = normalise("1/5 million")
    assert numbers.find(norm, "en") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_find_spans_lie_in_text(text):
    norm = normalise(text)
    for n in numbers.find(norm, "fa"):
        assert 0 <= n.start < n.end <= len(norm)


@pytest.mark.parametrize(
    "text, language, values",
    [
        ("بلغت مليار ونصف المليار دولار", "ar", [1.5e9]),
        ("مليارين ونصف المليار", "ar", [2.5e9]),
        ("ثلاثة ملايين ونصف", "ar", [3.5e6]),
        ("دو میلیون و نیم نفر", "fa", [2.5e6]),
        ("یک میلیارد و ۲۰۰ میلیون دلار", "fa", [1.2e9]),
        ("3 ملايين و500 ألف", "ar", [3.5e6]),
        ("4 مليارات و842 مليون و917 ألف", "ar", [4842917000.0]),
        ("بلغ تريليوني دينار", "ar", [2e12]),
        # two amounts, not one: the second does not complete the first's last group
        ("500 ألف و200 ألف", "ar", [5e5, 2e5]),
        ("100 ألف و50 ألف دولار", "ar", [1e5, 5e4]),
        ("1000 شركة و 200 مؤسسة", "ar", [1000.0, 200.0]),
    ],
)
def test_halves_and_joined_scale_groups(text, language, values):
    norm = normalise(text)
    assert [n.value for n in numbers.find(norm, language)] == values
