"""`footcare routines new NAME`: a commented starter routine the user edits."""

from __future__ import annotations

import json
import re

import tomli_w

from footcare.domain.routine import MAX_ID_LENGTH, routine_schema
from footcare.storage.errors import StorageError
from footcare.storage.files import ensure_dir, write_text
from footcare.storage.paths import Paths

SCHEMA_FILE = "footcare-routine.schema.json"

STARTER = """#:schema ./{schema}
# A footcare routine. Check it with:  footcare routines validate {file}
# Each step is done on each foot in turn. Durations are in seconds.
# The suggested total is 10 to 15 minutes per foot (600 to 900 seconds).

id = "{id}"
name = {name}
description = "My own routine."
feet = ["left", "right"]      # the order the feet are done in
get_ready_seconds = 10        # a short countdown before each foot

[[steps]]
name = "Look and prepare"
technique = "prepare"         # prepare, effleurage, thumb-circles, knuckle-rub,
                              # squeeze-knead, toe-work, upward-strokes, finish, other
duration = 60
instructions = "Look over the foot. Put lotion on the top, sole and heel, not between the toes."
pressure = "none"             # none, feather, light, gentle, comfortable

[[steps]]
name = "Gentle strokes"
technique = "effleurage"
duration = 120
instructions = "Stroke the whole foot with palms and fingertips, lightly."
pressure = "light"
direction = "toes to ankle"

# Add your own warning to the screening if you like (it can only add, never remove):
# [[precautions]]
# id = "my-knee"
# tier = "remind"
# question = "Sit so your knee is comfortable."
# advice = "Use a cushion."
"""


def slug(name: str) -> str:
    """An id from a name: lower-case ASCII letters, digits and '-', starting with a letter."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:MAX_ID_LENGTH].strip("-")
    if not text:
        return "my-routine"
    return text if text[0].isalpha() else f"routine-{text}"[:MAX_ID_LENGTH].strip("-")


def write_starter(paths: Paths, name: str) -> str:
    folder = ensure_dir(paths.user_routines)
    routine_id = slug(name)
    target = folder / f"{routine_id}.toml"
    if target.exists():
        raise StorageError(target, "already exists", "pick another name or edit that file")
    write_text(folder / SCHEMA_FILE, json.dumps(routine_schema(), indent=2) + "\n")
    safe_name = tomli_w.dumps({"name": " ".join(name.split())}).partition("=")[2].strip()
    write_text(
        target,
        STARTER.format(schema=SCHEMA_FILE, file=target, id=routine_id, name=safe_name),
    )
    return str(target)
