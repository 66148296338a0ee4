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
    teams = {
        manager: dataclasses.replace(s, returns=_theirs(news, s.team)) for manager, s in plan.teams.items()
    }
    return dataclasses.replace(plan, digests=digests, summary=summary, teams=teams)


def _theirs(news: ReturnsNews, owners: tuple[str, ...]) -> ReturnsNews:
    """What came back from a line manager's own owners."""
    team = {name.casefold() for name in owners}
    updates = tuple(u for u in news.updates if u.owner.casefold() in team)
    refused = tuple(r for r in news.refused if r.owner.casefold() in team)
    return ReturnsNews(news.since, updates, refused)
