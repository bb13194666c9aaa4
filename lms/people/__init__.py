"""People management for coordinators and admins: invite, give roles, see who is who."""
