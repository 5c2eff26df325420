"""Untrusted text made safe to show: scenario files and replies come from other people, and a
control character written to a terminal is an instruction to it (ESC ] 52 sets the clipboard,
ESC [ 2J clears the screen, U+009B is a one-byte CSI). Every piece of such text passes
`visible` on its way to a terminal, and `escape_controls_in_json` on its way into JSON."""

from __future__ import annotations

import re

_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
"""Bidirectional embeddings, overrides and isolates: they reorder the text shown after them
(a reply can make "refund" display as "dnufer" or hide a line's real end)."""

UNSAFE_CHARACTERS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}]")
"""What a terminal may take as an instruction: C0 controls except tab and newline, DEL, the C1
controls U+0080 to U+009F, and the bidirectional controls."""

_TAB_AND_NEWLINE = re.compile("[\t\n]")


def shown_as(character: str) -> str:
    """How an unsafe character is written instead of itself: `\\x1b`, `\\x9b`, `\\u202e`."""
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str, keep_lines: bool = True) -> str:
    """`text` with every character a terminal could act on shown as an escape (`\\x1b`)
    instead; tab and newline are kept when `keep_lines`, else shown too (for one-line text
    such as a title or an id)."""
    text = UNSAFE_CHARACTERS.sub(lambda found: shown_as(found.group()), text)
    if keep_lines:
        return text
    return _TAB_AND_NEWLINE.sub(lambda found: shown_as(found.group()), text)


def is_safe(text: str) -> bool:
    """Whether `text` holds no character a terminal could act on (tab and newline allowed)."""
    return UNSAFE_CHARACTERS.search(text) is None


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI_CONTROLS}\u2028\u2029]")


def escape_controls_in_json(encoded: str) -> str:
    """JSON text from `json.dumps` with DEL, the C1 controls, the bidirectional controls and
    the line separators escaped as `\\uXXXX`: the same data, but nothing a terminal acts on
    and nothing a reader takes as a line break. (`json.dumps` already escapes C0.)"""
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", encoded)
