"""eventcoder: news articles in, CAMEO political event datasets out.

The public API: load a codebook, code text or a corpus, explain a sentence,
export a dataset in another format's columns, load it into DuckDB or
PostgreSQL, make panels of event counts for models, report on it in HTML,
score it against gold annotations.
"""

__version__ = "0.1.0"

from .actors.suggest import suggest_from_dataset  # noqa: E402
from .codebook import Codebook, default_codebook_path, load_codebook  # noqa: E402
from .coder import analyse_article, code_article  # noqa: E402
from .errors import EventcoderError  # noqa: E402
from .export.views import VIEWS, export_view, read_view  # noqa: E402
from .load import LoadResult, load_dataset  # noqa: E402
from .model import ActorMention, Article, CodedArticle, EventMention, Reject, RejectKind  # noqa: E402
from .panels import panel, write_panel  # noqa: E402
from .report import write_report  # noqa: E402
from .run import RunResult, code_corpus  # noqa: E402
from .scoring import Score, evaluate_dataset  # noqa: E402

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
    "export_view",
    "load_codebook",
    "load_dataset",
    "panel",
    "read_view",
    "suggest_from_dataset",
    "write_panel",
    "write_report",
]
