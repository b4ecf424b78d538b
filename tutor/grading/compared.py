"""What a sentence says of the other side of a comparison the question draws.

"Why do gradients vanish more in RNNs than in CNNs?" is answered about both: "A CNN has a
fixed number of layers, each with its own weights" is true of the CNN, and reads as the
reverse of the RNN's key point "the same recurrent matrix at every step" ("own weights"
against "shared weights"). A check that names what its question compares with
(`compared_with`) has such sentences set aside when a key point is read the other way round:
a sentence that names the other side and not the question's subject says nothing against the
subject's key points. Statements are still read in it (a key point may be about the other
side: "a CNN usually has ReLU, normalisation and residual connections"), and so are false
claims ("CNNs multiply the same matrix" is one).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from tutor.grading.text_match import tokenize

if TYPE_CHECKING:
    from tutor.checks.kinds.concepts import ConceptsCheck
    from tutor.grading.claim_match import ReadSentence


def other_side_sentences(check: ConceptsCheck, sentences: Iterable[ReadSentence]) -> frozenset[str]:
    """The texts of the sentences about the other side of the question's comparison only: they
    name one of `check.compared_with` and not `check.subject`."""
    if not check.compared_with:
        return frozenset()
    others = [_stems(name) for name in check.compared_with]
    subject = _stems(check.subject) if check.subject else frozenset()
    about: set[str] = set()
    for sentence in sentences:
        stems = frozenset(token.stem for token in sentence.tokens if token.kind == "word")
        if any(name <= stems for name in others) and not (subject and subject <= stems):
            about.add(sentence.text)
    return frozenset(about)


@lru_cache(maxsize=256)
def _stems(name: str) -> frozenset[str]:
    """The word stems of a name the check gives (tokenised once, not on every grade)."""
    return frozenset(token.stem for token in tokenize(name) if token.kind == "word")
