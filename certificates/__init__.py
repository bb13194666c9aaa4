"""Issuing, signing (Open Badges 3.0, eddsa-rdfc-2022), PDF rendering and public verification.

Asks ``assessments.eligibility`` before issuing; nothing else decides who is certified.
"""
