"""The demo pipeline's web ports: distinct for every stage, also after a restart."""

from __future__ import annotations

import socket

from wirewatch.demo.pipeline import free_ports


def test_ports_are_distinct_and_free() -> None:
    ports = free_ports(40)
    assert len(set(ports)) == 40
    for port in ports:  # each can be bound right away
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))


def test_excluded_ports_are_never_chosen() -> None:
    taken = free_ports(20)
    again = free_ports(20, exclude=taken)
    assert len(again) == 20 and not set(again) & set(taken)
