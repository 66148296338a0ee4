"""What came back from owners since the previous run, added to the week's plan: the manager
summary lists every update received and every return refused; an owner whose return was
refused is told why in their digest. Pure: no clock, no I/O."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from automation.core.register import Register
from automation.core.updates import received_between
from automation.mail.digests import History, Options, Plan, ReturnsNews


def news_since(history: History, as_of: date) -> date:
    """The day after which news is new: the previous weekly run's date, else a week ago."""
    return history.previous_as_of or as_of - timedelta(days=7)


def with_returns(plan: Plan, register: Register, history: History, options: Options) -> Plan:
    since = news_since(history, plan.as_of)
    news = ReturnsNews(since, received_between(register.updates, since, plan.as_of), options.refused_returns)
    refused: dict[str, list] = {}
    for r in options.refused_returns:
        refused.setdefault(r.email.casefold(), []).append(r)
    digests = tuple(
        dataclasses.replace(d, refused_returns=tuple(refused.get(d.owner.email.casefold(), ())))
        for d in plan.digests
    )
    summary = dataclasses.replace(plan.summary, returns=news)
    return dataclasses.replace(plan, digests=digests, summary=summary)
