"""Allow `python -m eventcoder`."""

from .cli import app

if __name__ == "__main__":  # Dask's worker processes import this module again
    app()
