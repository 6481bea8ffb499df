"""The alerter's dead-letter kinds, as an enum (the ``error`` of its dead letters and metrics)."""

from __future__ import annotations

import enum

from services.alerter.slack_client import DeliveryResult


class AlertError(enum.StrEnum):
    """Why an alert (or an input record) was dead-lettered instead of delivered."""

    INVALID_CONTRACT = "invalid_contract"  # not a valid ClassifiedArticle / AlertRecord
    ALERTER_ERROR = "alerter_error"  # a bug while matching or delivering (the exception's type)
    UNKNOWN_SUBSCRIPTION = "unknown_subscription"  # an alert for a name not in the subscriptions file
    WEBHOOK_UNAVAILABLE = "webhook_unavailable"  # unset, unreadable or not an allowed Slack URL
    SLACK_REFUSED = "slack_refused"  # a 4xx answer: the message or the webhook is wrong (no retry)
    SLACK_RATE_LIMITED = "slack_rate_limited"  # more 429s than max_rate_limited for one message
    SLACK_UNAVAILABLE = "slack_unavailable"  # 5xx, timeouts, connection errors, max_attempts times


def delivery_error(result: DeliveryResult) -> AlertError:
    """The dead-letter kind of a Slack call that did not succeed."""
    if result.permanent:
        return AlertError.SLACK_REFUSED
    if result.error == "rate_limited":
        return AlertError.SLACK_RATE_LIMITED
    return AlertError.SLACK_UNAVAILABLE
