"""File-system helpers below every layer: atomic replacement, staging directories, modes that follow the umask."""
