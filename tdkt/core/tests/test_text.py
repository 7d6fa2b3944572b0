"""Pure tests for tdkt.core.text (no Django, no database)."""

import datetime as dt
import random
import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.core.text import (
    TWO_DIGIT_YEAR_PIVOT,
    VI_DIACRITIC_LETTERS,
    detect_legacy,
    fold,
    format_date,
    format_decimal,
    format_money,
    format_number,
    format_percent,
    format_percent_from_ratio,
    nfc,
    parse_date,
    parse_int,
    parse_year,
    person_sort_key,
    split_full_name,
    to_tcvn3,
    to_unicode,
    to_vni,
    vi_sort_key,
)


@pytest.fixture(autouse=True)
def _fast_hashing():
    """Shadow the project-wide autouse fixture that needs Django: these tests are pure."""


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --------------------------------------------------------------------------- nfc / fold


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  Nguyễn   Văn\tAn \n", "Nguyễn Văn An"),
        (nfd("Nguyễn Văn An"), "Nguyễn Văn An"),
        ("a\u00a0\u00a0b", "a b"),
        ("\ufeffab\u200bc", "abc"),
    ],
)
def test_nfc(raw, expected):
    assert nfc(raw) == expected
    assert unicodedata.is_normalized("NFC", nfc(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("ĐẶNG", "dang"),
        ("đường Trường Sơn", "duong truong son"),
        (nfd("Thi đua  Khen thưởng"), "thi dua khen thuong"),
        ("  Ủy ban   nhân dân ", "uy ban nhan dan"),
        ("Ỹ ỹ Ỵ", "y y y"),
        (None, ""),
        ("Straße Ærø", "strasse aero"),
        ("中文 abc", "abc"),
    ],
)
def test_fold(raw, expected):
    assert fold(raw) == expected


@given(st.text())
def test_fold_idempotent_and_ascii(s):
    f = fold(s)
    assert f.isascii()
    assert fold(f) == f
    assert f == f.lower()
    assert "  " not in f and f == f.strip()


@given(st.text())
def test_fold_ignores_normal_form(s):
    assert fold(unicodedata.normalize("NFC", s)) == fold(unicodedata.normalize("NFD", s))


@given(st.text())
def test_nfc_is_idempotent(s):
    assert nfc(nfc(s)) == nfc(s)


# --------------------------------------------------------------------------- collation

# Hand-written list in Vietnamese dictionary order.
ORDERED_WORDS = [
    "a",
    "à",
    "ả",
    "ã",
    "á",
    "ạ",
    "ác",
    "ạc",
    "ai",
    "an",
    "anh",
    "ánh",
    "ăn",
    "ắn",
    "âm",
    "ẩm",
    "ba",
    "bà",
    "bả",
    "bã",
    "bá",
    "bạ",
    "bác",
    "bạc",
    "bách",
    "cá",
    "da",
    "dù",
    "đa",
    "đà",
    "đùa",
    "e",
    "em",
    "ê",
    "êm",
    "gà",
    "hoa",
    "hoà",
    "hoá",
    "i",
    "kê",
    "la",
    "ma",
    "ma cà rồng",
    "mà",
    "mả",
    "mã",
    "má",
    "mạ",
    "mác",
    "nga",
    "ngà",
    "o",
    "ò",
    "oa",
    "ô",
    "ồ",
    "ôm",
    "ơ",
    "ờ",
    "ơn",
    "phở",
    "qua",
    "rau",
    "sao",
    "tổ 2",
    "tổ 10",
    "u",
    "ù",
    "ung",
    "ư",
    "ừ",
    "ưng",
    "va",
    "xa",
    "y",
    "ý",
    "yêu",
]


def test_sort_key_orders_dictionary_words():
    shuffled = ORDERED_WORDS[:]
    random.Random(1).shuffle(shuffled)
    assert sorted(shuffled, key=vi_sort_key) == ORDERED_WORDS


