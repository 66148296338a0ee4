"""Validation: every problem in the register, collected, by sheet and cell. Pure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from automation.core.addresses import domain_allowed, is_email
from automation.core.deadlines import resolve_deadline
from automation.core.model import DeadlineKind, Item, Publication, Status
from automation.core.problems import Problem, error, warning
from automation.core.register import Register
from automation.core.text import odd_spacing

_REQUIRED = (
    ("publication", "has no publication", "type the publication's title as on the Publications sheet"),
    ("ref", "has no reference", "type the item's reference, e.g. Recommendation 3 or AFI 2"),
    ("kind", "has no kind", "pick the kind from the drop-down"),
    ("status", "has no status", "pick the status from the drop-down"),
)


def validate(register: Register, allowed_domains: Sequence[str] | None = None) -> list[Problem]:
    """Reading problems plus every rule below, sorted by sheet and row. With
    ``allowed_domains``, every address on the Owners sheet must be in them."""
    problems = list(register.problems)
    problems.extend(_owner_sheet(register))
    if allowed_domains is not None:
        problems.extend(_owner_domains(register, allowed_domains))
    problems.extend(_publication_sheet(register))
    problems.extend(_duplicates(register))
    reported = {(p.sheet, p.cell) for p in register.problems}
    for item in register.items:  # a function per item, not generators: this runs 200,000 times
        _item(register, item, reported, problems)
    order = {"Register": 0, "Owners": 1, "Publications": 2}
    return sorted(problems, key=lambda p: (order.get(p.sheet, 3), p.sheet, p.row, len(p.cell), p.cell))


def _owner_sheet(register: Register) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    emails: dict[str, str] = {}
    for owner in register.owners:
        address = owner.email.strip().casefold()
        if address and address in emails:
            yield error(
                owner.cell("email"),
                owner.email,
                f"is also {emails[address]}'s address, so one of them would not get their email",
                "give each owner their own address",
            )
        emails.setdefault(address, owner.name)
        if owner.name.casefold() in seen:
            yield error(
                owner.cell("name"),
                owner.name,
                f"is listed twice (first on row {seen[owner.name.casefold()]})",
                "keep one row per owner",
            )
        seen.setdefault(owner.name.casefold(), owner.row)
        if not owner.name:
            yield error(owner.cell("name"), "", "owner has no name", "type the owner's name")
        if not owner.email:
            yield error(
                owner.cell("email"),
                "",
                f"{owner.name or 'owner'} has no email address",
                "type their work email address",
            )
        elif not is_email(owner.email):
            yield error(
                owner.cell("email"),
                owner.email,
                "is not a valid email address",
                "type it as name@force.police.uk, with no spaces",
            )
        if owner.manager_email and not is_email(owner.manager_email):
            yield error(
                owner.cell("manager_email"),
                owner.manager_email,
                "is not a valid email address",
                "type it as name@force.police.uk",
            )


def _owner_domains(register: Register, allowed: Sequence[str]) -> Iterator[Problem]:
    """Addresses mail may not go to: found now, not by Monday's run."""
    domains = ", ".join(allowed)
    fix = (
        f"use their address in the force's domains ({domains}), "
        "or ask IT to add theirs to [mail] allowed_domains"
    )
    for owner in register.owners:
        if is_email(owner.email) and not domain_allowed(owner.email, allowed):
            yield error(
                owner.cell("email"),
                owner.email,
                f"is outside the allowed domains, so {owner.name or 'this owner'} cannot be emailed",
                fix,
            )
        if is_email(owner.manager_email) and not domain_allowed(owner.manager_email, allowed):
            yield warning(
                owner.cell("manager_email"),
                owner.manager_email,
                "is outside the allowed domains, so escalations and summaries cannot reach this manager",
                fix,
            )


def _publication_sheet(register: Register) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for publication in register.publications:
        key = publication.title.casefold()
        if key in seen:
            yield error(
                publication.cell("title"),
                publication.title,
                f"is listed twice (first on row {seen[key]})",
                "keep one row per publication",
            )
        seen.setdefault(key, publication.row)
        if not publication.title:
            yield error(
                publication.cell("title"), "", "publication has no title", "type the title, or delete the row"
            )
        elif len(publication.title) > 255:
            yield warning(
                publication.cell("title"),
                publication.title,
                f"is {len(publication.title)} characters; Excel's lookups stop at 255, so "
                "the RAG formula cannot find its publication date",
                "shorten the title here and in the Register",
            )
        if publication.published is None and "published" in publication.columns:
            yield warning(
                publication.cell("published"),
                "",
                "has no publication date",
                "type the date it was published; immediate deadlines count from it",
            )
        yield from _s55(publication)


def _s55(publication: Publication) -> Iterator[Problem]:
    """The s.55 response columns: a response date only where one is required, never before
    the report itself."""
    response = publication.s55_published
    if response is None:
        return
    if publication.s55_required is not True:
        yield warning(
            publication.cell("s55_published"),
            response,
            "has a s.55 response date, but 's.55 response required' is not Yes",
            "set 's.55 response required' to Yes, or clear the date",
        )
    if publication.published and response < publication.published:
        yield warning(
            publication.cell("s55_published"),
            response,
            f"is before the report was published ({publication.published:%d/%m/%Y})",
            "type the date the PCC's response was published",
        )


