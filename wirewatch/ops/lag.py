"""Consumer lag per consumer group and partition, and which group member owns each partition.

Lag is ``end offset - committed offset`` of each partition a group has committed on; for the
pipeline's stage groups the partitions of the stage's input topic are always listed, so a stage that
has never committed shows its whole backlog (its consumers start from the earliest offset).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.coordinator.protocol import ConsumerProtocolMemberAssignment
from aiokafka.protocol.admin import DescribeGroupsRequest_v3, DescribeGroupsResponse_v3
from aiokafka.protocol.api import Request

from shared.config import Settings
from shared.kafka import admin_client, client_options, topic_partitions
from shared.topics import STAGE_INPUT, consumer_group


@dataclass(frozen=True)
class PartitionLag:
    group: str
    topic: str
    partition: int
    committed: int | None  # None: the group has no committed offset here
    start: int  # first offset still in the log
    end: int  # high watermark
    owner: str | None  # "client_id@host" of the member it is assigned to, when the group is active

    @property
    def lag(self) -> int:
        position = self.committed if self.committed is not None and self.committed >= 0 else self.start
        return max(0, self.end - position)


@dataclass(frozen=True)
class GroupState:
    group: str
    state: str  # Stable, PreparingRebalance, Empty, Dead, ...
    members: dict[str, list[TopicPartition]]  # "client_id@host (member_id)" -> assigned partitions


def stage_groups(settings: Settings) -> dict[str, str]:
    """Consumer group of each stage -> the stage's input topic."""
    return {consumer_group(stage, settings): spec.name(settings) for stage, spec in STAGE_INPUT.items()}


def _member_rows(raw_groups: list[Any]) -> list[GroupState]:
    out: list[GroupState] = []
    for response in raw_groups:
        for group in response.groups:
            # (error_code, group_id, state, protocol_type, protocol, members, [authorized_operations])
            group_id, state, members = group[1], group[2], group[5]
            assigned: dict[str, list[TopicPartition]] = {}
            for member in members:
                # (member_id, [group_instance_id,] client_id, client_host, metadata, assignment)
                member_id, client_id, host, blob = member[0], member[-4], member[-3], member[-1]
                tps: list[TopicPartition] = []
                if blob:
                    try:
                        tps = ConsumerProtocolMemberAssignment.decode(blob).partitions()
                    except Exception:  # a non-consumer protocol: no partition list to show
                        tps = []
                name = f"{client_id}@{host.lstrip('/')} ({member_id[-8:]})"
                assigned[name] = sorted(tps, key=lambda tp: (tp.topic, tp.partition))
            out.append(GroupState(group_id, state, assigned))
    return out


class _DescribeGroupsV3Struct(DescribeGroupsRequest_v3):
    # aiokafka 0.14 pairs the v3 request with the v2 response schema (no authorized_operations),
    # which cannot decode what Kafka 4 answers; this pairs it with the v3 schema.
    RESPONSE_TYPE = DescribeGroupsResponse_v3


class _DescribeGroups(Request[_DescribeGroupsV3Struct]):
    API_KEY = 15

    def __init__(self, groups: list[str]) -> None:
        self._groups = groups

    def build(self, request_struct_class: type[_DescribeGroupsV3Struct]) -> _DescribeGroupsV3Struct:
        return request_struct_class(self._groups, False)


async def describe_groups(settings: Settings, groups: list[str]) -> dict[str, GroupState]:
    """State and members (with their assigned partitions) of each group."""
    if not groups:
        return {}
    raw: list[Any] = []
    async with admin_client(settings) as admin:
        for group in groups:
            node = await admin.find_coordinator(group)
            raw.append(await admin._send_request(_DescribeGroups([group]), node))
    return {g.group: g for g in _member_rows(raw)}


async def list_groups(settings: Settings, *, all_groups: bool = False) -> list[str]:
    """The consumer groups of this deployment (``<prefix>-...``), or every group with ``all_groups``."""
    async with admin_client(settings) as admin:
        listed = await admin.list_consumer_groups()
    names = {g[0] for g in listed}
    if not all_groups:
        names = {n for n in names if n.startswith(f"{settings.topic_prefix}-")}
        names |= set(stage_groups(settings))  # stages that never committed still have a backlog
    return sorted(names)


async def consumer_lag(
    settings: Settings, groups: list[str] | None = None, *, all_groups: bool = False
) -> list[PartitionLag]:
    """Lag of every (group, topic, partition), sorted; includes the owning member where known."""
    groups = groups or await list_groups(settings, all_groups=all_groups)
    inputs = stage_groups(settings)
    committed: dict[str, dict[TopicPartition, int]] = {}
    async with admin_client(settings) as admin:
        existing_topics = set(await admin.list_topics())
        for group in groups:
            offsets = await admin.list_consumer_group_offsets(group)
            committed[group] = {tp: meta.offset for tp, meta in offsets.items()}
    states = await describe_groups(settings, groups)

    consumer = AIOKafkaConsumer(**client_options(settings), enable_auto_commit=False)
    await consumer.start()
    try:
        wanted: dict[str, set[TopicPartition]] = defaultdict(set)
        for group in groups:
            wanted[group].update(tp for tp in committed[group] if tp.topic in existing_topics)
            topic = inputs.get(group)
            if topic and topic in existing_topics:
                wanted[group].update(await topic_partitions(consumer, topic))
        all_tps = sorted({tp for tps in wanted.values() for tp in tps})
        ends = await consumer.end_offsets(all_tps) if all_tps else {}
        starts = await consumer.beginning_offsets(all_tps) if all_tps else {}
    finally:
        await consumer.stop()

    rows: list[PartitionLag] = []
    for group in groups:
        owners: dict[TopicPartition, str] = {}
        state = states.get(group)
        if state:
            for member, tps in state.members.items():
                for tp in tps:
                    owners[tp] = member
        for tp in sorted(wanted[group]):
            rows.append(
                PartitionLag(
                    group=group,
                    topic=tp.topic,
                    partition=tp.partition,
                    committed=committed[group].get(tp),
                    start=starts.get(tp, 0),
                    end=ends.get(tp, 0),
                    owner=owners.get(tp),
                )
            )
    return rows


def total_by_group(rows: list[PartitionLag]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row.group] += row.lag
    return dict(totals)
