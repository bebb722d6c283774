"""Who manages whom: granting, changing and revoking roles, creating and deactivating users.

The only write path of memberships (the admin shows them read-only). Each service checks
itself that the actor holds ``organisation.manage`` in *that* organisation (an organisation's
administrator manages its own people only, ADR 0029), that no role granted permits more than
the actor holds there, that nobody grants or changes their own roles, and that an organisation
keeps an active administrator. Every change is kept in the membership's history and written to
the security log; a refusal is written to the security log before it is raised, outside any
transaction, so that it is kept although nothing else is stored.

These live above ``audit`` (they write its security log), hence their own app: ``organisations``
is a floor below ``audit`` and may not import it (architecture.md, ADR 0029).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed
from qorgau.members import errors
from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import ROLE_PERMISSIONS, Perm, Role
from qorgau.organisations.selectors import user_scope, user_scope_forget
from qorgau.organisations.services import user_sessions_end

MEMBERSHIP_GRANTED = "membership_granted"
MEMBERSHIP_CHANGED = "membership_role_changed"
MEMBERSHIP_REVOKED = "membership_revoked"
MEMBERSHIP_REFUSED = "membership_refused"
USER_CREATED = "organisation_user_created"
USER_DEACTIVATED = "user_deactivated"


def _log(actor: User, event: str, organisation: Organisation, detail: dict[str, Any]) -> None:
    security_event_record(
        actor=actor,
        event=event,
        object_type="organisation",
        object_id=organisation.public_id,
        detail=detail,
    )


def _refuse(
    actor: User, organisation: Organisation, action: str, error: NotAllowed | Invalid, **ids: str
) -> NoReturn:
    """Write the refusal to the security log (codes and ids only), then raise it."""
    _log(actor, MEMBERSHIP_REFUSED, organisation, {"action": action, "reason": error.code, **ids})
    raise error


def _manages(actor: User, organisation: Organisation) -> bool:
    # Asked of the database each time: an earlier change in the same request may have
    # changed the actor's own roles, and ``user_scope`` caches per request.
    user_scope_forget(actor)
    return organisation.pk in user_scope(actor, Perm.ORGANISATION_MANAGE).organisation_ids


def _held(actor: User, organisation: Organisation) -> frozenset[Perm]:
    """Every permission the actor holds in the organisation, through any of their roles."""
    roles = Membership.objects.filter(user=actor, organisation=organisation)
    return frozenset().union(
        *(ROLE_PERMISSIONS[Role(r)] for r in roles.values_list("role", flat=True))
    )


def _role(value: str) -> Role | None:
    try:
        return Role(value)
    except ValueError:
        return None


def _check_grant(
    actor: User, organisation: Organisation, action: str, user: User, role: str
) -> Role:
    """The checks shared by a grant and a change of role; returns the role to store."""
    ids = {"user": str(user.public_id), "role": str(role)[:30]}
    if not _manages(actor, organisation):
        _refuse(
            actor, organisation, action, NotAllowed(errors.NOT_MANAGER, code="not_manager"), **ids
        )
    chosen = _role(role)
    if chosen is None:
        _refuse(
            actor, organisation, action,
            Invalid(errors.UNKNOWN_ROLE, code="unknown_role", field="role"), **ids,
        )  # fmt: skip
    if user.pk == actor.pk:
        _refuse(
            actor,
            organisation,
            action,
            NotAllowed(errors.OWN_MEMBERSHIP, code="own_membership"),
            **ids,
        )
    if not ROLE_PERMISSIONS[chosen] <= _held(actor, organisation):
        _refuse(
            actor, organisation, action,
            NotAllowed(errors.ROLE_ABOVE_YOURS, code="role_above_yours"), **ids,
        )  # fmt: skip
    if not user.is_active:
        _refuse(
            actor, organisation, action,
            Invalid(errors.USER_INACTIVE, code="user_inactive", field="role"), **ids,
        )  # fmt: skip
    return chosen


def _other_administrators(organisation: Organisation, user: User) -> bool:
    """Whether an active user other than ``user`` administers the organisation. Locks the
    organisation's administrator rows, so that two administrators removing each other at
    the same moment cannot both succeed."""
    admins = list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, role=Role.ADMINISTRATOR)
        .values_list("user_id", "user__is_active")
    )
    return any(active and user_id != user.pk for user_id, active in admins)


def membership_grant(
    *, actor: User, organisation: Organisation, user: User, role: str
) -> Membership:
    """Give ``user`` the ``role`` in ``organisation``. The user must be new (no role anywhere)
    or already hold a role there: an organisation's administrator never takes over another
    organisation's staff."""
    chosen = _check_grant(actor, organisation, "grant", user, role)
    ids = {"user": str(user.public_id), "role": chosen.value}
    held = Membership.objects.filter(user=user)
    if held.exists() and not held.filter(organisation=organisation).exists():
        _refuse(
            actor, organisation, "grant",
            NotAllowed(errors.OTHER_ORGANISATION, code="other_organisation"), **ids,
        )  # fmt: skip
    with transaction.atomic():
        if Membership.objects.filter(user=user, organisation=organisation, role=chosen).exists():
            raise Invalid(errors.ROLE_HELD, code="role_held", field="role")
        membership = Membership(user=user, organisation=organisation, role=chosen)
        history_stamp(membership, actor=actor, reason="membership granted")
        membership.save()
        _log(
            actor,
            MEMBERSHIP_GRANTED,
            organisation,
            {**ids, "membership": str(membership.public_id)},
        )
    return membership


