"""The box the person types their reply in: Enter sends, Ctrl+J (or Alt+Enter) starts a new
line, pasting keeps line breaks."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import TextArea

NEW_LINE_KEYS = frozenset({"ctrl+j", "shift+enter", "alt+enter", "ctrl+enter"})


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
