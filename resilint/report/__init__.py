"""The posture report and the deadlines calendar: consumers of the checked model (the index,
the facts and their one graph, the findings), never a second loader or a second graph.

``deadlines`` lists what falls due (shared by the report and ``resilint calendar``);
``layout`` places the dependency graph and ``svg`` draws it; one module per section of the
report (``headline``, ``coverage``, ``functions``, ``whatif``, ``dependencies``,
``schedule``, ``insurance``, ``findings``) renders it from
:class:`~resilint.report.posture.Posture`, and
``html`` assembles the page.
"""

WHAT_IF_HOURS = 24.0
"""How long the report's what-if section assumes each critical supplier is down, unless
``--what-if-hours`` says otherwise."""
