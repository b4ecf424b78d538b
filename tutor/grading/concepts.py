"""Grading a `concepts` check: which claims does a free-text answer make, and how?

Each concept and each misconception is read as a claim (`tutor.grading.claim_match`):
found, missed, contradicted (stated with the opposite polarity or direction) or unsure.
The verdict, as a fair interviewer would give it:

- a misconception asserted (the question's own, or one of the pack's catalogue of false
  claims that every concepts question checks): wrong, whatever else the answer says; the score is capped at
  `MISCONCEPTION_CAP` and the feedback names it and gives its explanation;
- a concept contradicted: wrong, capped the same way (the answer states something false);
- at least `pass_count` concepts found: correct, score 1;
- fewer: partial credit, half the share of the needed concepts found, so a partial answer
  always scores below 0.5 and an answer that is not correct never reaches 0.5;
- *undecided* when the verdict hinges on an unsure claim (matched only through a doubtful
  typo, or stated in one sentence and denied in another): the grader says so and lets the
  learner correct it, rather than guess.

The grade carries one `ClaimCheck` per rubric point, with the sentence that decided it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tutor.grading.claim_match import (
    Claim,
    Finding,
    Lexicon,
    ReadSentence,
    compile_claim,
    find,
    match,
    read,
    stated_words,
)
from tutor.grading.compared import other_side_sentences
from tutor.grading.result import ClaimCheck, Grade
from tutor.grading.text_match import (
    CLAUSE_END,
    Sentence,
    Token,
    aside_free,
    heading_items,
    is_question,
    is_term_list,
    pronoun_items,
    sentences,
    subject_reading,
    tokenize,
    without_embedded_list,
    without_reported_belief,
    without_term_list,
)
from tutor.grading.vocabulary import BUILT_IN, Groups, Vocabulary, build
from tutor.words import LIST_OF_TERMS, listed, plural

if TYPE_CHECKING:
    from tutor.checks.kinds.concepts import Concept, ConceptsCheck, Misconception
    from tutor.grading.yes_no import ShortAnswer

Readings = list[tuple["Concept", Finding]]
"""Each key point with what the answer says of it."""
FalseReadings = list[tuple["Misconception | ShortAnswer", Finding]]
"""Each false claim with what the answer says of it."""
RubricKey = tuple[Groups, tuple["Misconception", ...], str]
"""What a compiled rubric depends on besides the check: the pack's vocabulary and false claims,
and the model answer (see `_marked_by_model`)."""

MAX_RESPONSE_LENGTH = 5000
MISCONCEPTION_CAP = 0.25


Compiled = tuple[tuple["Concept", tuple[Claim, ...]], ...]
"""Key points with their claims, as a rubric holds them."""


@dataclass(frozen=True)
class Rubric:
    """A check's claims compiled against its pack's vocabulary."""

    concepts: Compiled
    misconceptions: tuple[tuple[Misconception, tuple[Claim, ...]], ...]
    vocabulary: Vocabulary
    lexicon: Lexicon
    own_misconceptions: int = 0  # the question's own come first; the rest are the pack's


def grade_concepts(check: ConceptsCheck, response: str) -> Grade:
    if not isinstance(response, str):
        return Grade.format_error("Type your answer as text.", "type")
    if len(response) > MAX_RESPONSE_LENGTH:
        return Grade.format_error(
            f"The answer is {len(response)} characters long; the limit is {MAX_RESPONSE_LENGTH}.",
            "too-long",
            MAX_RESPONSE_LENGTH,
        )
    statements = _statements(sentences(response))
    parts = _readings(statements)
    if not any(token.kind == "word" for part in parts for token in part.tokens):
        return Grade.format_error("The answer is empty.", "empty", 0)
    rubric = compile_rubric(check)
    if all(is_term_list(statement) for statement in statements):
        return _list_of_terms(check, rubric, statements)
    read_parts = tuple(read(part, rubric.vocabulary, rubric.lexicon) for part in parts)
    own = [Sentence(statement.text, ()) if is_question(statement) else without_reported_belief(statement)
           for statement in statements]
    read_own = read_parts if own == statements else tuple(
        read(part, rubric.vocabulary, rubric.lexicon) for part in _readings(own))
    claimed = read_own + tuple(read(part, rubric.vocabulary, rubric.lexicon) for part in _said_of_subject(check, own))
    wrong: FalseReadings = [(m, find(claims, claimed, strict=True)) for m, claims in rubric.misconceptions]
    wrong += _short_answer(check, response)
    sound = _outside_false_claims(read_parts, claimed, rubric, wrong)
    concepts = _read_key_points(check, rubric, read_parts, sound)
    claims = tuple(_claim(concept, "concept", finding, _evidence(wordings, finding, sound))
                   for (concept, finding), (_, wordings) in zip(concepts, rubric.concepts))
    hopeful = _verdict(check, concepts, wrong, optimistic=True)
    doubtful = _verdict(check, concepts, wrong, optimistic=False)
    undecided = hopeful[0] != doubtful[0]
    # the pack's catalogue of false claims is reported only where the answer asserts one, or
    # where one the grader is unsure of leaves the grade undecided
    shown = ("found", "unsure") if undecided else ("found",)
    claims += tuple(_claim(concept, "misconception", finding) for index, (concept, finding) in enumerate(wrong)
                    if index < rubric.own_misconceptions or finding.status in shown)
    notes = _notes(concepts, wrong)
    if undecided:
        feedback = _undecided_feedback(concepts, wrong)
        return Grade(False, 0.0, feedback, ("undecided", *notes), undecided=True, claims=claims)
    correct, score = doubtful
    feedback = _feedback(check, concepts, wrong, correct)
    if not correct and _lists_terms(statements):
        feedback += "\n" + EMBEDDED_LIST_NOTE
    return Grade(correct, score, feedback, notes, claims=claims)


EMBEDDED_LIST_NOTE = "A run of terms inside a sentence names topics but says nothing about how they relate."


def _lists_terms(statements: list[Sentence]) -> bool:
    """Whether a statement holds a long run of bare terms that was not read (`without_embedded_list`):
    the learner is told why its words earned nothing, as an answer that is all list is."""
    return any(len(without_embedded_list(part).tokens) < len(part.tokens)
               for part in map(without_term_list, statements))


def _read_key_points(check: ConceptsCheck, rubric: Rubric, parts: tuple[ReadSentence, ...],
                     sound: tuple[ReadSentence, ...]) -> Readings:
    """Each key point with what the answer says of it; where the answer does not state it
    plainly, a sentence about the other side of the question's comparison alone is no reading
    against it, while its statement of the point still counts (a key point may be about either
    side); see `tutor.grading.compared`."""
    other = other_side_sentences(check, parts)
    found: Readings = []
    for concept, claims in rubric.concepts:
        finding = _credited(claims, parts, sound)
        if other and finding.status != "found":
            stating = {part.text for part in parts if part.text in other and find(claims, (part,)).status == "found"}
            own = tuple(part for part in parts if part.text not in other or part.text in stating)
            own_sound = own if sound is parts else tuple(
                part for part in sound if part.text not in other or part.text in stating)
            finding = _credited(claims, own, own_sound)
        found.append((concept, finding))
    return found


def _list_of_terms(check: ConceptsCheck, rubric: Rubric, statements: list[Sentence]) -> Grade:
    """The grade of an answer that is only a list of terms ("Exploding gradients: BPTT, clipping,
    NaN, large eigenvalues, learning rate, instability, divergence."). It names words and relates
    none of them, which is what an interviewer asks for, so it earns partial credit at most
    (LIST_CAP, below the half a key point's worth of a statement would give): the key points
    its terms name are ticked, each read from one item alone, since neighbouring terms state
    nothing together ("learning rate, instability" is not "training is unstable"). A terse
    answer that states things ("grads grow exponentially, updates overshoot") has items of more
    words, or a verb or a clause word in them, and is read as written."""
    items = tuple(read(item, rubric.vocabulary, rubric.lexicon) for statement in statements
                  for item in _list_items(statement))
    concepts = [(concept, _credited(claims, items, items)) for concept, claims in rubric.concepts]
    named = [concept for concept, finding in concepts if finding.status == "found"]
    unnamed = [concept for concept, finding in concepts if finding.status != "found"]
    lines = [f"Not yet: {LIST_OF_TERMS}. It names words but says nothing about how they relate."]
    if named:
        lines.append(f"Named: {_names(named)}.")
    if unnamed:
        lines.append(f"Missing: {_names(unnamed)}.")
    lines.append("Say what happens and why, in a sentence or two.")
    claims = tuple(_claim(concept, "concept", finding) for concept, finding in concepts)
    score = LIST_CAP if named else 0.0
    return Grade(False, score, "\n".join(lines), ("term-list", *_notes(concepts, [])), claims=claims)


LIST_CAP = 0.25


def _list_items(statement: Sentence) -> list[Sentence]:
    """The items of a list of terms (and its label, "Exploding gradients:"), each a sentence
    of its own."""
    items: list[list[Token]] = [[]]
    for token in statement.tokens:
        if token.kind == "clause" or token.joined:
            items.append([])
        if token.kind != "clause":
            items[-1].append(token)
    return [Sentence(statement.text, tuple(item)) for item in items if item]


def _outside_false_claims(parts: tuple[ReadSentence, ...], own: tuple[ReadSentence, ...], rubric: Rubric,
                          wrong: FalseReadings) -> tuple[ReadSentence, ...]:
    """The readings a key point may be credited from: not the words by which a sentence asserts
    a false claim (`own`: the readings the false claims were looked for in, the opening one with
    the question's subject among them: "It fixes exploding and vanishing gradients" credits no
    "clipping acts on exploding gradients"). Those words serve the false claim ("clipping
    rescales the gradient to a fixed norm, so tiny gradients are scaled back up" is not
    "clipping caps the norm"), and crediting them would tick a point on the checklist beside
    the misconception they state; the rest of the sentence still counts ("the gradient shrinks
    exponentially, while exploding gradients speed up training" states the shrinking)."""
    cuts: dict[str, set[int]] = {}
    sentences_by_text = {sentence.text: sentence for sentence in own}
    # zip stops at the rubric's own false claims: the short answer that `wrong` may end with
    # ("Yes, ...") is one word, with nothing of a key point to cut
    for (_, claims), (_, finding) in zip(rubric.misconceptions, wrong):
        sentence = sentences_by_text.get(finding.sentence) if finding.status == "found" else None
        if sentence is None:
            continue
        # every wording of the false claim the sentence states, not only the first: "clipping
        # fixes vanishing, ..., so small gradients are rescaled back up" says it twice, and the
        # second wording's words ticked "small gradients unchanged" beside it
        for claim in claims:
            words = stated_words(claim, sentence, True)
            if words:
                cuts.setdefault(finding.sentence, set()).update(_phrase_tokens(sentence, words))
    if not cuts:
        return parts
    rest = tuple(_without(sentences_by_text[text], cut, rubric) for text, cut in cuts.items())
    return tuple(part for part in parts if part.text not in cuts) + rest


def _phrase_tokens(sentence: ReadSentence, words: tuple[int, ...]) -> set[int]:
    """The tokens a false claim is stated by: its words and those between two of them in the
    same clause ("clipping CAPS THE NORM and targets exploding, and it also fixes vanishing":
    the claim "clipping fixes vanishing" is not stated by the clause in between)."""
    cut = set(words)
    for first, last in zip(words, words[1:]):
        between = sentence.tokens[first + 1 : last]
        if not any(token.kind == "clause" for token in between):
            cut.update(range(first + 1, last))
    return cut


def _credited(claims: tuple[Claim, ...], parts: tuple[ReadSentence, ...], sound: tuple[ReadSentence, ...]) -> Finding:
    """What the answer says of a key point: read in the whole answer, and, where that finds it,
    again without the words of the false claims it asserts (a denial of the point among those
    words still counts: "clipping fixes vanishing" denies "clipping does not fix vanishing")."""
    finding = find(claims, parts)
    return finding if finding.status != "found" or sound is parts else find(claims, sound)


def _without(sentence: ReadSentence, cut: set[int], rubric: Rubric) -> ReadSentence:
    """`sentence` with the tokens of `cut` replaced by a clause mark for each run of them (the
    words either side of a run are not one phrase)."""
    tokens = [CLAUSE_END if index in cut else token for index, token in enumerate(sentence.tokens)
              if index not in cut or index - 1 not in cut]
    return read(Sentence(sentence.text, tuple(tokens)), rubric.vocabulary, rubric.lexicon)


def _statements(found: list[Sentence]) -> list[Sentence]:
    """The sentences that may state something: a list of bare terms opening the answer
    is a preamble naming topics ("Eigenvalues, spectral radius, σ_max, non-normal matrices.
    The eigenvalues only affect ..."), and names relate nothing (a list that is all the
    answer says is graded by `_list_of_terms`)."""
    if len(found) > 1 and is_term_list(found[0]):
        return found[1:]
    return found


def _readings(statements: list[Sentence]) -> list[Sentence]:
    """Each statement (without a leading list of terms), then its extra readings: a heading's
    items, the clauses a pronoun opens, the words around an aside."""
    parts = [without_embedded_list(without_term_list(part)) for part in statements]
    return parts + [item for part in parts for item in (*heading_items(part), *pronoun_items(part), *aside_free(part))]


def _said_of_subject(check: ConceptsCheck, statements: list[Sentence]) -> list[Sentence]:
    """The opening statement read with the question's subject for the pronoun it opens with
    (a bare "No." before it opens nothing): read for false claims only ("It fixes both" to
    "Does clipping fix vanishing gradients?" asserts "clipping fixes vanishing"). A key point
    is not credited from it: the subject's words are the question's, not the learner's
    ("It brings the memory down to O(√T)" names no recomputation, whatever the subject
    "gradient checkpointing" matches)."""
    if not check.subject:
        return []
    opening = next((part for part in statements if any(token.kind != "clause" for token in part.tokens)), None)
    reading = opening and subject_reading(without_term_list(opening), tokenize(check.subject))
    return [reading] if reading else []


def _short_answer(check: ConceptsCheck, response: str) -> FalseReadings:
    """A yes-or-no question answered the other way (`answer_is`): one false claim, found in the
    opening sentence, reported and capped like any misconception (the learner may correct it)."""
    if check.answer_is is None:
        return []
    from tutor.grading.yes_no import opposite_opening, short_answer_point

    opening = opposite_opening(response, check.answer_is)
    return [] if opening is None else [(short_answer_point(check.answer_is), Finding("found", opening))]


_RUBRICS: dict[int, tuple[ConceptsCheck, RubricKey, Rubric]] = {}


def compile_rubric(check: ConceptsCheck) -> Rubric:
    """The compiled rubric of `check` (cached per check object and vocabulary)."""
    groups = check.vocabulary_groups
    key = (groups, check.pack_misconceptions, check.model_answer)
    cached = _RUBRICS.get(id(check))
    if cached and cached[0] is check and cached[1] == key:
        return cached[2]
    vocabulary = _vocabulary(groups)
    concepts = tuple((c, tuple(compile_claim(text, vocabulary, c.ordered) for text in c.phrases))
                     for c in check.concepts)
    catalogue = {m.name: m for m in check.pack_misconceptions}
    wrong = tuple((m, tuple(compile_claim(text, vocabulary, m.ordered) for text in _wordings(m, catalogue)))
                  for m in _misconceptions(check))
    stems = {sense for _, claims in (*concepts, *wrong) for claim in claims for word in claim.words
             for sense in word.senses if not sense.startswith("@")}
    stems |= set(vocabulary.single)
    texts = [claim.text for _, claims in (*concepts, *wrong) for claim in claims]
    texts += [word for _, words, _ in (*BUILT_IN, *groups) for word in words]
    raws = {token.raw: token.stem for text in texts for token in tokenize(text) if token.kind == "word"}
    lexicon = Lexicon(stems, raws)
    concepts = _marked_by_model(concepts, check.model_answer, vocabulary, lexicon)
    rubric = Rubric(concepts, wrong, vocabulary, lexicon, len(check.misconceptions))
    if len(_RUBRICS) > 512:
        _RUBRICS.clear()
    _RUBRICS[id(check)] = (check, key, rubric)
    return rubric


def _marked_by_model(concepts: Compiled, model_answer: str, vocabulary: Vocabulary, lexicon: Lexicon) -> Compiled:
    """Give a key point's negative claims the other words of the model answer's sentences that
    mention them without stating the point (its mechanism: "the gradient for an early step is
    a product of many step Jacobians" has the words of "no learning signal from distant
    steps"): an answer mentioning them in those words does not deny the point (see
    `claim_match.find`)."""
    if not model_answer:
        return concepts
    model = [read(part, vocabulary, lexicon) for part in _readings(_statements(sentences(model_answer)))]
    marked = []
    for concept, claims in concepts:
        verdicts = [[(match(claim, sentence) or ("",))[0] for sentence in model] for claim in claims]
        stating = {index for row in verdicts for index, verdict in enumerate(row) if verdict == "stated"}
        marked.append((concept, tuple(
            _with_model_context(claim, [sentence for index, sentence in enumerate(model)
                                        if row[index] == "mentioned" and index not in stating])
            for claim, row in zip(claims, verdicts))))
    return tuple(marked)


def _with_model_context(claim: Claim, mentions: list[ReadSentence]) -> Claim:
    """`claim` with the other senses of the model answer's `mentions` of it (a negative claim only)."""
    if not claim.negative or not mentions:
        return claim
    own = frozenset().union(*(word.senses for word in claim.words))
    return replace(claim, model_context=frozenset().union(*(sentence.senses - own for sentence in mentions)))


def _misconceptions(check: ConceptsCheck) -> tuple[Misconception, ...]:
    """The question's own misconceptions, then the pack's catalogue of false claims (a pack
    misconception of the same name as the question's is the question's: see `_wordings`)."""
    own = tuple(check.misconceptions)
    names = {m.name for m in own}
    return own + tuple(m for m in check.pack_misconceptions if m.name not in names)


def _wordings(misconception: Misconception, catalogue: dict[str, Misconception]) -> tuple[str, ...]:
    """The phrases a misconception is read by: a question that names a false claim of the pack's
    catalogue adds its own wordings (and feedback) to the catalogue's, it does not drop them."""
    shared = catalogue.get(misconception.name)
    own = tuple(misconception.phrases)
    if shared is None or shared is misconception:
        return own
    return own + tuple(phrase for phrase in shared.phrases if phrase not in own)


_VOCABULARIES: dict[Groups, Vocabulary] = {}


def _vocabulary(groups: Groups) -> Vocabulary:
    if groups not in _VOCABULARIES:
        _VOCABULARIES[groups] = build(groups)
    return _VOCABULARIES[groups]


def _verdict(check: ConceptsCheck, concepts: Readings, wrong: FalseReadings, *, optimistic: bool) -> tuple[bool, float]:
    """(correct, score) with unsure claims resolved for the answer (optimistic) or against it."""
    def status(finding: Finding, good: str, bad: str) -> str:
        if finding.status != "unsure":
            return finding.status
        return good if optimistic else bad

    found = sum(status(f, "found", "missed") == "found" for _, f in concepts)
    denied = any(status(f, "found", "contradicted" if f.doubt == "conflict" else "missed") == "contradicted"
                 for _, f in concepts)
    asserted = any(status(f, "missed", "found") == "found" for _, f in wrong)
    return score_claims(found, check.pass_count, asserted=asserted, denied=denied)


def score_claims(found: int, pass_count: int, *, asserted: bool, denied: bool) -> tuple[bool, float]:
    """The concepts rule, shared with the learner's corrections (`tutor.grading.corrections`):
    correct with `pass_count` points and nothing false; partial credit is half the share of the
    points needed, so a wrong answer never reaches 0.5; a misconception or a denied point caps it."""
    partial = 0.5 * min(found, pass_count) / pass_count
    if asserted or denied:
        return False, min(partial, MISCONCEPTION_CAP)
    if found >= pass_count:
        return True, 1.0
    return False, partial


_STATUS_NOTE = {"found": "hit", "missed": "missed", "contradicted": "negated", "unsure": "unsure"}


def _notes(concepts: Readings, wrong: FalseReadings) -> tuple[str, ...]:
    notes = tuple(f"hit:{c.name}" for c, f in concepts if f.status == "found")
    notes += tuple(f"missed:{c.name}" for c, f in concepts if f.status != "found")
    notes += tuple(f"negated:{c.name}" for c, f in concepts if f.status == "contradicted")
    notes += tuple(f"unsure:{c.name}" for c, f in (*concepts, *wrong) if f.status == "unsure")
    notes += tuple(f"misconception:{m.name}" for m, f in wrong if f.status == "found")
    return notes


def _claim(concept: Concept | ShortAnswer, role: str, finding: Finding, evidence: str = "") -> ClaimCheck:
    return ClaimCheck(concept.name, role, finding.status, finding.sentence, concept.shown, evidence)


def _evidence(wordings: tuple[Claim, ...], finding: Finding, readings: tuple[ReadSentence, ...]) -> str:
    """The words by which a found key point was read in its sentence, in the order written
    ("gradient dies off geometrically"): what the checklist quotes. Empty when not found."""
    if finding.status != "found":
        return ""
    for reading in readings:
        if reading.text != finding.sentence:
            continue
        for wording in wordings:
            words = stated_words(wording, reading)
            if words:
                return " ".join(reading.tokens[index].raw for index in sorted(_phrase_tokens(reading, words)))
    return ""


def _feedback(check: ConceptsCheck, concepts: Readings, wrong: FalseReadings, correct: bool) -> str:
    hits = [c for c, f in concepts if f.status == "found"]
    missed = [c for c, f in concepts if f.status != "found"]
    denied = [c for c, f in concepts if f.status == "contradicted"]
    asserted = [m for m, f in wrong if f.status == "found"]
    if correct and missed:  # "Correct." over "Missing: ..." read as a contradiction
        lines = [f"Correct: {len(hits)} of the {len(check.concepts)} key points ({check.pass_count} needed)."]
    elif correct:
        lines = ["Correct."]
    elif asserted:
        lines = [f"Not quite: your answer states a misconception ({_names(asserted)})."]
    elif denied:
        lines = [f"Not quite: your answer states the opposite of a key point ({_names(denied)})."]
    elif hits:
        lines = [f"Partly correct: {_progress(len(hits), check.pass_count, len(check.concepts))}."]
    else:
        lines = ["Not yet: none of the key points were found."]
    if hits:
        lines.append(f"Found: {_names(hits)}.")
    unsaid = [c for c in missed if c not in denied]  # a denied point is named once, as denied
    if unsaid:
        lines.append(f"{'Also worth saying' if correct else 'Missing'}: {_names(unsaid)}.")
    if denied and asserted:
        lines.append(f"You stated the opposite of: {_names(denied)}.")
    lines += [m.feedback for m in asserted]
    return "\n".join(lines)


def _undecided_feedback(concepts: Readings, wrong: FalseReadings) -> str:
    unsure = [c for c, f in (*concepts, *wrong) if f.status == "unsure"]
    return (
        f"Undecided: I could not tell whether your answer states {_names(unsure)}"
        " (a word I had to guess at, or a point both made and denied). Check the key points and correct me."
    )


def _progress(found: int, needed: int, total: int) -> str:
    """`1 of the 2 key points`, or, when fewer than all are needed,
    `1 key point found; 2 of the 3 are needed` (never `1 of the 2` beside three listed)."""
    if needed == total:
        return f"{found} of the {total} key points"
    return f"{plural(found, 'key point')} found; {needed} of the {total} are needed"


def _names(concepts: Iterable[Concept | ShortAnswer]) -> str:
    return listed(concept.shown for concept in concepts)


__all__ = ["MISCONCEPTION_CAP", "ReadSentence", "Rubric", "compile_rubric", "grade_concepts"]
