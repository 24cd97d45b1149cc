"""Distributed ingestion: batches queued on a broker, processed by workers on any machine.

`python -m claimdesk ingest PATH… --queue URL` stores the batch's inputs as job rows in the
shared database (claimdesk.store.jobs) and sends one message per job through Dramatiq
(RabbitMQ or Redis, by the URL's scheme); `python -m claimdesk worker --queue URL` takes
them, reads and analyses each input in an analysis process (claimdesk.workers) and stores it
through the one write path (claimdesk.store.repo). See docs/queue.md for why and how.
"""