def membership_role_change(*, actor: User, membership: Membership, role: str) -> Membership:
    """Change the role of ``membership``; the organisation keeps an active administrator."""
    organisation, user = membership.organisation, membership.user
    chosen = _check_grant(actor, organisation, "change", user, role)
    ids = {"user": str(user.public_id), "role": chosen.value, "from": membership.role}
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.role == chosen:
            return locked
        if Membership.objects.filter(user=user, organisation=organisation, role=chosen).exists():
            raise Invalid(errors.ROLE_HELD, code="role_held", field="role")
        if locked.role == Role.ADMINISTRATOR and not _other_administrators(organisation, user):
            last = True
        else:
            last = False
            previous = locked.role
            locked.role = chosen
            history_stamp(locked, actor=actor, reason="role changed")
            locked.save(update_fields=["role"])
            _log(actor, MEMBERSHIP_CHANGED, organisation, {**ids, "from": previous})
    if last:
        _refuse(
            actor, organisation, "change",
            NotAllowed(errors.LAST_ADMINISTRATOR, code="last_administrator"), **ids,
        )  # fmt: skip
    return locked


def membership_revoke(*, actor: User, membership: Membership) -> None:
    """Take the role away. Allowed for one's own roles too, except the last administrator's."""
    organisation, user = membership.organisation, membership.user
    ids = {"user": str(user.public_id), "role": membership.role}
    if not _manages(actor, organisation):
        _refuse(
            actor, organisation, "revoke", NotAllowed(errors.NOT_MANAGER, code="not_manager"), **ids
        )
    with transaction.atomic():
        locked = Membership.objects.select_for_update().filter(pk=membership.pk).first()
        if locked is None:
            return  # revoked meanwhile: the same end
        last = locked.role == Role.ADMINISTRATOR and not _other_administrators(organisation, user)
        if not last:
            history_stamp(locked, actor=actor, reason="membership revoked")
            _log(
                actor,
                MEMBERSHIP_REVOKED,
                organisation,
                {**ids, "membership": str(locked.public_id)},
            )
            locked.delete()
    if last:
        _refuse(
            actor, organisation, "revoke",
            NotAllowed(errors.LAST_ADMINISTRATOR, code="last_administrator"), **ids,
        )  # fmt: skip


