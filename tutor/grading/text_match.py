"""Reading free text into sentences of tokens, the way a kind reader would.

This is the first step of free-text grading (`tutor.grading.claim_match` reads claims in
what it produces). Normalisation:

- LaTeX commands written as the symbols they stand for (`\\partial` -> `∂`, `\\leq` -> `≤`, see
  `tutor.grading.latex_text`);
- lower case, accents and curly quotes folded, contractions opened (`doesn't` -> `does
  not`, `can't` -> `can not`), plural acronyms made singular (`RNNs` -> `rnn`);
- symbols become words, so "σ_max < 1", "sigma max below one" and "σₘₐₓ<1" read alike:
  Greek letters are named (`σ` -> `sigma`, `ρ` -> `rho`, `γ` -> `gamma`), subscripts are
  folded (`Wₕₕ`, `W_hh`, `w hh` -> `whh`; `σₘₐₓ`, `sigma_max` -> `sigmamax`), `<`/`≤` ->
  `below`, `>`/`≥` -> `above`, `≈`/`~` -> `about` (and `~0` -> `zero`), `→` -> `to` before
  a value (`σ → 0`) and `so` between statements, `≠` -> `not`, `∏` -> `product`, `√` ->
  `sqrt`, `Σ` -> `sum`, `∞` -> `infinity`, `∝` -> `proportional`, `||`/`‖` -> `norm`, `↑`/`↓` ->
  `grows`/`shrinks`, `^` ->
  `power`, `1` -> `one`, `0` -> `zero`, `timesteps` -> `time steps`;
- British spellings fold to American before stemming (`initialise` -> `initialize`,
  `behaviour` -> `behavior`, `centre` -> `center`);
- each word is stemmed with the Snowball English stemmer (`vanishing`, `vanishes` ->
  `vanish`); filler words (`the`, `is`, `of`, auxiliaries, `equal`) are dropped.

Sentences end at `. ! ? ;` and line breaks (not inside `1.5`). Inside a sentence, clause
marks (`, :`, the brackets of an aside " (...) " and words such as `but`, `because`, `so`,
`if`) bound the scope of a negation;
negators (`not`, `never`, `no`, `without`, `cannot`, `fails to`, `struggles to`, `unable`, `barely`, `rather than`,
`instead of`, and `unlike`, whose object is what the sentence is NOT about: "unlike value
clipping, norm clipping keeps the direction" ...) are kept as
tokens of their own kind, not as words.

snowballstemmer is imported on first use, never by `import tutor`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tutor.grading.latex_text import plain_symbols

PREFIX_NEGATOR = "nonprefix"
"""What a "non-" that denies its word becomes: a negator whose reach is that word alone."""
NEGATORS = frozenset({PREFIX_NEGATOR}) | frozenset(
    "not no never without unlike cannot unable impossible neither nor none nothing nobody nowhere notthe "
    "fail fails failed failing struggleto barely hardly scarcely ratherthan insteadof "
    "dosnt dosent doesent doesnot isnot cannt havnt didint wasent dnt "  # contractions as they get typed
    "doesnt dont isnt arent wasnt werent didnt cant couldnt wouldnt shouldnt wont hasnt havent hadnt aint".split()
)
STOPWORDS = frozenset(
    "a an the of to is are was were be been being am it its this that these those in on at by for with "
    "and or as does do did doe has have had having which who whom whose very just also there their they "
    "them we you i he she his her our your into onto from then such than equal equals eq s "
    "can could may might will would shall should all every each any both during across via per once over "
    "use uses used using "  # a light verb: "RNNs use different weights" claims what "RNNs have" does
    "theyre theyve theyll".split()
)
PRONOUNS = frozenset("they these those them theyre theyve theyll".split())
DETERMINERS = frozenset("the a an its their this these those our your".split())
RESTRICTIONS = frozenset({"only"})
"""A restriction after "and" opens a statement of its own, as a determiner does: in "normal steps
aren't changed and only the rare spikes get rescaled" the negation does not reach the spikes."""
RELATIVE_PRONOUNS = frozenset("which whose who whom where".split())
CLAUSE_WORDS = frozenset(
    "but however although though whereas while yet because since so therefore thus hence if unless".split()
)
JOINING_WORDS = frozenset({"and", "or"})  # "long-range terms dominate AND short-range ones vanish"
_SENTENCE_END = re.compile(
    r"(?<!\bexp\.)(?<!\bapprox\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bcf\.)(?<!\bresp\.)"
    r"(?<!\bal\.)(?<!\b[Ee]q\.)(?<!\b[Ff]ig\.)(?<!\b[Dd]yn\.)(?<!\bindep\.)"
    r"(?<=[.!?;])(?=\s|$)|\n+"
)
"""Sentences end at . ! ? ; and line breaks, but not after a note-taker's abbreviation
("→ exp. small", "e.g. saturation", "vs. the spectral radius", "Pascanu et al. pair Ω with
clipping", "see eq. 3", "Dyn. isometry", "indep. of distance")."""
_CONTRACTIONS = (
    (re.compile(r"\bcan'?t\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"(?<=[a-z])'re\b"), " are"),  # "they're swamped" (see the passive of dominate)
    (re.compile(r"\bre-(?=[a-z]{3})"), "re"),  # "re-run", "re-compute": the verb, not "re" and "run"
)
_NOTHING_STOPS = re.compile(
    r"\b(?:nothing|there is nothing to) (?:stops|stop|prevents|prevent|keeps|keep) ([^,;:.]{1,60}?) from (?=\w)")
"""A double denial that grants: "nothing stops gradient descent from bending W_hh away" says
gradient descent can bend it (it denied the bending); read as "gradient descent can ..."."""
_ZERO_AMOUNT = re.compile(
    r"\b(?:(?:almost|nearly|practically|virtually|essentially|basically|effectively)\s+)?zero"
    r"(?=\s+(?:learning\s+signal|gradients?|signal|information|credit|effect|influence|contributions?|updates?)\b)")
"""An amount written as zero before what there is none of: "the earliest steps get an almost
zero learning signal" says they get no signal, as "no learning signal" does (it was read as
the opposite of "early steps get no learning signal"). "The gradient goes to zero" keeps its word."""
_MODAL = r"(?:does|do|did|can|could|will|would|may|might)"
_LOSS = r"(?:(?:the|any|that|this|its) )?(?:missing|lost|vanished|faded|gone|erased|destroyed|dropped)\b"
_BACK = r"(?:bring|brings|put|puts|give|gives|add|adds)"
_UNRESTORED = (
    (re.compile(rf"\b(?:rather than|instead of) (?:restoring|recovering|(?:bringing|putting|giving|adding) back)"
                rf" (?={_LOSS})"), "leaving "),
    (re.compile(rf"\b(?:{_MODAL} )?(?:not|never) (?:restores?|recovers?|{_BACK} back) (?={_LOSS})"), "leaves "),
    (re.compile(rf"\b(?:{_MODAL} )?(?:not|never) {_BACK} ({_LOSS}[^,;:.]{{0,40}}?) back\b"), r"leaves \1"),
)
"""A denied repair of a loss grants the loss: "rescaling does not bring back the missing signal"
says the signal stays missing (it was read as denying "the signal is lost"), and so does "it
amplifies the noise rather than recovering the lost signal". Read as "leaves the missing signal"
("leaving ..."); a repair of anything else keeps its negation ("clipping cannot restore the gradient")."""
_GREEK = {"σ": "sigma", "γ": "gamma", "λ": "lambda", "ρ": "rho", "φ": "phi", "ϕ": "phi", "τ": "tau",
          "η": "eta", "α": "alpha", "β": "beta", "θ": "theta", "δ": "delta", "∂": "partial", "ε": "epsilon",
          "ν": "nu", "μ": "mu", "ω": "omega", "κ": "kappa", "ξ": "xi", "π": "pi", "χ": "chi", "ψ": "psi",
          "ζ": "zeta"}  # read after lower(): capitals (Ω, Λ, Δ) become these
_SYMBOLS = (
    # arrows first: the ">" of "->" is not "above". An implication arrow is "so" (a clause of
    # its own: "never enlarges ⇒ only exploding" does not deny "exploding")
    (re.compile(r"=>|⇒|∴"), " so "),
    # an arrow before a value is "goes to" ("σ → 0", "g -> ∞"); between statements it is "so"
    # ("λ ≈ 0: no vanishing → longest learnable dependencies" does not deny the dependencies)
    (re.compile(r"(?:→|->|⟶)(?=\s*(?:[-−+]?\d|[∞0]|inf\b|infinity\b|nan\b|zero\b|one\b))", re.IGNORECASE), " to "),
    (re.compile(r"→|->|⟶"), " so "),
    # a vertical arrow says which way a quantity goes ("‖∏J‖ ↑ exponentially", "expressivity ↓")
    (re.compile(r"[↑⇑⬆]"), " grows "),
    (re.compile(r"[↓⇓⬇]"), " shrinks "),
    (re.compile(r"[<≤⩽≪]"), " below "),
    (re.compile(r"[>≥⩾≫]"), " above "),
    (re.compile(r"[≈~∼]"), " about "),
    (re.compile(r"[∏]"), " product "),
    (re.compile(r"√"), " sqrt "),  # "O(√T)" is not "O(T)"
    (re.compile(r"∞"), " infinity "),
    (re.compile(r"∝"), " proportional "),
    (re.compile(r"\|\||‖"), " norm "),  # "||g|| > τ": the norm above the threshold
    # tanh's derivative written out: "1 − tanh²(a)", "1 - tanh(a)^2", "1-tanh**2"
    (re.compile(r"\b1\s*[-−–]\s*tanh\s*(?:\([^()]{0,16}\)\s*)?(?:²|(?<=h)2(?!\d)|\^\s*2|\*\*\s*2)(?:\s*\([^()]{0,16}\))?"),
     " tanh derivative "),
    # a lag between two steps is their distance: "decays like |λ|^(T − t)", "independent of s-t"
    (re.compile(r"\b(?:t|s|k|tau)\s*(?:[-−–]|\bminus\b)\s*(?:t|s|k|tau)\b"), " distance "),
    (re.compile(r"\^"), " power "),  # "|λ|^(T−t)": a power of the distance
    (re.compile(r"∑"), " sum "),
    # a prime on a function is its derivative ("φ′ → 1", "tanh'(a) < 1"), not a stray mark; an
    # apostrophe before a letter is a possessive ("tanh's slope") and goes with the others
    (re.compile(r"\b(phi|tanh|sigma|sigmoid|relu|f|g)\s*(?:′|'(?![a-z]))"), r" \1 derivative "),
    # a possessive of a name ending in a digit: "fp16's maximum" is fp16's, not "fp16s" (the
    # stemmer folds a word's possessive, "tanh's", but never touches a name with a digit)
    (re.compile(r"(?<=\d)'s\b"), ""),
    (re.compile(r"[′'`´]"), ""),
)
_DOMINATED = r"(?:swamped|drowned out|drowned|overwhelmed|outweighed|dominated)"
"""The passive forms of the "dominate" group, which `_active_voice` turns active."""
_JOINS = (
    (re.compile(r"\bwithout (?:any )?(?:bounds?|limits?)\b"), " unboundedly "),
    (re.compile(r"\bsigma[\s_{}]*max\b"), " sigmamax "),
    (re.compile(r"\bw[\s_{}]*hh\b"), " whh "),
    (re.compile(r"\blambda[\s_{}]*max\b"), " lambdamax "),
    # "non-zero", "well away from zero": the opposite of zero, not a mention of it
    (re.compile(r"\b(?:non[\s-]?(?:zero|0)|(?:bounded |well |far )?away from (?:zero|0)|far from (?:zero|0))(?!\.?\d)"),
     " nonzero "),
    # "makes W_hh non-orthogonal", "non-shared weights": the prefix denies its own word and no
    # other ("a healthy, non-vanishing gradient" still claims a gradient); a prefix that names a
    # term of its own (non-normal, nonlinear, non-convex, non-finite) stays part of the word
    (re.compile(r"\bnon[\s-](?!(?:normal|linear|convex|finite|determinis)|(?:zero|0)\b)(?=[a-z])"),
     f" {PREFIX_NEGATOR} "),
    # "the weights stop being orthogonal" drift from it; a "stop" alone is no drift ("does not
    # stop the network from learning" is not "does not change it")
    (re.compile(r"\b(?:stops?|stopped|stopping) being\b"), " drift "),
    # "just under 1", "just inside the unit circle": close to the bound, not merely within it
    (re.compile(r"\bjust (?=(?:under|below|inside|within|less than|short of|above|over|outside)\b)"), " slightly "),
    # "a matrix that is not normal" is a non-normal matrix (the term), not a denial of what it does next
    (re.compile(r"\bnot normal\b"), " non-normal "),
    (re.compile(r"\bwith out\b"), " without "),  # a common slip: "travel many steps with out vanishing"
    (re.compile(r"\bno matter\b"), " regardless "),  # "impossible no matter what the gate does" denies nothing more
    # "σ_max > 1 only removes the guarantee that gradients vanish": what is removed is denied
    (re.compile(r"\b(?:remov(?:es?|ed|ing)|lift(?:s|ed|ing)?|los(?:es?|t|ing)) (?:the|any|that|this) guarantee\b"),
     " no guarantee "),
    (re.compile(r"\babout\s+(?:0(?:\.0+)?|zero)(?!\.?\d)"), " zero "),  # "~0", "≈ 0" (not "~0.5"): zero
    (re.compile(r"\b(?:about|around|roughly|approximately)\s+(?:0\.99\d*|1\.0(?:[01]\d*)?)(?!\.?\d)"),
     " about one "),  # "f ≈ 0.999", "sits around 0.99": near one
    (re.compile(r"\btime(steps?)\b"), r" time \1 "),  # "timesteps" as "time steps"
    (re.compile(r"\b(?:straight|right) (?=through\b)"), ""),  # "passes straight through": passes through
    # "T − t up to 1000s": a plural of a round number is the word ("thousands"), not "1000" and "s"
    (re.compile(r"\b1,?000s\b"), " thousands "),
    (re.compile(r"\b100s\b"), " hundreds "),
    # a passive, its adverb kept before it: "caused purely by" as "purely caused by"
    (re.compile(r"\b(?:caused|driven|triggered|produced|created|induced) (?:(\w+ly) )?by\b"), r" \1 causedby "),
    # a passive without its "is" ("⇒ Σ dominated by near terms"), turned active as the others are
    (re.compile(rf"\b{_DOMINATED} (?:(\w+ly) )?by\b"), r" \1 dominatedby "),
    # "they are swamped (by the short ones)": the subject is what is dominated, not what dominates
    (re.compile(rf"\b(?:is|are|was|were|be|been|being|get|gets|got|getting)\s+(?:\w+ly\s+)?{_DOMINATED}\b"),
     " dominatedby "),
    # "what it doesn't guarantee: that W stays orthogonal": a colon before "that" opens the
    # object of what precedes it, not a statement of its own
    (re.compile(r":\s+(?=that\b)"), " "),
    # "vanishing gradients, however, hurt ...": a connective set off by commas links to the
    # sentence before; it is no clause boundary inside this one
    (re.compile(r",\s*(?:however|though|therefore|thus|hence)\s*,"), " "),
    (re.compile(r"(?<![\w/])w/o(?![\w/])"), " without "),  # note-taking shorthand
    (re.compile(r"\bindep\b\.?"), " independent "),  # "indep. of distance T−t"
    # "the norm is nothing more than the largest singular value": a restriction, not a denial
    (re.compile(r"\b(?:nothing (?:more|other|else) than|nothing but|none other than)\b"), " only "),
    (re.compile(r"\brather than\b"), " ratherthan "),  # a negator of what follows
    (re.compile(r"\bwith no\b"), " without "),  # "train with no clipping": denies its object only
    # "far from enough", "far from guaranteed": a denial, not a distance ("far" is far-back)
    (re.compile(r"\b(?:far|a long way) from\b(?=\s+(?:being\s+)?(?:enough|sufficient|guaranteed|certain|"
                r"a guarantee|the whole story|solved|fixed|safe|complete|exact|the case|true|over)\b)"), " not "),
    # "weaker than forcing every singular value to 1" says it does not force them, and "a stronger
    # condition than the norm being about 1" is not that condition: contrasts with a demand, as
    # "rather than" is ("weaker than the short-range terms" compares, no contrast)
    (re.compile(r"\b(?:weaker|softer|looser|less strict|milder) than\s+(?=(?:forcing|requiring|imposing|"
                r"demanding|constraining|enforcing)\b)"), " ratherthan "),
    (re.compile(r"\b(?:an?\s+)?(?:stronger|stricter|weaker|looser|tighter)\s+(?:condition|requirement|"
                r"constraint|demand)\s+than\b"), " ratherthan "),
    # "RNNs struggle to learn long-term dependencies" says they barely do, as "fail to" does;
    # "struggles with recent information" names what goes badly, denying nothing
    (re.compile(r"\bstruggl(?:e|es|ed|ing)\s+to\b"), " struggleto "),
    # "exploding is the flip side of vanishing: the product grows": what follows is not said of
    # vanishing; the phrase denies its object as "unlike" does ("the inverse of W" is no contrast)
    (re.compile(r"\b(?:the\s+)?(?:flip\s+side|opposite|reverse|mirror\s+image)"
                r"(?:\s+(?:failure|problem|case|effect|issue))?\s+(?:of|to)\b"), " unlike "),
    # "you should not make it too small: then every step is clipped" warns against the excess
    # it goes on to describe; the negation is advice, it denies nothing of what "too small" does
    # ("clipping never makes updates too small" denies it: only advice on the threshold is read)
    (re.compile(r"\b(?:should|must|ought to)\s+not\s+(?=(?:make|set|pick|choose|put)\s+(?:it|the\s+threshold|"
                r"the\s+clipping\s+threshold|tau|the\s+clip\s+value)\s+too\b)"), " "),
    (re.compile(r"\bas long as\b"), " provided "),  # a condition (see claim_match._conditional)
    # "gets exactly zero gradient" is "gets no gradient": zero as a quantity received denies it
    (re.compile(r"\b((?:get|receive|have|give)s?|got|received|had|gave|given|getting|receiving)"
                r"(\s+(?:exactly|essentially|literally|effectively|basically|practically))?"
                r"\s+(?:zero\b|0(?!\.?\d))"), r"\1\2 no"),
    # learners misspell it as often as any word ("insted of", "instaed of"): a contrast all the same
    (re.compile(r"\b(?:in?st[ea]{1,2}d|isntead)\s+of\b"), " insteadof "),
    # "Adam scales that up, not the lost signal": a contrast that denies the noun phrase as the
    # object, not what the phrase says of its noun (see claim_match._denied)
    (re.compile(r",\s*not\s+the\b"), ", notthe "),
)
_ACRONYM_PLURAL = re.compile(r"\b([A-Z][A-Za-z]*[A-Z])s\b")
_NUMBERS = {"1": "one", "1.0": "one", "0": "zero", "0.0": "zero"}
_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:e[-−+]?[0-9]+\b)?|[^\W_]+|[,:—–⟮⟯]| - ")
"""A number (with its exponent: "1e-6" is one tiny number, not "one", "e" and "6"), a word, or a
clause mark."""
_ASIDE = re.compile(r"(?:(?<=\s)|^)\(([^()]*)\)(?=[\s.,;:!?]|$)")
"""A bracketed aside, " (time + memory) ", not a formula's grouping ("(T − t)^k", "f(x)")."""
_NAME = r"\(?(?:\{[^{}\s]{1,12}\}|[\wᵀ]){1,16}"  # what a derivative is taken with respect to: θ, h_k, h_{t−d}
_DERIVATIVE = re.compile(
    r"∇\s*(?:_\{?[\w\u0370-\u03ff]+\}?)?\s*\w*"  # ∇L, ∇_θ L
    r"|∂\s*(?:L|E|ℓ|loss)(?:_\w+)?\s*/\s*∂\s*" + _NAME  # ∂L/∂θ, ∂E/∂h_k
    + r"|(?<![\w∂])d(?:L|l|E|loss)(?:_\w+)?\s*/\s*d(?!t\b)(?=\(?[^\W\d_])" + _NAME  # dL/dtheta, dl/dw
)
"""A gradient of the loss written as a derivative: "∂L/∂θ", "∂E/∂h_k", "∇L", "∇_θ L", in ASCII
"dL/dtheta" (not a Jacobian such as ∂h_T/∂h_t or ∂F/∂x, whose words a formula keeps, nor a
time derivative dL/dt). The denominator is one name: "dL/dW<1" keeps its "< 1"."""
_IDENTITY = re.compile(r"(?<![\w'])I(?=\s*(?:\+|−|path\b|route\b))")
"""The identity matrix written as a capital I in a formula: "I + ∂F/∂x", "an I path" (not "QᵀQ = I",
which reads best as it stands)."""
_CROSSED_OUT = (
    ("≠", " but not "),  # "W ≠ orthogonal"; "necessary ≠ sufficient for exploding" (see _contrasted)
    ("⇏", " but not "), ("↛", " but not "),  # "A ⇏ B": A does not give B ("necessary ⇏ sufficient", as with ≠)
    ("≉", " not about "), ("∉", " not in "), ("≯", " not above "), ("≮", " not below "),
)
"""Crossed-out symbols, which NFKD would open into the symbol and a stroke it then drops:
"clipping ⇏ fix for vanishing" denies the fix."""
_SCRIPT = re.compile(r"(?<![\u2080-\u209c\u1d62-\u1d6a])[\u2080-\u209c\u1d62-\u1d6a]")
"""The first of a run of subscript characters: NFKD would glue "fₖ" into "fk". (A superscript
stays glued: "tanh²" is read as one symbol, not as a comparison of the number 2.)"""
_SUPERSCRIPT_RUN = re.compile(r"(?<=[^\s(\[{])[\u2070\u2071\u00b9\u00b2\u00b3\u2074-\u207f\u1d2c-\u1d61\u1d9b-\u1dbf]+")
_SUPERSCRIPT_LETTERS = re.compile(r"[\u2071\u207f\u1d2c-\u1d61\u1d9b-\u1dbf]")
"""A run of superscript characters after a symbol, and the letters among them: an exponent with a
letter in it ("cᵀ⁻ᵗ", "γᵏ", "λⁿ") is a power written the way "c^(T−t)" writes it, which NFKD
would glue to its base ("ct-t"). So is any exponent of a bracket or a norm ("(ratio − 1)²",
"‖g‖²"), as "(ratio - 1)^2" writes it. A number after a symbol ("tanh²", "2⁻²⁴") stays a symbol
of its own, and so does a lone ᵀ, the transpose ("Wᵀ", "QᵀQ")."""
_CLOSING = frozenset(")]}|‖")


def _exponent(run: re.Match[str]) -> str:
    text = run.group()
    closes = run.string[run.start() - 1] in _CLOSING
    return f"^{text}" if (closes or _SUPERSCRIPT_LETTERS.search(text)) and text != "ᵀ" else text


_NORM_RATIO = re.compile(r"(?:‖|\|\|)[^‖|]{1,60}(?:‖|\|\|)\s*[/÷⁄∕]\s*(?:‖|\|\|)[^‖|]{1,60}(?:‖|\|\|)")
"""A ratio of two norms written out: "‖δ_{k+1} J_k‖ / ‖δ_{k+1}‖", "||g_far||/||g_near||", "‖δJ‖ ÷ ‖δ‖",
"‖δJ‖ ⁄ ‖δ‖" (a fraction slash)."""
_DASHED_ASIDE = re.compile(r"\s[—–]\s([^—–]{1,160}?)\s[—–]\s")
"""An aside between two dashes, " — many decades apart — ", read like a bracketed one."""
_TRANSITION_ASIDE = re.compile(
    r"\b(from\s+[^,;:()]{1,60}?),\s*((?:where|which|with|whose|in which)\b[^,;:()]{1,160}?),"
    r"\s*(?=(?:to|into|towards)\b)", re.IGNORECASE)
"""A transition whose first side is described in a relative clause, "moves from a chaotic regime,
where the exponent is positive, to an ordered one": the clause is an aside, so the two sides
read as one statement ("from chaotic to ordered")."""
_PAIRED_RELATIVES = re.compile(
    r"\b((?:where|in which|whose)\b[^,;:()]{1,120}?)\s+and\s+"
    r"(?=(?:a|an|the)\s+(?:[^\W\d_]+\s+){0,3}(?:where|in which|whose)\b)", re.IGNORECASE)
"""Two nouns each described by its own relative clause, "between an ordered regime where the
exponent is negative and a chaotic regime where it is positive": the second clause says nothing
of the first noun, so the two are read as alternatives (", or"), which no claim is read across
("the ordered regime ... positive")."""
_EXAMPLE_ASIDE = re.compile(r",\s*((?:say|e\.g\.|for example|for instance|such as)\s[^,;:()]{1,100}?),(?=\s)")
"""An example set off by commas, ", say a pronoun whose antecedent sits two paragraphs back, ",
read like a bracketed aside: what is said around it stays one statement."""
_ANSWER_WORDS = frozenset("no yes nope yeah".split())
_LIKEWISE_FOLLOWERS = frozenset("with for here goes thing story idea logic deal again".split())
_BRITISH = (
    (re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{3})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})tre(s)?$"), r"ter\1"),
)


