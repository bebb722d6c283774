from qorgau.people.models.choices import (
    AliasKind,
    CitizenshipStatus,
    DatePrecision,
    DocumentType,
    LegalStatus,
    Relationship,
    Sex,
)
from qorgau.people.models.counter import RegistrationCounter
from qorgau.people.models.document import Document
from qorgau.people.models.household import Household
from qorgau.people.models.person import Person, PersonAlias, PersonNameKey, PersonNeed, PhoneNumber
from qorgau.people.models.share import Share
from qorgau.people.models.status import LegalStatusPeriod

__all__ = [
    "AliasKind",
    "CitizenshipStatus",
    "DatePrecision",
    "Document",
    "DocumentType",
    "Household",
    "LegalStatus",
    "LegalStatusPeriod",
    "Person",
    "PersonAlias",
    "PersonNameKey",
    "PersonNeed",
    "PhoneNumber",
    "RegistrationCounter",
    "Relationship",
    "Sex",
    "Share",
]
