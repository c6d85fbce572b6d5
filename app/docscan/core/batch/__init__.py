"""Archives: ``docscan batch``. A job folder that says what is done (``job``), one shard function that
recognises pages (``shard``), and the executors that run it: local worker processes (``local``) or a Ray
cluster (``ray_cluster``). docs/adr/0009-batch-jobs.md has the why."""