@given(st.permutations(ORDERED_WORDS))
def test_sort_key_orders_any_permutation(words):
    assert sorted(words, key=vi_sort_key) == ORDERED_WORDS


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a", "ă"),
        ("ă", "â"),
        ("â", "b"),
        ("d", "đ"),
        ("đ", "e"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("ơ", "p"),
        ("u", "ư"),
        ("ư", "v"),
        ("e", "ê"),
        ("an", "anh"),
        ("ma", "mà"),
        ("mà", "mả"),
        ("mả", "mã"),
        ("mã", "má"),
        ("má", "mạ"),
        ("mạ", "mác"),
        ("2", "10"),
        ("9", "a"),
        ("z", "中"),
    ],
)
def test_sort_key_pairs(a, b):
    assert vi_sort_key(a) < vi_sort_key(b)


def test_sort_key_case_and_form_insensitive():
    assert vi_sort_key("NGUYỄN") == vi_sort_key("nguyễn") == vi_sort_key(nfd("Nguyễn"))
    assert vi_sort_key("Trần-Văn") == vi_sort_key("trần văn")
    assert vi_sort_key("") == vi_sort_key(None) == ""


_VI_LOWER = "abcdeghiklmnopqrstuvxy" + "".join(VI_DIACRITIC_LETTERS)
_VI_TEXT = st.text(alphabet=_VI_LOWER + _VI_LOWER.upper() + " 0123456789-.", max_size=30)
_KEY_RE = re.compile(r"(?:[a-h][0-9])*")


@given(_VI_TEXT | st.text(max_size=30))
def test_sort_key_is_collation_safe(s):
    """Only 2-char units letter a–h + digit: no digit runs (numeric
    collations), no adjacent letters (contractions), no case, no accents."""
    key = vi_sort_key(s)
    assert _KEY_RE.fullmatch(key)
    assert key.isascii()


_ALPHA = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_BASE = {"ă": "a\u0306", "â": "a\u0302", "ê": "e\u0302", "ô": "o\u0302", "ơ": "o\u031b", "ư": "u\u031b"}
_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


@st.composite
def syllables(draw):
    letters = draw(st.lists(st.sampled_from(_ALPHA), min_size=1, max_size=5))
    tones = [draw(st.integers(0, 5)) if ch in "aăâeêioôơuưy" else 0 for ch in letters]
    text = "".join(_BASE.get(ch, ch) + _TONES[t] for ch, t in zip(letters, tones, strict=True))
    reference = (
        [_ALPHA.index(ch) for ch in letters],
        [t for ch, t in zip(letters, tones, strict=True) if t or ch in "aăâeêioôơuưy"],
    )
    return unicodedata.normalize("NFC", text), reference


def _reference_key(words):
    # Syllable by syllable: letters first (shorter prefix first), then tones.
    return [(letters + [-1], tones) for letters, tones in words]


@given(st.lists(syllables(), min_size=1, max_size=3), st.lists(syllables(), min_size=1, max_size=3))
def test_sort_key_matches_reference_order(a, b):
    text_a = " ".join(w for w, _ in a)
    text_b = " ".join(w for w, _ in b)
    ref_a = _reference_key([r for _, r in a])
    ref_b = _reference_key([r for _, r in b])
    key_a, key_b = vi_sort_key(text_a), vi_sort_key(text_b)
    assert (key_a < key_b) == (ref_a < ref_b)
    assert (key_a == key_b) == (ref_a == ref_b)


def test_person_sort_key():
    people = [
        ("Trần", "Thị", "Bình"),
        ("Lê", "Văn", "Ánh"),
        ("Nguyễn", "Văn", "An"),
        ("Phạm", "", "Anh"),
        ("Đỗ", "Thị", "Ân"),
    ]
    ordered = sorted(people, key=lambda p: person_sort_key(*p))
    # Exact expectations: an < anh < ánh (letters first, then tone) < ân < bình.
    assert ordered == [
        ("Nguyễn", "Văn", "An"),
        ("Phạm", "", "Anh"),
        ("Lê", "Văn", "Ánh"),
        ("Đỗ", "Thị", "Ân"),
        ("Trần", "Thị", "Bình"),
    ]


