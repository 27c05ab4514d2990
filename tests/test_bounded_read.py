"""Reading is bounded before parsing: no file, however made, costs more than a set time
and memory, and every kind of file says what is wrong with it in one message.

The scan (storage/prescan.py) walks a text as TOML reads it, before the parser sees it.
Two things are proved here: it never refuses or loses its way in a file footcare could
have written (any table through tomli_w, and TOML written by hand in every style), and
every form of the costly files is refused, by every command that reads each kind, under
a memory and CPU limit (the parser once needed 24 GB for a 200 KB file, and 197 s for
16,000 keys; the figures per command are in benchmarks/pathological.py).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.domain.problems import Problem
from footcare.storage.errors import StorageError
from footcare.storage.prescan import (
    MAX_DEPTH,
    MAX_KEY_CHARS,
    MAX_KEY_PARTS,
    items_in,
    most_items,
    scan,
)
from footcare.storage.read import (
    MONTH_LIMIT,
    SMALL_LIMIT,
    Document,
    parse,
    read_toml,
    validation_error,
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL_MOST = most_items(SMALL_LIMIT)


# --- no false refusals: what footcare (or a person) writes is walked to the end ----------
# (items_in counts the items the scan walks; it raises if it loses its way or refuses)

keys = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12)
scalars = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(date(1900, 1, 1), date(2999, 12, 31)),
    st.datetimes(datetime(1900, 1, 1), datetime(2999, 12, 31)),
    st.times(),
)


def tables(depth: int) -> st.SearchStrategy[dict[str, Any]]:
    values: st.SearchStrategy[Any] = scalars
    if depth > 1:
        inner = st.deferred(lambda: tables(depth - 1))
        values = st.one_of(
            scalars,
            st.lists(scalars, max_size=4),
            inner,
            st.lists(inner, min_size=1, max_size=3),
        )
    return st.dictionaries(keys, values, max_size=5)


@SETTINGS
@given(tables(6))
def test_every_table_footcare_could_write_is_walked_to_the_end(data: dict[str, Any]) -> None:
    text = tomli_w.dumps(data)
    assert tomllib.loads(text) == data
    items_in(text)
    assert scan(text, SMALL_MOST) is None


HAND_WRITTEN = [
    'a = """x\n""y"""""\n',
    "b = '''it''s'''\n",
    "c = [ [1,2], {x=1, y.z=[3]}, ] # comment\n",
    "d = 1979-05-27 07:32:00Z\nd2 = 07:32:00\nd3 = 1979-05-27T00:32:00.999999-07:00\n",
    '[t . "q k"]\n e = {}\n[[arr]]\nf=[]\n[[ arr2 ]]\n',
    "g = {a = {b = 1}, c = []}\n",
    "h = [\n  # comment\n  1,\n\n  2,\n]\n",
    '"quoted.key" = 1\n\'literal key\' = 2\n"" = 3\n',
    "x = 'a'\r\ny = -inf\r\nz = nan\r\n",
    "hex = 0x1F\noct = 0o17\nbin = 0b11\nexp = 1e+10\nsep = +1_000\n",
    'esc = "a \\" quote, a \\\\ and \\u00e9"\nml = """\\\n  folded \\\n  line"""\n',
    "[a.b.c]\nd.e.f = 1\n[a]\nx = 1\n",
    "no_newline_at_end = true",
    "# only a comment",
    "",
]


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_toml_written_by_hand_in_every_style_is_items_in(text: str) -> None:
    tomllib.loads(text)
    items_in(text)
    assert scan(text, SMALL_MOST) is None


def test_the_bundled_and_test_files_are_items_in() -> None:
    root = Path(__file__).parent.parent
    files = [*root.glob("routines/*.toml"), *root.glob("themes/*.toml")]
    assert files
    for path in files:
        items_in(path.read_text(encoding="utf-8"))


# --- every form of the costly files is refused before the parser -------------------------

part = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True),
    st.from_regex(r'"[a-z .]{0,6}"', fullmatch=True),
    st.from_regex(r"'[a-z .]{0,6}'", fullmatch=True),
)
dot = st.sampled_from([".", " . ", "\t.", ". "])


@st.composite
def dotted_keys(draw: st.DrawFn) -> str:
    n = draw(st.integers(MAX_KEY_PARTS + 1, 400))
    parts = draw(st.lists(part, min_size=n, max_size=n))
    key = parts[0] + "".join(draw(dot) + p for p in parts[1:])
    before = draw(st.sampled_from(["", "x = 1\n", "[t]\n", "[[t]]\n", "# c\n\n"]))
    form = draw(
        st.sampled_from(
            ["{k} = 1\n", "[{k}]\n", "[[{k}]]\n", "a = {{{k} = 1}}\n", "a = [{{b = 1, {k} = 2}}]\n"]
        )
    )
    return before + form.format(k=key)


@SETTINGS
@given(dotted_keys())
def test_a_key_of_too_many_parts_is_refused_in_every_form(text: str) -> None:
    bound = scan(text, SMALL_MOST)
    assert bound is not None
    assert f"more than {MAX_KEY_PARTS} dotted parts" in bound.message
    assert bound.line == text.count("\n", 0, len(text.rstrip("\n"))) + 1


@pytest.mark.parametrize(
    "text",
    [
        "a" + ".a" * 100_000 + " = 1\n",  # the file that asked for 24 GB
        "%" + " = 1\n" + "a" + ".a" * 100_000 + " = 1\n",  # behind something unreadable
        'x = """' + "a.a" * 10 + "\n" + "a" + ".a" * 50_000 + " = 1\n",  # never closed
    ],
)
def test_the_dotted_key_bomb_is_refused_at_once(text: str) -> None:
    bound = scan(text, SMALL_MOST)
    assert bound is not None and "dotted parts" in bound.message
    with pytest.raises(StorageError, match="dotted parts"):
        parse(Path("config.toml"), text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("k" * (MAX_KEY_CHARS + 1) + " = 1\n", "longer than"),
        ('"' + "k" * (MAX_KEY_CHARS + 1) + '" = 1\n', "longer than"),
        ("a = " + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n", "nested more than"),
        ("a = " + "{b = " * (MAX_DEPTH + 2) + "1" + "}" * (MAX_DEPTH + 2) + "\n", "nested"),
        ("[" + ".".join("t" * 1 for _ in range(MAX_KEY_PARTS)) + "]\nx.y = [[1]]\n", "nested"),
    ],
)
def test_long_keys_and_deep_nesting_are_refused_before_parsing(text: str, message: str) -> None:
    bound = scan(text, SMALL_MOST)
    assert bound is not None and message in bound.message


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "".join(f"k{i} = {i}\n" for i in range(n)),
        lambda n: "a = [" + "1," * n + "]\n",
        lambda n: "".join(f"[[e]]\nv = {{x = {i}}}\n" for i in range(n)),
        lambda n: "".join(f"[t{i}]\n" for i in range(n)),
    ],
)
def test_more_keys_and_values_than_a_kind_holds_are_refused(make: Any) -> None:
    most = SMALL_MOST
    text = make(most + 10)
    bound = scan(text, most)
    assert bound is not None and f"more than {most:,}" in bound.message
    assert scan(make(most // 3), most) is None


def test_each_kind_may_hold_what_a_real_file_of_it_holds() -> None:
    assert most_items(SMALL_LIMIT) >= 4_000
    assert most_items(MONTH_LIMIT) >= 16_000
    assert most_items(16 * 1024 * 1024) >= 130_000  # the safety record: decades of events
    assert most_items(1024) == most_items(SMALL_LIMIT)  # a smaller limit is no tighter


# --- problems are collected in linear time, the first few reported -----------------------


def test_validation_error_looks_up_only_the_problems_it_shows(monkeypatch: Any) -> None:
    import footcare.storage.read as read

    looked: list[str] = []
    real = read.locate
    monkeypatch.setattr(read, "locate", lambda text, path: looked.append(path) or real(text, path))
    text = "".join(f"k{i} = {i}\n" for i in range(3000))
    doc = Document(Path("x.toml"), tomllib.loads(text), text)
    error = validation_error(doc, [Problem(f"k{i}", "unknown key") for i in range(3000)])
    assert len(looked) == 5
    assert error.line == 1 and "and 2995 more" in str(error)


# --- every kind, through the commands that read it, under a memory and CPU limit --------

BOMB = "a" + ".a" * 100_000 + " = 1\n"


def unknown(n: int) -> str:
    return "".join(f"k{i} = {i}\n" for i in range(n))


AS_LIMIT = 1024**3
CPU_SECONDS = 20
"""A normal run takes well under a second of CPU; the old reader took 197 s for 16,000
keys and 24 GB for the bomb."""


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


DRAFT = (
    "import sys\n"
    "from footcare.storage.paths import resolve\n"
    "from footcare.storage.state import draft_file\n"
    "from footcare.storage.errors import StorageError\n"
    "try:\n"
    "    draft_file(resolve(None, None)).load()\n"
    "except StorageError as exc:\n"
    "    print(exc)\n"
)

# kind: where (under config/ or data/), the command (or a script), the text of what's wrong
KINDS: dict[str, tuple[str, list[str]]] = {
    "config": ("config/config.toml", ["-m", "footcare", "config"]),
    "config (status)": ("config/config.toml", ["-m", "footcare", "status"]),
    "theme": ("config/themes/big.toml", ["-m", "footcare", "themes", "list"]),
    "routine": ("config/routines/big.toml", ["-m", "footcare", "routines", "validate", "{file}"]),
    "journal month": ("data/journal/2026-01.toml", ["-m", "footcare", "journal", "list"]),
    "safety record": ("data/safety.toml", ["-m", "footcare", "status"]),
    "session state": ("data/session.toml", ["-m", "footcare", "session", "--plain"]),
    "draft": ("data/draft.toml", ["-c", DRAFT]),
}
FILES = {
    "dotted key": (BOMB, "dotted parts"),
    "16,000 unknown keys": (unknown(16_000), ""),
}


def run_limited(root: Path, where: str, text: str, argv: list[str]) -> str:
    """What the command says (its lines joined) with ``text`` at ``where``, under the limits."""
    file = root / where
    file.parent.mkdir(parents=True, mode=0o700)
    file.write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "FOOTCARE_CONFIG_DIR": str(root / "config"),
        "FOOTCARE_DATA_DIR": str(root / "data"),
        "FOOTCARE_CACHE_DIR": str(root / "cache"),
        "NO_COLOR": "1",
    }
    env.pop("FOOTCARE_PROFILE", None)
    done = subprocess.run(
        [sys.executable, *(a.format(file=file) for a in argv)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limits,
        check=False,
    )
    assert done.returncode >= 0, f"killed by signal {-done.returncode} (over a limit)"
    return " ".join((done.stdout + done.stderr).split())


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("name", list(FILES))
def test_every_kind_answers_the_costly_files_with_one_message(
    tmp_path: Path, kind: str, name: str
) -> None:
    where, argv = KINDS[kind]
    text, expected = FILES[name]
    flat = run_limited(tmp_path, where, text, argv)
    assert "Traceback" not in flat and "MemoryError" not in flat
    assert str(tmp_path / where) in flat
    assert expected in flat


def test_unknown_keys_under_the_limit_cost_linear_time(tmp_path: Path) -> None:
    """3,900 unknown keys in config.toml (under its limit: the parser reads them all) are
    reported at once; each used to be looked for in the whole text (about 30 s)."""
    where = "config/config.toml"
    flat = run_limited(tmp_path, where, unknown(3_900), ["-m", "footcare", "config"])
    assert "k0: unknown key" in flat and "3895 more" in flat


def test_a_file_the_reader_refuses_names_itself_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(BOMB, encoding="utf-8")
    with pytest.raises(StorageError) as info:
        read_toml(path)
    text = str(info.value)
    assert text.startswith(f"{path}:1: a key has more than {MAX_KEY_PARTS} dotted parts")
    assert " — " in text and "\n" not in text


def test_time_of_day_is_not_a_number_of_parts() -> None:
    text = f"t = {time(7, 32)}\nd = {date(2026, 1, 2)} \n"
    assert items_in(text) == 2


def test_a_theme_with_thousands_of_problems_is_described_by_its_first_few(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each problem shown is looked for in the text: 3,900 of them took 5 s of CPU."""
    import footcare.ui.themes as themes

    path = tmp_path / "big.toml"
    path.write_text(
        'name = "big"\n' + "".join(f'k{i} = "#000000"\n' for i in range(3_900)), encoding="utf-8"
    )
    looked: list[int] = []

    class Watched(str):
        """The file's text, counting each time it is gone through line by line."""

        def splitlines(self, keepends: bool = False) -> list[str]:
            looked.append(1)
            return super().splitlines(keepends)

    real = themes.file_text
    monkeypatch.setattr(themes, "file_text", lambda *a, **k: Watched(real(*a, **k)))
    with pytest.raises(themes.ThemeError) as info:
        themes.theme_from_table(read_toml(path), str(path))
    said = themes.describe(info.value, path)
    assert len(looked) <= 5
    assert said.startswith(f"{path}: ") and f"and {len(info.value.problems) - 5} more" in said
