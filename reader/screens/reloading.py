"""A screen that reads the library again whenever it is back on top: a change was made on
a screen above it (an actor's, a dialog's), or by another process."""

from __future__ import annotations


class ReloadedOnResume:
    """Mixed into a Screen whose `on_mount` reads the library with `reload()`."""

    _resumed = False

    def reload(self) -> None:
        raise NotImplementedError

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first pushed, just after on_mount read it all.
        if self._resumed:
            self.reload()
        self._resumed = True
