"""The real console entry point, run as a person would: `python -m footcare ...`."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from footcare import __version__
from footcare.cli import build_parser
from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.domain.routine import parse_routine
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths, bundled
from midnight import clear_of_midnight
from shipped import ROUTINES, THEMES

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = bundled("routines")


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Env:
    config: Path
    data: Path

    @property
    def paths(self) -> Paths:
        return Paths(self.config, self.data)

    def environ(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
        env.update(
            FOOTCARE_CONFIG_DIR=str(self.config),
            FOOTCARE_DATA_DIR=str(self.data),
            PYTHONIOENCODING="utf-8",
        )
        env.update(extra)
        return env

    def run(self, *args: str, stdin: int | None = None, **extra_env: str) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "footcare", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=stdin,
            env=self.environ(**extra_env),
            timeout=60,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def env(tmp_path: Path) -> Env:
    return Env(tmp_path / "config", tmp_path / "data")


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.out + result.err


# --- basics -------------------------------------------------------------------------------


def test_version(env: Env) -> None:
    result = env.run("--version")
    assert result.code == 0
    assert result.out.strip() == f"footcare {__version__}"


def test_paths_prints_the_folders_in_use_env_and_flags(env: Env, tmp_path: Path) -> None:
    result = env.run("paths")
    assert result.code == 0
    assert f"config: {env.config}" in result.out
    assert f"data:   {env.data}" in result.out
    flagged = env.run("--data-dir", str(tmp_path / "flag"), "paths")
    assert f"data:   {tmp_path / 'flag'}" in flagged.out
    assert f"config: {env.config}" in flagged.out
    assert not env.data.exists()  # printing paths creates nothing


# --- routines -----------------------------------------------------------------------------


def test_routines_list_shows_every_bundled_routine_with_its_length(env: Env) -> None:
    result = env.run("routines", "list")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split()[0] for line in lines] == sorted(ROUTINES)
    for line in lines:
        path = BUNDLED / f"{line.split()[0]}.toml"
        routine = parse_routine(tomllib.loads(path.read_text(encoding="utf-8")), path.stem)
        assert f"{routine.minutes_per_foot:g} min/foot" in line
    assert "(!)" not in result.out


def test_routines_show(env: Env) -> None:
    result = env.run("routines", "show", "standard")
    assert result.code == 0
    assert result.out.startswith("Standard [standard]")
    assert "12.5 min of massage per foot" in result.out
    assert " 8. Finish this foot (60 s, pressure: none)" in result.out


def test_routines_validate_warns_but_passes_a_short_routine(env: Env, tmp_path: Path) -> None:
    path = tmp_path / "quick.toml"
    path.write_text('name = "Quick"\n[[steps]]\nname = "a"\nduration = 120\ninstructions = "i"\n')
    result = env.run("routines", "validate", str(path))
    assert result.code == 0
    assert "warning: 2 min of massage per foot is outside the suggested 10–15 minutes" in result.out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name = "x"\n[[steps]\nname = "a"\n', ":2: not valid TOML"),
        (
            'name = "x"\n[[steps]]\nname = "a"\nduration = -30\ninstructions = "i"\n',
            ":4: steps[0].duration: must be between 1 and 3600 (got -30)",
        ),
        (
            'name = "x"\n[[steps]]\nname = "a"\nduration = 600\ninstructions = "i"\n'
            '\n[music]\nfile = "waves.mp3"\n',
            ":7: music: unknown key",
        ),
    ],
    ids=["syntax", "negative-duration", "unknown-table"],
)
def test_routines_validate_bad_file_names_file_and_problem(
    env: Env, tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    result = env.run("routines", "validate", str(path))
    assert result.code != 0
    assert f"{path}{expected}" in result.err
    no_traceback(result)


def test_routines_validate_reports_every_file(env: Env, tmp_path: Path) -> None:
    """Every bundled routine is ok with no warning, whatever fails beside it."""
    good = sorted(str(p) for p in BUNDLED.glob("*.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[[steps]]\nname = "a"\nduratoin = 60\ninstructions = "i"\n')
    missing = tmp_path / "missing.toml"
    result = env.run("routines", "validate", str(bad), *good, str(missing))
    assert result.code == 1
    assert result.out.count(": ok (") == len(good) >= 3
    assert f"{BUNDLED / 'short.toml'}: ok (Short)" in result.out
    assert "warning" not in result.out
    assert f"{bad}:4: steps[0].duratoin: unknown key (did you mean 'duration'?)" in result.err
    assert f"{missing}: cannot be read" in result.err
    no_traceback(result)


@pytest.mark.parametrize(
    ("kind", "title", "key"),
    [
        ("routines", "footcare routine", "steps"),
        ("themes", "footcare theme", "variables"),
        ("journal", "footcare journal month", "entries"),
    ],
)
def test_each_file_kinds_schema_is_json(env: Env, kind: str, title: str, key: str) -> None:
    result = env.run(kind, "schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["title"] == title
    assert key in schema["properties"]


def test_a_month_file_footcare_wrote_fits_the_journal_schema(env: Env) -> None:
    """What an editor or a clinician's tool is given checks the file `journal add` wrote."""
    from storesupport import as_json, valid

    assert env.run("journal", "add", "--pain", "4", "--foot-check", "wound:left").code == 0
    (month,) = (env.data / "journal").glob("*.toml")
    table = as_json(tomllib.loads(month.read_text(encoding="utf-8")))
    schema = json.loads(env.run("journal", "schema").out)
    assert valid(schema, table)
    table["entries"][0]["findings"]["wound"] = "elbow"
    assert not valid(schema, table)


