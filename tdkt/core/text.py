"""Vietnamese text helpers: normalisation, search folding, collation keys,
name splitting, legacy-encoding repair, number/date formatting and parsing.

Everything here is pure Python (no Django, no database) so it can be used from
models, forms, importers, reports and tests alike.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

__all__ = [
    "nfc",
    "fold",
    "vi_sort_key",
    "person_sort_key",
    "split_full_name",
    "detect_legacy",
    "to_unicode",
    "to_tcvn3",
    "to_vni",
    "format_number",
    "format_decimal",
    "format_percent",
    "format_percent_from_ratio",
    "format_date",
    "format_money",
    "parse_date",
    "parse_int",
    "parse_year",
    "TWO_DIGIT_YEAR_PIVOT",
    "VI_DIACRITIC_LETTERS",
]

# ---------------------------------------------------------------------------
# Normalisation and folding
# ---------------------------------------------------------------------------

# Invisible characters that are never wanted in stored text.
# (U+00AD soft hyphen is kept: it is the TCVN3 code of "ư".)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\ufeff\u2060"), None)


def nfc(s: str | None) -> str:
    """Return ``s`` in Unicode NFC with runs of whitespace collapsed to one
    space and both ends stripped. ``None`` becomes ``""``.

    Zero-width spaces, word joiners and byte-order marks are removed.
    """
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s)).translate(_INVISIBLE)
    return " ".join(s.split())


# Letters that do not decompose to an ASCII base letter under NFKD.
_FOLD_EXTRA = str.maketrans(
    {
        "đ": "d",
        "ð": "d",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ł": "l",
        "ı": "i",
        "þ": "th",
    }
)


def fold(s: str | None) -> str:
    """Search form of ``s``: lowercase ASCII without diacritics.

    ``đ``/``Đ`` become ``d``; NFC and NFD input give the same result; runs of
    whitespace collapse to one space. Characters that have no ASCII
    equivalent (e.g. CJK) are dropped, so the result is always pure ASCII.
    ``None`` becomes ``""``. ``fold(fold(x)) == fold(x)``.
    """
    if s is None:
        return ""
    s = unicodedata.normalize("NFKD", str(s)).lower()
    s = unicodedata.normalize("NFKD", s.translate(_FOLD_EXTRA))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.encode("ascii", "ignore").decode("ascii")
    return " ".join(s.split())


# ---------------------------------------------------------------------------
# Letter decomposition shared by collation, legacy encodings and detection
# ---------------------------------------------------------------------------

# Tone marks in Vietnamese dictionary order (index = tone number).
# 0 none, 1 huyền (grave), 2 hỏi (hook), 3 ngã (tilde), 4 sắc (acute), 5 nặng (dot).
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_TONE_OF_MARK = {m: i for i, m in enumerate(_TONE_MARKS) if m}

# The 12 Vietnamese vowel letters as NFD bases (letter + vowel diacritic).
_VOWEL_BASES = {
    "a": "a",
    "ă": "a\u0306",
    "â": "a\u0302",
    "e": "e",
    "ê": "e\u0302",
    "i": "i",
    "o": "o",
    "ô": "o\u0302",
    "ơ": "o\u031b",
    "u": "u",
    "ư": "u\u031b",
    "y": "y",
}
# Vowel-diacritic combinations that make a distinct letter of the alphabet.
_LETTER_OF_MARK = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def _compose(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", _VOWEL_BASES[base] + _TONE_MARKS[tone])


# (base letter, tone) -> NFC lowercase character, for every toned vowel.
_VOWEL_CHARS = {(b, t): _compose(b, t) for b in _VOWEL_BASES for t in range(6)}

# Every Vietnamese letter (lowercase) -> (base letter, tone).
_LETTER_INFO: dict[str, tuple[str, int]] = {ch: key for key, ch in _VOWEL_CHARS.items()}
for _c in "bcdghklmnpqrstvx":
    _LETTER_INFO[_c] = (_c, 0)
_LETTER_INFO["đ"] = ("đ", 0)
del _c

#: All lowercase letters that carry a Vietnamese diacritic (67 of them).
VI_DIACRITIC_LETTERS = tuple(ch for ch in _LETTER_INFO if not ch.isascii())

# ---------------------------------------------------------------------------
# Collation
# ---------------------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # Vietnamese + f j w z
_VOWEL_LETTERS = frozenset("aăâeêioôơuưy")

_SEP = 0  # between components of a composite key
_END = 1  # end of a word's letters; tones follow
_TONE0 = 2  # tones 0..5 -> 2..7
_NUMLEN0 = 9  # digit-run length 1..10 -> 10..19
_DIGIT0 = 20  # digits 0..9 -> 20..29
_LETTER0 = 30  # letters -> 30..62
_OTHER = 79  # any other character, followed by its code point


def _unit(v: int) -> str:
    """Encode 0 <= v < 80 as a fixed-width unit: one letter a–h then one digit.

    Letters and digits alternate, so no run of digits is longer than one
    (numeric collations cannot reinterpret it) and no two letters are
    adjacent (locale contractions such as "ch", "aa" or "ll" cannot form).
    """
    return "abcdefgh"[v // 10] + "0123456789"[v % 10]


def _letters_of(s: str):
    """Yield ('L', letter, tone) / ('D', digit) / ('O', char) / ('S', None)
    items for ``s``; 'S' marks a word boundary (space or punctuation)."""
    s = unicodedata.normalize("NFD", s.lower())
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        i += 1
        marks = []
        while i < n and unicodedata.combining(s[i]):
            marks.append(s[i])
            i += 1
        if unicodedata.combining(ch):  # stray mark with no base letter
            continue
        if "0" <= ch <= "9":
            yield ("D", ch)
            continue
        if ch == "đ" or ch == "ð":
            yield ("L", "đ", 0)
            continue
        if "a" <= ch <= "z":
            letter, tone = ch, 0
            for m in marks:
                if m in _TONE_OF_MARK:
                    tone = _TONE_OF_MARK[m]
                elif (letter, m) in _LETTER_OF_MARK:
                    letter = _LETTER_OF_MARK[(letter, m)]
            yield ("L", letter, tone if letter in _VOWEL_LETTERS else 0)
            continue
        folded = fold(ch)
        if folded and folded.isalpha():
            for c in folded:
                yield ("L", c, 0)
            continue
        if ch.isalnum():
            yield ("O", ch)
            continue
        yield ("S", None)


def vi_sort_key(s: str | None) -> str:
    """Collation key for Vietnamese dictionary order, as a plain ASCII string.

    Order implemented (case-insensitive):

    * Text is compared word by word (a word = letters and digits between
      spaces or punctuation; punctuation itself is ignored).
    * Within a word the letters are compared first using the Vietnamese
      alphabet ``a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y``
      (foreign ``f j w z`` sit at their Latin places); a shorter word that is
      a prefix of a longer one sorts first (``an`` < ``anh``).
    * Only when the letters are equal do tones decide, in dictionary order:
      none, huyền, hỏi, ngã, sắc, nặng (``ma`` < ``mà`` < ``mả`` < ``mã`` <
      ``má`` < ``mạ`` < ``mác``). Hence ``ma cà`` < ``mà`` (syllable order).
    * Digit runs compare as numbers (``2`` < ``10``) and before letters.
    * Other characters (other scripts, symbols that are alphanumeric) sort
      after letters, by code point.

    The key is made of 2-character units (a letter ``a``–``h`` followed by a
    digit), so byte order, ``C`` collation and any linguistic collation
    (glibc/ICU ``en_US``, ``vi_VN``...) order the keys identically; store it
    in a column and ``ORDER BY`` it on SQLite or PostgreSQL.
    """
    if not s:
        return ""
    out: list[str] = []
    word_tones: list[int] = []
    in_word = False
    digits = ""

    def flush_digits():
        nonlocal digits
        if digits:
            num = digits.lstrip("0") or "0"
            out.append(_unit(_NUMLEN0 + min(len(num), 10)))
            out.extend(_unit(_DIGIT0 + int(d)) for d in num)
            digits = ""

    def end_word():
        nonlocal in_word
        flush_digits()
        if in_word:
            out.append(_unit(_END))
            out.extend(_unit(_TONE0 + t) for t in word_tones)
            word_tones.clear()
            in_word = False

    for item in _letters_of(str(s)):
        kind = item[0]
        if kind == "S":
            end_word()
            continue
        in_word = True
        if kind == "D":
            digits += item[1]
            continue
        flush_digits()
        if kind == "L":
            _, letter, tone = item
            out.append(_unit(_LETTER0 + _ALPHABET.index(letter)))
            if letter in _VOWEL_LETTERS:
                word_tones.append(tone)
        else:
            cp = ord(item[1])
            out.append(_unit(_OTHER))
            for power in (80**3, 80**2, 80, 1):
                out.append(_unit(cp // power % 80))
    end_word()
    return "".join(out)


def person_sort_key(family: str | None, middle: str | None, given: str | None) -> str:
    """Collation key for a Vietnamese person's name.

    Order: given name (tên) first, then middle name (tên đệm), then family
    name (họ), each by :func:`vi_sort_key`; an empty part sorts before any
    non-empty one. A final tie-breaker compares the full name in natural
    order ("họ đệm tên"). Example: ``Nguyễn Văn An`` < ``Lê Văn Ánh`` <
    ``Trần Thị Bình``.
    """
    sep = _unit(_SEP)
    parts = [nfc(given), nfc(middle), nfc(family)]
    full = " ".join(p for p in (parts[2], parts[1], parts[0]) if p)
    return sep.join(vi_sort_key(p) for p in [*parts, full])


def split_full_name(full_name: str | None) -> tuple[str, str, str]:
    """Split a Vietnamese full name into ``(family, middle, given)``.

    The first word is the family name, the last word the given name and
    everything in between the middle name: ``"Nguyễn Thị Minh Khai"`` ->
    ``("Nguyễn", "Thị Minh", "Khai")``. One word is taken as a given name.
    Compound family names (e.g. "Tôn Nữ") cannot be recognised reliably and
    end up in the middle part.
    """
    words = nfc(full_name).split(" ")
    words = [w for w in words if w]
    if not words:
        return ("", "", "")
    if len(words) == 1:
        return ("", "", words[0])
    return (words[0], " ".join(words[1:-1]), words[-1])


# ---------------------------------------------------------------------------
# Legacy encodings: TCVN3 (ABC) and VNI-Windows
# ---------------------------------------------------------------------------
#
# Text typed with the .VnTime (TCVN3) or VNI-Times fonts is stored as single
# bytes; when such a file is read as cp1252 each byte becomes the Latin-1
# character with the same value. Both tables below are written in terms of
# those Latin-1 characters.

# TCVN3 byte for each lowercase vowel, tones in order none, huyền, hỏi, ngã, sắc, nặng.
# ``None`` means the ASCII letter itself.
_TCVN3_VOWELS = {
    "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
# TCVN3 only has these uppercase letters; uppercase toned vowels do not
# exist and are typed with the lowercase codes in an all-caps font.
_TCVN3_UPPER = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}

_TCVN3_DECODE: dict[str, str] = {}
for _base, _codes in _TCVN3_VOWELS.items():
    for _tone, _code in enumerate(_codes):
        if _code is not None:
            _TCVN3_DECODE[chr(_code)] = _VOWEL_CHARS[(_base, _tone)]
_TCVN3_DECODE[chr(0xAE)] = "đ"
for _ch, _code in _TCVN3_UPPER.items():
    _TCVN3_DECODE[chr(_code)] = _ch
_TCVN3_ENCODE = {v: k for k, v in _TCVN3_DECODE.items()}
# Characters produced by TCVN3 that are lowercase only because the encoding
# has no uppercase form; they follow the case of their word (see below).
_TCVN3_FLEXIBLE = frozenset(v for k, v in _TCVN3_DECODE.items() if v.islower())

# VNI-Windows: a base letter followed by mark bytes. Lowercase marks below;
# the uppercase marks are the same Latin-1 letters in uppercase.
_VNI_TONE = ("", "ø", "û", "õ", "ù", "ï")  # none, huyền, hỏi, ngã, sắc, nặng
_VNI_CIRC = ("â", "à", "å", "ã", "á", "ä")  # circumflex (+ tone)
_VNI_BREVE = ("ê", "è", "ú", "ü", "é", "ë")  # breve (+ tone)
_VNI_SPELL = {
    "a": ("a", _VNI_TONE),
    "ă": ("a", _VNI_BREVE),
    "â": ("a", _VNI_CIRC),
    "e": ("e", _VNI_TONE),
    "ê": ("e", _VNI_CIRC),
    "o": ("o", _VNI_TONE),
    "ô": ("o", _VNI_CIRC),
    "ơ": ("ô", _VNI_TONE),
    "u": ("u", _VNI_TONE),
    "ư": ("ö", _VNI_TONE),
    "y": ("y", _VNI_TONE),
}
_VNI_I = ("i", "ì", "æ", "ó", "í", "ò")  # i has single-byte toned forms
_VNI_Y_DOT = "î"  # ỵ is a single byte too

_VNI_ENCODE: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
for (_base, _tone), _ch in _VOWEL_CHARS.items():
    if _base == "i":
        _lower = _VNI_I[_tone]
    elif _base == "y" and _tone == 5:
        _lower = _VNI_Y_DOT
    else:
        _letter, _marks = _VNI_SPELL[_base]
        _lower = _letter + _marks[_tone]
    _VNI_ENCODE[_ch] = _lower
    _VNI_ENCODE[_ch.upper()] = _lower.upper()

# Decoder: accept marks of either case after a base of either case; the
# decoded letter takes the case of the base.
_VNI_DECODE: dict[str, str] = {}
for _ch, _seq in _VNI_ENCODE.items():
    if _seq == _ch:
        continue
    _first, _rest = _seq[0], _seq[1:]
    for _variant in {_rest, _rest.lower(), _rest.upper()}:
        _VNI_DECODE[_first + _variant] = _ch
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)))
# Detection only trusts the canonical spellings (mark case = base case).
_VNI_STRICT = {_seq: _ch for _ch, _seq in _VNI_ENCODE.items() if _seq != _ch}
_VNI_STRICT_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_STRICT, key=len, reverse=True)))
del _base, _codes, _tone, _code, _ch, _letter, _marks, _lower, _seq, _first, _rest, _variant

# Windows-1252 puts typographic characters at 0x80–0x9F; they can appear in
# legacy text read as cp1252 and in ordinary Unicode text alike.
_CP1252_EXTRA = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", "ignore"))


def to_tcvn3(s: str) -> str:
    """Encode Unicode text as TCVN3 (ABC), returned as Latin-1 characters.

    Uppercase toned vowels have no TCVN3 code and are written with the
    lowercase code (as an all-caps .VnTimeH font would display them).
    """
    out = []
    for ch in unicodedata.normalize("NFC", s):
        if ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif ch.lower() in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def to_vni(s: str) -> str:
    """Encode Unicode text as VNI-Windows, returned as Latin-1 characters."""
    return "".join(_VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", s))


_WORD_RE = re.compile(r"[A-Za-z\u00a1-\u00ff]+")


def _harmonise_case(text: str, flexible_positions: set[int]) -> str:
    """Uppercase TCVN3 letters whose case is unknown when their word (or the
    whole text) is otherwise in capitals.

    A letter is "firm" when its case is certain (ASCII letters and TCVN3's
    real uppercase codes); toned vowels are "flexible" because TCVN3 only has
    lowercase codes for them. Capitals are assumed when there is no firm
    lowercase letter and some firm uppercase letter stands inside a word
    (not just at its start, which would also fit "Lê Cơ"): first for the
    whole text ("Hµ NéI" -> "HÀ NỘI"), else word by word.
    """
    if not flexible_positions:
        return text
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]

    def all_caps(spans: list[tuple[int, int]]) -> bool:
        inner_upper = False
        for start, end in spans:
            for i in range(start, end):
                if i in flexible_positions or not text[i].isalpha():
                    continue
                if text[i].islower():
                    return False
                if text[i].isupper() and i > start:
                    inner_upper = True
        return inner_upper

    chars = list(text)
    spans = words if all_caps(words) else [w for w in words if all_caps([w])]
    for start, end in spans:
        for i in range(start, end):
            if i in flexible_positions:
                chars[i] = chars[i].upper()
    return "".join(chars)


def _decode_tcvn3(s: str) -> str:
    out = []
    flexible: set[int] = set()
    for i, ch in enumerate(s):
        dec = _TCVN3_DECODE.get(ch, ch)
        if ch in _TCVN3_DECODE and dec in _TCVN3_FLEXIBLE:
            flexible.add(i)
        out.append(dec)
    return _harmonise_case("".join(out), flexible)


def _decode_vni(s: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI_DECODE[m.group(0)], s)


def _decode_vni_strict(s: str) -> str:
    return _VNI_STRICT_RE.sub(lambda m: _VNI_STRICT[m.group(0)], s)


_DECODERS = {"tcvn3": _decode_tcvn3, "vni": _decode_vni}
_DETECTORS = {"tcvn3": _decode_tcvn3, "vni": _decode_vni_strict}

# Plausible Vietnamese syllables (on base letters, tone removed). Open nuclei
# (ending in a glide, or ia/ua/ưa) take no final consonant; closed nuclei
# (ă, â, iê, uô, ươ, oo...) need one; the others may have one.
_INITIALS = "ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdđghklmnprstvx]"  # + qu, gi below
_OPEN_NUCLEI = (
    "iêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyu|yêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu"
)
_CLOSED_NUCLEI = "uyê|iê|yê|uô|ươ|oă|uâ|oo|ôô|ă|â"
_NUCLEI = "oa|oe|uê|uơ|uy|a|e|ê|i|o|ô|ơ|u|ư|y"
_FINALS = "ch|nh|ng|[cmnpt]"
_SYLLABLE_RE = re.compile(
    rf"(?:qu(?![ouư])|gi(?!i)|{_INITIALS})?"
    rf"(?:(?P<open>{_OPEN_NUCLEI})|(?P<cnuc>{_CLOSED_NUCLEI})(?P<closed>{_FINALS})"
    rf"|(?P<nuc>{_NUCLEI})(?P<final>{_FINALS})?)"
)


def _tone_position_ok(m: re.Match, tone_at: int) -> bool:
    """Is the tone mark on a vowel of the nucleus that can carry it?"""
    for group in ("open", "cnuc", "nuc"):
        nucleus = m.group(group)
        if nucleus is not None:
            break
    pos = tone_at - m.start(group)
    size = len(nucleus)
    if not 0 <= pos < size:
        return False
    if size == 1:
        return True
    if group == "open":  # ai, âu, ia, ua...: first vowel; iêu, ươi, oai...: middle one
        return pos == (0 if size == 2 else 1)
    if group == "cnuc":  # iê, uô, ươ, uyê, oă, uâ: last vowel; oo/ôô: either
        return nucleus in ("oo", "ôô") or pos == size - 1
    # oa, oe, uê, uơ, uy: either vowel when open (hoà/hòa), the second when closed
    return m.group("final") is None or pos == 1


def _plausible_syllable(word: str) -> bool:
    """True when ``word`` (letters only) looks like one Vietnamese syllable
    written in NFC Unicode with a sane capitalisation."""
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    bases = []
    tone = tone_at = 0
    for i, ch in enumerate(word.lower()):
        info = _LETTER_INFO.get(ch)
        if info is None:
            return False
        bases.append(info[0])
        if info[1]:
            if tone:
                return False
            tone, tone_at = info[1], i
    m = _SYLLABLE_RE.fullmatch("".join(bases))
    if m is None:
        return False
    if tone and not _tone_position_ok(m, tone_at):
        return False
    final = m.group("closed") or m.group("final")
    # Syllables closed by a stop consonant only take the sắc or nặng tone.
    if final in ("c", "ch", "p", "t") and tone not in (4, 5):
        return False
    # Finals "nh"/"ch" only follow a, ê, i, y (anh, ếch, ình, uỳnh...).
    if final in ("nh", "ch") and bases[m.start("closed" if m.group("closed") else "final") - 1] not in "aêiy":
        return False
    return True


def _legacy_scores(s: str) -> dict[str | None, tuple[int, int]] | None:
    """Score how plausible ``s`` is as Unicode, TCVN3 and VNI.

    Returns ``None`` when ``s`` cannot be legacy text at all (pure ASCII or
    containing characters outside Latin-1/cp1252). Otherwise a mapping
    ``{None|"tcvn3"|"vni": (plausible words, assessed words)}`` counted over
    the words that contain a non-ASCII character.
    """
    if s.isascii():
        return None
    for ch in s:
        if ord(ch) > 0xFF and ch not in _CP1252_EXTRA:
            return None
    words = [w for w in _WORD_RE.findall(s) if not w.isascii() and len(w) >= 2]
    if not words:
        return None
    scores: dict[str | None, tuple[int, int]] = {}
    scores[None] = (sum(_plausible_syllable(w) for w in words), len(words))
    for name, decoder in _DETECTORS.items():
        ok = sum(_plausible_syllable(decoder(w)) for w in words)
        scores[name] = (ok, len(words))
    return scores


def detect_legacy(s: str | None) -> str | None:
    """Guess whether ``s`` is TCVN3 or VNI-Windows text read as cp1252.

    Returns ``"tcvn3"``, ``"vni"`` or ``None`` (ordinary Unicode or ASCII).
    Text containing any character outside Latin-1/cp1252 (e.g. ``ộ``, ``đ``,
    combining marks) is always Unicode. Otherwise every word with a non-ASCII
    character is tested as a Vietnamese syllable in its Unicode reading and
    in each legacy decoding; a legacy encoding wins only if it explains
    strictly more words than the Unicode reading and the other encoding,
    and at least half of them. Ties keep the text unchanged.
    """
    if not s:
        return None
    scores = _legacy_scores(unicodedata.normalize("NFC", s))
    if scores is None:
        return None
    uni = scores[None][0]
    tcvn, total = scores["tcvn3"]
    vni = scores["vni"][0]
    best = max(tcvn, vni)
    if best <= uni or tcvn == vni or best * 2 < total:
        return None
    return "tcvn3" if tcvn > vni else "vni"


def to_unicode(s: str | None, hint: str | None = None) -> str:
    """Return ``s`` as NFC Unicode, repairing TCVN3/VNI text (see
    :func:`detect_legacy`). Plain Unicode and ASCII come back unchanged
    (NFD input is recomposed to NFC); whitespace is not touched.

    ``hint`` is the encoding detected on the surrounding document (e.g. a
    whole spreadsheet): a string that is ambiguous on its own (legacy reading
    at least as plausible as the Unicode one) is decoded with it. Pass
    ``hint="tcvn3"``/``"vni"`` only from a document-level detection.
    """
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    enc = detect_legacy(s)
    if enc is None and hint in _DECODERS:
        scores = _legacy_scores(s)
        if scores is not None and scores[hint][0] >= scores[None][0] and scores[hint][0] > 0:
            enc = hint
    if enc is None:
        return s
    return unicodedata.normalize("NFC", _DECODERS[enc](s))


# ---------------------------------------------------------------------------
# Formatting (Vietnamese conventions: "." thousands, "," decimals)
# ---------------------------------------------------------------------------


def _to_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("Giá trị logic không phải là số.")
    try:
        d = (
            value
            if isinstance(value, Decimal)
            else Decimal(repr(value) if isinstance(value, float) else value)
        )
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"«{value}» không phải là số.") from None
    if not d.is_finite():
        raise ValueError(f"«{value}» không phải là số hữu hạn.")
    return d


def format_decimal(value, places: int = 2, *, grouping: bool = True) -> str:
    """``70.3249, 2`` -> ``"70,32"``; ``1234.5, 1`` -> ``"1.234,5"``.

    Rounds half away from zero. ``None`` gives ``""``.
    """
    if value is None:
        return ""
    d = _to_decimal(value)
    q = Decimal(1).scaleb(-places) if places > 0 else Decimal(1)
    with localcontext() as context:  # enough digits for any finite value (a 40-digit cell included)
        context.prec = max(context.prec, d.adjusted() + places + 2)
        d = d.quantize(q, rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    text = f"{d.copy_abs():f}"  # copy_abs is exact; abs() would round to the context's precision
    int_part, _, frac = text.partition(".")
    if grouping:
        int_part = f"{int(int_part):,}".replace(",", ".")
    if sign and int_part.strip("0.") == "" and frac.strip("0") == "":
        sign = ""  # no "-0"
    return sign + int_part + ("," + frac if places > 0 else "")


def format_number(value) -> str:
    """``1234567`` -> ``"1.234.567"`` (rounded to an integer). ``None`` -> ``""``."""
    return format_decimal(value, 0)


def format_percent(value, places: int = 2) -> str:
    """A value already in percent: ``70.32`` -> ``"70,32 %"``."""
    if value is None:
        return ""
    return format_decimal(value, places) + " %"


def format_percent_from_ratio(ratio, places: int = 2) -> str:
    """A ratio: ``0.7032`` -> ``"70,32 %"``."""
    if ratio is None:
        return ""
    return format_percent(_to_decimal(ratio) * 100, places)


def format_date(value) -> str:
    """``date(2026, 3, 5)`` -> ``"05/03/2026"``; datetimes use their date.
    ``None`` -> ``""``."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_money(value) -> str:
    """Amount in đồng: ``1800000`` -> ``"1.800.000 đ"``. ``None`` -> ``""``."""
    if value is None:
        return ""
    return format_number(value) + " đ"


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

