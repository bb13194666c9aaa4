"""Competencies, quizzes, graded work, observation ratings, competency decisions and ``eligibility``.

``eligibility`` is the one gate between "trainee" and "certified agent": a pure function of recorded facts.
May import ``courses`` and ``lms``; never imported by them.
"""
