"""Allow `python -m eventcoder`."""

from .cli import app

app()
