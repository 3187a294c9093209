"""Balanced panels of event counts for statistical models: ``panel(dir, unit=..., period=...)``.

:mod:`eventcoder.panels.build` states every rule; :data:`COLUMN_DEFINITIONS`
says what each column means.
"""

from eventcoder.panels.build import build_panel, panel, panel_rows
from eventcoder.panels.spec import COLUMN_DEFINITIONS, Dedupe, PanelSpec, Period, Precision, Unit
from eventcoder.panels.write import FORMATS, write_panel

__all__ = ["COLUMN_DEFINITIONS", "FORMATS", "Dedupe", "PanelSpec", "Period", "Precision", "Unit", "build_panel",
           "panel", "panel_rows", "write_panel"]
