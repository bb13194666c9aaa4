"""The curriculum: modules, lessons and their versions, progress and credited theory hours, live sessions.

May import ``lms`` (accounts, cohorts, audit); nothing in ``lms`` imports ``courses``.
"""
