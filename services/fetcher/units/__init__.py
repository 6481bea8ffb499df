"""The fetcher as declared units, each in its own module and readable in one screen.

Tables (``*_table.py``: what a value is, pure helpers), agents and timers (``*_agent.py``,
``*_timer.py``: one named object each, over the ports of ``ports.py``, never faust), and the pure
logic they call (``schedule.py``, ``feed_body.py``, ``page_record.py``). The only module that knows
faust is ``services.fetcher.wiring``; ``services.fetcher.service.build_app`` returns its app.

====================  ===========================================================================
unit                  what
====================  ===========================================================================
``feeds`` table       feed id -> the feed and its FEEDS partition (changelog rebuilds the list)
``poll_state`` table  feed id -> validators, failures, next poll (changelog on the feed's partition)
``seen`` table        article id -> when it was handled (changelog = SEEN, co-partitioned w/ ENTRIES)
``feed_updates``      agent on FEEDS: registers and removes feeds
``schedule``          timer: starts a poll of each due feed of the partitions this replica owns
``feed_poll``         one poll of one feed (a task the timer starts): new entries to ENTRIES
``fetch_pages``       agent on ENTRIES: a new article's page becomes a RawItem on RAW, once
``expire_seen``       timer: ids older than ``seen_retention_days`` leave ``seen`` (tombstones)
====================  ===========================================================================
"""
