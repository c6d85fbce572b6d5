"""One worker runtime: the processes that load an engine and recognise for the batch, the HTTP service and
the window, and the parent's side of them.

Messages (``messages``). Parent and worker speak dataclasses, not string-tagged tuples. Requests:
``RecogniseShard`` (a batch's pages of one file), ``RecogniseDocument`` (the service: a file's bytes),
``RecognisePage`` / ``RecogniseCrop`` / ``RecognisePdfPage`` (the window: pixels, or a PDF page that the
worker renders itself, ADR 0010) and ``Stop``. Answers: ``Ready`` once the engine is loaded, or ``Fatal``
when it cannot be; per page of a shard ``PageStarted`` then ``PageRow`` (a job row); ``DocumentDone``,
``ImageDone`` or ``Failed`` for the other requests; then, after every answer, ``Idle`` (pages done, RSS)
or ``Retiring`` (after ``recycle_pages`` pages or above ``max_rss_mb``), after which the worker ends. A
cancel from the window (its stop event, core/interrupt.py) stops the image at its next step and is
answered ``Failed`` carrying Cancelled; the worker and its models stay.

Errors (``carried_errors``). An error crosses the pipe as ``CarriedError(kind, message)``: ``kind`` names
a class of the declared map ``CARRIED`` (core/errors.py's classes, ModelMismatch, and RuntimeError for an
exception that is not a DocScanError, with the first line of its message), and the parent raises that
class with the same message. Nothing is re-typed by reading its text. An engine that cannot start sends
its ModelError/EngineUnavailable as it is, any other exception as EngineUnavailable("the engine could
not start: ..."); a PDF page that cannot be read is Failed(DocumentError), as before.

Processes (``process``, ``pool``). ``WorkerProcess`` is one spawned worker and the parent's end of its pipe
(``WorkerSpec`` says what it loads and when it retires): wait for Ready with a timeout, ``send`` that
returns False instead of raising when the worker died since it was last heard from (its death is then
seen where the caller waits for answers), ``receive``, ``stop`` (ask, wait, kill) and ``exit_reason``.
``WorkerPool`` holds slots of them with the handling every multi-worker user needs written once:
``grow`` to a size (also to replace a dead or retired worker), ``assign`` a task to an idle worker,
``answers`` (each answer, then ``Lost`` for a worker that died or overran ``page_timeout`` on a page,
which the pool kills and removes), retirement on ``Retiring``, and ``close``.

Who uses what. The batch's ``LocalExecutor`` (core/batch/local.py) is a pool with a page timeout: it
hands out shards and, on Lost, charges the page, requeues the rest of the shard and counts start
failures. The service's ``ProcessEngineWorker`` (server/engine_queue.py) is a pool without one: it hands
out queued requests and answers a lost request with WorkerLost. The window's ``ProcessEngine``
(core/engine_process.py) uses one ``WorkerProcess`` directly, synchronously, with its cancel grace and
abort. Ray actors (core/batch/ray_cluster.py) run the same ``ShardRecogniser`` (``shard_recogniser``) in
Ray's processes, not ours. The engine factories and model fingerprints the workers check against
(``engines``: default_engine, store_engine, engine_fingerprint, compare_fingerprints, ModelMismatch)
live here too, so that neither the window nor the service imports core.batch.
"""