#: Two-digit years below this value are 20xx, the others 19xx
#: ("05" -> 2005, "49" -> 2049, "50" -> 1950, "99" -> 1999).
TWO_DIGIT_YEAR_PIVOT = 50

_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL = (_dt.date(9999, 12, 31) - _EXCEL_EPOCH).days
_DMY_RE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def _excel_serial_to_date(serial) -> _dt.date:
    if not 1 <= serial < _EXCEL_MAX_SERIAL + 1:  # before `//`: a huge Decimal cannot be divided exactly
        raise ValueError(f"Số ngày Excel không hợp lệ: {serial}.")
    whole = int(serial // 1)
    if whole < 1 or whole > _EXCEL_MAX_SERIAL:
        raise ValueError(f"Số ngày Excel không hợp lệ: {serial}.")
    if whole == 60:  # Excel's fictitious 29/02/1900
        raise ValueError("Ngày 29/02/1900 không tồn tại.")
    if whole < 60:  # Excel counts 1900 as a leap year
        return _dt.date(1899, 12, 31) + _dt.timedelta(days=whole)
    return _EXCEL_EPOCH + _dt.timedelta(days=whole)


def parse_date(value) -> _dt.date:
    """Parse a date from a spreadsheet cell or form field.

    Accepts ``date``/``datetime`` objects, ``"dd/mm/yyyy"`` (also ``-`` or
    ``.`` as separators, one-digit day/month), ``"d/m/yy"`` (two-digit year:
    below :data:`TWO_DIGIT_YEAR_PIVOT` -> 20xx, otherwise 19xx),
    ``"yyyy-mm-dd"`` (optionally followed by a time) and Excel serial numbers
    (``int``/``float``/``Decimal``, 1900 date system, fraction = time of day
    and ignored). Anything else raises ``ValueError`` with a Vietnamese
    message.
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool) or value is None:
        raise ValueError("Thiếu ngày hoặc ngày không hợp lệ.")
    if isinstance(value, int | float | Decimal):
        return _excel_serial_to_date(_to_decimal(value))
    if isinstance(value, str):
        text = nfc(value)
        if not text:
            raise ValueError("Thiếu ngày.")
        m = _DMY_RE.fullmatch(text)
        if m:
            day, month, year = (int(g) for g in m.groups())
            if len(m.group(3)) == 2:
                year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
        else:
            m = _ISO_RE.fullmatch(text)
            if not m:
                raise ValueError(f"Ngày «{text}» không đúng định dạng; hãy nhập theo dạng dd/mm/yyyy.")
            year, month, day = (int(g) for g in m.groups())
        try:
            return _dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"Ngày «{text}» không tồn tại.") from None
    raise ValueError("Giá trị không phải là ngày.")


_INT_RE = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:,0+)?")


def parse_int(value, *, min_value: int | None = None, max_value: int | None = None) -> int:
    """Parse an integer: ``int``, integral ``float``/``Decimal``, or text such
    as ``"1234"``, ``"1.234"``, ``"1 234"``, ``"12,0"`` (Vietnamese grouping).
    Raises ``ValueError`` with a Vietnamese message otherwise or when outside
    ``[min_value, max_value]``."""
    if value is None or isinstance(value, bool):
        raise ValueError("Thiếu số hoặc số không hợp lệ.")
    if isinstance(value, int):
        result = value
    elif isinstance(value, float | Decimal):
        d = _to_decimal(value)
        if d != d.to_integral_value():
            raise ValueError(f"«{value}» không phải là số nguyên.")
        result = int(d)
    elif isinstance(value, str):
        text = nfc(value).replace("\u00a0", " ")
        if not text:
            raise ValueError("Thiếu số.")
        if not _INT_RE.fullmatch(text):
            raise ValueError(f"«{text}» không phải là số nguyên.")
        result = int(text.split(",")[0].replace(".", "").replace(" ", ""))
    else:
        raise ValueError("Giá trị không phải là số nguyên.")
    if min_value is not None and result < min_value:
        raise ValueError(f"Số {format_number(result)} nhỏ hơn giá trị tối thiểu {format_number(min_value)}.")
    if max_value is not None and result > max_value:
        raise ValueError(f"Số {format_number(result)} lớn hơn giá trị tối đa {format_number(max_value)}.")
    return result


def parse_year(value, *, min_year: int = 1900, max_year: int = 2100) -> int:
    """Parse a four-digit year from a number, ``"2025"`` or a date/datetime.
    Raises ``ValueError`` (Vietnamese message) outside ``[min_year, max_year]``."""
    if isinstance(value, _dt.date):
        year = value.year
    else:
        try:
            year = parse_int(value)
        except ValueError:
            raise ValueError(f"Năm «{nfc(str(value)) if value is not None else ''}» không hợp lệ.") from None
    if not (min_year <= year <= max_year):
        raise ValueError(f"Năm {year} nằm ngoài khoảng {min_year}–{max_year}.")
    return year