def test_person_sort_key_ties():
    an = person_sort_key("Nguyễn", "Văn", "An")
    assert an < person_sort_key("Lê", "Văn", "Ánh") < person_sort_key("Trần", "Thị", "Bình")
    # Same given name: middle decides, an empty middle first; then family.
    assert person_sort_key("Nguyễn", "", "An") < an
    assert person_sort_key("Lê", "Văn", "An") < an
    assert person_sort_key("nguyễn", "văn", "an") == an
    assert _KEY_RE.fullmatch(an)


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
        ("Nguyễn Văn An", ("Nguyễn", "Văn", "An")),
        ("  Lê   Lợi ", ("Lê", "", "Lợi")),
        ("Hoa", ("", "", "Hoa")),
        ("", ("", "", "")),
        (None, ("", "", "")),
        (nfd("Trần Thị Bình"), ("Trần", "Thị", "Bình")),
    ],
)
def test_split_full_name(full, parts):
    assert split_full_name(full) == parts


# --------------------------------------------------------------------------- legacy encodings

ALL_LETTERS = list(VI_DIACRITIC_LETTERS) + [c.upper() for c in VI_DIACRITIC_LETTERS]


def test_letter_inventory():
    assert len(ALL_LETTERS) == 134
    assert len(set(ALL_LETTERS)) == 134
    assert all(unicodedata.is_normalized("NFC", c) for c in ALL_LETTERS)


@pytest.mark.parametrize(
    ("legacy", "expected", "encoding"),
    [
        ("NguyÔn V¨n An", "Nguyễn Văn An", "tcvn3"),
        ("§Æng ThÞ Hång", "Đặng Thị Hồng", "tcvn3"),
        ("Tr\u00adêng §¹i häc B¸ch khoa Hµ Néi", "Trường Đại học Bách khoa Hà Nội", "tcvn3"),
        ("Hµ NéI", "HÀ NỘI", "tcvn3"),  # caps typed with lowercase tone codes
        ("TR¦êNG THPT NGUYÔN DU", "TRƯỜNG THPT NGUYỄN DU", "tcvn3"),
        ("Chiến sĩ thi đua", "Chiến sĩ thi đua", None),
        ("Nguyeãn Vaên An", "Nguyễn Văn An", "vni"),
        ("Ngöôøi Vieät Nam", "Người Việt Nam", "vni"),
        ("Ñaëng Thò Hoàng", "Đặng Thị Hồng", "vni"),
        ("NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN", "vni"),
        ("Hoøa Bình", "Hòa Bình", "vni"),
        ("Chieán só thi ñua cô sôû", "Chiến sĩ thi đua cơ sở", "vni"),
    ],
)
def test_legacy_examples(legacy, expected, encoding):
    assert detect_legacy(legacy) == encoding
    assert to_unicode(legacy) == expected


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_tcvn3_round_trip_every_letter(letter):
    # TCVN3 has no uppercase toned codes: an uppercase letter round-trips in
    # an all-caps word, a lowercase one in a lowercase word.
    text = f"TR{letter}NG NGUYỄN VĂN" if letter.isupper() else f"tr{letter}ng của Nguyễn Văn Đặng"
    legacy = to_tcvn3(text)
    assert legacy.encode("latin-1")  # really single-byte text
    assert to_unicode(legacy) == text
    assert to_unicode(legacy, hint="tcvn3") == text


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_round_trip_every_letter(letter):
    text = f"{letter} của Nguyễn Văn Đặng"
    legacy = to_vni(text)
    assert legacy.encode("latin-1")
    assert to_unicode(legacy) == text
    assert to_unicode(legacy, hint="vni") == text


def test_tcvn3_table_is_injective():
    codes = [to_tcvn3(c) for c in VI_DIACRITIC_LETTERS] + [to_tcvn3(c) for c in "ĂÂÊÔƠƯĐ"]
    assert all(len(c) == 1 and 0xA1 <= ord(c) <= 0xFE for c in codes)
    assert len(set(codes)) == len(codes)


def test_vni_table_is_injective():
    seqs = [to_vni(c) for c in ALL_LETTERS]
    assert len(set(seqs)) == len(seqs)


def test_unicode_and_ascii_pass_through():
    for s in ["", "Hello world", "Nguyễn Văn An", "Tôi là giáo viên", "cà phê", "Hoà", "café naïve"]:
        assert to_unicode(s) == s
        assert detect_legacy(s) is None
    assert to_unicode(nfd("Nguyễn Văn An")) == "Nguyễn Văn An"
    assert to_unicode(None) == ""