def organisation_user_create(
    *,
    actor: User,
    organisation: Organisation,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """A new user of ``organisation`` with ``role`` and an initial password that the
    password validators accept; the administrator hands it over and the user changes it
    (ADR 0029). A refused password or user name stores nothing."""
    ids = {"role": str(role)[:30]}
    if not _manages(actor, organisation):
        _refuse(
            actor, organisation, "create", NotAllowed(errors.NOT_MANAGER, code="not_manager"), **ids
        )
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    problems: dict[str, list[ValidationError]] = {}
    try:
        User.username_validator(username)
    except ValidationError as exc:
        problems["username"] = exc.error_list
    if User.objects.filter(username__iexact=username).exists():
        problems["username"] = [ValidationError(errors.USERNAME_TAKEN, code="username_taken")]
    try:
        validate_password(password, user)
    except ValidationError as exc:
        problems["password"] = exc.error_list
    if problems:
        codes = sorted({e.code or "invalid" for found in problems.values() for e in found})
        _log(actor, MEMBERSHIP_REFUSED, organisation, {"action": "create", "reason": codes, **ids})
        raise ValidationError(problems)
    if _role(role) is None:
        _refuse(
            actor, organisation, "create",
            Invalid(errors.UNKNOWN_ROLE, code="unknown_role", field="role"), **ids,
        )  # fmt: skip
    if not ROLE_PERMISSIONS[Role(role)] <= _held(actor, organisation):
        _refuse(
            actor, organisation, "create",
            NotAllowed(errors.ROLE_ABOVE_YOURS, code="role_above_yours"), **ids,
        )  # fmt: skip
    with transaction.atomic():
        user.set_password(password)
        user.save()
        _log(actor, USER_CREATED, organisation, {"user": str(user.public_id), **ids})
        membership_grant(actor=actor, organisation=organisation, user=user, role=role)
    return user


def user_deactivate(*, actor: User, user: User, address: str | None = None) -> User:
    """Deactivate ``user``'s account: no more log-ins, every session ended and every API token
    revoked (``organisations.services.user_sessions_end``). Allowed to an administrator of
    every organisation where the user holds a role, never to the user themself, and never for
    an organisation's last active administrator. Logged against the user (``object_type``
    ``user``), naming their organisations and how many sessions and tokens ended."""
    organisations = list(Organisation.objects.filter(memberships__user=user).distinct())
    refusal: NotAllowed | None = None
    if not organisations or not all(_manages(actor, o) for o in organisations):
        managed_some = any(_manages(actor, o) for o in organisations)
        refusal = (
            NotAllowed(errors.DEACTIVATE_ELSEWHERE, code="other_organisation")
            if managed_some
            else NotAllowed(errors.NOT_MANAGER, code="not_manager")
        )
    elif user.pk == actor.pk:
        refusal = NotAllowed(errors.DEACTIVATE_SELF, code="own_membership")
    else:
        with transaction.atomic():
            administered = Membership.objects.filter(user=user, role=Role.ADMINISTRATOR)
            if any(
                not _other_administrators(m.organisation, user)
                for m in administered.select_related("organisation")
            ):
                refusal = NotAllowed(errors.LAST_ADMINISTRATOR, code="last_administrator")
            else:
                User.objects.filter(pk=user.pk).update(is_active=False)
                user.is_active = False
                ended = user_sessions_end(user=user, reason="deactivated", address=address)
                security_event_record(
                    actor=actor,
                    event=USER_DEACTIVATED,
                    object_type="user",
                    object_id=user.public_id,
                    detail={
                        "organisations": sorted(str(o.public_id) for o in organisations),
                        "sessions": ended.sessions,
                        "tokens": ended.tokens,
                    },
                    address=address,
                )
    if refusal is not None:
        security_event_record(
            actor=actor,
            event=MEMBERSHIP_REFUSED,
            object_type="user",
            object_id=user.public_id,
            detail={"action": "deactivate", "reason": refusal.code},
        )
        raise refusal
    return user


def organisation_first_administrator(*, organisation: Organisation, user: User) -> Membership:
    """Make ``user`` the administrator of an organisation that has no active one (a new
    organisation, or one whose administrators all left): the operator's way in, by the
    ``qorgau first_administrator`` command, since the admin shows memberships read-only.
    Refused while the organisation has an active administrator: from then on they manage it.
    No actor (the operator at the server's console); the security log says so."""
    if not user.is_active:
        raise Invalid(errors.USER_INACTIVE, code="user_inactive", field="user")
    with transaction.atomic():
        if (
            _other_administrators(organisation, user)
            or Membership.objects.filter(
                organisation=organisation, user=user, role=Role.ADMINISTRATOR
            ).exists()
        ):
            raise Invalid(errors.HAS_ADMINISTRATOR, code="has_administrator", field="organisation")
        membership = Membership.objects.create(
            user=user, organisation=organisation, role=Role.ADMINISTRATOR
        )
        security_event_record(
            actor=None,
            event=MEMBERSHIP_GRANTED,
            object_type="organisation",
            object_id=organisation.public_id,
            detail={
                "user": str(user.public_id),
                "role": Role.ADMINISTRATOR.value,
                "membership": str(membership.public_id),
                "via": "first_administrator",
            },
        )
    return membership