@dataclass(frozen=True)
class Token:
    """One token: `kind` is `word`, `negator` or `clause`; `stem` is what claims compare."""

    stem: str
    raw: str
    kind: str = "word"
    joined: bool = False  # an "and" comes before it: a weaker boundary than a clause mark
    alternative: bool = False  # and that word was "or": what follows is another possibility
    referring: bool = False  # a pronoun ("they", "these") comes before it: see `pronoun_items`
    spaced: bool = False  # function words were left out right before it ("1 at every step")
    relative: bool = False  # opens a relative clause after a comma (", whose derivative ...")
    fresh: bool = False  # opens a noun phrase after "and the" ("no clean path and the gradients are large")
    before: str = ""  # the function words left out right before it, as written ("set" in "set by")


@dataclass(frozen=True)
class Sentence:
    """A sentence as the learner wrote it (`text`) and as tokens."""

    text: str
    tokens: tuple[Token, ...]


def sentences(text: str) -> list[Sentence]:
    """The sentences of `text` that contain at least one token."""
    found = []
    for piece in _SENTENCE_END.split(plain_symbols(text)):
        piece = piece.strip()
        tokens = tokenize(piece) if piece else ()
        if tokens:
            found.append(Sentence(piece, tokens))
    return found


TERM_LIST_ITEMS = 4  # a heading of this many short items before a colon is a list of terms
TERM_LIST_ITEM_WORDS = 4
STATEMENT_WORDS = 4  # words after the colon that make the heading's sentence a statement of its own


