"""Writes of the help pages: create, edit, publish or unpublish, and restore an earlier
version. Each checks that the actor edits the help site, validates everything before writing
(bad input raises ``ValidationError`` naming every field at fault, and nothing is stored),
refuses a stale version, stamps the history with the actor and logs a security event."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed, locked_at_version
from qorgau.help import errors
from qorgau.help.access import may_edit_help
from qorgau.help.languages import HelpLanguage
from qorgau.help.models import HelpPage
from qorgau.organisations.models import User

PAGE_SAVED = "help_page_saved"
PAGE_PUBLISHED = "help_page_published"
PAGE_UNPUBLISHED = "help_page_unpublished"
PAGE_RESTORED = "help_page_restored"
PAGE_REFUSED = "help_page_refused"

#: Longest text of a page, in characters: with the page around it and its stylesheet, a page
#: in Cyrillic or Arabic script (two bytes a letter) stays under 100 kB.
BODY_MAX_CHARS = 20_000
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Addresses of the site's own pages under ``/help/<language>/``.
RESERVED_SLUGS = frozenset({"ask", "partners"})


def _refuse(actor: User, page: HelpPage | None, action: str) -> NotAllowed:
    security_event_record(
        actor=actor,
        event=PAGE_REFUSED,
        object_type="help_page" if page else "",
        object_id=page.public_id if page else None,
        detail={"action": action, "reason": "no_permission"},
    )
    return NotAllowed(errors.NOT_EDITOR, code="no_permission")


def _problems(
    *, page: HelpPage | None, language: str, slug: str, title: str, body: str
) -> dict[str, list[ValidationError]]:
    problems: dict[str, list[ValidationError]] = {}

    def add(field: str, message: Any, code: str, **params: Any) -> None:
        problems.setdefault(field, []).append(
            ValidationError(message, code=code, params=params or None)
        )

    if language not in HelpLanguage.values:
        add("language", errors.UNKNOWN_LANGUAGE, "unknown_language")
    if not title.strip():
        add("title", errors.NO_TITLE, "no_title")
    if not SLUG.fullmatch(slug) or len(slug) > 80:
        add("slug", errors.BAD_SLUG, "bad_slug")
    elif slug in RESERVED_SLUGS:
        add("slug", errors.RESERVED_SLUG, "reserved_slug")
    elif (
        HelpPage.objects.filter(language=language, slug=slug)
        .exclude(pk=page.pk if page else 0)
        .exists()
    ):
        add("slug", errors.SLUG_TAKEN, "slug_taken")
    if len(body) > BODY_MAX_CHARS:
        add("body", errors.TOO_LONG, "too_long", limit=BODY_MAX_CHARS)
    return problems


def _save(page: HelpPage, *, actor: User, reason: str, event: str) -> HelpPage:
    try:
        with transaction.atomic():
            history_stamp(page, actor=actor, reason=reason)
            page.save()
            security_event_record(
                actor=actor,
                event=event,
                object_type="help_page",
                object_id=page.public_id,
                detail={"language": page.language, "version": page.version},
            )
    except IntegrityError as exc:  # the same address saved at the same moment
        raise Invalid(errors.SLUG_TAKEN, code="slug_taken", field="slug") from exc
    return page


def _locked(page: HelpPage, version: int) -> HelpPage:
    return locked_at_version(
        HelpPage, page.pk, version, message=errors.STALE_PAGE, code="stale_page"
    )


def help_page_create(
    *,
    actor: User,
    language: str,
    slug: str,
    title: str,
    body: str,
    position: int = 0,
    published: bool = False,
) -> HelpPage:
    """A new page of the help site in ``language`` at ``/help/<language>/<slug>/``."""
    if not may_edit_help(actor):
        raise _refuse(actor, None, "create")
    slug, title = slug.strip(), title.strip()
    problems = _problems(page=None, language=language, slug=slug, title=title, body=body)
    if problems:
        raise ValidationError(problems)
    page = HelpPage(
        language=language, slug=slug, title=title, body=body, position=position,
        published=published,
    )  # fmt: skip
    return _save(page, actor=actor, reason="help page created", event=PAGE_SAVED)


def help_page_update(
    *,
    actor: User,
    page: HelpPage,
    version: int,
    slug: str,
    title: str,
    body: str,
    position: int,
) -> HelpPage:
    """Change a page's address, title, text and order (its language stays). ``version`` is the
    page's version the editor saw."""
    if not may_edit_help(actor):
        raise _refuse(actor, page, "update")
    slug, title = slug.strip(), title.strip()
    problems = _problems(page=page, language=page.language, slug=slug, title=title, body=body)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        current = _locked(page, version)
        current.slug, current.title, current.body, current.position = slug, title, body, position
        current.version += 1
        return _save(current, actor=actor, reason="help page edited", event=PAGE_SAVED)


def help_page_publish(*, actor: User, page: HelpPage, version: int, published: bool) -> HelpPage:
    """Publish the page (visitors read it) or take it off the public site."""
    if not may_edit_help(actor):
        raise _refuse(actor, page, "publish" if published else "unpublish")
    with transaction.atomic():
        current = _locked(page, version)
        current.published = published
        current.version += 1
        return _save(
            current,
            actor=actor,
            reason="help page published" if published else "help page unpublished",
            event=PAGE_PUBLISHED if published else PAGE_UNPUBLISHED,
        )


def help_page_restore(*, actor: User, page: HelpPage, version: int, history_id: int) -> HelpPage:
    """Bring back the address, title, text and order a page had in one of its earlier versions
    (``history_id``, a row of its history), as a new version; whether it is published stays as
    it is now. The history keeps every version, the restored one included."""
    if not may_edit_help(actor):
        raise _refuse(actor, page, "restore")
    earlier = page.history.filter(history_id=history_id).first()
    if earlier is None:
        raise Invalid(errors.UNKNOWN_VERSION, code="unknown_version", field="history_id")
    problems = _problems(
        page=page, language=page.language, slug=earlier.slug, title=earlier.title,
        body=earlier.body,
    )  # fmt: skip
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        current = _locked(page, version)
        current.slug, current.title = earlier.slug, earlier.title
        current.body, current.position = earlier.body, earlier.position
        current.version += 1
        return _save(
            current,
            actor=actor,
            reason=f"restored version {earlier.version}",
            event=PAGE_RESTORED,
        )
