"""Loading a text in a thread of its own, so that no key and no quit ever waits for a book.

The thread iterates :func:`reader.pipeline.load_stages`, prepares what the UI would
otherwise compute on each stage (the text's layout, the panels' tables: passes over the
whole text that must not run on the UI thread) and posts it to the screen tagged with the
id of its load. Opening another text starts a new load with a new id: the screen ignores
whatever the old one still posts, and the old thread, told so, stops at its next stage.

The thread is a daemon watched by a Textual worker, not a Textual thread worker: those
run in asyncio's default executor, which the app's exit joins, so quitting waited for the
stage in progress — a parse or a link of tens of seconds on a big text. Cancelled (another
text, or the app closing), the watching worker tells the thread and returns at once; the
thread posts nothing more, and the process ends without it (:func:`reader.cli.main.script`).
Everything the thread writes (re-anchored bookmarks) is one SQLite transaction at a time,
under the store's lock, and the store is closed (that lock taken) before the process
ends, so ending it while the thread still works loses nothing written.

Why the thread is not stopped mid-step: Python can raise an exception into another
thread (``PyThreadState_SetAsyncExc``), but at any bytecode, inside whatever library code
the thread is running (an import, a lock taken with ``acquire()`` before its ``try``),
which none of it is written to survive. A superseded load goes on to the end of its step
instead, while the collector and the GIL are set to leave the UI thread alone
(:mod:`.background`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections.abc import Callable

from textual.dom import DOMNode
from textual.worker import Worker

from reader.document import Document
from reader.index.search import prepare_search
from reader.layout import DocumentLayout
from reader.pipeline import Indexed, LoadRequest, Shown, Stage, load_stages
from reader.text.errors import ReaderError
from reader.text.turns import give_way
from reader.ui.messages import LoadFailed, LoadStage
from reader.ui.panels.tables import PanelTables
from reader.ui.reading.background import LoadingInBackground, unfreeze_loaded

Finished = Callable[[BaseException | None], None]
"""Told by the thread when it ends: None, or the unexpected error that ended it."""


class Loader:
    """The loads of one screen: which is current, and the worker watching it."""

    def __init__(self, owner: DOMNode, new_layout: Callable[[Document], DocumentLayout]) -> None:
        self._owner = owner
        self._new_layout = new_layout
        """A text laid out as the text view would show it now (called in the loading
        thread: a stale width only means the view lays it out again)."""
        self._load_id = 0
        self.worker: Worker[None] | None = None
        """The worker watching the current load (None before the first)."""
        self.thread: threading.Thread | None = None
        """The thread of the current load (None before the first)."""
        self._cancellation: threading.Event | None = None
        """Set when the current load is no longer wanted."""
        unfreeze_loaded()  # a new app: what the last one loaded may be collected again

    def start(self, request: LoadRequest) -> None:
        """Load ``request`` in a new thread; any load still running is cancelled."""
        if self._cancellation is not None:
            self._cancellation.set()  # superseded: it stops at its next stage
        self._cancellation = cancellation = threading.Event()
        self._load_id += 1
        load_id = self._load_id
        self.worker = self._owner.run_worker(
            # In a list the thread takes it from: nothing else holds the request (and a
            # book's text in it, which the load lets go of once parsed) while it loads.
            self._watch([request], load_id, cancellation),
            name=f"load {load_id}",
            group="load",
            exclusive=True,
        )

    def is_current(self, load_id: int) -> bool:
        """Whether messages of load ``load_id`` are still wanted."""
        return load_id == self._load_id

    async def _watch(
        self, request: list[LoadRequest], load_id: int, cancellation: threading.Event
    ) -> None:
        """The worker of one load: start its thread and wait for it; if cancelled, tell
        the thread and return without waiting. An unexpected error in the thread is
        raised here, so Textual reports it as it reports any worker's."""
        loop = asyncio.get_running_loop()
        ended: asyncio.Future[BaseException | None] = loop.create_future()

        def finished(error: BaseException | None) -> None:
            def settle() -> None:
                if not ended.done():
                    ended.set_result(error)

            with contextlib.suppress(RuntimeError):  # the app's loop is closed: nobody waits
                loop.call_soon_threadsafe(settle)

        context = contextvars.copy_context()  # the active app, for posting messages
        thread = threading.Thread(
            target=context.run,
            args=(self._run, request, load_id, cancellation, finished),
            name=f"load {load_id}",
            daemon=True,
        )
        self.thread = thread
        thread.start()
        try:
            error = await ended
        finally:
            cancellation.set()  # done, or the app ends: nothing more to post
        if error is not None:
            raise error

    def _run(
        self,
        request: list[LoadRequest],
        load_id: int,
        cancellation: threading.Event,
        finished: Finished,
    ) -> None:
        """In the loading thread: every stage prepared and posted, until done or cancelled
        (cancelled, the thread stops at the next stage)."""
        failure: BaseException | None = None
        try:
            with LoadingInBackground():
                for stage in load_stages(request.pop()):
                    give_way()  # the UI answers a key first
                    if cancellation.is_set():
                        return
                    message = self._prepared(load_id, stage)
                    give_way()
                    if cancellation.is_set():
                        return
                    self._post(message)
                prepare_search()  # the letters' classes, while the reader reads
        except ReaderError as error:
            if not cancellation.is_set():
                self._post(LoadFailed(load_id, error))
        except BaseException as error:  # for the worker to raise
            failure = error
        finally:
            finished(None if cancellation.is_set() else failure)

    def _post(self, message: LoadStage | LoadFailed) -> None:
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile: nobody reads
            self._owner.post_message(message)

    def _prepared(self, load_id: int, stage: Stage) -> LoadStage:
        """``stage`` with what the UI thread would otherwise compute on receiving it: the
        layout of a text to show (its blocks measured, heights estimated: seconds for
        100,000 blocks), the panels' tables of a text whose reading aids are ready."""
        layout = tables = None
        if isinstance(stage, Shown):
            layout = self._new_layout(stage.opened.document)
            # Made once and kept (a cached property): here, not on the UI thread.
            stage.opened.document.block_indexes  # noqa: B018
        if isinstance(stage, Indexed) or (isinstance(stage, Shown) and stage.aids is not None):
            tables = PanelTables.build(stage.opened)
        return LoadStage(load_id, stage, tables, layout)