def test_hint_decodes_ambiguous_cell():
    # "cô" alone is valid Unicode *and* valid VNI ("cơ"); the hint decides.
    assert to_unicode("coâ") == "cô"
    assert to_unicode("cô") == "cô"
    assert to_unicode("cô", hint="vni") == "cơ"
    # A clearly-Unicode cell is never touched by a hint.
    assert to_unicode("Nguyễn", hint="tcvn3") == "Nguyễn"


VI_WORDS = """tôi là giáo viên cà phê hoà hoá toà án chè xôi mì ý kiến bà cô chú anh em của chúng ta
người việt nam trường học sinh thi đua khen thưởng bằng giấy chứng nhận cán bộ công chức quyết định
năm tháng ngày quý giữ nghiêng khuya oanh gì gió giường yêu uyên khuyên oai xoong tốt ích óc uống
tuần khuây muốn tiền thuế xoay cái này kia đó đây và hoặc với cho lao động tiên tiến chiến sĩ cơ sở
toàn quốc hoàn thành xuất sắc nhiệm vụ phòng ban ủy nhân dân tỉnh huyện xã phường hà nội hải đà nẵng
cần thơ huế vinh thái bình nguyễn trần lê phạm hoàng phan võ đặng bùi đỗ hồ ngô lý văn thị minh hùng
lan hương hoa mai cúc trúc đào sơn tùng quân khải khai bảo châu mười hai ba bốn sáu bảy tám chín""".split()
LATIN1_VI_WORDS = [w for w in VI_WORDS if all(ord(c) < 256 for c in w)]


@settings(max_examples=200)
@given(
    st.lists(st.sampled_from(VI_WORDS), min_size=1, max_size=12),
    st.booleans(),
    st.sampled_from(["NFC", "NFD"]),
)
def test_no_false_detection_on_vietnamese(words, capitalise, form):
    sentence = " ".join(words)
    if capitalise:
        sentence = sentence[0].upper() + sentence[1:] + "."
    sentence = unicodedata.normalize(form, sentence)
    assert detect_legacy(sentence) is None
    assert to_unicode(sentence) == unicodedata.normalize("NFC", sentence)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(LATIN1_VI_WORDS), min_size=1, max_size=12))
def test_no_false_detection_on_latin1_only_vietnamese(words):
    # Every character of these sentences is also a TCVN3/VNI code point.
    sentence = " ".join(words)
    assert detect_legacy(sentence) is None
    assert to_unicode(sentence) == sentence


EN_WORDS = """the report was approved by the committee and the award ceremony will take place
in march with all staff members from every department of the ministry café naïve résumé
façade Müller Zoë Noël São Paulo Ångström über fiancée piñata déjà vu coöperate £100 50°C
© ® ± ½ × ÷ « » – — “ ” ‘ ’ … • €5 smörgåsbord Björk Dvořák""".split()


@settings(max_examples=200)
@given(st.lists(st.sampled_from(EN_WORDS), min_size=1, max_size=15))
def test_no_false_detection_on_english(words):
    sentence = " ".join(words)
    assert detect_legacy(sentence) is None
    assert to_unicode(sentence) == unicodedata.normalize("NFC", sentence)


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_never_detected(s):
    assert detect_legacy(s) is None
    assert to_unicode(s) == s


@settings(max_examples=100)
@given(st.lists(st.sampled_from(VI_WORDS), min_size=2, max_size=10))
def test_legacy_round_trip_sentences(words):
    sentence = " ".join(words)
    for encode, name in ((to_tcvn3, "tcvn3"), (to_vni, "vni")):
        legacy = encode(sentence)
        if legacy == sentence:
            continue
        decoded = to_unicode(legacy, hint=name)
        assert decoded == sentence


# --------------------------------------------------------------------------- formatting


def test_numbers_beyond_the_default_precision_are_formatted_not_crashed():
    # A 40-digit cell in an import is refused with its value in the message (it once raised InvalidOperation).
    assert format_number(10**40) == "10" + ".000" * 13
    assert (
        format_decimal(Decimal("12345678901234567890123456789.5"), 1)
        == "12.345.678.901.234.567.890.123.456.789,5"
    )
    with pytest.raises(ValueError, match="lớn hơn giá trị tối đa"):
        parse_int(str(10**40), max_value=10**12)


