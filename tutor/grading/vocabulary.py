"""Synonym groups: the words a pack treats as one idea, and which ideas are opposites.

A pack declares its vocabulary once, in `pack.yaml`:

    vocabulary:
      - name: shrink
        words: [shrink, decay, vanish, fade, die out, become tiny, go to zero]
        opposite: grow

A word of a rubric phrase that belongs to a group matches any member of the group in an
answer ("gradients shrink" is found in "the gradients die out"), and a member of the
opposite group is a *reversal* of it ("the gradients blow up" reverses "gradients shrink").
Members may be several words long; they are matched as a block, so "grow without bound"
is one idea, not a negation. Function words are not matched, except around a member of one
word ("set by", "come from"): there they are what makes the member (`Member`).

A few groups that any subject needs (above/below, more/less, larger/smaller, longer/shorter,
always/possible, increase/decrease) are built in, and so are the words of gradient-based
training every machine-learning pack shares (`tutor.grading.shared_vocabulary`: shrink/grow,
stable/unstable, signal, cost ...); a pack group of the same name adds words to the built-in
one. Stems are compared, so list each idea once, not each inflection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from tutor.grading.shared_vocabulary import KINDS, SHARED
from tutor.grading.text_match import Token, stopwords_after, tokenize

GROUP_MARK = "@"  # senses that name a group are written `@name`, stems are bare

Member = tuple[tuple[str, ...], str, "tuple[str, str] | None"]
"""A member read as a block: its stems, its group's sense, and for a member of one word among
function words ("set by", "come from", "has the potential") those words, (before, after): they
are what make it the member ("set the threshold" is no "set by"), and tokens leave them out."""

Groups = tuple[tuple[str, tuple[str, ...], "str | None"], ...]
"""Vocabulary groups as a pack declares them: (name, words, the opposite group or None)."""

BUILT_IN: Groups = (
    ("above", ("above", "greater", "more", "larger", "bigger", "exceed", "higher",
               "beyond", "outside the unit circle"), "below"),
    ("below", ("below", "under", "less", "smaller", "lower", "fewer", "within the unit circle",
               "inside the unit circle"), "above"),
    ("increase", ("increase", "rise", "raise", "go up", "climb", "amplify", "enlarge", "double", "bump up"),
     "decrease"),
    ("decrease", ("decrease", "reduce", "drop", "fall", "go down", "diminish", "lessen", "lower", "halve",
                  "back off"), "increase"),
    ("large", ("large", "big", "huge", "giant", "enormous", "massive", "high"), "small"),
    ("small", ("small", "tiny", "little", "minuscule", "negligible", "low"), "large"),
    ("long", ("long", "longer", "distant", "far", "far back", "remote", "long range", "long term"),
     "short"),
    ("short", ("short", "shorter", "recent", "nearby", "short range", "short term", "local"), "long"),
    ("always", ("always", "guarantee", "certainly", "inevitably", "must", "definitely", "surely",
                "necessarily"), "possible"),
    ("possible", ("possible", "possibly", "potentially", "allow", "permit", "capable of", "able to",
                  "has room to", "has the potential"), "always"),  # "σₘₐₓ > 1 only ALLOWS growth"
    *SHARED,  # the words of gradient-based training (`tutor.grading.shared_vocabulary`)
)


@dataclass(frozen=True)
class Vocabulary:
    """Compiled groups: which senses each stem has, multi-word members, opposites.

    Instances are compared by identity (they are cache keys for compiled rubrics).
    """

    single: dict[str, frozenset[str]] = field(hash=False, compare=False)
    multi: dict[str, tuple[Member, ...]] = field(hash=False, compare=False)
    opposites: dict[str, frozenset[str]] = field(hash=False, compare=False)
    kinds: dict[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    """stem -> the other kinds of its group, which never stand for it (`shared_vocabulary.KINDS`)."""

    __hash__ = object.__hash__
    __eq__ = object.__eq__

    def senses_of(self, stem: str) -> frozenset[str]:
        return frozenset((stem,)) | self.single.get(stem, frozenset())

    def opposites_of(self, senses: Iterable[str]) -> frozenset[str]:
        return frozenset(other for sense in senses for other in self.opposites.get(sense, ()))

    def members_from(self, stem: str) -> tuple[Member, ...]:
        """Members read as a block that start with `stem`, longest first."""
        return self.multi.get(stem, ())


def build(groups: Iterable[tuple[str, Iterable[str], str | None]] = ()) -> Vocabulary:
    """The vocabulary of the built-in groups plus `groups` (name, words, opposite)."""
    words: dict[str, list[str]] = {}
    opposite: dict[str, set[str]] = {}
    for name, members, other in (*BUILT_IN, *groups):
        words.setdefault(name, []).extend(members)
        opposite.setdefault(name, set())
        if other:
            opposite[name].add(other)
            opposite.setdefault(other, set()).add(name)
    single: dict[str, set[str]] = {}
    multi: dict[str, list[Member]] = {}
    for name, members in words.items():
        sense = GROUP_MARK + name
        for member in members:
            tokens = tokenize(member)
            stems = tuple(token.stem for token in tokens if token.kind == "word")
            glue = _function_words(member, tokens) if len(stems) == 1 else None
            if len(stems) == 1 and not glue:
                single.setdefault(stems[0], set()).add(sense)
            elif stems:
                multi.setdefault(stems[0], []).append((stems, sense, glue))
    return Vocabulary(
        single={stem: frozenset(senses) for stem, senses in single.items()},
        multi={first: tuple(sorted(entries, key=lambda entry: -len(entry[0]))) for first, entries in multi.items()},
        opposites={GROUP_MARK + name: frozenset(GROUP_MARK + o for o in others) for name, others in opposite.items()},
        kinds=_other_kinds(),
    )


def unread(member: str) -> bool:
    """Whether `member` has no word but function words ("as is"): nothing of it is matched."""
    return not any(token.kind == "word" for token in tokenize(member))


def _function_words(member: str, tokens: tuple[Token, ...]) -> tuple[str, str] | None:
    """The function words around a one-word member (before, after), or None when it has none."""
    glue = (tokens[0].before, stopwords_after(member)) if len(tokens) == 1 else ("", "")
    return glue if any(glue) else None


def _other_kinds() -> dict[str, frozenset[str]]:
    """Each kind's stem -> the stems of the other kinds of its groups (`KINDS`)."""
    others: dict[str, set[str]] = {}
    for members in KINDS.values():
        stems = [token.stem for word in members for token in tokenize(word) if token.kind == "word"]
        for stem in stems:
            others.setdefault(stem, set()).update(other for other in stems if other != stem)
    return {stem: frozenset(rest) for stem, rest in others.items()}


@lru_cache(maxsize=1)
def built_in() -> Vocabulary:
    """The vocabulary of a check that belongs to no pack (built-in groups only)."""
    return build()