def test_routines_new_writes_a_valid_starter_that_is_listed(env: Env) -> None:
    result = env.run("routines", "new", "Evening feet")
    assert result.code == 0, result.err
    target = env.config / "routines" / "evening-feet.toml"
    assert str(target) in result.out
    assert target.is_file()
    check = env.run("routines", "validate", str(target))
    assert check.code == 0
    listed = env.run("routines", "list")
    assert "evening-feet" in listed.out
    assert "(!)" not in listed.out  # a realistic routine: 11 minutes of massage, no warning
    assert "warning" not in check.out and "11 min/foot" in listed.out
    again = env.run("routines", "new", "Evening feet")
    assert again.code == 1
    assert "already exists" in again.err
    no_traceback(again)


def test_a_broken_user_routine_is_a_warning_and_the_rest_still_list(env: Env) -> None:
    folder = env.config / "routines"
    folder.mkdir(parents=True)
    (folder / "oops.toml").write_text("name = [\n")
    result = env.run("routines", "list")
    assert result.code == 0
    assert "warning:" in result.err and "oops.toml" in result.err
    assert "standard" in result.out
    no_traceback(result)


def test_themes_list(env: Env) -> None:
    result = env.run("themes", "list")
    assert result.code == 0
    assert sorted(line.split()[0] for line in result.out.splitlines()) == sorted(THEMES)
    assert all("bundled" in line for line in result.out.splitlines())
    folder = env.config / "themes"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        'name = "mine"\ndark = true\nprimary = "#123"\nforeground = "#fff"\nbackground = "#000"\n'
    )
    (folder / "broken.toml").write_text("name = \n")
    result = env.run("themes", "list")
    assert result.code == 0
    assert any(line.startswith("mine") and "user" in line for line in result.out.splitlines())
    assert "(broken)" in result.out
    no_traceback(result)


# --- journal ------------------------------------------------------------------------------


def month_files(env: Env) -> list[Path]:
    folder = env.data / "journal"
    return sorted(folder.glob("*.toml")) if folder.exists() else []


def test_journal_add_then_list(env: Env) -> None:
    result = env.run("journal", "add", "--pain", "3", "--numbness", "7", "--note", "after a walk")
    assert result.code == 0, result.err
    assert result.out.startswith("added entry ")
    (path,) = month_files(env)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    (entry,) = data["entries"]
    assert entry["before"] == {"numbness": 7, "pain": 3}
    assert entry["note"] == "after a walk"
    assert entry["id"] == result.out.split()[-1]
    listed = env.run("journal", "list")
    assert listed.code == 0
    assert "numbness 7 pain 3" in listed.out
    assert "“after a walk”" in listed.out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--pain", "11"], "--pain: 11 is out of range: use a number from 0 to 10"),
        (["--pain", "-1"], "--pain: -1 is out of range"),
        (["--burning", "2.5"], "--burning: '2.5' is not a whole number from 0 to 10"),
        (["--tingling", "lots"], "--tingling: 'lots' is not a whole number"),
        ([], "nothing to add: give a rating"),
        (["--note", ""], "nothing to add: give a rating"),
        *(
            (["--foot-check", bad], "foot-check")
            for bad in ("new-wound", "new-wound:middle", "sparkle:left", "pus:left", ":")
        ),
        (["--sleep", "11"], "--sleep: 11 is out of range"),
        (["--footwear", "maybe"], "--footwear: 'maybe' is not yes or no"),
        (["--exercise", "-5"], "--exercise: -5 is out of range"),
        (["--follow-up", "soon"], "--follow-up: 'soon' is not a date"),
    ],
)
def test_journal_add_refuses_bad_fields_and_writes_nothing(
    env: Env, args: list[str], said: str
) -> None:
    result = env.run("journal", "add", *args)
    assert result.code == 2 and said in result.err
    no_traceback(result)
    assert month_files(env) == []


