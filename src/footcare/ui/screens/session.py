"""The guided session: hands-free, one step at a time, a big countdown and a bar per foot."""

from __future__ import annotations

import math
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from footcare.domain import feet
from footcare.domain.session import Event, EventKind
from footcare.domain.stops import StopCause
from footcare.domain.wording import LOOK_FIRST_SCREEN, STOP_IF_SCREEN
from footcare.services.runner import SessionRunner
from footcare.ui.compat import KeysFooter
from footcare.ui.compat.header import SafeHeader
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.screens.stop_reason import StopReason
from footcare.ui.widgets.countdown import HEIGHT as BIG_HEIGHT
from footcare.ui.widgets.countdown import Countdown
from footcare.ui.widgets.foot_picture import FootPicture, fit_picture
from footcare.ui.widgets.footbar import FootBar
from footcare.ui.widgets.step_text import StepRow, StepText, StepWords, step_lines

LOOK_FIRST = LOOK_FIRST_SCREEN
STOP_IF = STOP_IF_SCREEN
BIG_FROM = (100, 30)
"""From this many columns and rows the countdown is drawn in large block digits."""
LEGEND_ROOM = (20, 8)
"""The room for each technique's picture in the help's legend (columns, rows)."""


def clock_text(seconds: float) -> str:
    whole = int(seconds + 0.999)
    return f"{whole // 60}:{whole % 60:02d}"


