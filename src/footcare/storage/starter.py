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
# The guidance suggests 10 to 15 minutes of massage per foot (600 to 900 seconds of
# steps with a pressure above "none"), every day rather than now and then.

id = "{id}"
name = {name}
description = "My own routine: 11 minutes of massage per foot."
feet = ["left", "right"]      # the order the feet are done in
get_ready_seconds = 10        # a short countdown before each foot

[[steps]]
name = "Look, then lotion"
technique = "prepare"         # prepare, effleurage, thumb-circles, knuckle-rub,
                              # squeeze-knead, toe-work, upward-strokes, finish, other
duration = 60
instructions = "Look over the foot: top, sole, heel, between the toes. Then smooth a little lotion on the top, sole and heel, none between the toes."
pressure = "none"             # none, feather, light, gentle, comfortable

[[steps]]
name = "Warming strokes"
technique = "effleurage"
duration = 150
instructions = "With palms and fingertips, glide slowly over the whole foot."
pressure = "light"
direction = "toes to ankle"   # strokes go upwards, towards the heart

[[steps]]
name = "Thumb circles on the sole"
technique = "thumb-circles"
duration = 150
instructions = "Make small slow circles with both thumbs, moving the skin rather than sliding over it. Lighter on the arch and the ball of the foot."
pressure = "gentle"
direction = "toes to heel"
area = "sole"                 # optional, for the picture: whole-foot, top, sole, ball, arch,
                              # heel, toes, between-toes, ankle, calf, foot-and-calf
motion = "circles"            # optional: none, toes-to-ankle, toes-to-calf, circles,
                              # ball-to-heel, each-toe, squeeze
# avoid = "arch"              # optional: where to keep away from (crossed out), an area

[[steps]]
name = "Squeeze and knead"
technique = "squeeze-knead"
duration = 150
instructions = "Hold the foot in both hands and squeeze softly, then let go, all along it."
pressure = "gentle"

[[steps]]
name = "Toes"
technique = "toe-work"
duration = 120
instructions = "Wipe the lotion off your fingers first. With dry fingers, gently work each toe and the spaces between them."
pressure = "gentle"

[[steps]]
name = "Upward strokes"
technique = "upward-strokes"
duration = 90
instructions = "Stroke from the toes up over the ankle towards the calf."
pressure = "light"
direction = "toes to calf"

[[steps]]
name = "Finish this foot"
technique = "finish"
duration = 60
instructions = "Wipe off any extra lotion and dry between the toes. Socks on before you stand."
pressure = "none"

# Add your own question to the safety questions if you like (it can only add, never remove):
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