def without_term_list(sentence: Sentence) -> Sentence:
    """`sentence` without a leading list of bare terms ("Additive cell, forget gate, no W_hh,
    flows: ..."): a list names topics but states no relation between them, so a claim must
    not be read out of it. What follows the colon is the sentence's statement.

    A list is at least TERM_LIST_ITEMS items of at most TERM_LIST_ITEM_WORDS words, separated
    by commas (an ordinary heading such as "Exploding gradients:" is one item and stays), or
    a long run of terms with no function word between them (`_bare_terms`)."""
    tokens = sentence.tokens
    mark = ":"
    end = next((index for index, token in enumerate(tokens) if token.raw == mark), None)
    arrow = _ARROW.split(sentence.text, maxsplit=1)
    if end is None and len(arrow) == 2:  # "σmax, 1/γ, spectral radius, saturation -> gradients explode"
        heading, conclusion = arrow
        if _listed_terms(heading, tokenize(heading)):
            return Sentence(sentence.text, tokenize(conclusion))
    if end is None:  # a long run of bare terms may end at a comma too (see `_run_of_terms`)
        mark = ","
        end = next((index for index, token in enumerate(tokens) if token.raw == mark), None)
        if end is None or not _run_of_terms(sentence.text.split(mark, 1)[0]):
            return sentence
    if len(re.findall(r"[^\W\d_]+", sentence.text.split(mark, 1)[-1])) < STATEMENT_WORDS:
        return sentence  # counted as written: filler words make a statement too ("these are names")
    heading = sentence.text.split(mark, 1)[0]
    if not (_listed_terms(heading, tokens[:end]) or _bare_terms(heading)):
        return sentence
    return Sentence(sentence.text, tokens[end + 1 :])