def seed(env: Env, today: date) -> None:
    store = JournalStore(env.paths)
    for n, pain in ((40, 8), (10, 6), (2, 5), (1, 4)):
        store.add(
            Entry(
                id=f"seed-{n}",
                at=datetime.combine(today - timedelta(days=n), time(9, 30)),
                before=Ratings(pain=pain),
                after=Ratings(pain=pain - 1),
                session=SessionFacts("standard", ("left", "right"), 12.5),
                note=f"note {n}, with a comma",
            )
        )
    gone = datetime.combine(today - timedelta(days=3), time(9))
    store.add(Entry(id="seed-deleted", at=gone, findings={"wound": "left"}, deleted=True))
    flagged = datetime.combine(today - timedelta(days=2), time(20))
    store.add(Entry(id="seed-flag", at=flagged, findings={"wound": "left"}))


@pytest.fixture
def today(env: Env) -> date:
    """A day clear of midnight, with the seeded journal around it."""
    day = clear_of_midnight()
    seed(env, day)
    return day


def test_journal_export_csv_since(env: Env, today: date) -> None:
    since = (today - timedelta(days=10)).isoformat()
    result = env.run("journal", "export", "--format", "csv", "--since", since)
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [r["id"] for r in rows] == ["seed-10", "seed-2", "seed-flag", "seed-1"]
    assert rows[0]["note"] == "note 10, with a comma"
    assert rows[0]["before_pain"] == "6" and rows[0]["after_pain"] == "5"
    everything = env.run("journal", "export", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(everything.out)))) == 5


