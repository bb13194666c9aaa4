"""Programmes, cohorts and enrolments: who is training in what, and the status of each trainee's place."""
