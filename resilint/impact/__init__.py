"""Impact analysis: "supplier X is down for N hours". A consumer of the checked model, beside
``reporters/``: it reads the same index, facts and dependency graph as the rules (never a second
loader or graph) and answers which functions break and when, which clocks start, what to
disable, what the insurance does and whom to call.

- ``model``: the scenario's values, immutable and complete;
- ``scenario``: what is down and what it reaches, end to end (:func:`scenario.analyse`);
- ``functions``, ``clocks``, ``cover``, ``people``: the parts of the answer;
- ``render_*``, ``card`` and ``formats``: pure functions from the scenario to text;
- ``commands`` and ``cli``: the ``impact`` and ``card`` commands.
"""
