"""Today's session: pick a routine, rate how your feet feel, then go to screening."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from footcare.domain.errors import StorageError
from footcare.domain.journal import SCALE_HINTS, SYMPTOMS, Ratings
from footcare.domain.routine import Routine, format_minutes
from footcare.domain.wording import CONTACT, WIDER_CARE
from footcare.ui.compat import KeysFooter
from footcare.ui.compat.header import SafeHeader
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.widgets.rating import RatingRow

RUNNING_LOOK = 3.0
"""Seconds between looks at whether a session has begun or ended in another footcare."""
DISCLAIMER = f"A self-care aid, not medical advice. Check with {CONTACT} before you start."


class RoutineList(OptionList):
    """The routines; ↓ on the last one goes on to the ratings instead of wrapping round."""

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.screen.focus_next()
            return
        super().action_cursor_down()
        self.show_chosen()

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self.show_chosen()

    def show_chosen(self) -> None:
        """The line naming the routine chosen ("▶ Short: …") is in view after ↑↓: on a
        small screen it lies under the list, and the list's highlight is a colour only."""
        info = self.screen.query_one("#routine-info")
        self.call_after_refresh(info.scroll_visible, animate=False)


class StartScreen(FootcareScreen):
    TITLE_TEXT = "Today's session"
    HELP_TEXT = (
        """\
## Today's session

Choose a routine with the arrow keys, then rate how your feet feel right now
(a digit sets a rating, left/right nudge it, `1` then `0` or `t` gives 10).
Press **c** to continue to the safety questions. Ratings are optional.

If a session from today was interrupted, **r** picks it up where it stopped.

**h** tests the sound: footcare says a line and rings the bell, you say what you heard,
and sessions then use only the cues you hear (also `footcare cues test`).

"""
        + WIDER_CARE
        + "\n"
    )

    BINDINGS = [
        Binding("c", "continue", "Continue", id="start.continue", tooltip="Go to screening"),
        Binding("r", "resume", "Resume", id="start.resume", tooltip="Resume today's session"),
        Binding("h", "cue_test", "Sound test", id="start.cue-test", tooltip="Test what you hear"),
        Binding("tab", "app.focus_next", "Next field", show=False, id="start.next-field"),
        # a digit rates from anywhere on the screen: the first rating not given yet
        *(
            Binding(str(d), f"rate({d})", str(d), show=False, id=f"start.rate-{d}")
            for d in range(10)
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="start")
        self._reported: set[str] = set()
        self._can_resume = False
        self._running = False
        """What the screen last said: a session runs in another footcare."""

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        # how today stands stays in view; the rest scrolls on a small screen
        yield Static("", id="today-status", markup=False)
        with VerticalScroll(id="start-body", can_focus=False):
            yield Static(DISCLAIMER, id="disclaimer")
            yield Static("", id="resume-banner")
            yield Static(
                "Routine and minutes of massage per foot (↑↓ to choose):", classes="section"
            )
            yield RoutineList(id="routines")
            yield Static("", id="routine-info")
            yield Static("How do your feet feel right now? (optional, 0–10)", classes="section")
            for symptom in SYMPTOMS:
                yield RatingRow(
                    symptom, symptom.capitalize(), SCALE_HINTS[symptom], id=f"before-{symptom}"
                )
        yield KeysFooter()

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """The focused field is scrolled into view with as little movement as it takes (not
        to the middle), so the top of the screen stays in view while it can."""
        super().set_focus(widget, False, from_app_focus)
        if widget is not None and scroll_visible:
            widget.scroll_visible(animate=False)

    def on_mount(self) -> None:
        self.query_one("#routines", OptionList).focus()
        self.set_interval(RUNNING_LOOK, self.look_elsewhere)

    def look_elsewhere(self) -> None:
        """A session begun or ended in another footcare since the screen was drawn is said
        at once, as it would be when the screen is shown again."""
        from footcare.services.today import running_elsewhere_now

        if self.is_current and running_elsewhere_now(self.uses) != self._running:
            self.refresh_resume()
            self.refresh_today()

    def on_screen_resume(self) -> None:
        # Also runs when the screen is first shown: files are read again each time, so an
        # edited routine or a session saved elsewhere shows up.
        self.refresh_routines()
        self.refresh_resume()
        # how today stands asks the gate and the journal: after the screen is drawn
        self.call_after_refresh(self.refresh_today)

    def refresh_today(self) -> None:
        """Not yet / done (with the time) / blocked and why / a warning sign open: the
        facts `footcare status` reports."""
        from footcare.services.today import Standing, today

        try:
            facts = today(self.uses)
        except StorageError as exc:
            facts = None
            text = f"How today stands can't be read: {exc}"
        line = self.query_one("#today-status", Static)
        if facts is not None:
            text = "\n".join(facts.lines())
        self._running = facts is not None and facts.status.running is not None
        warn = facts is None or facts.standing in (Standing.WARNING_SIGN, Standing.BLOCKED)
        line.set_class(warn, "-warning")
        line.update(text)

    def refresh_routines(self) -> None:
        settings = self.uses.settings
        catalogue = settings.reload_routines()
        options = self.query_one("#routines", OptionList)
        current = options.highlighted_option.id if options.highlighted_option else None
        chosen = current or settings.default_routine_id()
        options.clear_options()
        for routine in catalogue.routines.values():
            options.add_option(Option(self._label(routine), id=routine.id))
        if chosen in catalogue.routines:
            options.highlighted = list(catalogue.routines).index(chosen)
        elif catalogue.routines:
            options.highlighted = 0
        new = [p for p in catalogue.problems if p not in self._reported]
        if new:
            self._reported.update(new)
            files = sorted({p.split(":")[0] for p in new})
            self.notify(
                "\n".join(new[:4])
                + (f"\n… and {len(new) - 4} more" if len(new) > 4 else "")
                + "\nThe other routines are available. Check them with: footcare routines "
                "validate " + " ".join(files),
                title=f"{len(files)} routine file(s) skipped",
                severity="warning",
                timeout=30,
            )

    def _label(self, routine: Routine) -> Text:
        text = Text()
        text.append(f"{routine.name:<24}", style="bold")
        text.append(f"{format_minutes(routine.minutes_per_foot):>9} per foot")
        if routine.warnings():
            text.append("  (outside 10–15 min)", style="italic")
        return text

    def refresh_resume(self) -> None:
        saved = self.uses.sessions.saved_session()
        banner = self.query_one("#resume-banner", Static)
        if saved:
            routine = self.uses.settings.routine(saved["routine_id"])
            name = routine.name if routine else saved["routine_id"]
            banner.update(f"An unfinished session from today ({name}) can be resumed: press r.")
            banner.display = True
        else:
            banner.display = False
        if self._can_resume != bool(saved):
            self._can_resume = bool(saved)
            self.refresh_bindings()

    def selected_routine(self) -> Routine | None:
        options = self.query_one("#routines", OptionList)
        option = options.highlighted_option
        return self.uses.settings.routine(option.id) if option and option.id else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        routine = self.uses.settings.routine(event.option.id or "")
        info = self.query_one("#routine-info", Static)
        if routine is None:
            info.update("")
            return
        text = Text()
        text.append(f"▶ {routine.name}: ", style="bold")
        text.append(routine.description)
        for note in routine.warnings():
            text.append(f"  Note: {note}.", style="italic")
        if self.uses.gate.lighter_pressure():
            text.append(
                "  Your go-ahead answers call for lighter pressure: every routine is made "
                "lighter for you, and Gentle suits best.",
                style="bold",
            )
        info.update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one(f"#before-{SYMPTOMS[0]}", RatingRow).focus()

    def action_rate(self, digit: int) -> None:
        rows = list(self.query(RatingRow))
        row = next((r for r in rows if r.value is None), rows[0])
        self.set_focus(row)
        row.action_digit(digit)

    def clear_ratings(self) -> None:
        """After a session the next one starts with fresh "before" ratings."""
        for symptom in SYMPTOMS:
            self.query_one(f"#before-{symptom}", RatingRow).value = None

    def ratings(self) -> Ratings:
        values = {s: self.query_one(f"#before-{s}", RatingRow).value for s in SYMPTOMS}
        return Ratings(**values)

    def action_continue(self) -> None:
        routine = self.selected_routine()
        if routine is None:
            self.notify("No routine could be loaded.", severity="error")
            return
        self.uses.settings.remember("routine", routine.id)
        self.open_screening(routine)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self._can_resume
        return True

    def action_cue_test(self) -> None:
        from footcare.ui.screens.cue_test import run_cue_test

        run_cue_test(self.app, self.uses)

    def action_resume(self) -> None:
        saved = self.uses.sessions.saved_session()
        if not saved:
            self.notify("There is no unfinished session from today.")
            return
        routine = self.uses.settings.routine(str(saved.get("routine_id", "")))
        if routine is None:
            return
        self.open_screening(routine, resume=True)

    def open_screening(self, routine: Routine, resume: bool = False) -> None:
        from footcare.ui.screens.screening import ScreeningScreen

        self.app.push_screen(ScreeningScreen(routine, self.ratings(), resume))
