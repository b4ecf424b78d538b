"""The vocabulary of gradient-based training that every pack shares.

Synonym groups (see `tutor.grading.vocabulary`) for the ideas any machine-learning pack talks
about: gradients that shrink or grow, training that is stable or not, signals, costs, steps,
layers, normalisation. They are built in, so a new pack reads "the gradient dies out" as
"the gradient vanishes" without declaring a vocabulary of its own; a pack group of the same
name adds words to one of these (`opposite` may name one). Words belong to a group only when
they mean the same in every claim of every pack: subject words that would mislead elsewhere
(an LSTM's gate, a truncation window "k") stay in their pack.
"""

from __future__ import annotations

KINDS: dict[str, tuple[str, ...]] = {
    "nonlinearity": ("tanh", "sigmoid"),
    "cost": ("memory", "compute"),
}
"""Members that are kinds of their group, not synonyms of each other: "tanh" and "the
nonlinearity" may stand for each other, but "sigmoid" never stands for "tanh" ("the sigmoid's
derivative is at most 1/4" is right where "tanh's derivative is at most 1/4" is a misconception).
Likewise memory and compute are costs, but "checkpointing cuts memory" is not "it cuts compute"."""

SHARED: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("shrink", ('shrink', 'decay', 'vanish', 'fade', 'die out', 'become tiny', 'get tiny', 'go to zero',
        'tend to zero', 'approach zero', 'collapse', 'dwindle', 'attenuate', 'disappear',
        'become negligible', 'die', 'close to zero', 'near zero', 'kill', 'starve', 'damp', 'smaller',
        'smaller and smaller', 'chip away', 'eat away', 'erode', 'multiply down',), 'grow'),
    ("grow", ('grow', 'explode', 'blow up', 'grow without bound', 'skyrocket', 'grow uncontrollably',
        'grow out of control', 'growth', 'explosion', 'blowup', 'balloon', 'run away', 'runaway', 'unboundedly',
        'unbounded', 'infinity',), 'shrink'),
    ("exponential", ('exponential', 'exponentially', 'exp', 'geometric', 'geometrically',
        'at an exponential rate', 'power',), 'linear'),
    # linear: a growth rate, not "a linear RNN": only the phrases that say how fast
    ("linear", ('linearly with', 'linearly in', 'linear in', 'only linear', 'roughly linear', 'polynomial',
        'polynomially',), None),
    ("unstable", ('unstable', 'instability', 'erratic', 'chaotic', 'oscillate', 'loss spikes',
        'loss spike', 'spike', 'blow up', 'nan', 'inf', 'overflow', 'infinity', 'jump around', 'diverge',
        'divergence', 'overshoot', 'destabilize', 'jump', 'garbage',), 'stable'),
    ("stable", ('stable', 'steady', 'smooth', 'well behaved',), 'unstable'),
    ("receive", ('receive', 'get', 'obtain',), None),
    ("entirely", ('entirely', 'purely', 'solely', 'exclusively', 'wholly', 'completely', 'totally',), None),
    ("survive", ('survive', 'persist', 'stay alive', 'live on', 'hold up',), None),
    ("update", ('update', 'weight change', 'parameter change', 'step size',), None),
    ("dependency", ('dependency', 'relationship', 'context', 'correlation', 'pattern', 'association',
        'relation', 'structure', 'information', 'info', 'deps', 'dep', 'event', 'link', 'connection',), None),
    ("learn", ('learn', 'capture', 'pick up', 'remember', 'learnable',), None),
    ("lose", ('lose', 'lost', 'forget', 'forgotten', 'miss', 'out of reach', 'ignore', 'wash out', 'throw away',
        'cut off', 'blind', 'invisible', 'unlearnable', 'unreachable', 'short sighted', 'gone', 'give up',
        'sacrifice', 'forgo', 'forfeit',), None),
    ("far-back", ('far back', 'further back', 'distant', 'distant step', 'early step', 'earliest step',
        'early time step', 'first input', 'first step', 'early input', 'long ago', 'distant past',
        'many steps back', 'long range', 'long term', 'long chain', 'far', 'far away', 'faraway', 'far apart',
        'long distance', 'long horizon', 'long lag', 'many steps apart', 'start of the sequence',
        'beginning of the sequence', 'long gap', 'large gap', 'big gap', 'long span', 'large lag',
        'many hops', 'long path',), 'recent'),
    ("recent", ('recent', 'nearby', 'nearby step', 'last few steps', 'short range', 'short term',
        'recent step', 'local', 'short chain', 'few factors', 'near', 'close', 'close by',
        'short distance', 'short horizon', 'short lag', 'step or two', 'couple of steps', 'few steps',
        'short gap', 'small gap', 'small lag', 'short span', 'short path', 'few hops',), 'far-back'),
    ("term", ('term', 'contribution', 'component', 'summand', 'part', 'share', 'piece', 'stuff',), None),
    ("timestep", ('time step', 'timestep', 'step', 'time',), None),
    ("signal", ('signal', 'gradient', 'grad', 'error signal', 'learning signal', 'credit', 'feedback',), None),
    ("product", ('product', 'multiply', 'multiplication', 'repeated multiplication', 'chain rule',
        'chain of jacobians', 'multiplied', 'power',), None),
    ("bptt", ('bptt', 'backpropagation through time', 'backprop through time',
        'backpropagate through time', 'unrolled backpropagation', 'backprop thru time', 'backprop',
        'backpropagation',), None),
    ("sum", ('sum', 'add up', 'summed', 'summation', 'plus', 'accumulate',), None),
    ("dominate", ('dominate', 'win', 'outweigh', 'swamp', 'drown out', 'overwhelm', 'make up most', 'most',
        'bulk', 'majority', 'contribute a lot',), None),
    ("fix", ('fix', 'solve', 'cure', 'remedy', 'eliminate', 'remove', 'resolve', 'address', 'help with',
        'deal with', 'handle', 'take care of', 'tackle', 'mitigate',), None),
    ("rescale", ('rescale', 'scale down', 'cap', 'renormalize',), None),
    ("boost", ('boost', 'enlarge', 'amplify', 'make bigger', 'make larger', 'scale up', 'restore',
        'bigger', 'larger', 'push up', 'push back up', 'raise', 'lift', 'bring up', 'magnify', 'inflate',), None),
    ("saturate", ('saturate', 'saturation', 'flat region', 'flat part', 'plateau', 'squash',
        'derivative near zero', 'tiny derivative', 'small derivative', 'small slope',), None),
    ("radius", ('spectral radius', 'eigenvalue', 'largest eigenvalue', 'rho', 'lambda', 'lambdamax',), None),
    ("singular", ('singular value', 'sigmamax', 'spectral norm', 'largest singular value', 'operator norm',), None),
    ("necessary", ('necessary', 'needed', 'required', 'prerequisite', 'precondition', 'need', 'require',), None),
    ("sufficient", ('sufficient', 'enough', 'guarantee', 'force', 'ensure',), None),
    ("orthogonal", ('orthogonal', 'orthogonality', 'orthonormal', 'unitary', 'rotation',), None),
    ("preserve", ('preserve', 'keep', 'kept', 'maintain', 'conserve', 'unchanged', 'isometry',
        'norm preserving',), None),
    ("stay", ('stay', 'remain', 'keep',), None),
    ("training", ('training', 'optimization', 'gradient descent', 'sgd', 'learning', 'updates',), None),
    ("drift", ('drift', 'move away', 'change', 'deviate', 'depart', 'wander', 'break',), None),
    ("initialization", ('initialization', 'initialize', 'init', 'start', 'beginning', 'start of training',), None),
    ("nonlinearity", ('nonlinearity', 'non linearity', 'activation', 'tanh', 'sigmoid',
        'squashing function', 'activation function', 'phi',), None),
    ("derivative", ('derivative', 'slope', 'phi prime', 'prime',), None),
    ("diagonal", ('diagonal', 'diag',), None),
    ("warmup", ('warmup', 'warm up', 'learning rate warmup', 'lr warmup',), None),
    ("sqrt", ('sqrt', 'square root', 'root of',), None),
    ("squared", ('squared', 'sq',), None),  # a note-taker's "mean sq grad"
    ("sequence", ('sequence', 'seq',), None),
    ("whole", ('whole', 'full', 'entire',), None),
    ("cost", ('cost', 'memory', 'compute', 'computation', 'runtime', 'resources', 'time per update',
        'speed', 'time and memory',), None),
    ("cheap", ('cheap', 'cheaper', 'save', 'saving', 'efficient', 'efficiency', 'bounded', 'lower',
        'reduce', 'less', 'tractable', 'faster', 'limit', 'cap',), 'expensive'),
    ("expensive", ('expensive', 'more expensive', 'more memory', 'pricier',), 'cheap'),
    ("direct", ('direct', 'directly', 'one hop', 'single hop', 'single step', 'length one',
        'constant length', 'shortcut', 'straight', 'one step', 'one step away', 'one edge', 'direct edge',
        'direct link', 'direct connection',), None),
    ("bypass", ('bypass', 'skip', 'avoid', 'escape', 'circumvent', 'sidestep', 'go around',), None),
    ("residual", ('residual', 'skip connection', 'identity path', 'shortcut connection',
        'residual connection', 'residual stream',), None),
    # layer norm and batch norm are two methods, not two words for one: "layer norm normalises
    # over the batch" must not read as "batch norm normalises over the batch"
    ("normalization", ('normalization', 'normalize', 'standardize', 'standardization',), None),
    ("layer-norm", ('layernorm', 'layer norm', 'layer normalization',), None),
    ("batch-norm", ('batchnorm', 'batch norm', 'batch normalization', 'bn',), None),
    ("statistics", ('statistics', 'stats', 'statistic',), None),
    # pre-ln: where the normalisation sits decides the identity path: opposites
    ("pre-ln", ('pre ln', 'pre layernorm', 'pre layer norm', 'preln', 'pre norm', 'pre normalization',), 'post-ln'),
    ("post-ln", ('post ln', 'post layernorm', 'post layer norm', 'postln', 'post norm',
        'post normalization',), 'pre-ln'),
    ("attention", ('attention', 'self attention', 'attention mechanism', 'attention weight', 'attends',
        'attend',), None),
    ("same", ('same', 'shared', 'share', 'sharing', 'reuse', 'identical', 'tied', 'one matrix',), 'different'),
    ("different", ('different', 'distinct', 'separate', 'independent', 'untied', 'its own', 'their own',
        'vary',), 'same'),
    ("length", ('length', 'number of steps', 'number of time steps', 'sequence length', 'seq len',
        'seq length', 'depth', 'deep', 'hundreds', 'thousands',), None),
    ("cause", ('cause', 'produce', 'lead to', 'create', 'trigger', 'give rise to',), None),
    # caused-by: the effect comes first: "caused by" is read as one word, not as "cause"
    ("caused-by", ('causedby', 'due to', 'result from', 'come from', 'stem from', 'consequence of',), None),
    ("influence", ('influence', 'affect', 'effect', 'impact', 'matter',), None),
    # "T − t", "s − t" are read as "distance" (`text_match._SYMBOLS`)
    ("distance", ('distance', 'gap', 'lag', 'how far apart', 'how far back', 'how far away', 'steps away',
        'steps apart',), None),
    ("proportional", ('proportional', 'govern', 'set by', 'scale', 'determine',), None),
    ("only", ('only', 'merely', 'solely', 'simply', 'just',), None),
    ("intermediate", ('intermediate', 'in between', 'middle', 'every step between',), None),
    ("regardless", ('regardless', 'irrespective', 'independent of', 'whatever',), None),
    ("threshold", ('threshold', 'tau', 'ceiling', 'limit', 'cutoff',), None),
    ("untouched", ('untouched', 'unchanged', 'unaffected', 'left alone',
        'pass through', 'passed through', 'pass unchanged',), None),
    ("recurrent", ('rnn', 'recurrent network', 'recurrent net', 'recurrence',), 'feedforward'),
    ("feedforward", ('cnn', 'convolutional', 'convnet', 'feedforward', 'feed forward', 'mlp',), 'recurrent'),
    # where something is put in an architecture: "Pre-LN puts the norm on the main path" = "... sits on"
    ("placed", ('put', 'sit', 'place', 'lie', 'locate', 'position', 'insert', 'tuck',), None),
    ("maximum", ('maximum', 'max',), None),  # "clamped to the fp16 max"
    # a hedge on a number: "≈ 1/(1 − r)" is read "about", and people write "roughly" as often
    ("about", ('about', 'roughly', 'approximately', 'approx', 'circa', 'on the order of',), None),
    # "the backward pass through the network" is the noun, not a gradient that "passes through" untouched
    ("backward", ('back', 'backward', 'going back', 'back in time', 'back through time', 'backward pass',
        'backwards pass', 'bwd',), None),
    ("forward-pass", ('forward pass', 'forward sweep', 'fwd', 'fwd pass',), None),
    ("checkpoint", ('checkpoint', 'ckpt',), None),  # as implementers abbreviate it
    # the model's parameters as a formula names them: "the step catapults theta far away"
    ("parameters", ('parameter', 'theta', 'param',), None),
    # an optimiser or a metric that keeps a failure out of sight: "Adam masks the issue"
    ("hide", ('hide', 'mask', 'disguise', 'conceal', 'obscure', 'camouflage', 'paper over',), None),
    ("problem", ('problem', 'issue', 'trouble',), None),
)
