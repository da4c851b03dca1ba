"""Python checks of the continuity rules (rules/continuity.yaml holds their documentation), a
module a rule: ``recovery`` (BCM-03), ``mapping`` (BCM-05), ``backed_up`` (BCM-06), ``backups``
(BCM-09).

BCM-03 compares each supplier service a critical function relies on with the function's recovery
time objective and its plans' degraded mode; BCM-05 looks for suppliers we rely on that no
function reaches through the dependency graph; BCM-06 asks for a backup copy and a recent passing
restore test behind each critical function, one finding per stale test; BCM-09 judges each backup
control's own restore test, which BCM-06 (any passing test for the function) cannot see. The
other continuity rules are declarative.
"""
