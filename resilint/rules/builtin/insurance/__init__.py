"""Python checks of the insurance rules (rules/insurance.yaml documents them): a policy's
conditions, exclusions, cover and panel against the controls, functions, suppliers, plans and the
claims evidence package, joins the rule language cannot phrase in one message. One module per
group of rules: ``controls`` (INS-01, INS-07), ``interruption`` (INS-04), ``panel`` (INS-05),
``term`` (INS-06), ``evidence`` (EVD-01); ``tower`` says which policies are judged.

They judge the insurance tower, not each policy alone. An excess layer that follows form takes the
conditions, exclusions, business-interruption terms, notice and panel of the policy it sits over,
so only policies with terms of their own are judged (an excess layer is never asked for what it
inherits, nor reported a second time), a tower needs one claims evidence package, and a renewal is
a later policy in the same position of the tower.
"""
