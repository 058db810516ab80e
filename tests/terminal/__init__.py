"""Real-terminal tests: the installed reader driven through tmux (driver, screen, sgr)."""
