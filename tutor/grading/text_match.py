"""Finding a phrase in free text the way a kind reader would, and noticing when it is denied.

Normalisation: lower case, accents and curly quotes folded, contractions opened
(`doesn't` -> `does not`, `can't` -> `can not`), words split at anything that is not a
letter or a digit (`long-term` is `long term`, but `1.5` stays one word), a short list of
filler words dropped (`the`, `is`, `of`, auxiliaries such as `does` and `has`; modal verbs
such as `must`, `can`, `will` are kept, since they carry meaning), and each word cut to a
light stem (`gradients` -> `gradient`, `vanishing`/`vanishes`/`vanished` -> `vanish`,
`multiplication`/`multiplying` -> `multiply`).

Matching: a phrase matches when its words appear in the same order within one sentence,
with at most two other words between neighbours (a two-word phrase may also appear
reversed: "exponential decay" is found in "decays exponentially"). Words are compared by
stem and by their unstemmed form; a typo is forgiven by edit distance (rapidfuzz): none
for words of up to 4 letters, 1 for 5 to 7, 2 for 8 or more.

Negation: negators (`not`, `no`, `never`, `without`, `cannot`, `fails`, `unable`, `neither`,
`nor`, `none`, and `doesnt`-style spellings) inside the matched span, or up to three words
before it within the same clause, flip the match. A clause ends at , ; : . ! ? and at
`but`, `however`, `although`, `though`, `whereas`, `while`, `yet`. A phrase may itself contain
a negator (`does not solve vanishing`): it then matches text that denies, and not text that
affirms. So "clipping does not fix vanishing gradients" does not state "clipping fixes
vanishing", and "No, clipping fixes vanishing" does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

MAX_GAP = 2
NEGATION_SCOPE = 3

NEGATORS = frozenset(
    "not no never without cannot unable neither nor none nothing nobody fail fails failed failing "
    "doesnt dont isnt arent wasnt werent didnt cant couldnt wouldnt shouldnt wont hasnt havent hadnt aint".split()
)
STOPWORDS = frozenset(
    "a an the of to is are was were be been being am it its this that these those in on at by for with "
    "and or as does do did doe has have had having "
    "which who whom whose so very just also there their they them we you i he she his her our your "
    "into onto from than then such".split()
)
CLAUSE_WORDS = frozenset("but however although though whereas while yet".split())
_SENTENCE_MARKS = ".!?;"
_CLAUSE_MARKS = ",:"
_CONTRACTIONS = (
    (re.compile(r"\bcan'?t\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
)
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)+|[^\W_]+|[.!?;,:]")  # 1.5 is one word, not a sentence end


@dataclass(frozen=True)
class Word:
    stem: str
    kind: str  # word, negator, clause, sentence
    raw: str = ""  # the word before stemming (a typo often defeats the stemmer)


@dataclass(frozen=True)
class Phrase:
    words: tuple[Word, ...]  # the content words, in order
    negative: bool  # the phrase itself denies something


def words(text: str) -> list[Word]:
    """The normalised words of `text`, negators and clause/sentence marks included."""
    text = unicodedata.normalize("NFKD", text.lower().replace("’", "'").replace("‘", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    result = []
    for token in _TOKEN.findall(text):
        if token in _SENTENCE_MARKS:
            result.append(Word(token, "sentence"))
        elif token in _CLAUSE_MARKS or token in CLAUSE_WORDS:
            result.append(Word(token, "clause"))
        elif token in NEGATORS:
            result.append(Word("not", "negator"))
        elif token not in STOPWORDS:
            result.append(Word(stem(token), "word", token))
    return result


@lru_cache(maxsize=4096)
def phrase(text: str) -> Phrase:
    parts = words(text)
    negators = sum(part.kind == "negator" for part in parts)
    return Phrase(tuple(part for part in parts if part.kind == "word"), negators % 2 == 1)


_SUFFIXES = (
    ("ication", "y"), ("ations", "ate"), ("ation", "ate"), ("ies", "y"), ("ied", "y"), ("sses", "ss"),
    ("ingly", ""), ("edly", ""), ("ing", ""), ("ed", ""),
)


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A light suffix-stripping stem: enough to meet plurals, -ing, -ed, -ly and -ation."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith(("sses", "xes", "zes", "ches", "shes")):
            word = word[:-2]  # fixes -> fix, matches -> match
        elif word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
            word = word[:-1]  # gradients -> gradient, causes -> cause
        elif word.endswith("ly") and not word.endswith("ply") and len(word) >= 6:
            word = word[:-2]  # exponentially -> exponential (but multiply, early stay)
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouslz":
        word = word[:-1]  # clipp -> clip
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]  # explode -> explod, cause -> caus
    return word


@lru_cache(maxsize=16384)
def similar(text_form: str, phrase_form: str) -> bool:
    """Equal, or within the typo allowance for their length."""
    if text_form == phrase_form:
        return True
    shorter = min(len(text_form), len(phrase_form))
    allowed = 0 if shorter <= 4 else 1 if shorter <= 7 else 2
    if not allowed or not text_form.isalpha():
        return False
    return Levenshtein.distance(text_form, phrase_form, score_cutoff=allowed) <= allowed


def same_word(text_word: Word, phrase_word: Word) -> bool:
    return similar(text_word.stem, phrase_word.stem) or similar(text_word.raw, phrase_word.raw)


def find(text_words: list[Word], wanted: Phrase) -> str | None:
    """`stated`, `denied`, or None when the phrase does not occur (stated wins over denied).

    A two-word phrase also matches in reverse order (`exponential decay` is found in
    "decays exponentially").
    """
    orders = [wanted.words]
    if len(wanted.words) == 2:
        orders.append(wanted.words[::-1])
    found = None
    for order in orders:
        verdict = _find_in_order(text_words, order, wanted.negative)
        if verdict == "stated":
            return verdict
        found = found or verdict
    return found


def _find_in_order(text_words: list[Word], wanted: tuple[Word, ...], negative: bool) -> str | None:
    if not wanted:
        return None
    found = None
    for start, word in enumerate(text_words):
        if word.kind != "word" or not same_word(word, wanted[0]):
            continue
        end = _match_from(text_words, start, wanted)
        if end is None:
            continue
        negated = (_negators_before(text_words, start) + _negators_within(text_words, start, end)) % 2 == 1
        if negated == negative:
            return "stated"
        found = "denied"
    return found


def _match_from(text_words: list[Word], start: int, wanted: tuple[Word, ...]) -> int | None:
    """The index of the last matched word, matching `wanted` in order from `start`."""
    position = start
    for wanted_word in wanted[1:]:
        gap = 0
        position += 1
        while position < len(text_words):
            word = text_words[position]
            if word.kind == "sentence":
                return None
            if word.kind == "word":
                if same_word(word, wanted_word):
                    break
                gap += 1
                if gap > MAX_GAP:
                    return None
            position += 1
        else:
            return None
    return position


def _negators_within(text_words: list[Word], start: int, end: int) -> int:
    return sum(word.kind == "negator" for word in text_words[start : end + 1])


def _negators_before(text_words: list[Word], start: int) -> int:
    count, seen = 0, 0
    for word in reversed(text_words[:start]):
        if word.kind in ("sentence", "clause"):
            break
        if word.kind == "negator":
            count += 1
        else:
            seen += 1
            if seen >= NEGATION_SCOPE:
                break
    return count