def without_embedded_list(sentence: Sentence) -> Sentence:
    """`sentence` with any long run of bare terms inside it cut out ("RNNs vanish more than
    CNNs because of recurrence, sequence length, tanh, sigmoid, BPTT, weight sharing,
    convolutions, pooling, ReLU, batch norm and ResNet, while ..."): LONG_LIST_ITEMS or more
    comma-separated items of at most PREAMBLE_ITEM_WORDS words each name topics and relate
    none, wherever the list stands, so their words may not combine into a claim ("weight
    sharing" beside "ReLU, batch norm" is not "CNNs have normalisation, RNNs share weights").
    The run becomes one clause mark; the words around it are read as written. A sentence that
    is all list is left to `is_term_list` (a terse answer is graded as a list of terms)."""
    tokens = sentence.tokens
    items: list[tuple[int, int]] = []  # (start, end) of the pieces between clause marks
    start = 0
    for index, token in enumerate((*tokens, CLAUSE_END)):
        if token.kind == "clause":
            items.append((start, index))
            start = index + 1
    run: list[tuple[int, int]] = []
    cuts: list[tuple[int, int]] = []
    for item_start, item_end in items:
        words = sum(token.kind != "clause" for token in tokens[item_start:item_end])
        separated = not run or tokens[run[-1][1]].raw in (",", ";")
        if 0 < words <= PREAMBLE_ITEM_WORDS and separated:
            run.append((item_start, item_end))
            continue
        if len(run) >= LONG_LIST_ITEMS:
            cuts.append((run[0][0], run[-1][1]))
        run = [(item_start, item_end)] if 0 < words <= PREAMBLE_ITEM_WORDS else []
    if len(run) >= LONG_LIST_ITEMS:
        cuts.append((run[0][0], run[-1][1]))
    if not cuts or cuts == [(0, len(tokens))]:
        return sentence
    kept: list[Token] = []
    at = 0
    for cut_start, cut_end in cuts:
        kept += [*tokens[at:cut_start], CLAUSE_END]
        at = cut_end
    return Sentence(sentence.text, (*kept, *tokens[at:]))


