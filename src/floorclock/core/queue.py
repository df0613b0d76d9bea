"""The order of one session's waiting list: policies, manual places, the frozen top, reasons.

The list is explicit: speakers stand where they were put. The ordering policy only decides
where a newcomer goes (and, for ``alternate``, how the free places are shared out). Speakers
placed by hand (moved, re-called) are *manual*: the policy never moves them. The first
``frozen`` places are never taken by a newcomer, so a late inscription with higher precedence
does not push down speakers about to be called.

Everything here is pure bookkeeping on ids; the meeting state supplies keys and sides.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from itertools import pairwise

from floorclock.core.agenda import OrderingPolicy
from floorclock.core.clock import time_of_day

Key = tuple[int, ...]
"""Sort key of a speaker under a policy: lower is called earlier."""

MOVED_BY_HAND = "moved by hand"
RECALLED = "re-called"


def policy_key(
    policy: OrderingPolicy, precedence: int, group: str | None, inscribed_seq: int
) -> Key:
    """Where a speaker ranks among the free places of the list.

    ``precedence`` and ``alternate`` rank by category precedence, group statements first within
    their category, then order of inscription; ``inscription`` by order of inscription only.
    """
    if policy == "inscription":
        return (inscribed_seq,)
    return (precedence, 0 if group else 1, inscribed_seq)


@dataclass(slots=True)
class SpeakerQueue:
    """One session's waiting list."""

    order: list[str] = field(default_factory=list)
    manual: dict[str, str] = field(default_factory=dict)
    """Speakers placed by hand, with the reason shown for their place."""
    keys: dict[str, Key] = field(default_factory=dict)
    states: set[str] = field(default_factory=set)
    """Speakers of a category that counts as States (for ``alternate``)."""
    in_order: bool = True
    """Whether the free speakers below the frozen top stand in key order (see
    :meth:`recheck`); when they do, a newcomer's place is found by binary search."""

    def __len__(self) -> int:
        return len(self.order)

    def __contains__(self, speaker_id: object) -> bool:
        return speaker_id in self.keys

    def index(self, speaker_id: str) -> int:
        return self.order.index(speaker_id)

    def policy_place(self, key: Key, frozen: int) -> int:
        """Before the first free speaker below the frozen top that ranks after ``key``.

        Free speakers below the frozen top normally stand in key order (newcomers are put
        in their place, removals keep the order), so this is a binary search that steps over
        manual places. Lowering the frozen top, or pushing a speaker out of it from above,
        can break that order; until it is restored the place is found by a plain scan.
        """
        order, manual, keys = self.order, self.manual, self.keys
        lo, hi = min(frozen, len(order)), len(order)
        if not self.in_order:
            for index in range(lo, hi):
                speaker_id = order[index]
                if speaker_id not in manual and keys[speaker_id] > key:
                    return index
            return hi
        if not manual:
            return bisect_right(order, key, lo, hi, key=keys.__getitem__)
        best = hi
        while lo < hi:
            mid = (lo + hi) // 2
            probe = mid
            while probe < hi and order[probe] in manual:
                probe += 1
            if probe == hi:
                hi = mid
            elif keys[order[probe]] > key:
                best = probe
                hi = mid
            else:
                lo = probe + 1
        return best

    def recheck(self, frozen: int) -> None:
        """Find out whether the free speakers below the frozen top are in key order."""
        keys = [self.keys[s] for s in self.order[frozen:] if s not in self.manual]
        self.in_order = all(a < b for a, b in pairwise(keys))

    def add(self, speaker_id: str, key: Key, is_state: bool, index: int) -> None:
        self.order.insert(index, speaker_id)
        self.keys[speaker_id] = key
        if is_state:
            self.states.add(speaker_id)

    def remove(self, speaker_id: str) -> int:
        """Take a speaker off the list; returns the index they had."""
        index = self.order.index(speaker_id)
        del self.order[index]
        del self.keys[speaker_id]
        self.manual.pop(speaker_id, None)
        self.states.discard(speaker_id)
        return index

    def move(self, speaker_id: str, position: int, reason: str = MOVED_BY_HAND) -> tuple[int, int]:
        """Put a speaker at ``position`` by hand; returns (index before, index now)."""
        source = self.order.index(speaker_id)
        del self.order[source]
        destination = max(0, min(position, len(self.order)))
        self.order.insert(destination, speaker_id)
        self.manual[speaker_id] = reason
        return source, destination

    def arranged(self, policy: OrderingPolicy, frozen: int, first_state: bool) -> list[str]:
        """The whole list as the policy would have it, frozen top and manual places kept.

        ``first_state`` says which side takes the first free place under ``alternate`` when
        the frozen top is empty (the side that did not speak last).
        """
        top = self.order[:frozen]
        rest = self.order[frozen:]
        free = sorted((s for s in rest if s not in self.manual), key=self.keys.__getitem__)
        if policy != "alternate":
            pool = iter(free)
            return top + [s if s in self.manual else next(pool) for s in rest]
        states = deque(s for s in free if s in self.states)
        others = deque(s for s in free if s not in self.states)
        want_state = (top[-1] not in self.states) if top else first_state
        result = top
        for speaker_id in rest:
            if speaker_id not in self.manual:
                side, other = (states, others) if want_state else (others, states)
                speaker_id = (side or other).popleft()
            result.append(speaker_id)
            want_state = speaker_id not in self.states
        return result


def reason(
    *,
    category_name: str,
    group: str | None,
    inscribed_at: datetime,
    zone: tzinfo,
    policy: OrderingPolicy,
    manual: str | None,
    frozen: bool,
) -> str:
    """Why a waiting speaker stands where they stand, in a few words."""
    if manual is not None:
        because = manual
    else:
        parts: Iterable[str] = (
            ("group statement" if group and policy != "inscription" else ""),
            category_name,
            f"inscribed {time_of_day(inscribed_at, zone)}",
        )
        because = ", ".join(part for part in parts if part)
        if policy == "alternate":
            because = "taking turns: " + because
    return f"frozen (next up); {because}" if frozen else because
