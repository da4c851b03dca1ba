"""Python checks of the exercise rules (rules/exercises.yaml holds their documentation).

EXR-01 dates the last test of each critical function and joint playbook, and of a function since
its last substantive change; EXR-02 asks each exercise for the participants its type and scenarios
call for, and the year's exercises for a supplier-compromise scenario. EXR-03, EXR-04, PLB-01 and
PLB-02 are declarative. A module a rule: ``yearly`` (EXR-01), ``participants`` (EXR-02);
``dated`` holds the completed exercises both date tests by.
"""