def _duplicates(register: Register) -> Iterator[Problem]:
    first: dict[tuple[str, str], int] = {}
    for item in register.items:
        if not item.publication or not item.ref:
            continue
        key = (item.publication.casefold(), item.ref.casefold())
        if key in first:
            yield error(
                item.cell("ref"),
                item.ref,
                f"appears twice for this publication (first on row {first[key]})",
                "give each item its own reference, or delete the copy",
            )
        else:
            first[key] = item.row


def _item(register: Register, item: Item, reported: set[tuple[str, str]], out: list[Problem]) -> None:
    for field, message, fix in _REQUIRED:
        if not getattr(item, field):
            cell = item.cell(field)
            if (cell.sheet, cell.a1) not in reported:
                out.append(error(cell, "", message, fix))
    _owner(register, item, out)
    publication = register.publication(item.publication) if item.publication else None
    if item.publication and publication is None:
        out.append(
            error(
                item.cell("publication"),
                item.publication,
                "is not on the Publications sheet",
                "add the publication there, or correct the title to match it exactly",
            )
        )
    published = publication.published if publication else None
    if item.deadline_text or item.deadline_date or item.target_date:
        out.extend(_dates(item, published))
    if item.status is Status.CLOSED:
        out.extend(_closed(item))
    elif item.date_closed is not None:
        out.append(
            warning(
                item.cell("date_closed"),
                item.date_closed,
                f"has a date closed but the status is {item.status.label if item.status else 'not Closed'}",
                "set the status to Closed, or clear the date closed",
            )
        )


def _owner(register: Register, item: Item, out: list[Problem]) -> None:
    if "owner" not in item.columns:
        return
    if not item.owner:
        if item.status is None or item.status.is_open:
            out.append(
                warning(
                    item.cell("owner"),
                    "",
                    "open item has no owner, so nobody is chased",
                    "pick an owner from the drop-down",
                )
            )
        return
    if register.owners and register.owner(item.owner) is None:
        out.append(
            error(
                item.cell("owner"),
                item.owner,
                "is not on the Owners sheet" + _did_you_mean(item.owner, register),
                "add them to the Owners sheet with their email, or pick a listed owner",
            )
        )


def _did_you_mean(name: str, register: Register) -> str:
    names = {owner.name.casefold(): owner.name for owner in register.owners if owner.name}
    import difflib  # only when an owner is not found

    close = difflib.get_close_matches(" ".join(name.casefold().split()), names, n=1, cutoff=0.75)
    if close and (spacing := odd_spacing(name)) and " ".join(name.casefold().split()) == close[0]:
        return f": it reads '{names[close[0]]}' but has {spacing} in it"
    return f"; did you mean '{names[close[0]]}'?" if close else ""


def _dates(item: Item, published: date | None) -> Iterator[Problem]:
    deadline = item.deadline_date
    resolved = resolve_deadline(item.deadline_text, published)
    has_column = "deadline_date" in item.columns
    if deadline is None and resolved.kind is DeadlineKind.DATE and resolved.date and has_column:
        yield warning(
            item.cell("deadline_date"),
            "",
            f"is blank, but '{item.deadline_text}' reads as {resolved.date:%d/%m/%Y}",
            f"type {resolved.date:%d/%m/%Y} in the Deadline column so Excel's RAG agrees",
        )
    deadline = deadline or resolved.date
    if (
        item.target_date
        and deadline
        and resolved.kind is not DeadlineKind.IMMEDIATE
        and item.target_date > deadline
        and not item.extension_agreed_by
    ):
        yield warning(
            item.cell("target_date"),
            item.target_date,
            f"is after the deadline {deadline:%d/%m/%Y}, and no extension is recorded",
            "if the later date was agreed, record who agreed it in Extension agreed by "
            "(and when in Extension agreed on); otherwise bring the target date forward",
        )
    if item.deadline_date and published and item.deadline_date < published:
        yield warning(
            item.cell("deadline_date"),
            item.deadline_date,
            f"is before the publication date {published:%d/%m/%Y}",
            "keep it as the report wrote it; agree a target date with the owner",
        )


def _closed(item: Item) -> Iterator[Problem]:
    if item.date_closed is None and "date_closed" in item.columns:
        yield error(
            item.cell("date_closed"), "", "Closed item has no date closed", "type the date it was signed off"
        )
    if not item.evidence and "evidence" in item.columns:
        yield error(
            item.cell("evidence"),
            "",
            "Closed item has no evidence",
            "record the evidence that it is complete, or reopen it",
        )
    if not item.signed_off_by and "signed_off_by" in item.columns:
        yield error(
            item.cell("signed_off_by"),
            "",
            "Closed item has not been signed off, so it is rated as awaiting sign-off",
            "type who signed it off, or set it back to Complete \u2013 awaiting sign-off",
        )
    if item.signed_off_on is None and "signed_off_on" in item.columns:
        yield error(
            item.cell("signed_off_on"),
            "",
            "Closed item has no sign-off date, so it is rated as awaiting sign-off",
            "type the date it was signed off (dd/mm/yyyy)",
        )
