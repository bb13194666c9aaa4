"""Accounts: people, their roles, sign-in, invitations and password resets."""
