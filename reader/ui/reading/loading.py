"""Loading a text in a worker thread, so the first frame never waits for a book.

The worker iterates :func:`reader.pipeline.load_stages` and posts each stage to the screen
tagged with the id of its load. Opening another text starts a new load with a new id: the
screen ignores whatever the old one still posts, and the old worker, cancelled, stops at
its next stage (a thread cannot be interrupted mid-step; it is told, and it listens).
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from reader.pipeline import LoadRequest, load_stages
from reader.text.errors import ReaderError
from reader.ui.messages import LoadFailed, LoadStage


class Loader:
    """The loads of one screen: which is current, and the worker running it."""

    def __init__(self, owner: DOMNode) -> None:
        self._owner = owner
        self._load_id = 0
        self.worker: Worker[None] | None = None
        """The worker of the current load (None before the first)."""

    def start(self, request: LoadRequest) -> None:
        """Load ``request`` in a new worker; any load still running is cancelled."""
        self._load_id += 1
        load_id = self._load_id
        self.worker = self._owner.run_worker(
            lambda: self._run(request, load_id),
            name=f"load {load_id}",
            group="load",
            exclusive=True,
            thread=True,
        )

    def is_current(self, load_id: int) -> bool:
        """Whether messages of load ``load_id`` are still wanted."""
        return load_id == self._load_id

    def _run(self, request: LoadRequest, load_id: int) -> None:
        """In the worker thread: every stage posted, until done or cancelled."""
        worker = get_current_worker()
        post = self._owner.post_message
        try:
            for stage in load_stages(request):
                if worker.is_cancelled:
                    return
                post(LoadStage(load_id, stage))
        except ReaderError as error:
            if not worker.is_cancelled:
                post(LoadFailed(load_id, error))