CLAUSE_END = Token(",", ",", "clause")
"""A clause mark standing for the end of the tokens, or for words cut out of a sentence (a list of
terms here, a false claim's words in `tutor.grading.concepts`): the words either side are not one phrase."""


_ARROW = re.compile(r"\s*(?:->|→|=>|⇒)\s*")
"""An arrow between a list of terms and what the learner concludes from it: the list relates
nothing, so only the conclusion is read (however short)."""


def _listed_terms(heading: str, tokens: tuple[Token, ...]) -> bool:
    """Whether `heading` is TERM_LIST_ITEMS or more short items joined by commas alone. Words
    are counted as written, and a clause word ("because", "so") makes it a sentence: "CNNs, on
    the other hand, are immune to vanishing gradients because they're feed-forward" has short
    pieces once its function words are dropped, but it states something."""
    if any(token.kind == "clause" and token.raw not in (",", ";") for token in tokens):
        return False
    items = [len(re.findall(r"[^\W\d_]+", item)) for item in re.split(r"[,;]", heading)]
    return _short_items(items, TERM_LIST_ITEMS, TERM_LIST_ITEM_WORDS)


def is_term_list(sentence: Sentence) -> bool:
    """Whether the whole sentence is a list of PREAMBLE_ITEMS or more bare terms ("Eigenvalues, spectral radius,
    singular values, σ_max, non-normal matrices, Jacobian."), maybe under a short label ("Exploding
    gradients: BPTT, Jacobian product, NaN, divergence, loss spike.") or after a lead-in ("Attention
    involves queries, keys, values, softmax and path length O(1)."), the last item maybe joined
    by "and": it names topics and relates none
    of them. Read before statements, such a list is a preamble, so no claim is read out of it
    (see `grade_concepts`); a list that is the whole answer is still read (a terse answer)."""
    if any(token.kind == "clause" and token.raw not in _LIST_MARKS for token in sentence.tokens):
        return False
    if _SPACED_DASH.search(sentence.text):
        return False  # "tanh saturates – gradient dies": a dash between words joins names, not this
    heading, colon, listed = sentence.text.rpartition(":")
    if ":" in heading or len(re.findall(r"[^\W\d_]+", heading)) > PREAMBLE_ITEM_WORDS:
        return False  # a colon after more than a label states something
    listed = _LIST_LEAD_IN.sub("", listed.strip(), count=1)
    parts = re.split(r"[,;]|\band\b(?=[^,;]*$)", listed)
    if "=" in sentence.text and (len(parts) < LONG_LIST_ITEMS or sum("=" in part for part in parts) > 1):
        return False  # a formula states something, unless it is one item of a long list ("..., QᵀQ = I, ...")
    items = [len(re.findall(r"[^\W\d_]+", item)) for item in parts]
    return _short_items(items, PREAMBLE_ITEMS, PREAMBLE_ITEM_WORDS)


