"""Reading claims in an answer: is an idea stated, denied, reversed, or absent?

A *claim* is one wording of a rubric point ("gradients shrink exponentially"). Its content
words are matched in one sentence of the answer, in any order, all within a window of
`2n + 4` words (n = the claim's word count), each word by stem, by synonym group (see
`tutor.grading.vocabulary`) or, for an unknown word of 5+ letters, by typo tolerance.

Polarity and direction are part of the claim:

- a negator (`not`, `never`, `no`, `cannot`, `fails to`, `impossible` ...) inside the
  matched words, or at most 3 words before the next of them, with no clause mark in between,
  denies it (two such negators affirm: "does not fail to") (`without` reaches one word: it
  denies its object, "without normalisation"; a `non-` prefix reaches only its own word);
- a word matched through its *opposite* group ("explode" for "shrink", "above" for
  "below") reverses it;
- of the readings in a sentence the closest wins: the smallest span, where a clause mark
  counts as CLAUSE_GAP words, an "and" as JOIN_GAP, and each claim word out of the claim's
  order as one more; so in "long-range terms dominate and short-range ones vanish" each
  claim binds to its neighbours in the order of the sentence (subject before verb);
- one flip (a denial or a reversal) is a *contradiction*; two flips are a different claim
  altogether, not a match; a claim that is itself negative ("cannot learn long-term
  dependencies") matches text of its own polarity;
- a denial must be read as plainly as it is written: a one-word claim is never contradicted
  (a lone word denied relates nothing), nor is a key point by a reversal pieced together
  backwards over a clause mark (`_loose_reversal`);
- an `ordered` claim is read only in its words' order: its direction is its order, as a
  cause's before its effect's;
- a negator that denies a word of its own does not reach past a contrast ("necessary but
  not sufficient for exploding" states "necessary for exploding") or a pronoun opening a new
  statement ("the short-range ones don't vanish and they dominate the sum").

Across sentences: stated somewhere and contradicted elsewhere, or matched only through a
doubtful typo, is `unsure`; the grade then decides whether that doubt matters. A reversal
in another sentence beside a clear statement is the contrast an explanation draws ("the RNN
reuses one matrix. A CNN has different weights"), not a doubt.

Misconceptions are read strictly: a negative one ("vanishing is not a problem") is stated
only when the answer's negation falls on the same word, so an answer that denies something
else near those words does not assert it, and a reading keeps within one of the statements
an "and" joins (the tightest such reading is chosen, not the tightest reading overall).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import product

from tutor.grading.text_match import PREFIX_NEGATOR, Sentence, Token, stem, tokenize
from tutor.grading.vocabulary import GROUP_MARK, Vocabulary

CLAUSE_GAP = 2  # a clause boundary counts as this many words of distance
JOIN_GAP = 1  # an "and" between words: often two statements joined, so a little distance
NEGATION_REACH = 3  # words between a negator and the claim word it denies
NARROW_NEGATORS = frozenset({"without", "unlike", PREFIX_NEGATOR})
"""Negators of a noun phrase, which deny their object only ("unlike the training data and the
errors compound" does not deny that the errors compound)."""
CONTRASTIVE_NEGATORS = frozenset({"insteadof", "ratherthan"})
NOMINAL_NEGATORS = frozenset({"nothing", "none", "nobody", "nowhere", "never"})  # may follow what they deny
SURE, DOUBTFUL = 1, 2  # typo tolerance: a confident or a doubtful match (0: exact)


@dataclass(frozen=True)
class Unit:
    """One idea-word of a sentence: its senses (stem and groups), the token it starts at."""

    senses: frozenset[str]
    token: int
    typo: int = 0


Option = tuple[Unit, int]
"""A unit that may stand for a claim word, and 1 when it states the word's opposite (else 0)."""
Picks = list[Option]
"""One option per claim word, on distinct tokens."""


@dataclass(frozen=True)
class ClaimWord:
    senses: frozenset[str]
    opposites: frozenset[str]
    others: frozenset[str] = frozenset()  # other kinds of its group, which never stand for it

    @cached_property
    def either(self) -> frozenset[str]:
        """Its senses and their opposites: a sentence with none of them cannot read the claim."""
        return self.senses | self.opposites


@dataclass(frozen=True)
class Claim:
    text: str
    words: tuple[ClaimWord, ...]
    negative: bool
    trailing: bool = False  # the negation follows the words ("distant steps contribute nothing")
    target: int = -1  # the word the claim's negation falls on ("vanishing is NOT a PROBLEM": 1)
    predicate: int = -1  # for "no <noun> <verb>", the verb: "NO gradient flows" = "the gradient doesn't FLOW"
    ordered: bool = False  # read only in its words' order (a cause before its effect)
    joins: frozenset[int] = frozenset()  # k: the claim's own words k and k + 1 stand joined by "and"/"or"
    contrastive: bool = False  # its own negation is "instead of" / "rather than"
    model_context: frozenset[str] = frozenset()  # the other senses of a model answer sentence mentioning it

    @cached_property
    def key(self) -> frozenset[str]:
        """The senses (and opposites) of its most specific word: a sentence with none of them
        cannot read the claim, and `find` tests this before anything else (most claims of a
        rubric fail it, so they cost one set operation each)."""
        return min((word.either for word in self.words), key=len, default=frozenset())


@dataclass(frozen=True)
class ReadSentence:
    """A sentence of the answer, read against one rubric's lexicon."""

    text: str
    tokens: tuple[Token, ...]
    units: tuple[Unit, ...]

    @cached_property
    def senses(self) -> frozenset[str]:
        """Every sense of every unit: a claim with a word none of them has is not here."""
        return frozenset(sense for unit in self.units for sense in unit.senses)

    @cached_property
    def derivatives_of_functions(self) -> tuple[tuple[int, Unit], ...]:
        """(index of a unit naming a function, the unit of its derivative right after it) for
        each "φ′", "tanh'(a)" (read "phi derivative", "tanh derivative"): see
        `_owners_of_a_derivative`. Read once per sentence; most sentences have none."""
        starting = {unit.token: unit for unit in self.units}
        pairs = []
        for index, unit in enumerate(self.units):
            after = unit.token + 1
            if (NONLINEARITY in unit.senses and after in starting and self.tokens[after].raw == "derivative"
                    and not self.tokens[after].spaced):
                pairs.append((index, starting[after]))
        return tuple(pairs)


@dataclass(frozen=True)
class Finding:
    """What a rubric point's claims found in the whole answer.

    `status`: found, missed, contradicted or unsure; `sentence`: the sentence that decided.
    `doubt` says why it is unsure (`typo` or `conflict`)."""

    status: str
    sentence: str = ""
    doubt: str = ""


def units_of(tokens: tuple[Token, ...], vocabulary: Vocabulary, lexicon: Lexicon | None = None) -> tuple[Unit, ...]:
    """The idea-words of `tokens`: multi-word vocabulary members first, then single words."""
    found: list[Unit] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind != "word":
            index += 1
            continue
        member = _member_at(tokens, index, vocabulary, lexicon)
        if member and member[0] > 1:
            length, senses, typo = member
            found.append(Unit(senses, index, typo))
            index += length
            continue
        senses, typo = vocabulary.senses_of(token.stem), 0
        guess = _guess(token, vocabulary, lexicon)
        if guess:
            stem, typo = guess
            senses = senses | vocabulary.senses_of(stem)
        if member:  # a word with its function words ("set by"): the member's idea and the word's own
            senses = senses | member[1]
        found.append(Unit(senses, index, typo))
        index += 1
    return tuple(found)


def _member_at(tokens: tuple[Token, ...], index: int, vocabulary: Vocabulary,
               lexicon: Lexicon | None = None) -> tuple[int, frozenset[str], int] | None:
    """The longest multi-word member at `index`: (its length, the senses of every group it is
    in, the worst typo level in it). With a `lexicon`, a misspelt word of a member ("singlar
    value") is read as the member's word when it is the nearest known word to it."""
    length, senses, worst = 0, set[str](), 0
    for first in _spellings(tokens[index], vocabulary, lexicon):
        for stems, sense, glue in vocabulary.members_from(first):
            end = index + len(stems)
            if len(stems) < length or end > len(tokens) or (glue and not _glued(tokens, index, end, glue)):
                continue
            if stems[0] in NUMBER_WORDS and any(token.spaced for token in tokens[index + 1 : end]):
                continue  # "below 1 at every step" is not "one step"; "one per step" is not "one step"
            typos = [_typo_of(token, wanted, vocabulary, lexicon) for token, wanted in zip(tokens[index:end], stems)]
            if any(typo is None for typo in typos):
                continue
            level = max(typo or 0 for typo in typos)
            if len(stems) > length:
                length, senses, worst = len(stems), {sense}, level
            else:
                senses.add(sense)
                worst = min(worst, level)
    return (length, frozenset(senses), worst) if length else None


def _glued(tokens: tuple[Token, ...], start: int, end: int, glue: tuple[str, str]) -> bool:
    """Whether the function words `glue` (before, after) stand right around tokens[start:end]:
    "set by the eigenvalues" has the "by" of "set by", "set the threshold" has not."""
    before, after = glue
    left = tokens[start].before
    if before and not (left == before or left.endswith(" " + before)):
        return False
    if not after:
        return True
    right = tokens[end].before if end < len(tokens) else ""
    return right == after or right.startswith(after + " ")


def _spellings(token: Token, vocabulary: Vocabulary, lexicon: Lexicon | None) -> tuple[str, ...]:
    """The stems a member may start with at `token`: its own, and the known word it misspells."""
    guess = _guess(token, vocabulary, lexicon)
    return (token.stem,) if guess is None else (token.stem, guess[0])


def _typo_of(token: Token, wanted: str, vocabulary: Vocabulary, lexicon: Lexicon | None) -> int | None:
    """0 when `token` is the word `wanted`, its typo level when it misspells it, else None."""
    if token.kind != "word":
        return None
    if token.stem == wanted:
        return 0
    guess = _guess(token, vocabulary, lexicon)
    return guess[1] if guess is not None and guess[0] == wanted else None


def _guess(token: Token, vocabulary: Vocabulary, lexicon: Lexicon | None) -> tuple[str, int] | None:
    """The known stem an unknown word most likely misspells (see `Lexicon.nearest`)."""
    if lexicon is None or token.kind != "word" or token.stem in lexicon.stems or token.stem in vocabulary.single:
        return None
    return lexicon.nearest(token.stem, token.raw)


@lru_cache(maxsize=8192)
def compile_claim(text: str, vocabulary: Vocabulary, ordered: bool = False) -> Claim:
    tokens = tokenize(text)
    units = units_of(tokens, vocabulary)
    words = tuple(ClaimWord(unit.senses, vocabulary.opposites_of(unit.senses),
                            vocabulary.kinds.get(tokens[unit.token].stem, frozenset())) for unit in units)
    negators = [index for index, token in enumerate(tokens) if token.kind == "negator"]
    negative = bool(negators)
    word_positions = [index for index, token in enumerate(tokens) if token.kind == "word"]
    trailing = negative and bool(word_positions) and all(index > word_positions[-1] for index in negators)
    target = predicate = -1
    if negative and units:
        after = [number for number, unit in enumerate(units) if unit.token > negators[0]]
        target = len(units) - 1 if trailing or not after else after[0]
        if tokens[negators[0]].raw == "no" and not trailing and len(after) > 1:
            predicate = after[1]
    joins = frozenset(number for number in range(len(units) - 1) if tokens[units[number + 1].token].joined)
    contrastive = any(tokens[index].raw in CONTRASTIVE_NEGATORS for index in negators)
    return Claim(text, words, negative, trailing, target, predicate=predicate, ordered=ordered, joins=joins,
                 contrastive=contrastive)


class Lexicon:
    """The stems a rubric knows (its claims' words and the vocabulary's), for typo tolerance."""

    def __init__(self, stems: Iterable[str], raws: dict[str, str] | None = None) -> None:
        self.stems = frozenset(stems)
        self._choices = sorted(stem for stem in self.stems if len(stem) >= 4 and stem.isalpha())
        self._raws = {raw: stem for raw, stem in (raws or {}).items() if len(raw) >= 5 and raw.isalpha()}
        self._cache: dict[tuple[str, str], tuple[str, int] | None] = {}

    def nearest(self, stem: str, raw: str = "") -> tuple[str, int] | None:
        """A known stem for a likely typo: a doubled letter typed once ("eror" for "error"),
        the word as written against the rubric's words as written ("dependancies" ~
        "dependencies"), then stem against stem."""
        key = (stem, raw)
        if key not in self._cache:
            self._cache[key] = self._undoubled_typo(raw) or self._nearest_raw(raw) or self._nearest_stem(stem)
        return self._cache[key]

    @cached_property
    def _undoubled(self) -> dict[str, str]:
        """Each rubric word with one letter of a doubled pair left out ("eror": "error"), to its
        stem: the commonest typo, and one the edit distance cannot take on words of 4 or 5
        letters, where one edit reaches too many real words."""
        return {raw[:index] + raw[index + 1:]: stem for raw, stem in self._raws.items()
                for index in range(len(raw) - 1) if raw[index] == raw[index + 1]}

    def _undoubled_typo(self, raw: str) -> tuple[str, int] | None:
        known = self._undoubled.get(raw.lower()) if len(raw) >= 4 else None
        return None if known is None else (known, SURE)

    def _nearest_raw(self, raw: str) -> tuple[str, int] | None:
        if len(raw) < 6 or not raw.isalpha():
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA  # a swap of two letters is one typo

        choices = [choice for choice in self._raws if choice[0] == raw[0]]
        best = process.extractOne(raw, choices, scorer=OSA.distance, score_cutoff=1 if len(raw) < 9 else 2)
        if best is None:
            return None
        return self._raws[best[0]], SURE if best[1] == 1 else DOUBTFUL

    def _nearest_stem(self, stem: str) -> tuple[str, int] | None:
        """(known stem, SURE or DOUBTFUL) for a likely typo of a known stem, else None.

        Only words of 5+ letters, same first letter; one edit up to 8 letters, two from 9.
        Stems are short and real words collide ("produce" is one edit from "product"): a
        match found only here is DOUBTFUL, except a longer stem with a typo in its ending."""
        result = None
        if len(stem) >= 5 and stem.isalpha():
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            allowed = 2 if len(stem) >= 9 else 1
            choices = [choice for choice in self._choices if choice[0] == stem[0]]
            # a typo in an ending defeats the stemmer: "vanishng" is "vanish" + 2 letters
            known = next((c for c in choices
                          if len(c) >= 5 and 0 < len(stem) - len(c) <= 2 and stem.startswith(c)), None)
            if known:
                return known, SURE
            best = process.extractOne(stem, choices, scorer=OSA.distance, score_cutoff=allowed)
            if best is not None:
                result = (best[0], DOUBTFUL)
        return result


def read(sentence: Sentence, vocabulary: Vocabulary, lexicon: Lexicon) -> ReadSentence:
    return ReadSentence(sentence.text, sentence.tokens, units_of(sentence.tokens, vocabulary, lexicon))


def match(claim: Claim, sentence: ReadSentence, strict: bool = False) -> tuple[str, int] | None:
    """(`stated`, `contradicted`, `reversed` or `mentioned`, worst typo level) for `claim` in
    `sentence`, or None. `mentioned`: the words of a negative claim, neither denied nor reversed.

    `strict` (how a misconception is read): a negative claim is stated only when the answer's
    negation falls on the same word as the claim's ("vanishing is not a problem" is not stated
    by "the problem: updates no longer show that the gradient vanished")."""
    reading = _reading(claim, sentence, strict)
    return None if reading is None else reading[0]


def stated_words(claim: Claim, sentence: ReadSentence, strict: bool = False) -> tuple[int, ...] | None:
    """The tokens of the words by which `sentence` states `claim`, in order, or None when it
    does not state it."""
    reading = _reading(claim, sentence, strict)
    return reading[1] if reading is not None and reading[0][0] == "stated" else None


def _reading(claim: Claim, sentence: ReadSentence, strict: bool) -> tuple[tuple[str, int], tuple[int, ...]] | None:
    """`match`'s verdict with the tokens of the words it read."""
    if not claim.words:
        return None
    present = sentence.senses
    if any(word.either.isdisjoint(present) for word in claim.words):
        return None  # the quick test: most claims of a rubric have a word the sentence lacks
    candidates: list[list[Option]] = []
    of_a_derivative = _owners_of_a_derivative(claim, sentence)
    for word in claim.words:
        same = [index for index, unit in enumerate(sentence.units)
                if unit.senses & word.senses and not unit.senses & word.others and index not in of_a_derivative]
        options = [(sentence.units[index], 0) for index in same]
        options += [(unit, 1) for index, unit in enumerate(sentence.units)
                    if unit.senses & word.opposites and not unit.senses & word.senses
                    and not _coordinated(sentence, index, same)]
        if not options:
            return None
        candidates.append(options)
    window = 2 * len(claim.words) + 4
    position = _positions(sentence)

    def readable(picks: Picks) -> bool:
        if strict and (_across_junction(sentence, picks, claim.joins) or _across_clauses(sentence, picks)):
            return False  # a false claim is read within one of the statements an "and" joins
        if _swapped_sides(claim, picks, position) is None:
            return False  # a comparison's sides on one side of its sign: try the next nearest words
        # "huge gradients make the loss NaN" is not "the NaN loss makes the gradients huge"
        return not (claim.ordered and _displaced([position[unit.token] for unit, _ in picks]))

    best = None
    words: tuple[int, ...] = ()
    for start in sorted({position[unit.token] for options in candidates for unit, _ in options}):
        picks = _pick(candidates, position, start, start + window, readable)
        if picks is None:
            continue
        reversals = sum(flip for _, flip in picks)
        if reversals and reversals == sum(RESTRICTION not in word.senses for word in claim.words):
            # a lone opposite word ("vanishing" for "diverges") is another topic, not a reversal; so is
            # one beside "only" ("clipping can only shrink a gradient" does not reverse "only exploding")
            continue
        if _compares_a_number(claim, picks, sentence) or _side_beyond_clause(claim, picks, sentence):
            continue
        reversals += _swapped_sides(claim, picks, position) or 0  # never None: `readable` refused those picks
        if reversals and not strict and _loose_reversal(sentence, picks, position):
            continue  # "the short ones dominate, the long-range ones decay" does not deny "short-range dominate"
        denied, targets = _denied(sentence, sorted(unit.token for unit, _ in picks), claim.trailing,
                                  strict and not claim.contrastive)
        if strict and denied and claim.negative and claim.target >= 0 and not _denies_target(claim, picks, targets):
            continue  # the answer denies another word of the claim: not this statement
        flips = reversals + (denied != claim.negative)
        if flips and not strict and _conditional(sentence, picks):
            continue  # "provided it sits well above ε" sets a condition; it denies nothing
        typo = max(unit.typo for unit, _ in picks)
        ranks = [position[unit.token] for unit, _ in picks]
        # a negative claim's words merely mentioned ("the gradient for an early step" against
        # "no signal reaches early steps") is a weak contradiction: a mention, not a denial
        weak = claim.negative and not denied and not reversals
        key = (*_closeness(ranks, flips), typo, weak, bool(reversals))
        if best is None or key < best:
            best, words = key, tuple(sorted(unit.token for unit, _ in picks))
    if best is None:
        return None
    _, _, flips, typo, weak, reversal = best
    if flips > 1 or (flips and len(claim.words) < 2):
        return None  # a lone word denied ("doesn't keep W orthogonal" for "isometry") relates nothing
    if flips == 0:
        return ("stated", typo), words
    if weak:
        return ("mentioned", typo), words
    return (("reversed" if reversal else "contradicted"), typo), words


def _owners_of_a_derivative(claim: Claim, sentence: ReadSentence) -> frozenset[int]:
    """The units naming a function whose derivative the sentence is about ("φ′", "tanh'(a)"
    read "phi derivative", "tanh derivative"): for a claim about the function itself ("tanh
    grows exponentially") they stand for its derivative, not for it, so "‖∏ diag(φ′)·W_hh‖
    grows exponentially" does not say that tanh grows. A claim that names the derivative
    ("tanh derivative near zero") reads them as they are."""
    return frozenset(index for index, derivative in sentence.derivatives_of_functions
                     if not any(word.senses & derivative.senses for word in claim.words))


NONLINEARITY = f"{GROUP_MARK}nonlinearity"


def _as_in_model(claim: Claim, sentence: ReadSentence) -> bool:
    """Whether a mention of a negative claim's words comes with MODEL_CONTEXT_WORDS or more
    of the other words of a model answer sentence that mentions them too: the model answer's
    own mechanism ("the gradient for an early step is a product of many step Jacobians") is
    no denial of "no learning signal reaches early steps", while "the signal from early steps
    stays large" still is."""
    return sum(bool(unit.senses & claim.model_context) for unit in sentence.units) >= MODEL_CONTEXT_WORDS


MODEL_CONTEXT_WORDS = 2


COMPARATORS = frozenset({"@above", "@below"})
RESTRICTION = "@only"  # the sense of "only", "merely", "just": it restricts a claim's word and states nothing alone
CONDITIONS = frozenset({"if", "unless", "provided", "providing", "assuming"})
CONDITION_OPENERS = CONDITIONS | {"when", "whenever"}
"""Words that open a condition: a negation before one ("it costs nothing when a step keeps
the norm") is said of what holds under the condition and does not deny the condition."""


def _conditional(sentence: ReadSentence, picks: Picks) -> bool:
    """Whether the picked words stand in a clause that opens with a condition ("..., provided
    the gradient sits well above ε", "as long as ..."): a condition is not a statement, so a
    reading in it contradicts nothing."""
    tokens = sentence.tokens
    first = min(unit.token for unit, _ in picks)
    start = next((at for at in range(first - 1, -1, -1) if tokens[at].kind == "clause"), -1)
    # "if"/"unless" are clause marks themselves; "provided" opens the clause as its first word
    return (start >= 0 and tokens[start].raw in CONDITIONS) or tokens[start + 1].raw in CONDITIONS


def _denies_target(claim: Claim, picks: Picks, targets: set[int]) -> bool:
    """Whether the answer's negation falls where the claim's does: on its target word, or, for a
    claim "no <noun> <verb>", on the verb ("the gradient no longer flows" says "no gradient flows")."""
    chosen = (claim.target, claim.predicate) if claim.predicate >= 0 else (claim.target,)
    return any(picks[index][0].token in targets for index in chosen)


def _swapped_sides(claim: Claim, picks: Picks, position: dict[int, int]) -> int | None:
    """+1 or -1 reversals for each comparison read with its sides swapped: "ρ < σₘₐₓ" reverses
    "σₘₐₓ below the spectral radius", and "1 > σₘₐₓ" states "σₘₐₓ below 1" (two swaps cancel).
    None when both sides stand on one side of the comparison: then it compares something else
    ("σₘₐₓ of 1.5 with all eigenvalues inside the unit circle" is not "σₘₐₓ below ρ")."""
    change = 0
    for index in _signs(claim):
        before, at, after = (position[picks[i][0].token] for i in (index - 1, index, index + 1))
        if before > at > after:
            change += -1 if picks[index][1] else 1
        elif not before < at < after:
            return None
    return change


def _signs(claim: Claim) -> list[int]:
    """The claim's comparison signs ("below", "above") with a word on each side: its sides."""
    return [index for index in range(1, len(claim.words) - 1) if claim.words[index].senses & COMPARATORS]


def _side_beyond_clause(claim: Claim, picks: Picks, sentence: ReadSentence) -> bool:
    """Whether a side of a comparison is read across a clause mark from its sign while the
    sign's own clause holds a side of its own: "ρ ≤ σₘₐₓ, possibly ρ ≪ σₘₐₓ" does not put the
    first σₘₐₓ below anything: the second comparison has its own sides), or when both sides
    are. (One side alone beyond the mark is still read: "the weights are small, below 1".)"""
    for index in _signs(claim):
        sides = claim.words[index - 1].senses | claim.words[index + 1].senses
        sign = picks[index][0].token
        beyond = 0
        for side in (picks[index - 1][0].token, picks[index + 1][0].token):
            low, high = sorted((side, sign))
            marks = [at for at in range(low + 1, high) if sentence.tokens[at].kind == "clause"]
            if not marks:
                continue
            beyond += 1
            near = (marks[-1], sign) if side < sign else (sign, marks[0])
            if any(near[0] < unit.token < near[1] and unit.senses & sides for unit in sentence.units):
                return True
        if beyond == 2:
            return True  # neither side in the sign's clause ("ρ ≤ σₘₐₓ, ≪ for non-normal W ⇒ eigenvalues ...")
    return False


NUMBER_WORDS = frozenset({"one", "zero"})


def _compares_a_number(claim: Claim, picks: Picks, sentence: ReadSentence) -> bool:
    """Whether a comparison the claim reads has a number right beside its sign that the claim
    did not pick: then the sign compares that number ("|λ| > 1 (needs σₘₐₓ > 1/γ)" says λ is
    above 1, not above σₘₐₓ)."""
    picked = {unit.token for unit, _ in picks}
    for index, word in enumerate(claim.words):
        if not word.senses & COMPARATORS:
            continue
        sign = picks[index][0].token
        beside = [sentence.tokens[at] for at in (sign - 1, sign + 1)
                  if 0 <= at < len(sentence.tokens) and at not in picked]
        if any(token.kind == "word" and _is_number(token.raw) for token in beside):
            return True
    return False


def _is_number(raw: str) -> bool:
    return raw in NUMBER_WORDS or raw.replace(".", "", 1).isdigit()


def _joined(sentence: ReadSentence, first: int, second: int) -> bool:
    """Whether units `first` and `second` stand side by side with an "and"/"or" between them."""
    return abs(first - second) == 1 and sentence.tokens[sentence.units[max(first, second)].token].joined


def _across_junction(sentence: ReadSentence, picks: Picks, joins: frozenset[int] = frozenset()) -> bool:
    """Whether an "and"/"or" stands right between two of the picked words: then they belong to
    two statements ("vanishing for |λ| < 1 AND exploding for |λ| > 1" does not say "below 1
    explode"), unlike "accumulate and dominate" or "vanishing or exploding gradients". Words
    the claim itself joins (`joins`: "the MEAN AND VARIANCE over the batch") may stand so."""
    claim_word = {unit.token: number for number, (unit, _) in enumerate(picks)}
    indices = {index: claim_word[unit.token] for index, unit in enumerate(sentence.units) if unit.token in claim_word}

    def own_join(first: int, second: int) -> bool:
        return abs(first - second) == 1 and min(first, second) in joins

    return any(_joined(sentence, index - 1, index) and not own_join(indices[index - 1], word)
               for index, word in indices.items() if index - 1 in indices)


def _across_clauses(sentence: ReadSentence, picks: Picks) -> bool:
    """Whether the picked words span two alternative clauses (", or ..."): "either it decays
    and early steps stop learning, or it blows up and training diverges" states two
    possibilities, not "it decays and training diverges". A clause added with ", and they ..."
    goes on about the same subject, so a false claim may be read across it (and so may one added
    with ", and the ...", which most often names a part of what the first clause is about); one
    added with ", and each ..." speaks of each of many things in turn ("the gradient for the
    recurrent matrix is a sum with one term per time step, and each term carries its own chain
    of Jacobians" does not say the RNN has its own weights at each step). Nor across
    "whereas", which sets another subject against the first: "in an RNN the same matrix is
    multiplied in at every step, whereas each CNN layer has its own weights" does not say an
    RNN has its own weights. Nor across "unless", whose clause is the exception to the first:
    "the weights move and stop being orthogonal during training, unless you force them to stay
    that way" does not say they stay orthogonal during training."""
    tokens = [unit.token for unit, _ in picks]
    return _in_two_asides(sentence, tokens) or any(
        (sentence.tokens[at - 1].kind == "clause"
         and (sentence.tokens[at].alternative or sentence.tokens[at].before in DISTRIBUTIVE_OPENERS))
        or sentence.tokens[at].raw in SETTING_AGAINST
        for at in range(min(tokens) + 1, max(tokens) + 1))


def _in_two_asides(sentence: ReadSentence, tokens: list[int]) -> bool:
    """Whether the picked words lie in two different bracketed asides: each is a statement of its
    own ("scheduled sampling ⟮ replace ground-truth inputs with samples ⟯, professor forcing
    ⟮ match the hidden-state dynamics ⟯" does not say the ground truth replaces the hidden state)."""
    depth, opened = 0, 0  # the aside a word is in: the count of asides opened so far, while inside one
    held: set[int] = set()
    picked = set(tokens)
    for at, token in enumerate(sentence.tokens[:max(tokens) + 1]):
        if token.raw == "⟮":
            if depth == 0:
                opened += 1
            depth += 1
        elif token.raw == "⟯":
            depth = max(0, depth - 1)
        elif at in picked and depth:
            held.add(opened)
    return len(held) > 1


SETTING_AGAINST = frozenset({"whereas", "unless"})
DISTRIBUTIVE_OPENERS = frozenset({"and each", "and every"})  # ", and each term ...": a subject of its own


def _loose_reversal(sentence: ReadSentence, picks: Picks, position: dict[int, int]) -> bool:
    """Whether a reversed reading is pieced together out of the claim's order across a clause
    mark: then its words belong to different statements ("the short ones stay big and dominate,
    the long-range ones decay" pairs "dominate" with "long-range" only by reading backwards
    over the comma). Denying a key point caps the grade, so the denial must be read as plainly
    as it is written. (A false claim is read the other way round: there a loose reversal keeps
    a looser statement of it from being asserted.)"""
    tokens = sorted(unit.token for unit, _ in picks)
    if not _displaced([position[unit.token] for unit, _ in picks]):
        return False
    return any(sentence.tokens[at].kind == "clause" for at in range(tokens[0] + 1, tokens[-1]))


def _coordinated(sentence: ReadSentence, index: int, others: list[int]) -> bool:
    """Whether unit `index` is joined by "and"/"or" to one of the units `others` ("fixes both
    exploding and vanishing gradients"): the two share the rest of the sentence, so the
    opposite word is listed beside the claim's word, not put in its place."""
    return any(_joined(sentence, other, index) for other in others)


def _closeness(ranks: list[int], flips: int) -> tuple[int, int, int]:
    """How close a reading is, smaller first: its span, plus one word for each flip and each
    word read out of the claim's order ("long-range terms dominate and short-range ones
    vanish" reverses "short-range terms dominate": the subject comes before its verb); then,
    between two as close, the one in order, then the one with fewer flips."""
    displaced = _displaced(ranks)
    return max(ranks) - min(ranks) + flips + displaced, displaced, flips


def _displaced(ranks: list[int]) -> int:
    """How many claim words stand out of the claim's order: the fewest to move to restore it
    (the words outside the longest run in order). "vanishing for |λ| < 1" moves one word of
    "eigenvalues below 1 vanish", not three."""
    longest: list[int] = []  # longest[k]: the smallest last rank of an ordered run of k + 1 words
    for rank in ranks:
        index = bisect_right(longest, rank)
        if index == len(longest):
            longest.append(rank)
        else:
            longest[index] = rank
    return len(ranks) - len(longest)


def _positions(sentence: ReadSentence) -> dict[int, int]:
    """Each unit's distance rank: one per word, plus CLAUSE_GAP per clause mark before it
    (and JOIN_GAP per "and"), so a claim pieced together across clauses needs its words closer."""
    gap = 0
    gaps = {}
    previous = ""
    for index, token in enumerate(sentence.tokens):
        if token.kind == "clause" and previous != "clause":  # ", so" is one boundary
            gap += CLAUSE_GAP
        elif token.joined and previous != "clause":
            gap += JOIN_GAP
        previous = token.kind
        gaps[index] = gap
    return {unit.token: rank + gaps[unit.token] for rank, unit in enumerate(sentence.units)}


MAX_COMBINATIONS = 256


def _pick(candidates: list[list[Option]], position: dict[int, int], low: int, high: int,
          readable: Callable[[Picks], bool]) -> Picks | None:
    """One unit per claim word within [low, high], distinct and `readable` (a strict reading
    keeps within one statement): the tightest, then the fewest reversals (every combination
    when there are few, else the first fit of each word)."""
    inside = [[(unit, flip) for unit, flip in options if low <= position[unit.token] <= high] for options in candidates]
    if not all(inside):
        return None
    count = 1
    for options in inside:
        count *= len(options)
    if count > MAX_COMBINATIONS:
        inside = [sorted(options, key=lambda option: (option[1], option[0].typo))[:1] for options in inside]
    best: Picks | None = None
    best_key: tuple[int, ...] | None = None
    for combination in product(*inside):
        tokens = [unit.token for unit, _ in combination]
        if len(set(tokens)) < len(tokens):
            continue
        ranks = [position[token] for token in tokens]
        flips = sum(flip for _, flip in combination)
        if not readable(list(combination)):
            continue
        key = (*_closeness(ranks, flips), max(unit.typo for unit, _ in combination))
        if best_key is None or key < best_key:
            best, best_key = list(combination), key
    return best


def _denied(sentence: ReadSentence, claim_tokens: list[int], trailing: bool = False,
            narrow_contrasts: bool = False) -> tuple[bool, set[int]]:
    """Whether an odd number of negators reach one of the claim's words (same clause, within
    reach): "does not fail to prevent" affirms, "it is not true that it does not fix" affirms,
    but two negators on different words do not cancel ("gets no gradient, so no signal for
    long dependencies" denies twice). In "neither ... nor ..." the pair counts once. Also the
    claim tokens an odd number of negators fall on. After the claim's last word only a nominal
    negator denies it ("contribute nothing", not "the cost is you can't learn")."""
    tokens = sentence.tokens
    counts: dict[int, int] = {}
    neither = False
    for index, token in enumerate(tokens):
        if token.kind != "negator":
            continue
        if index > claim_tokens[-1]:
            if trailing and token.raw in NOMINAL_NEGATORS and _follows(tokens, claim_tokens[-1], index):
                counts[claim_tokens[-1]] = counts.get(claim_tokens[-1], 0) + 1
            continue
        target = next(position for position in claim_tokens if position > index)
        between = tokens[index + 1 : target]
        # "without" denies its object only; so do "instead of" and "rather than" when a false claim
        # of another negation is read ("cost O(k) instead of O(T) in time" is not "costs nothing")
        narrow = token.raw in NARROW_NEGATORS or narrow_contrasts and token.raw in CONTRASTIVE_NEGATORS
        # "and then" ends the reach of a narrow one ("without clipping and then set τ low") but not
        # of a verb's ("you cannot clip and then hope that rescaling recovers it")
        if any(other.kind == "clause" and (narrow or other.raw != "then") and not _opens_its_object(between, other)
               for other in between):
            continue
        if _has_own_object(between) or _contrast_of_its_own_verb(tokens, index, target, claim_tokens):
            continue
        # "run it without clipping and log the norms": "and" ends the object it denies, while "or" lists
        # what it denies ("without shrinking or blowing it up" denies both)
        if narrow and between and tokens[target].joined and not tokens[target].alternative:
            continue
        if _contrasted(tokens, index, claim_tokens, between):
            continue
        if any(other.raw in CONDITION_OPENERS for other in between):
            continue  # "it costs nothing when a step keeps the norm": the condition is not denied
        if _new_subject(tokens[index + 1 : target + 1]):
            continue  # "they don't vanish and THEY dominate the sum": out of the negation's reach
        if not narrow and _new_statement(tokens, index, target, claim_tokens):
            continue  # "no clean identity path and THE gradients are large": likewise
        # "instead of the model's own prediction, which keeps training stable": the relative clause after a
        # contrast goes on about the whole practice, not about what the contrast set aside, which stays denied
        if token.raw not in CONTRASTIVE_NEGATORS and _alone_in_clause(tokens, target, claim_tokens):
            continue
        if token.raw == "notthe" and claim_tokens[0] > index:
            continue  # ", not the lost signal": the claim is said inside the phrase the contrast sets aside
        reach = 0 if token.raw == PREFIX_NEGATOR else 1 if narrow else NEGATION_REACH
        if sum(other.kind == "word" for other in between) <= reach:
            if token.raw == "nor" and neither:
                continue
            neither = neither or token.raw == "neither"
            counts[target] = counts.get(target, 0) + 1
    targets = {target for target, count in counts.items() if count % 2 == 1}
    return bool(targets), targets


def _opens_its_object(between: tuple[Token, ...], mark: Token) -> bool:
    """A bracket right after the negator opens what it denies ("depends on α, not on (T − t)")."""
    return mark.raw == "⟮" and between[0] is mark


def _contrasted(tokens: tuple[Token, ...], negator: int, claim_tokens: list[int], between: tuple[Token, ...]) -> bool:
    """A contrast inside the claim ("necessary but not sufficient for exploding"): "but not"
    after some of the claim's words denies a word of its own, so the words after it ("for
    exploding") belong to both sides, and the claim ("necessary for exploding") is stated by the
    first. "It vanishes but not explodes" still denies "it explodes": there the negator's next
    word is the claim's; and a comma is no contrast ("keeps the norm, no shrink/blow-up")."""
    return (negator > 0 and tokens[negator - 1].raw in CONTRASTS and claim_tokens[0] < negator
            and any(token.kind == "word" for token in between))


CONTRASTS = frozenset({"but", "yet"})


def _alone_in_clause(tokens: tuple[Token, ...], target: int, claim_tokens: list[int]) -> bool:
    """Whether the claim's words in the negated clause all come from the negated word on (the
    thing the negation speaks of, "the nonlinearity" or "the activation derivative") and the
    claim goes on in a relative clause about it: the negation says something of that thing ("it
    does not guarantee anything about the activation derivative, which is still at most 1"
    states the derivative's bound; it does not deny it). A claim that goes on after another mark
    stays denied ("necessary, not sufficient: explosion becomes possible")."""
    start = next((at + 1 for at in range(target - 1, -1, -1) if tokens[at].kind == "clause"), 0)
    end = next((at for at in range(target + 1, len(tokens)) if tokens[at].kind == "clause"), len(tokens))
    inside = [position for position in claim_tokens if start <= position < end]
    return (inside[0] == target and claim_tokens[-1] > end + 1 and tokens[end].raw == ","
            and tokens[end + 1].relative)


def _new_subject(reach: tuple[Token, ...]) -> bool:
    """Whether a pronoun opens a new statement after the negator has denied a word of its own
    ("the short-range ones don't vanish and they dominate the sum": "dominate" and "sum" are
    said of "they", not denied). After a verb that takes a clause, the pronoun opens what is
    denied ("you can't say they explode", "it doesn't mean that they must")."""
    for position, token in enumerate(reach):
        if token.referring:
            return any(other.kind == "word" and other.stem not in CLAUSE_VERBS for other in reach[:position])
    return False


def _new_statement(tokens: tuple[Token, ...], negator: int, target: int, claim_tokens: list[int]) -> bool:
    """Whether the negator denies a word of its own and then "and the ..." opens the noun phrase
    the whole claim is said of ("there is no clean identity path and the gradients near the
    output are large": the gradients are said to be large). A claim with a word before the
    "and" is denied on both sides ("it is not caused by the sigmoid and the tanh")."""
    for position in range(negator + 1, target + 1):
        token = tokens[position]
        if token.fresh and not token.alternative:
            own = any(other.kind == "word" for other in tokens[negator + 1 : position])
            return own and claim_tokens[0] >= position
    return False


CLAUSE_VERBS = frozenset(stem(word) for word in (
    "say", "conclude", "mean", "guarantee", "imply", "claim", "assume", "know", "expect", "ensure",
    "follow", "promise", "think", "believe", "suggest", "prove", "show"))
"""Verbs whose object is a clause: a negation of one denies the clause."""


def _has_own_object(between: tuple[Token, ...]) -> bool:
    """Whether a negator denies a word of its own before the next negator takes over: in "no
    shrinking, no blowing up" the first "no" denies "shrinking" and only the second reaches
    "blowing up" ("does not fail to" has no word between its negators: they cancel; nor has
    "it is not true that it does not": "true" states nothing of its own)."""
    for position, token in enumerate(between):
        if token.kind == "negator":
            return any(other.kind == "word" and other.raw not in SENTENTIAL for other in between[:position])
    return False


def _contrast_of_its_own_verb(tokens: tuple[Token, ...], negator: int, target: int, claim_tokens: list[int]) -> bool:
    """Whether "instead of" / "rather than" sets aside a verb of its own whose object the claim
    shares with the clause that follows: "instead of caching all T hidden states, you keep
    only every k-th one" denies the caching, not the keeping of the hidden states. "Instead of
    shrinking, the gradient grows" still denies the shrinking: there the claim's word comes first."""
    if tokens[negator].raw not in CONTRASTIVE_NEGATORS or not any(
            token.kind == "word" for token in tokens[negator + 1 : target]):
        return False
    mark = next((at for at in range(target + 1, len(tokens)) if tokens[at].kind == "clause"), None)
    return mark is not None and claim_tokens[-1] > mark


SENTENTIAL = frozenset({"true", "case", "correct", "right", "so"})  # "not true that ...": the whole clause


def _follows(tokens: tuple[Token, ...], last: int, negator: int) -> bool:
    """A negator right after the claim's last word, in the same clause ("... contribute nothing")."""
    between = tokens[last + 1 : negator]
    return not any(token.kind == "clause" for token in between) and sum(t.kind == "word" for t in between) <= 1


TAKE_BACK_SHARE = 0.5
"""A denial with at least this share of its words in the statements takes them back."""


def find(claims: tuple[Claim, ...], sentences: tuple[ReadSentence, ...], strict: bool = False) -> Finding:
    """How a rubric point (any of its claims) shows in the answer (`strict`: see `match`).

    A point stated outright in one sentence and denied in another is a conflict, and so
    unsure, when the denial takes the statement back: it is mostly in the statement's own
    words ("clipping fixes exploding gradients ... clipping does not fix exploding
    gradients"). A denial mostly in other words is the contrast an explanation draws with
    something else ("the RNN's gradient is multiplied by the same W_hh 500 times. A ResNet
    has its own weights per layer, so no single matrix is raised to a power"): beside a
    clear statement, the statement stands, as it does beside a reversal. A mere mention of a
    negative claim's words is no denial where the answer says what the model answer says
    around the same mention (see `_as_in_model`), nor of a contrast's two sides ("you plug in the
    ground-truth token where the model would feed its prediction" is "ground truth instead of
    the prediction" said without the "instead of"; the sides swapped are its denial)."""
    stated: list[tuple[int, ReadSentence]] = []
    denials: list[tuple[int, ReadSentence]] = []
    reversed_: list[str] = []
    mentioned: list[str] = []
    for sentence in sentences:
        present = sentence.senses
        verdicts = [found for claim in claims if not claim.key.isdisjoint(present)
                    and (found := match(claim, sentence, strict))
                    and not (found[0] == "mentioned" and (claim.contrastive or _as_in_model(claim, sentence)))]
        said = [typo for verdict, typo in verdicts if verdict == "stated"]
        denied = [typo for verdict, typo in verdicts if verdict == "contradicted"]
        if said:
            stated.append((min(said), sentence))
        elif denied:
            denials.append((min(denied), sentence))
        elif any(verdict == "reversed" for verdict, _ in verdicts):
            reversed_.append(sentence.text)
        elif verdicts:
            mentioned.append(sentence.text)
    confident = [sentence for typo, sentence in stated if typo < DOUBTFUL]
    if confident:
        own_words = frozenset().union(*(unit.senses for statement in confident for unit in statement.units))
        # a denial read only through a guessed word does not take back a clear statement
        denials = [(typo, denial) for typo, denial in denials if typo < DOUBTFUL and _takes_back(denial, own_words)]
        if not denials:
            return Finding("found", confident[0].text)
    contradicted = [denial.text for _, denial in denials]
    if not confident:
        contradicted += reversed_  # with no clear statement beside it, a reversal is a contradiction
    if not stated:
        contradicted += mentioned  # with nothing stated, a mention of the opposite is the reading
    if stated and contradicted:
        return Finding("unsure", stated[0][1].text, "conflict")
    if stated:
        return Finding("unsure", stated[0][1].text, "typo")
    if contradicted:
        return Finding("contradicted", contradicted[0])
    return Finding("missed")


def _takes_back(denial: ReadSentence, own_words: frozenset[str]) -> bool:
    """Whether most of the denial's words are among `own_words`, the statements' (see `find`)."""
    words = [unit for unit in denial.units if unit.senses]
    return bool(words) and sum(bool(unit.senses & own_words) for unit in words) >= TAKE_BACK_SHARE * len(words)
