"""The fetcher as declared units, each in its own module and readable in one screen.

Tables (``*_table.py``: the ``Table`` declarations and what a value is), agents (``*_agent.py``: a
``Stage`` and its handler) and timers (``*_timer.py``: a ``Timer`` and what it runs), all declared
with ``shared.runtime`` and assembled into one ``Unit`` by ``services.fetcher.unit`` -- none of them
imports faust. The pure logic they call (``schedule``, ``feed_body``, ``page_record``) and the two
fetches (``feed_fetch``, ``page_fetch``: HTTP only, they send nothing) are tested without Kafka.

==================  ===============================================================================
unit                what
==================  ===============================================================================
``feeds``           table: feed id -> the feed and its FEEDS partition (changelog rebuilds the list)
``poll_state``      table: feed id -> validators, failures, next poll (on the feed's partition)
``seen``            table: article id -> when handled (changelog = SEEN, co-partitioned w/ ENTRIES)
``feed-updates``    agent on FEEDS: registers and removes feeds (``feeds_agent``)
``schedule``        timer: a poll of each due feed of this replica's partitions (``schedule_timer``)
``feed_poll``       one poll of one feed, a task the timer starts: new entries to ENTRIES
``fetch-pages``     agent on ENTRIES: a new article's page becomes a RawItem on RAW, once
``expire_seen``     timer: ids older than ``seen_retention_days`` leave ``seen`` (tombstones)
==================  ===============================================================================
"""