def test_journal_export_json(env: Env, today: date) -> None:
    result = env.run("journal", "export", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["self_reported"] is True
    ids = [e["id"] for e in data["entries"]]
    assert ids == ["seed-40", "seed-10", "seed-2", "seed-flag", "seed-1"]
    since = (today - timedelta(days=1)).isoformat()
    recent = json.loads(env.run("journal", "export", "--format", "json", "--since", since).out)
    assert [e["id"] for e in recent["entries"]] == ["seed-1"]


def test_journal_export_markdown(env: Env, today: date) -> None:
    since = today - timedelta(days=13)
    result = env.run("journal", "export", "--format", "markdown", "--since", since.isoformat())
    assert result.code == 0
    text = result.out
    assert f"Period: {since.isoformat()} to {today.isoformat()} (14 days)" in text
    assert "self-reported" in text
    assert "- Days with a session: 3 of 14 (goal: daily)" in text
    flag_day = (today - timedelta(days=2)).isoformat()
    assert f"| {flag_day} | new wound, blister or cut (left foot) | same day |" in text
    assert "note 40" not in text


def test_journal_export_markdown_since_still_sees_the_trend_before_it(env: Env) -> None:
    store = JournalStore(env.paths)
    today = clear_of_midnight()
    for n in range(36):
        at = datetime.combine(today - timedelta(days=n), time(9))
        store.add(Entry(id=f"d{n}", at=at, before=Ratings(pain=6 if n < 7 else 2)))
    since = (today - timedelta(days=3)).isoformat()
    result = env.run("journal", "export", "--format", "markdown", "--since", since)
    assert result.code == 0
    assert "2 or more points above your usual (2.0)" in result.out
    assert "(4 days)" in result.out


def test_journal_list_with_a_broken_month_warns_and_shows_the_rest(env: Env, today: date) -> None:
    before = month_files(env)
    broken = env.data / "journal" / f"{today:%Y-%m}.toml"
    broken.write_text("this is not toml = = =\n")
    result = env.run("journal", "list")
    assert result.code == 0
    assert "warning:" in result.err and broken.name in result.err
    assert "note 40" in result.out
    no_traceback(result)
    add = env.run("journal", "add", "--pain", "1")
    assert add.code == 1
    assert broken.name in add.err
    assert len(add.err.strip().splitlines()) == 1
    no_traceback(add)
    assert broken.read_text() == "this is not toml = = =\n"
    assert set(month_files(env)) == set(before) | {broken}


def test_unusable_data_folder_gives_one_clear_line(env: Env, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("keep me")
    result = env.run("journal", "add", "--pain", "2", FOOTCARE_DATA_DIR=str(blocker / "data"))
    assert result.code == 1
    no_traceback(result)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("footcare: ")
    assert str(blocker) in lines[0]
    assert "not a folder" in lines[0]
    assert blocker.read_text() == "keep me"
    as_flag = env.run("--data-dir", str(blocker), "journal", "add", "--pain", "2")
    assert as_flag.code == 1
    assert len(as_flag.err.strip().splitlines()) == 1
    no_traceback(as_flag)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_is_not_utf8_gets_text_not_a_traceback(
    env: Env, today: date, encoding: str
) -> None:
    for args in (
        ["journal", "list"],
        ["journal", "export", "--format", "markdown"],
        ["routines", "show", "gentle"],
        ["routines", "list"],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "footcare", *args],
            capture_output=True,
            env=env.environ(PYTHONIOENCODING=encoding),
            timeout=60,
        )
        assert proc.returncode == 0, (args, proc.stderr)
        assert b"Traceback" not in proc.stderr
        assert proc.stdout.strip()


# --- import hygiene -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["paths"],
        ["journal", "add", "--pain", "3"],
        ["journal", "list"],
        ["journal", "export", "--format", "markdown"],
        ["routines", "list"],
        ["routines", "validate", str(BUNDLED / "standard.toml")],
        ["themes", "list"],
    ],
)
def test_cli_paths_never_import_textual(env: Env, argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from footcare.cli import run\n"
        f"rc = run({argv!r})\n"
        "assert rc == 0, rc\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "print('clean')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env.environ(),
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("clean")


# --- conventions: errors, examples, completion, the day ----------------------------------


FAILING: list[tuple[tuple[str, ...], int, tuple[str, ...]]] = [
    (("session", "--plain", "--routine", "nope"), 1, ("nope", "no routine 'nope'", "standard")),
    (("--data-dir", "{blocker}", "session", "--plain"), 1, ("{blocker}", "not a folder")),
    (("routines", "show", "nope"), 1, ("no routine 'nope'", "standard")),
    (("routines", "validate", "{blocker}"), 1, ("{blocker}:1: not valid TOML",)),
    (("FOOTCARE_CONFIG_DIR={blocker}", "routines", "new", "x"), 1, ("not a folder",)),
    (("journal", "add", "--pain", "11"), 2, ("11 is out of range: use a number from 0 to 10",)),
    (
        ("journal", "add", "--time", "25:00", "--pain", "1"),
        2,
        ("'25:00' is not a time on a 24-hour clock",),
    ),
    (("journal", "delete", "20200101000000-000000"), 1, ("no journal entry",)),
    (("journal", "restore", "20200101000000-000000"), 1, ("no journal entry",)),
    (("journal", "export"), 2, ("required: --format",)),
    (("journal", "export", "--format", "pdf"), 2, ("invalid choice: 'pdf'",)),
    (
        ("journal", "export", "--format", "csv", "--since", "last tuesday"),
        2,
        ("is not a date like",),
    ),
    (("--data-dir", "{blocker}", "journal", "list"), 1, ("{blocker}", "not a folder")),
    (("FOOTCARE_DATA_DIR={blocker}/data", "journal", "list"), 1, ("{blocker}", "not a folder")),
    (
        ("FOOTCARE_DATA_DIR={blocker}/data", "journal", "export", "--format", "csv"),
        1,
        ("{blocker}", "not a folder"),
    ),
    (("--profile", "not a name", "status"), 2, ("can't name a profile",)),
    (("remind", "install", "--at", "7pm"), 2, ("'7pm' is not a time like",)),
    (("config", "--edit", "--new"), 2, ("not allowed with argument --edit",)),
    (("completion", "tcsh"), 2, ("invalid choice: 'tcsh'",)),
    (("serve", "--port", "0"), 2, ("port 0 is out of range",)),
    (("frobnicate",), 2, ("invalid choice",)),
]


@pytest.mark.parametrize(
    ("args", "code", "said"), FAILING, ids=[" ".join(row[0]) for row in FAILING]
)
def test_every_error_goes_to_standard_error(
    env: Env, tmp_path: Path, args: tuple[str, ...], code: int, said: tuple[str, ...]
) -> None:
    """What fails says so on stderr, never on stdout (a script reads stdout; a person
    with a screen reader may send it to a file). A leading NAME=value is in the
    environment, as on a shell's command line."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    words = [a.format(blocker=blocker) for a in args]
    extra = dict(w.split("=", 1) for w in words if w.startswith("FOOTCARE_"))
    done = env.run(*words[len(extra) :], stdin=subprocess.DEVNULL, **extra)
    assert done.code == code, done.err
    no_traceback(done)
    for text in (t.format(blocker=blocker) for t in said):
        assert text in done.err and text not in done.out, text
    for line in done.err.strip().splitlines():
        assert line.strip() not in done.out, f"{line!r} is on stdout too"
    for line in done.out.splitlines():
        assert not line.lower().startswith(("footcare:", "error", "usage:")), line


def all_commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += all_commands(sub, (*path, name))
    return found


def test_every_help_ends_with_examples_of_that_command() -> None:
    """`footcare journal --help` too, not only `footcare journal add --help`."""
    for path, parser in all_commands(build_parser()):
        help_text = parser.format_help()
        assert "\nexamples:\n" in help_text, f"`footcare {' '.join(path)} --help`: no examples"
        examples = help_text.split("\nexamples:\n", 1)[1].splitlines()
        assert examples and all(line.startswith("  footcare") for line in examples), examples
        prefix = " ".join(("footcare", *path))
        assert any(line.strip().startswith(prefix) for line in examples), (prefix, examples)


def test_journal_help_as_a_person_sees_it(env: Env) -> None:
    for args in (["journal", "--help"], ["remind", "--help"], ["themes", "-h"]):
        done = env.run(*args)
        assert done.code == 0
        assert f"examples:\n  footcare {args[0]} " in done.out


ZSH_COMPLETE = r"""
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "bindkey -e; PS1='> '; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; zstyle ':completion:*' format '<%d>'; print READY\$((6*7))"
zpty -r z line '*READY42*'
zpty -n -w z "$2 "$'\t\x15'
zpty -w z "print DONE\$((6*7))"
zpty -r z out '*DONE42*'
print -r -- "$out"
zpty -d z
"""  # noqa: E501
"""Types a command line and Tab into an interactive zsh (through zpty), then prints what
the completion showed. Each read waits for a marker the shell prints, no fixed sleeps."""


@pytest.mark.xdist_group("system-packages")
def test_zsh_completion_is_clean_on_every_option(env: Env, tmp_path: Path) -> None:
    """zsh reads a colon in an option's spec as the end of its message: `HH:MM` made zsh
    run `MM` as a command ("command not found") on every Tab after --time or --at."""
    from concurrent.futures import ThreadPoolExecutor

    from sysdeps import ensure

    ensure(["zsh"], ["zsh"], "zsh completion")
    script = env.run("completion", "zsh")
    assert script.code == 0, script.err
    folder = tmp_path / "zfunc"
    folder.mkdir()
    (folder / "_footcare").write_text(script.out, encoding="utf-8")
    syntax = subprocess.run(["zsh", "-n", str(folder / "_footcare")], capture_output=True)
    assert syntax.returncode == 0, syntax.stderr
    driver = tmp_path / "complete.zsh"
    driver.write_text(ZSH_COMPLETE, encoding="utf-8")
    lines = [  # `footcare … --option` for every option that takes a value, in every command
        " ".join(("footcare", *path, action.option_strings[-1]))
        for path, parser in all_commands(build_parser())
        for action in parser._actions
        if action.option_strings and action.nargs != 0
    ]
    assert "footcare journal add --time" in lines and "footcare remind install --at" in lines

    def complete(line: str) -> str:
        done = subprocess.run(
            ["zsh", "-f", str(driver), str(folder), line],
            capture_output=True, text=True, timeout=120, env={**os.environ, "TERM": "xterm"},
        )  # fmt: skip
        return done.stdout + done.stderr

    with ThreadPoolExecutor(4) as pool:
        shown = dict(zip(lines, pool.map(complete, lines), strict=True))
    for line, out in shown.items():
        assert "DONE42" in out, f"{line}: the shell did not come back:\n{out}"
        for error in ("command not found", "_arguments:", "parse error", "bad option"):
            assert error not in out, f"{line} <Tab>:\n{out}"
    # the message keeps its colon (zsh shows it as HH:MM; whether the list is drawn before
    # the next keys arrive depends on the machine's load, so it is read from the script)
    assert r"]:HH\:MM:" in script.out and r"]:SIGN\:SIDE:" in script.out


def test_no_option_or_environment_variable_moves_today(env: Env) -> None:
    """The day is the computer's: nothing a user can set moves it (that would lift an
    expiry or a warning sign's hold). No option or environment variable footcare reads
    names a day, a time or a clock, and setting such variables changes nothing."""
    import ast
    import re

    clockish = re.compile(r"today|now|clock|epoch|fake|as.?of|frozen", re.IGNORECASE)
    options = [
        option
        for _, parser in all_commands(build_parser())
        for action in parser._actions
        for option in action.option_strings
    ]
    assert options and not [o for o in options if clockish.search(o)]
    read: set[str] = set()
    for source in (ROOT / "src" / "footcare").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.fullmatch(r"[A-Z][A-Z0-9_]{2,}", node.value)
            ):
                read.add(node.value)  # every name an environment variable could have
    assert "FOOTCARE_PROFILE" in read and "NO_COLOR" in read  # the scan sees them
    assert not [name for name in read if clockish.search(name) and "FOOTCARE" in name]
    assert not {"SOURCE_DATE_EPOCH", "FAKETIME", "FAKE_NOW", "TODAY", "NOW"} & read
    moved = {
        name: "2000-01-01"
        for name in ("FOOTCARE_TODAY", "FOOTCARE_NOW", "FOOTCARE_DATE", "TODAY", "NOW")
    }
    before = date.today()
    added = env.run("journal", "add", "--pain", "1", SOURCE_DATE_EPOCH="0", **moved)
    after = date.today()
    assert added.code == 0, added.err
    (entry,) = JournalStore(env.paths).load().entries
    assert before <= entry.at.date() <= after


def test_journal_list_says_a_session_stopped_early_and_why(env: Env) -> None:
    """A finished session, one stopped for each cause (one with the person's own words)
    and one the app was closed in the middle of: the list says which stopped and why, in
    the words of the journal's entry view."""
    from footcare.domain.history import full_text_lines
    from footcare.domain.stops import StopCause

    day = date(2026, 12, 6)
    store = JournalStore(env.paths)
    finished = Entry(
        id="finished",
        at=datetime.combine(day, time(8)),
        session=SessionFacts("standard", ("left", "right"), 12.5),
    )
    store.add(finished)
    stopped: dict[str, Entry] = {}
    for n, cause in enumerate(StopCause):
        said = "felt cold" if cause is StopCause.OTHER else ""
        stopped[f"{day} {10 + n}:00"] = entry = Entry(
            id=f"stopped-{cause.value}",
            at=datetime.combine(day, time(10 + n)),
            session=SessionFacts(
                "short",
                ("left",),
                1.1,
                stopped_early=True,
                stop_reason=said,
                stop_cause=cause.value,
            ),
        )
        store.add(entry)

    result = env.run("journal", "list")
    assert result.code == 0, result.err
    lines = {line[:16]: line for line in result.out.splitlines()}
    assert lines[f"{day} 08:00"] == f"{day} 08:00  standard 12.5 min/foot"
    for at, entry in stopped.items():
        (session,) = [body for heading, body in full_text_lines(entry) if heading == "Session"]
        why = session.split("; stopped early: ")[1]  # as the entry view says it
        assert lines[at] == f"{at}  short 1.1 min/foot, stopped early: {why}"
    assert lines[f"{day} 10:00"].endswith(", stopped early: it hurts")
    assert lines[f"{day} 15:00"].endswith(", stopped early: something else (felt cold)")
    interrupted = f"{day} {10 + list(StopCause).index(StopCause.INTERRUPTED)}:00"
    assert lines[interrupted].endswith(", stopped early: the app was closed mid-session")
