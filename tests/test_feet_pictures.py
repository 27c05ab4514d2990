"""Every technique's picture, for each foot, at the sizes the session screen gives it, kept
as text to look at (tests/__snapshots__/test_feet_pictures.ambr): a change to a drawing
shows up in review as the drawing itself. Accept a deliberate change with
``--snapshot-update`` after reading the new drawings."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from footcare.domain import feet
from footcare.domain.feet.text import picture_lines
from footcare.domain.routine import Step

ROOMS = {"small": (12, 7), "medium": (24, 12), "large": (40, 20)}


@pytest.mark.parametrize("room", sorted(ROOMS))
@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("technique", sorted(feet.DEFAULTS))
def test_picture(technique: str, side: feet.Side, room: str, snapshot: SnapshotAssertion) -> None:
    step = Step("A step", technique, 60, "As the routine says.")
    drawing = feet.picture(step, side, *ROOMS[room])
    shown = [feet.describe(step, side)]
    shown += (
        ["(no picture: the words alone)"]
        if drawing is None
        else picture_lines(drawing, colour=False)
    )
    assert "\n".join(shown) == snapshot