def _short_items(counts: list[int], least: int, most_words: int) -> bool:
    """Whether items of these word counts make a list of terms: `least` or more items of at
    most `most_words` words each. A long list (LONG_LIST_ITEMS or more) may spell a term or two
    out at length, one in three of its items at most ("Singular value decomposition U Σ V^T of
    the Jacobian product, spectrum, dynamical isometry, condition number, ...", "..., vanishing
    and exploding gradients, Pennington Schoenholz Ganguli, CFL-like stability of the backward
    pass, ensemble of directions"): a few long items do not make a list a sentence."""
    counts = [count for count in counts if count]
    long_items = sum(count > most_words for count in counts)
    return len(counts) >= least and (long_items == 0 or (len(counts) >= LONG_LIST_ITEMS
                                                         and long_items <= max(1, len(counts) // 3)))


_LIST_MARKS = frozenset({",", ";", ":", "⟮", "⟯", "–", "—"})
"""Marks a list of terms may hold: a citation in brackets ("scheduled sampling (Bengio 2015)"),
names joined by a dash ("Pennington–Schoenholz–Ganguli")."""
_SPACED_DASH = re.compile(r"\s[–—-]\s")
_LIST_LEAD_IN = re.compile(
    r"^(?:[^\W\d_]+\s+){1,4}(?:is|are)\s+(?:all\s+)?about\s+|^(?:[^\W\d_]+\s+){1,3}(?:involves|includes|covers)\s+",
    re.IGNORECASE)
"""What may introduce a list of terms ("The error is about ...", "Attention involves ..."):
it names the topic, the list still states nothing."""


LONG_LIST_ITEMS = 8
PREAMBLE_ITEMS = 5  # a list of terms read before statements: stricter than a heading's list, as
PREAMBLE_ITEM_WORDS = 3  # terse notes ("training unstable, weights jump, loss NaN") state things


_FALSE = r"(?:a (?:common |popular |classic )?(?:misconception|myth|mistake)|wrong|false|not true|untrue|incorrect)"
REPORTED_BELIEF = re.compile(
    r"\b(?:(?:you[’']?d|you would|you might|you may|one might|one would|one may|people|many people|most people|"
    r"beginners|newcomers|a lot of people|some people|everyone|i used to|naively,?(?: one| you)?|some|many|"
    r"(?:the|my|your|our|a|this) (?:colleague|co-?worker|teammate|friend|interviewer|manager|reviewer)s?"
    r"(?: (?:sees|saw|looks at|looked at|finds|found)\b[^;:!?]{0,60}? and)?)"
    r"(?:\s+(?:often|usually|would|might|may|tend to|sometimes|wrongly|naively))*\s+"
    r"(?:think|thinks|thought|expect|expects|assume|assumes|believe|believes|imagine|imagines|guess|claim|claims"
    r"|say|says|said|conclude|concludes|concluded|argue|argues|argued|insist|insists|insisted)"
    r"|it[’']?s tempting to (?:think|say|assume|believe)|it is tempting to (?:think|say|assume|believe)"
    r"|(?:a|the) (?:common|popular|classic|frequent) (?:misconception|mistake|myth|misreading|error) is"
    r"|(?:the|this|that) (?:idea|notion|claim|belief|assumption) that"
    rf"|it(?:[’']?s| is) {_FALSE}(?: to (?:think|say|assume|believe))? that"
    r"|contrary to (?:the |popular )?(?:belief|intuition|expectation))\b",
    re.IGNORECASE,
)
_COMPARED_WITH = re.compile(r"\b(?:what|than|as)\s*$", re.IGNORECASE)
"""A belief named only to be compared with ("the other way round from what people expect: ...",
"worse than you'd think", "contrary to popular belief, ..."): it reports no content, so what
follows is the learner's own claim."""
REPORT_ENDS = re.compile(
    rf"\b(?:but|however|yet|whereas|although|though|actually|in fact|in reality|is {_FALSE})\b", re.IGNORECASE)


def is_question(sentence: Sentence) -> bool:
    """Whether `sentence` asks rather than states ("Restating: can clipping fix vanishing
    gradients?"): a learner restating the question asserts none of it."""
    return sentence.text.rstrip().endswith("?")


def without_reported_belief(sentence: Sentence) -> Sentence:
    """`sentence` without a belief it attributes to someone else ("you'd expect the whole
    gradient to go to zero, BUT it is a sum ..."; "a common misconception is that clipping fixes
    vanishing"): the learner reports the belief in order to refute it, so a false claim must
    not be read out of it. The report runs to the next contrast ("but", "however", "actually")
    or to the end of the sentence. "I think" is the learner's own claim and stays, and so does
    what follows a belief named only to be compared with ("the reverse of what people expect: ...")."""
    frame = REPORTED_BELIEF.search(sentence.text)
    if frame is None:
        return sentence
    if frame.group().lower().startswith("contrary") or _COMPARED_WITH.search(sentence.text, 0, frame.start()):
        report_end = frame.end()  # "the reverse of what people think: X": only the frame goes
    else:
        contrast = REPORT_ENDS.search(sentence.text, frame.end())
        report_end = contrast.start() if contrast else len(sentence.text)
    return Sentence(sentence.text, tokenize(sentence.text[: frame.start()] + " , " + sentence.text[report_end:]))


HEADING_WORDS = 4  # a heading this short before a colon labels what follows ("exploding:")
ITEM_WORDS = 6  # a list's items are short; longer clauses go on about each other ("which ...")


def heading_items(sentence: Sentence) -> list[Sentence]:
    """For a short heading and a list of short items ("c > 1 ⇒ exploding: ‖∇‖ huge, steps overshoot,
    loss diverges"), each item read with the heading ("exploding: loss diverges"): the heading
    is said of every item, however far down the list the item stands. Empty when the sentence
    is not such a list. The item sentences keep the whole sentence's text (it is what a
    checklist quotes)."""
    tokens = sentence.tokens
    colon = next((index for index, token in enumerate(tokens) if token.raw == ":"), None)
    if colon is None:
        return []
    heading = [token for token in tokens[:colon] if token.kind != "clause"]
    if not 0 < sum(token.kind == "word" for token in heading) <= HEADING_WORDS:
        return []
    items: list[list[Token]] = [[]]
    for token in tokens[colon + 1 :]:
        if token.raw == ",":
            items.append([])
        else:
            items[-1].append(token)
    items = [item for item in items if any(token.kind == "word" for token in item)]
    if len(items) < 2 or any(sum(token.kind == "word" for token in item) > ITEM_WORDS for item in items):
        return []
    return [Sentence(sentence.text, (*tokens[: colon + 1], *item)) for item in items]


SUBJECT_WORDS = 6
"""The words a sentence opens with: its subject, with a short qualifier ("the terms that only span a few steps")."""


def pronoun_items(sentence: Sentence) -> list[Sentence]:
    """Each later clause that opens with "they"/"these" read with the sentence's opening words
    ("the pieces from nearby steps go through few Jacobians, so THEY stay sizeable and make up
    most of the total" -> "pieces nearby steps ... make up most of the total"): the pronoun's
    words are about the subject, however long the clause before it. The item sentences keep
    the whole sentence's text. Opening words with a negation among them are no subject to
    repeat ("you will not see NaNs or spikes, those come from the data": the spikes are denied,
    and the item would drop the denial)."""
    tokens = sentence.tokens
    subject: list[Token] = []
    for token in tokens:
        if token.kind == "clause" or len(subject) == SUBJECT_WORDS:
            break
        if token.kind == "negator":
            return []
        if token.kind == "word":
            subject.append(token)
    items = []
    for index, token in enumerate(tokens):
        if not (token.referring and _opens_clause(tokens, index)) or not subject:
            continue
        end = next((at for at in range(index, len(tokens)) if tokens[at].kind == "clause"), len(tokens))
        items.append(Sentence(sentence.text, (*subject, *tokens[index:end])))
    return items


_SUBJECT_OPENING = re.compile(r"^\W*(?:(?:yes|no)\b\W*)?(?:it|this|they)\b", re.IGNORECASE)


def subject_reading(sentence: Sentence, subject: tuple[Token, ...]) -> Sentence | None:
    """The answer's opening sentence read with the question's subject for the pronoun it opens
    with ("Does gradient clipping fix vanishing gradients?" - "It fixes both": "clipping fixes
    both"): an answer's first "it" is what it was asked about. None when the sentence opens
    otherwise. Later sentences are left alone: their "it" may be whatever the answer has named
    since ("No. Use an LSTM. It fixes vanishing")."""
    if not subject or not _SUBJECT_OPENING.match(sentence.text):
        return None
    start = next((index for index, token in enumerate(sentence.tokens) if token.kind != "clause"), None)
    return None if start is None else Sentence(sentence.text, (*subject, *sentence.tokens[start:]))


def _opens_clause(tokens: tuple[Token, ...], index: int) -> bool:
    """Whether the word at `index` opens a clause: right after a clause mark, or after one
    sentence adverb there ("..., and honestly they dominate the sum"), or after "and" ("...
    are still a decent size and they end up dominating the sum")."""
    if index > 0 and tokens[index].joined:
        return True
    before = index - 1
    if before > 0 and tokens[before].kind == "word" and tokens[before].raw.endswith("ly"):
        before -= 1
    return before >= 0 and tokens[before].kind == "clause"


LONG_ASIDE_WORDS = 4
"""An aside this long puts what is said around it too far apart to be read as one claim."""


def aside_free(sentence: Sentence) -> list[Sentence]:
    """The sentence read without its asides ("a wide spread ⟮ many decades between the
    largest and smallest ⟯ is the healthy sign" -> "a wide spread ... is the healthy sign"):
    what it says around an aside stays together however long the aside. Empty when it has
    none. The reading keeps the whole sentence's text."""
    tokens = sentence.tokens
    if not any(token.raw == "⟮" for token in tokens):
        return []
    kept: list[Token] = []
    aside: list[Token] = []
    depth = 0
    for token in tokens:
        if token.raw == "⟮":
            depth += 1
        elif token.raw == "⟯":
            depth = max(0, depth - 1)
        elif depth:
            aside.append(token)
        else:
            kept.append(token)
    words_aside = sum(token.kind == "word" for token in aside)
    if words_aside < LONG_ASIDE_WORDS or not any(token.kind == "word" for token in kept):
        return []  # a short aside ("(halves it)") keeps its neighbours close enough already
    return [Sentence(sentence.text, tuple(kept))]


TERM_RUN_WORDS = 6
LONG_RUN_WORDS = 12


def _run_of_terms(heading: str) -> bool:
    """A run of LONG_RUN_WORDS or more bare terms before a comma ("vanishing exploding gradients
    BPTT Jacobian chain rule long-term dependencies NaN overflow tanh saturation spectral radius
    clipping, these are all the reasons"): no sentence goes on that long without a function word."""
    if _FORMULA_MARKS.search(heading):
        return False  # a formula states something ("‖∂L/∂hₜ‖ = ‖∏ J_k · ∂L/∂h_T‖ ~ c^{T−t}, c > 1")
    return len(re.findall(r"[^\W\d_]+", heading)) >= LONG_RUN_WORDS and _bare_terms(heading)


_FORMULA_MARKS = re.compile(r"[=<>≤≥≈~^→⇒∝∏∑]")


def _bare_terms(heading: str) -> bool:
    """A run of TERM_RUN_WORDS or more words without a single function word ("vanishing
    exploding gradients long-term dependencies unstable training"): terms strung together,
    not a sentence (any statement that long has an article, a preposition or an auxiliary)."""
    words = re.findall(r"[^\W\d_]+", normalise(heading))
    return len(words) >= TERM_RUN_WORDS and not any(
        word in STOPWORDS or word in CLAUSE_WORDS or word in NEGATORS for word in words)


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of one sentence (or of one rubric phrase)."""
    result: list[Token] = []
    joined = alternative = referring = spaced = relative = fresh = False
    raws = _TOKEN.findall(normalise(text))
    if len(raws) > 1 and raws[0] == "same" and raws[1] in _LIKEWISE_FOLLOWERS:
        raws[0] = ","  # "Same with σ_max = 1.5: ...", "Same goes for ...": "likewise", no sameness claimed
    left_out: list[str] = []
    for raw in raws:
        kept = len(result)
        relative = relative or (raw in RELATIVE_PRONOUNS and bool(result) and result[-1].raw == ",")
        before = " ".join(left_out)
        if raw in (",", ":", "—", "–", " - ", "⟮", "⟯") or raw in CLAUSE_WORDS or (raw == "then" and joined):
            result.append(Token(raw, raw, "clause", before=before))  # "... and then": a statement of its own
        elif raw in NEGATORS or _misspelt_negator(raw):
            result.append(Token("not", raw, "negator", joined, alternative, before=before))
        elif raw not in STOPWORDS:
            raw = _NUMBERS.get(raw, raw)
            opens = fresh or (joined and raw in RESTRICTIONS)  # "... and ONLY the rare spikes get rescaled"
            result.append(Token(stem(raw), raw, "word", joined, alternative, referring, spaced, relative, opens,
                                before))
        left_out = [] if len(result) > kept else [*left_out, raw]
        relative = relative and (raw in STOPWORDS or raw in RELATIVE_PRONOUNS)
        spaced = raw in STOPWORDS
        fresh = raw not in JOINING_WORDS and ((joined and raw in DETERMINERS) or (fresh and raw in STOPWORDS))
        joined = raw in JOINING_WORDS or (joined and raw in STOPWORDS)  # "and the short ones"
        alternative = raw == "or" or (alternative and raw in STOPWORDS)
        referring = raw in PRONOUNS or (referring and raw in STOPWORDS)
    if result and result[0].raw in _ANSWER_WORDS and (len(result) == 1 or result[1].kind == "clause"):
        result[0] = Token(result[0].raw, result[0].raw, "clause")  # "No, ..." answers; it denies nothing
    return _active_voice(tuple(result))


def stopwords_after(text: str) -> str:
    """The function words that end `text` ("by" of "set by"), which no token records."""
    raws = _TOKEN.findall(normalise(text))
    ending = len(raws)
    while ending and raws[ending - 1] in STOPWORDS:
        ending -= 1
    return " ".join(raws[ending:])


def _active_voice(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """A passive "dominated by" turned active: "the sum is dominated by short-range terms"
    reads "short-range terms dominate the sum", and "the long-range terms are swamped by the
    short ones" reads "the short ones dominate the long-range terms". Claims name what
    dominates before the verb; the passive names it after, so it must be moved, not merely
    read as "dominate" (which would make the long-range terms dominate)."""
    at = next((index for index, token in enumerate(tokens) if token.raw == "dominatedby"), None)
    if at is None:
        return tokens
    # what is dominated starts at the clause, or at the statement an "and" joins on ("the far
    # terms fade and the sum is dominated by ...": only the sum is dominated)
    start = next((index + (tokens[index].kind == "clause") for index in range(at - 1, -1, -1)
                  if tokens[index].kind == "clause" or tokens[index].joined), 0)
    end = next((index for index in range(at + 1, len(tokens)) if tokens[index].kind == "clause"), len(tokens))
    rest = _active_voice(tokens[end:])
    if not any(token.kind == "word" for token in tokens[at + 1 : end]):
        return (*tokens[:end], *rest)  # "so they're swamped": no agent to move, and what is swamped is no agent
    verb = Token(stem("dominate"), "dominate")
    return (*tokens[:start], *tokens[at + 1 : end], verb, *tokens[start:at], *rest)


@lru_cache(maxsize=8192)
def _misspelt_negator(raw: str) -> bool:
    """A long negator with one letter dropped ("imposible", "withut"): typos must not flip
    polarity. Only a dropped letter, and not among the first two: a real word one letter off a
    negator differs by a changed letter ("falling", "failing"; "usable", "unable") or early
    ("either", "neither"); the one real word a dropped letter leaves is listed."""
    if len(raw) < 6 or not raw.isalpha() or raw in _ONE_LETTER_FROM_A_NEGATOR:
        return False
    from rapidfuzz.distance import Levenshtein

    return any(len(raw) == len(negator) - 1 and raw[:2] == negator[:2]
               and Levenshtein.distance(raw, negator, score_cutoff=1) <= 1 for negator in _LONG_NEGATORS)


_ONE_LETTER_FROM_A_NEGATOR = frozenset({"noting"})


_LONG_NEGATORS = tuple(sorted(word for word in NEGATORS - {PREFIX_NEGATOR} if len(word) >= 6))


def normalise(text: str) -> str:
    """Lower case, folded accents, opened contractions, symbols spelt as words."""
    text = _ASIDE.sub(r" ⟮ \1 ⟯ ", text)  # an aside is a clause of its own
    text = _DASHED_ASIDE.sub(r" ⟮ \1 ⟯ ", text)
    text = _EXAMPLE_ASIDE.sub(r" ⟮ \1 ⟯ ", text)
    text = _TRANSITION_ASIDE.sub(r"\1 ⟮ \2 ⟯ ", text)
    text = _PAIRED_RELATIVES.sub(r"\1, or ", text)
    text = text.replace("Σ", "∑")  # the capital is a sum; lower case would make it sigma
    for crossed, reading in _CROSSED_OUT:  # NFKD would drop their stroke, and with it the denial
        text = text.replace(crossed, reading)
    text = _IDENTITY.sub(" identity ", text)  # "an I path", "I + ∂F/∂x": not the pronoun
    text = _NORM_RATIO.sub(" ratio of the norms ", text)  # "‖δJ‖/‖δ‖": before the derivatives inside it
    text = _DERIVATIVE.sub(" gradient ", text)  # "∂L/∂θ explodes", "‖∇L‖ huge": the gradient
    text = _ACRONYM_PLURAL.sub(r"\1", text)  # "RNNs", "LSTMs" as "RNN", "LSTM" (no stemmer knows them)
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = _SUPERSCRIPT_RUN.sub(_exponent, text)  # "cᵀ⁻ᵗ": a power, before NFKD glues it on
    for letter, name in _GREEK.items():
        text = text.replace(letter, f" {name} ")
    text = _SCRIPT.sub(r" \g<0>", text)  # "fₖ ≈ 1": the subscript is a token of its own
    text = unicodedata.normalize("NFKD", text).lower()  # again: "ᵀ" opens into a capital
    text = "".join(char for char in text if not unicodedata.combining(char))
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _NOTHING_STOPS.sub(r"\1 can ", text)
    text = _ZERO_AMOUNT.sub("no", text)
    for pattern, replacement in (*_UNRESTORED, *_SYMBOLS, *_JOINS):
        text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The Snowball stem of `word` after folding British spelling to American."""
    if not word.isalpha():
        return word
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    if word in _NOUNS_APART:
        return _NOUNS_APART[word]
    stemmed: str = _stemmer().stemWord(_IRREGULAR.get(word, word))
    return stemmed


_NOUNS_APART = {
    **{word: "dependency" for word in ("dependency", "dependencies", "dependence", "dependences",
                                       "dependancy", "dependancies", "dependance", "dependances")},
    "identity": "identity", "identities": "identity", "positive": "positive", "positively": "positive",
    "normal": "usual", "normality": "usual", "normally": "usual",
}
"""Nouns the stemmer folds into a word of another meaning: "long-term dependencies" are not
what "the size depends on the weight" says (Snowball gives `depend` for both), and "QᵀQ is the
identity" says nothing that "identical" (the "same" group) says (`ident` for both), nor "the
exponent is positive" what "position" (the "placed" group: "lies", "sits") says (`posit`), nor a
"normal" matrix or a "normal" update what "normalised" says (`normal` for all: the plain word
is kept as "usual", a stem no typo check folds back into `normal`). With
the common misspelling of "dependency", which the stemmer folds the same way and no typo check
then sees."""


_IRREGULAR = {
    form: base
    for base, forms in {
        "leave": "left", "keep": "kept", "grow": "grew grown", "shrink": "shrank shrunk shrunken",
        "blow": "blew blown", "fall": "fell fallen", "rise": "rose risen", "sink": "sank sunk",
        "go": "went", "make": "made", "get": "got gotten", "give": "gave given",
        "take": "took taken", "bring": "brought", "hold": "held", "lead": "led", "lose": "lost",
        "mean": "meant", "run": "ran", "see": "saw seen", "send": "sent", "spend": "spent",
        "show": "shown", "stand": "stood", "think": "thought", "tell": "told", "win": "won",
        "write": "wrote written", "draw": "drew drawn", "drive": "drove driven", "find": "found",
        "begin": "began begun", "choose": "chose chosen", "deal": "dealt", "feed": "fed",
        "feel": "felt", "hide": "hid hidden", "know": "knew known", "pay": "paid",
        "break": "broke broken", "throw": "threw thrown", "teach": "taught", "catch": "caught",
        "build": "built", "understand": "understood", "forget": "forgot forgotten",
        "stick": "stuck", "strike": "struck", "say": "said", "undo": "undid undone",
        "overcome": "overcame",
        # plurals from Latin and Greek, which Snowball leaves apart ("matrices" gives `matric`)
        "matrix": "matrices", "index": "indices", "vertex": "vertices", "axis": "axes",
        "analysis": "analyses", "hypothesis": "hypotheses", "criterion": "criteria",
        "phenomenon": "phenomena", "spectrum": "spectra", "maximum": "maxima", "minimum": "minima",
        "radius": "radii",
    }.items()
    for form in forms.split()
}
"""Irregular past forms and plurals, which no suffix rule reaches: "a tiny gradient is left as
it is" says what "clipping leaves it as it is" says, "the gradient grew" what "it grows" says,
and "orthogonal matrices" what "an orthogonal matrix" says. Not "gone": "the signal is gone" is
not "it goes"."""


@lru_cache(maxsize=1)
def _stemmer() -> Any:  # a snowballstemmer.stemmer (the library has no type hints)
    import snowballstemmer

    return snowballstemmer.stemmer("english")
