"""Practical placements: sites, hour log, supervisor sign-off, observations (issue 4).

Lives in ``lms`` because placements are part of running a cohort; ``assessments`` reads what is recorded here.
"""
