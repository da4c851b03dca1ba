"""Python checks for the concentration rules (see rules/concentration.yaml for their documentation;
CON-04 is declarative), a module a rule: ``region`` (CON-01), ``identity_provider`` (CON-02),
``supply_chain`` (CON-03); ``naming`` says how their messages name what they count.

Concentration is a property of the dependency graph and of groups of documents that share a
name, neither of which the rule language can walk or group. The checks read the domain model's
one graph (``context.facts.graph``) and its facts (critical functions, critical suppliers, ready
alternatives); they derive none of them again.
"""