class SessionScreen(FootcareScreen):
    TITLE_TEXT = "Session"
    HELP_TEXT = """\
## The session

It runs by itself: each step counts down and moves on. Each step is read out
(or a bell rings, as set with `cues` in config.toml), and a banner shows when it
is time to change feet and at the end.

- **space** pauses and carries on.
- **n** skips to the next step, **p** goes back one.
- **x** stops the session when something is wrong, and asks what happened.

Strokes go upwards, towards the heart. Pressure is always comfortable, never
painful; with less feeling, press more lightly.
"""

    BINDINGS = [
        Binding(
            "space",
            "toggle_pause",
            "Pause",
            id="session.pause",
            tooltip="Pause or carry on",
        ),
        Binding("n", "next", "Next", id="session.next", tooltip="Skip to the next step"),
        Binding("p", "back", "Back", id="session.back", tooltip="Go back one step"),
        Binding("x", "stop", "Stop", id="session.stop", tooltip="Stop and say why"),
    ]

    def __init__(self, runner: SessionRunner) -> None:
        super().__init__(id="session")
        self.runner = runner
        self.session = runner.session
        self._timer: Timer | None = None
        self._last_digits = ""
        self._last_state = ""
        self._ended = False

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        # the step's words are never cut: on a small screen the body scrolls (↑ ↓), and
        # comes back to the top at each step
        with VerticalScroll(id="session-body"):
            yield StepText("", id="step-title", markup=False)
            # the words, and beside them the foot with the area worked (when there is room)
            with StepRow(id="step-row"):
                with StepWords(id="step-words"):
                    yield StepText("", id="instructions", markup=False)
                    yield StepText("", id="cue", markup=False)
                yield FootPicture(id="picture")
            yield Static(STOP_IF, id="stop-line", markup=False)
            with Horizontal(id="count-row"):
                yield Countdown("0:00", id="countdown")
                yield Static("", id="run-state")
            yield StepText("", id="next", markup=False)
            yield StepText("", id="banner", markup=False)
            # a short screen keeps these at its foot, the stop line under the bars
            with Vertical(id="bars"):
                for foot in self.session.routine.feet:
                    yield FootBar(
                        f"{foot.capitalize()} foot", id=f"bar-{foot}", classes=f"foot-{foot}"
                    )
                yield FootBar("Overall", id="bar-overall")
                yield Static(STOP_IF, id="stop-line-short", markup=False)
        yield KeysFooter()

    def subtitle(self) -> str:
        return f"{self.session.routine.name} — hands-free session"

    class Heard(Message):
        """What the runner did, as a message to this screen: the runner calls no screen."""

        def __init__(self, events: list[Event]) -> None:
            super().__init__()
            self.events = events

    def on_mount(self) -> None:
        self.runner.listeners.append(self.hear)
        self.show_segment()
        self.refresh_clock()
        self._timer = self.set_interval(1.0, self.tick)
        if self.session.paused:
            self.set_banner("Paused where you stopped. Press space to carry on.")

    # time ---------------------------------------------------------------------------------
    def tick(self) -> None:
        self.runner.tick()
        if self.is_current:
            self.refresh_clock()

    def on_unmount(self) -> None:
        if self.hear in self.runner.listeners:
            self.runner.listeners.remove(self.hear)

    def hear(self, events: list[Event]) -> None:
        """The runner's listener: its events come back to the screen as a message."""
        self.post_message(self.Heard(events))

    def on_session_screen_heard(self, message: Heard) -> None:
        self.handle(message.events)

    def handle(self, events: list[Event]) -> None:
        """What the runner did: show it. The runner has already saved it, and the services'
        cue engine rings or speaks it."""
        kinds = {e.kind for e in events}
        if self.runner.problem:
            self.notify(self.runner.problem, title="Progress not saved", severity="error")
        if kinds & {EventKind.FINISHED, EventKind.STOPPED}:
            if self.is_current:
                self.show_end()
            # else: shown when the person comes back to this screen (on_screen_resume)
            return
        if kinds & {EventKind.PAUSED, EventKind.RESUMED}:
            paused = EventKind.PAUSED in kinds and self.session.paused
            self.set_banner("Paused. Press space to carry on." if paused else "")
            return
        # a step change is painted once: the banner, the words and the picture together
        with self.app.batch_update():
            if EventKind.FOOT_CHANGE in kinds:
                foot = self.session.current.foot
                self.set_banner(
                    f"CHANGE FEET: now the {foot.upper()} foot. "
                    "Wipe extra lotion off your hands first.",
                    fit=False,
                )
            else:
                self.set_banner("", fit=False)
            self.show_segment()

    def on_resize(self) -> None:
        """Below 60×20 the screen keeps what matters: the step, the stop line, the time and
        one compact line per foot."""
        width, height = self.app.size
        self.set_class(width < 60, "-narrow")
        for bar in self.query(FootBar):
            bar.compact(width < 60)
        big = width >= BIG_FROM[0] and height >= BIG_FROM[1]
        self.set_class(big, "-big")
        self.query_one("#countdown", Countdown).set_big(big)
        short = height < 20
        if short != self.has_class("-short"):
            self.set_class(short, "-short")
            self._last_state = ""
            if self.is_mounted:
                self.refresh_clock()
        self.fit_picture()

    def show_end(self) -> None:
        if not self._ended:
            self._ended = True
            from footcare.ui.screens.end import EndScreen

            self.app.switch_screen(EndScreen(self.runner))

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """While paused, the footer names what the pause key does then: carry on."""
        active = super().active_bindings
        if not self.session.paused:
            return active
        return {
            key: shown._replace(binding=replace(shown.binding, description="Carry on"))
            if shown.binding.action == "toggle_pause"
            else shown
            for key, shown in active.items()
        }

    def refresh_clock(self) -> None:
        now = self.uses.clock()
        session = self.session
        left = clock_text(session.segment_left(now))
        if left != self._last_digits:
            self._last_digits = left
            self.query_one("#countdown", Countdown).update(left)
        state = "PAUSED — space to carry on" if session.paused else "running"
        if self.has_class("-short"):  # no room for the big digits: the time on this line
            state = f"{left} left · {state}"
        if state != self._last_state:
            self._last_state = state
            self.query_one("#run-state", Static).update(state)
            self.refresh_bindings()  # the pause key's word in the footer (active_bindings)
        current = session.current.foot
        for foot in session.routine.feet:
            note = (
                "◀ now"
                if foot == current
                else ("done" if session.foot_progress(foot, now) >= 1 else "")
            )
            self.query_one(f"#bar-{foot}", FootBar).set_progress(
                session.foot_progress(foot, now), note
            )
        seconds_left = session.time_left(now)
        total_left = math.ceil(seconds_left / 60)
        self.query_one("#bar-overall", FootBar).set_progress(
            session.overall_progress(now),
            f"{total_left} min left" if seconds_left >= 60 else "under 1 min",
        )

    # display ------------------------------------------------------------------------------
    def show_segment(self) -> None:
        said = step_lines(self.session, self.runner.lighter)
        body = self.query_one("#session-body", VerticalScroll)
        # whether a word of the last step was out of view (scrolled off, or below the fold)
        overflowed = body.scroll_y > 0 or body.max_scroll_y > 0
        changed = [
            name
            for name, value in (
                ("#step-title", said.title),
                ("#instructions", said.words),
                ("#cue", said.cue),
                ("#next", said.next),
            )
            if self.put(name, value)
        ]
        self.fit_picture()
        if not overflowed:
            return  # every word was in view: one layout measures them all, one paint
        body.scroll_home(animate=False)
        # a text changed while scrolled out of view can keep its old height: measure the
        # step's words again once drawn, so none of their lines is cut off
        for name in changed:
            body.call_after_refresh(self.query_one(name).refresh, layout=True)

    def put(self, name: str, text: str) -> bool:
        """Show ``text`` in the Static ``name``; False (and nothing to paint) when it
        already shows it."""
        widget = self.query_one(name, Static)
        if str(widget.content) == text:
            return False
        widget.update(text)
        return True

    def fit_picture(self) -> None:
        """The largest picture of this step that fits beside its words while the countdown,
        the bars and the stop line stay in view; none when there is no room (the words
        come first). Called at each step, on resize and when the banner changes: never on
        a tick."""
        picture = self.query_one("#picture", FootPicture)
        step = self.session.current_step
        if step is None or self.session.current.step_index is None or not self.is_mounted:
            picture.show(None)
            return
        side: feet.Side = "right" if self.session.current.foot == "right" else "left"
        width, height = self.app.size
        inner = width - 3  # the body's padding and its scrollbar's gutter

        def lines(widget: str, room: int) -> int:
            text = str(self.query_one(widget, Static).content)
            return len(Content(text).wrap(max(1, room))) if text else 0

        short = self.has_class("-short")
        count = (
            lines("#run-state", inner)  # the time left, in words
            if short
            else (BIG_HEIGHT if self.has_class("-big") else 3) + 1
        )
        banner = self.query_one("#banner", Static)
        used = (
            2  # header and footer
            + lines("#step-title", inner - 2)
            + lines("#stop-line", inner)
            + count
            + (0 if short else lines("#next", inner) + 1)
            + (lines("#banner", inner - 2) if banner.display else 0)
            + len(self.session.routine.feet)
            + (0 if short else 1)
        )
        drawing = fit_picture(
            lambda w, h: feet.picture(step, side, w, h),
            lambda w: lines("#instructions", w) + lines("#cue", w),
            inner,
            height - used,
        )
        picture.set_class(side == "left", "foot-left")
        picture.set_class(side == "right", "foot-right")
        picture.show(drawing, feet.describe(step, side) if drawing else "")

    def help_legend(self) -> list[tuple[str, str, feet.Picture]]:
        """F1's legend: each technique of the routine once, as a small picture, with the
        name of its first step and what the picture shows in words."""
        legend: dict[str, tuple[str, str, feet.Picture]] = {}
        for step in self.session.routine.steps:
            if step.technique in legend:
                continue
            drawing = feet.legend_picture(step.technique, *LEGEND_ROOM)
            if drawing is not None:
                legend[step.technique] = (step.name, feet.describe(step, "left"), drawing)
        return list(legend.values())

    def set_banner(self, text: str, *, fit: bool = True) -> None:
        """Show ``text`` as the banner (blank hides it); ``fit=False`` when the caller fits
        the picture itself (a step change)."""
        banner = self.query_one("#banner", Static)
        if str(banner.content) == text and banner.display == bool(text):
            return  # nothing changed: nothing to paint
        banner.update(text)
        banner.display = bool(text)
        if fit:
            self.fit_picture()  # the banner takes rows: the picture may have to give way

    # commands ---------------------------------------------------------------------------
    def action_toggle_pause(self) -> None:
        self.runner.toggle_pause()
        self.refresh_clock()

    def action_next(self) -> None:
        self.runner.next()
        if self.is_current:
            self.refresh_clock()

    def action_back(self) -> None:
        self.runner.back()
        self.refresh_clock()

    def action_stop(self) -> None:
        was_paused = self.session.paused
        self.runner.pause()

        def answered(choice: tuple[StopCause, str] | None) -> None:
            if choice is None:
                if not was_paused:
                    self.runner.resume()
                self.set_banner("")
                self.refresh_clock()
                return
            cause, note = choice
            self.runner.stop(cause, note)

        self.app.push_screen(StopReason(self.uses.settings.emergency_number), answered)

    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.pause()
        if not self.session.paused and not self.session.done:
            self.runner.pause()
            self.set_banner("Paused while you were away. Press space to carry on.")

    def on_screen_resume(self) -> None:
        if self._timer is not None:
            self._timer.resume()
        # a warning sign logged in the journal meanwhile has stopped the session
        self.runner.check_signs()
        if self.runner.concluded is not None:
            self.show_end()
            return
        self.refresh_clock()
