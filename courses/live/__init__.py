"""Live sessions and attendance, and the cohort progress grid coordinators watch."""
