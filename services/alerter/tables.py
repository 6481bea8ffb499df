"""The alerter's two tables, declared for ``shared.runtime`` (str key -> JSON value, a compacted
changelog each, co-partitioned with the agent's input topic).

``alerted`` (agent ``alerter-match``, partitions of GROUPED): article id ->
``{"subs": [subscriptions already matched], "at": time, "p": changelog partition}``
(``services.alerter.marks``).

``delivery`` (agent ``alerter-deliver``, partitions of ALERTS):

* ``story/<subscription>/<story>`` -> the story's first report and the counts of later ones
  (``{"at", "p", "ids", "sources", "langs", "reports"}``: ``services.alerter.marks``);
* ``progress/<partition>`` -> the last ALERTS offset acted on (``services.alerter.marks``);
* ``digest/<subscription>`` -> the pending digest (``services.alerter.digests``);
* ``health/<subscription>`` -> the last delivery outcome (``services.alerter.health``).

Marks carrying ``at`` and ``p`` expire after ``state_retention_days`` (``services.alerter.timers``);
``max_keys`` is only a backstop.
"""

from __future__ import annotations

from services.alerter.records import ALERTED_TABLE, DELIVERY_TABLE
from services.alerter.settings import AlerterSettings
from shared.runtime import Table
from shared.topics import ALERTS, GROUPED


def alerted_table(settings: AlerterSettings) -> Table:
    return Table(ALERTED_TABLE, partitions=GROUPED, max_keys=settings.state_max_keys)


def delivery_table(settings: AlerterSettings) -> Table:
    return Table(DELIVERY_TABLE, partitions=ALERTS, max_keys=settings.state_max_keys)
