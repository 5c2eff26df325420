"""The box the person types their reply in: Enter sends, Ctrl+J (or Alt+Enter) starts a new
line, pasting keeps line breaks; it holds a reply's most characters and counts them near it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from trainer.call.replies import REPLY_LIMIT

NEW_LINE_KEYS = frozenset({"ctrl+j", "shift+enter", "alt+enter", "ctrl+enter"})
COUNT_FROM = REPLY_LIMIT - 500
"""From this many characters on, the box shows how many it holds of the most it takes."""


class ReplyBox(TextArea):
    """A multi-line reply box that sends on Enter."""

    @dataclass
    class Submitted(Message):
        """The person sent a reply (never blank)."""

        reply_box: ReplyBox
        text: str

        @property
        def control(self) -> ReplyBox:
            """The reply box that sent it (for `@on` selectors)."""
            return self.reply_box

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=placeholder,
            id=id,
        )

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            text = self.text
            if text.strip():
                self.clear()  # at once, so that a second Enter cannot send it again
                self.post_message(self.Submitted(self, text))
            return
        if event.key in NEW_LINE_KEYS:
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        await super()._on_key(event)

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        """Typing and pasting: what would take the reply past its limit is left out."""
        replaced = len(self.get_text_range(start, end))
        room = REPLY_LIMIT - (len(self.text) - replaced)
        if len(insert) > room:
            insert = insert[: max(room, 0)]
            if not insert and start == end:
                self.app.bell()
                return None
        return super()._replace_via_keyboard(insert, start, end)

    def on_text_area_changed(self) -> None:
        """Near the limit, the count shows in the box's lower border."""
        count = len(self.text)
        if count < COUNT_FROM:
            self.border_subtitle = None
        elif count < REPLY_LIMIT:
            self.border_subtitle = f"{count:,} / {REPLY_LIMIT:,} characters"
        else:
            self.border_subtitle = f"{REPLY_LIMIT:,} characters: the most a reply holds"
