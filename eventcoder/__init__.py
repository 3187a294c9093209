"""eventcoder: news articles in, CAMEO political event datasets out.

The public API: load a codebook, code text or a corpus, explain a sentence,
export a dataset in another format's columns, load it into DuckDB or
PostgreSQL, make panels of event counts for models, report on it in HTML,
score it against gold annotations.
"""

from ._version import __version__
from .codebook import Codebook, default_codebook_path, load_codebook
from .coder import analyse_article, code_article
from .errors import EventcoderError
from .export.exporting import export_table, export_view, read_view
from .export.views import VIEWS
from .load import LoadResult, load_dataset
from .model import ActorMention, Article, CodedArticle, EventMention, Reject, RejectKind
from .panels import panel, write_panel
from .report import write_report
from .run import RunResult, code_corpus
from .scoring import Score, evaluate_dataset
from .suggest import suggest_from_dataset

__all__ = [
    "ActorMention",
    "Article",
    "Codebook",
    "CodedArticle",
    "EventMention",
    "EventcoderError",
    "LoadResult",
    "Reject",
    "RejectKind",
    "RunResult",
    "Score",
    "VIEWS",
    "__version__",
    "analyse_article",
    "code_article",
    "code_corpus",
    "default_codebook_path",
    "evaluate_dataset",
    "export_table",
    "export_view",
    "load_codebook",
    "load_dataset",
    "panel",
    "read_view",
    "suggest_from_dataset",
    "write_panel",
    "write_report",
]
