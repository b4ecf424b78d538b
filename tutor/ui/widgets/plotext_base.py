"""The base of every plotext widget in the app."""

from __future__ import annotations

from textual_plotext import PlotextPlot


class FreedPlotextPlot(PlotextPlot):
    """A `PlotextPlot` that is freed when it leaves the screen.

    textual-plotext subscribes every plot to the app's theme signal with a callback that
    holds the plot, and the signal drops dead subscribers only when the theme changes:
    without unsubscribing, every plot ever shown (and its render caches) would stay in
    memory and make each full garbage collection slower.
    """

    def on_unmount(self) -> None:
        self.app.theme_changed_signal.unsubscribe(self)
