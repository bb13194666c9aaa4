"""Workshop hand-over: certified agents lead the twelve-session workshops for users of the network."""
