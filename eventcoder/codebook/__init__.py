"""Loading, validating and compiling codebooks."""

from .codebook import Codebook
from .load import default_codebook_path, load_codebook

__all__ = ["Codebook", "default_codebook_path", "load_codebook"]
