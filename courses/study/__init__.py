"""Studying: the trainee's course outline, lesson pages, completions and credited theory hours."""
