"""Coordinators edit lessons in the browser (each save a new version), publish, reorder, read the history."""
