"""Balanced panels of event counts for statistical models: ``panel(dir, unit=..., period=...)``.

:mod:`eventcoder.panel.build` states every rule; :data:`COLUMN_DEFINITIONS`
says what each column means.
"""

from eventcoder.panel.build import build_panel, panel, panel_rows
from eventcoder.panel.spec import COLUMN_DEFINITIONS, Dedupe, PanelSpec, Period, Precision, Unit
from eventcoder.panel.write import FORMATS, write_panel

__all__ = ["COLUMN_DEFINITIONS", "FORMATS", "Dedupe", "PanelSpec", "Period", "Precision", "Unit", "build_panel",
           "panel", "panel_rows", "write_panel"]
