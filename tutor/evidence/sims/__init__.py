"""NumPy simulations of backpropagation through time, declared in `catalog`.

Models: `rnn` (vanilla RNN, exact BPTT, batches, sweeps, threads), `lstm`, `gru`,
`paths` (plain/residual stacks, attention). Around them: `activations`, `inits`,
`jacobian` (log-space ‖∂h_T/∂h_t‖), `numerics`, `problems` (random problems),
`training`. Registry targets: `experiments`, `remedies`, `architectures`, `adding`;
`report` turns arrays into series, ratios and readings. Only `catalog` is imported
without running a simulation; everything else loads NumPy.
"""