def test_formatting():
    assert format_number(1234567) == "1.234.567"
    assert format_number(0) == "0"
    assert format_number(-1234) == "-1.234"
    assert format_number(999.5) == "1.000"
    assert format_number(None) == ""
    assert format_decimal(70.3249, 2) == "70,32"
    assert format_decimal(70.325, 2) == "70,33"  # half up, not banker's
    assert format_decimal(1234.5, 1) == "1.234,5"
    assert format_decimal(Decimal("-0.001"), 2) == "0,00"
    assert format_percent(70.32) == "70,32 %"
    assert format_percent(100, 0) == "100 %"
    assert format_percent_from_ratio(0.7032) == "70,32 %"
    assert format_percent_from_ratio(Decimal("0.5")) == "50,00 %"
    assert format_date(dt.date(2026, 3, 5)) == "05/03/2026"
    assert format_date(dt.datetime(2026, 12, 31, 23, 59)) == "31/12/2026"
    assert format_date(None) == ""
    assert format_money(1800000) == "1.800.000 đ"
    assert format_money(Decimal("1800000.4")) == "1.800.000 đ"


def test_formatting_rejects_non_numbers():
    with pytest.raises(ValueError):
        format_number("abc")
    with pytest.raises(ValueError):
        format_number(float("nan"))


# --------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 3, 5), dt.date(2026, 3, 5)),
        (dt.datetime(2026, 3, 5, 14, 0), dt.date(2026, 3, 5)),
        ("05/03/2026", dt.date(2026, 3, 5)),
        (" 5/3/2026 ", dt.date(2026, 3, 5)),
        ("5-3-2026", dt.date(2026, 3, 5)),
        ("05.03.2026", dt.date(2026, 3, 5)),
        ("5/3/26", dt.date(2026, 3, 5)),
        ("1/1/49", dt.date(2049, 1, 1)),
        ("1/1/50", dt.date(1950, 1, 1)),
        ("31/12/99", dt.date(1999, 12, 31)),
        ("2026-03-05", dt.date(2026, 3, 5)),
        ("2026-03-05 08:30:00", dt.date(2026, 3, 5)),
        (45000, dt.date(2023, 3, 15)),
        (45000.75, dt.date(2023, 3, 15)),
        (Decimal("46086"), dt.date(2026, 3, 5)),
        (1, dt.date(1900, 1, 1)),
        (59, dt.date(1900, 2, 28)),
        (61, dt.date(1900, 3, 1)),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_two_digit_pivot_documented():
    assert TWO_DIGIT_YEAR_PIVOT == 50


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "abc",
        "31/02/2026",
        "2026/03/05x",
        "13/13/2026",
        "05/03",
        0,
        -5,
        60,
        10**9,
        1e28,  # a fuzzed spreadsheet cell: too large for Decimal's exact division
        10**40,
        True,
        float("nan"),
        [],
        "45000",
    ],
)
def test_parse_date_errors(value):
    with pytest.raises(ValueError) as exc:
        parse_date(value)
    message = str(exc.value)
    assert any(word in message for word in ("Ngày", "ngày", "Thiếu", "Giá trị", "số"))


def test_parse_int_and_year():
    assert parse_int(12) == 12
    assert parse_int(12.0) == 12
    assert parse_int("1.234.567") == 1234567
    assert parse_int("1 234") == 1234
    assert parse_int(" 12,0 ") == 12
    assert parse_int("-5") == -5
    assert parse_int(Decimal("7")) == 7
    for bad in ["1,5", "abc", "", None, True, 1.5, "1.23"]:
        with pytest.raises(ValueError):
            parse_int(bad)
    with pytest.raises(ValueError, match="tối thiểu"):
        parse_int("3", min_value=5)
    with pytest.raises(ValueError, match="tối đa"):
        parse_int("30", max_value=5)
    assert parse_year("2025") == 2025
    assert parse_year(2025.0) == 2025
    assert parse_year(dt.date(2024, 5, 1)) == 2024
    for bad in ["25", "abc", 3000, None]:
        with pytest.raises(ValueError, match="Năm"):
            parse_year(bad)
