"""Each role's landing page: what exists for this person so far, and where to go next."""
