"""Theme files: the bundled four load, contrast holds, broken user files fail soft."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import Theme
from textual.widgets import Button, Footer, Input, Label, OptionList

from footcare.storage.paths import Paths
from footcare.ui.themes import (
    ANSI_THEME,
    APP_VARIABLES,
    DEFAULT_THEME,
    ThemeError,
    contrast_ratio,
    known_variables,
    load_themes,
    theme_from_table,
)
from rootless import permissions_apply
from shipped import COLOUR_THEMES, THEMES

BUNDLED = set(THEMES)  # read from the themes folder
BLACK = Color(0, 0, 0)
WHITE = Color(255, 255, 255)

BASE: dict[str, object] = {
    "dark": True,
    "primary": "#336699",
    "foreground": "#ffffff",
    "background": "#000000",
}

GOOD = """\
name = "mine"
dark = true
primary = "#336699"
foreground = "#ffffff"
background = "#000000"

[variables]
foot-left = "#00ffff"
"""


def user_theme(paths: Paths, filename: str, text: str) -> Path:
    paths.user_themes.mkdir(parents=True, exist_ok=True)
    path = paths.user_themes / filename
    path.write_text(text, encoding="utf-8")
    return path


def by_name(themes: list[Theme]) -> dict[str, Theme]:
    return {theme.name: theme for theme in themes}


def resolve(value: str, background: Color) -> Color:
    """A CSS colour value as Textual draws it on `background` ("auto 87%", "#fff 50%")."""
    colour, _, percent = value.partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
    if colour == "auto":
        return background + background.get_contrast_text(alpha)
    return background + Color.parse(colour).with_alpha(alpha)


# --- bundled themes ---------------------------------------------------------------------


def test_all_bundled_themes_load_without_problems(paths: Paths) -> None:
    themes, problems = load_themes(paths)
    assert problems == []
    names = by_name(themes)
    assert set(names) >= BUNDLED
    assert DEFAULT_THEME in names and ANSI_THEME in names


@pytest.mark.parametrize("name", THEMES)
def test_each_bundled_theme_sets_every_app_variable(paths: Paths, name: str) -> None:
    assert set(APP_VARIABLES) <= set(by_name(load_themes(paths)[0])[name].variables)


def test_ansi_theme_uses_only_the_terminals_colours(paths: Paths) -> None:
    theme = by_name(load_themes(paths)[0])[ANSI_THEME]
    assert theme.ansi
    fields = "primary secondary accent foreground background surface panel success warning error"
    for value in [*(getattr(theme, f) for f in fields.split()), *theme.variables.values()]:
        if value is None or value == "none":  # a text style, not a colour
            continue
        assert Color.parse(value).ansi is not None, value


def test_high_contrast_theme_is_at_least_7_to_1(paths: Paths) -> None:
    theme = by_name(load_themes(paths)[0])["footcare-high-contrast"]
    generated = theme.to_color_system().generate()
    grounds = {name: Color.parse(generated[name]) for name in ("background", "surface", "panel")}
    foreground = Color.parse(generated["foreground"])
    text = ["text", "text-muted", "foreground-muted", "footer-key-foreground", *APP_VARIABLES]
    text += ["text-primary", "text-error", "text-warning", "text-success", "text-accent"]
    for ground_name, ground in grounds.items():
        assert contrast_ratio(foreground, ground) >= 7, ground_name
        for name in text:
            value = theme.variables.get(name, generated.get(name, ""))
            ratio = contrast_ratio(resolve(value, ground), ground)
            assert ratio >= 7, f"{name} on {ground_name}: {ratio:.2f}"


def test_high_contrast_cursor_and_selection_are_at_least_7_to_1(paths: Paths) -> None:
    variables = by_name(load_themes(paths)[0])["footcare-high-contrast"].variables
    pairs = "block-cursor block-cursor-blurred input-cursor input-selection screen-selection"
    for prefix in pairs.split():
        fg = Color.parse(variables[f"{prefix}-foreground"])
        bg = Color.parse(variables[f"{prefix}-background"])
        assert contrast_ratio(fg, bg) >= 7, prefix


@pytest.mark.parametrize("name", COLOUR_THEMES)
def test_every_colour_theme_reads_well(paths: Paths, name: str) -> None:
    """Not AAA everywhere, but main text >= 7:1 and app colours >= 4.5:1 on every ground
    (the high-contrast theme is held to 7:1 everywhere above)."""
    theme = by_name(load_themes(paths)[0])[name]
    generated = theme.to_color_system().generate()
    for ground_name in ("background", "surface", "panel"):
        ground = Color.parse(generated[ground_name])
        assert contrast_ratio(Color.parse(generated["foreground"]), ground) >= 7
        for var in APP_VARIABLES:
            ratio = contrast_ratio(Color.parse(theme.variables[var]), ground)
            assert ratio >= 4.5, f"{var} on {ground_name}: {ratio:.2f}"


def test_app_variable_defaults_read_on_black_and_on_white() -> None:
    for name, value in APP_VARIABLES.items():
        colour = Color.parse(value)
        assert contrast_ratio(colour, BLACK) >= 4.5, name
        assert contrast_ratio(colour, WHITE) >= 4.5, name


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio(WHITE, BLACK) == pytest.approx(21.0)
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast_ratio(WHITE, WHITE) == pytest.approx(1.0)
    assert contrast_ratio(Color.parse("#767676"), WHITE) == pytest.approx(4.54, abs=0.01)
    # Half-transparent white on black is mid-grey, not white.
    assert contrast_ratio(WHITE.with_alpha(0.5), BLACK) < 6


# --- validation -------------------------------------------------------------------------


def test_theme_from_table_builds_a_theme() -> None:
    theme = theme_from_table(
        {"dark": False, "primary": "ansi_blue", "foreground": "#000", "background": "#fff"},
        "/x/plain.toml",
    )
    assert theme.name == "plain"
    assert theme.dark is False


@pytest.mark.parametrize(
    ("table", "key", "hint"),
    [
        ({"primary": "bluee"}, "primary", "'blue'"),
        ({"primary": 12}, "primary", "quotes"),
        ({"primry": "#fff"}, "primry", "'primary'"),
        ({"dark": "yes"}, "dark", "true or false"),
        ({"variables": {"foot-lef": "#fff"}}, "variables.foot-lef", "'foot-left'"),
        ({"variables": {"foot-left": "#ggg"}}, "variables.foot-left", "not a colour"),
        ({"variables": {"text-muted": "auto 200%"}}, "variables.text-muted", "100%"),
        ({"variables": {"link-style": "shiny"}}, "variables.link-style", "text style"),
        ({"variables": "red"}, "variables", "table"),
        ({"name": "a,b"}, "name", "commas"),
    ],
)
def test_bad_tables_name_the_file_and_key(table: dict[str, object], key: str, hint: str) -> None:
    with pytest.raises(ThemeError) as info:
        theme_from_table({**BASE, **table}, "/home/me/themes/t.toml")
    message = str(info.value)
    assert message.startswith("/home/me/themes/t.toml: ")
    assert info.value.key == key
    assert key in message and hint in message


def test_missing_keys_are_all_reported_at_once() -> None:
    with pytest.raises(ThemeError) as info:
        theme_from_table({"primary": "#fff"}, "t.toml")
    assert [p.key for p in info.value.problems] == ["dark", "foreground", "background"]


def test_textual_variables_accept_their_own_kinds_of_value() -> None:
    theme = theme_from_table(
        {
            **BASE,
            "variables": {
                "text": "auto 90%",
                "primary-muted": "#336699",
                "input-cursor-text-style": "bold reverse",
                "link-background": "initial",
                "border": "ansi_bright_yellow",
            },
        },
        "t.toml",
    )
    assert theme.variables["text"] == "auto 90%"
    assert "foot-left" in known_variables() and "border" in known_variables()


# --- files ------------------------------------------------------------------------------


def test_broken_user_themes_are_reported_and_the_rest_load(paths: Paths) -> None:
    colour = user_theme(paths, "colour.toml", GOOD.replace('"#336699"', '"#33669"'))
    unknown = user_theme(paths, "unknown.toml", GOOD.replace("name =", "nmae ="))
    syntax = user_theme(paths, "syntax.toml", GOOD + "oops = [\n")
    fine = user_theme(paths, "fine.toml", GOOD.replace('"mine"', '"fine"'))

    themes, problems = load_themes(paths)

    names = by_name(themes)
    assert set(names) >= BUNDLED | {"fine"}
    assert "mine" not in names and "colour" not in names
    assert len(problems) == 3
    for path, key in ((colour, "primary"), (unknown, "nmae"), (syntax, "TOML")):
        [problem] = [p for p in problems if str(path) in p]
        assert key in problem
    [colour_problem] = [p for p in problems if str(colour) in p]
    assert "primary (line 3)" in colour_problem and "#rrggbb" in colour_problem
    [unknown_problem] = [p for p in problems if str(unknown) in p]
    assert "'name'" in unknown_problem  # did you mean
    assert str(fine) not in " ".join(problems)


def test_a_user_theme_overrides_a_bundled_one(paths: Paths) -> None:
    user_theme(paths, "mine.toml", GOOD.replace('"mine"', f'"{DEFAULT_THEME}"'))
    themes, problems = load_themes(paths)
    assert problems == []
    theme = by_name(themes)[DEFAULT_THEME]
    assert theme.primary == "#336699"
    assert [t.name for t in themes].count(DEFAULT_THEME) == 1


def test_a_broken_override_keeps_the_bundled_theme(paths: Paths) -> None:
    path = user_theme(
        paths, "mine.toml", GOOD.replace('"mine"', f'"{DEFAULT_THEME}"').replace("#336699", "x")
    )
    themes, problems = load_themes(paths)
    assert by_name(themes)[DEFAULT_THEME].primary != "x"
    [problem] = problems
    assert str(path) in problem and "bundled" in problem


# --- in a running app -------------------------------------------------------------------


class ThemedApp(App[None]):
    CSS = """
    #left { color: $foot-left; }
    #right { color: $foot-right; background: $surface; }
    #states { color: $ok; border: tall $blocked; background: $caution 10%; }
    """

    def __init__(self, themes: list[Theme], theme: str) -> None:
        super().__init__()
        for each in themes:
            self.register_theme(each)
        self._start_theme = theme

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(APP_VARIABLES)

    def compose(self) -> ComposeResult:
        yield Label("Left foot", id="left")
        yield Label("Right foot", id="right")
        yield Label("OK", id="states")
        yield Input(placeholder="note")
        yield Button("Start", variant="primary")
        yield OptionList("one", "two")
        yield Footer()

    def on_mount(self) -> None:
        self.theme = self._start_theme


async def test_a_loaded_user_theme_works_in_an_app(paths: Paths) -> None:
    user_theme(paths, "mine.toml", GOOD)
    themes, _ = load_themes(paths)
    app = ThemedApp(themes, "mine")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "mine"
        assert app.query_one("#left").styles.color == Color.parse("#00ffff")
        # Not set by the theme: the default applies.
        right = app.query_one("#right").styles.color
        assert right == Color.parse(APP_VARIABLES["foot-right"])


@pytest.mark.parametrize("name", [*sorted(BUNDLED), "textual-light", "ansi-dark"])
async def test_every_bundled_and_builtin_theme_mounts(paths: Paths, name: str) -> None:
    themes, _ = load_themes(paths)
    app = ThemedApp(themes, name)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")
        await pilot.pause()
        assert app.theme == name
        left = app.query_one("#left").styles.color
        expected = app.current_theme.variables.get("foot-left", APP_VARIABLES["foot-left"])
        assert left == Color.parse(expected)


@pytest.mark.parametrize("locked", ["themes", "config"])
def test_an_unreadable_theme_folder_still_gives_the_bundled_themes(
    paths: Paths, locked: str
) -> None:
    paths.user_themes.mkdir(parents=True)
    (paths.user_themes / "mine.toml").write_text(GOOD)
    folder = paths.user_themes if locked == "themes" else paths.config
    folder.chmod(0)
    try:
        with permissions_apply():
            themes, problems = load_themes(paths)
    finally:
        folder.chmod(0o700)
    assert set(by_name(themes)) == BUNDLED
    [problem] = problems
    assert problem.startswith(f"{folder}: ")
    assert "permission denied" in problem
    assert "chmod" in problem
