"""Archives: ``docscan batch``. A job folder that says what is done (``job``), and the executors that run
its shards on core/workers' shard function: local worker processes (``local``, a WorkerPool) or a Ray
cluster (``ray_cluster``). docs/adr/0009-batch-jobs.md has the why."""
