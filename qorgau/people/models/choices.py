"""Code lists of the registry. Values are stored; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class DatePrecision(models.TextChoices):
    EXACT = "exact", _("Exact date")
    MONTH = "month", _("Month and year known")
    YEAR = "year", _("Year known")
    ESTIMATED = "estimated", _("Estimated year")
    UNKNOWN = "unknown", _("Unknown")


class CitizenshipStatus(models.TextChoices):
    CITIZEN = "citizen", _("Citizen of")
    STATELESS = "stateless", _("Stateless")
    UNDETERMINED = "undetermined", _("Undetermined nationality")
    CLAIMED = "claimed", _("Claims citizenship of (unconfirmed)")


class Relationship(models.TextChoices):
    PRINCIPAL = "principal", _("Principal applicant")
    HUSBAND = "husband", _("Husband")
    WIFE = "wife", _("Wife")
    COMMON_LAW_SPOUSE = "common_law_spouse", _("Common-law spouse")
    SON = "son", _("Son")
    DAUGHTER = "daughter", _("Daughter")
    STEPCHILD = "stepchild", _("Stepchild")
    FOSTER_CHILD = "foster_child", _("Foster child")
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    BROTHER = "brother", _("Brother")
    SISTER = "sister", _("Sister")
    GRANDCHILD = "grandchild", _("Grandchild")
    GRANDPARENT = "grandparent", _("Grandparent")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    NOT_RELATED = "not_related", _("Not related")


class LegalStatus(models.TextChoices):
    """Population types (UNHCR statistics) and the outcomes that end them."""

    REFUGEE = "REF", _("Refugee")
    REFUGEE_LIKE = "ROC", _("In a refugee-like situation")
    ASYLUM_SEEKER = "ASY", _("Asylum-seeker")
    OTHER_IN_NEED = "OIP", _("Other in need of international protection")
    STATELESS = "STA", _("Stateless")
    UNDETERMINED = "UND", _("Undetermined nationality")
    OTHER_OF_CONCERN = "OOC", _("Other of concern")
    NATURALISED = "NAT", _("Naturalised")
    NATIONALITY_CONFIRMED = "NCF", _("Nationality confirmed")
    DEPARTED = "DEP", _("Departed")
    DECEASED = "DEC", _("Deceased")


OUTCOMES = frozenset(
    {
        LegalStatus.NATURALISED,
        LegalStatus.NATIONALITY_CONFIRMED,
        LegalStatus.DEPARTED,
        LegalStatus.DECEASED,
    }
)


class DocumentType(models.TextChoices):
    ASYLUM_SEEKER_CERTIFICATE = "asylum_seeker_certificate", _("Asylum-seeker certificate")
    REFUGEE_CERTIFICATE = "refugee_certificate", _("Refugee certificate")
    STATELESS_CERTIFICATE = "stateless_certificate", _("Stateless person certificate")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    PASSPORT = "passport", _("Passport")
    NATIONAL_ID = "national_id", _("National identity card")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    TRAVEL_DOCUMENT = "travel_document", _("Travel document")
    IIN = "iin", _("Individual identification number (IIN)")
    OTHER = "other", _("Other document")


class AliasKind(models.TextChoices):
    SPELLING = "spelling", _("Other spelling")
    EARLIER = "earlier", _("Earlier name")
    OTHER = "other", _("Other name")


# Value sets for membership tests in hot paths (``Choices.values`` rebuilds a list each time).
SEX_VALUES = frozenset(Sex.values)
CITIZENSHIP_VALUES = frozenset(CitizenshipStatus.values)
RELATIONSHIP_VALUES = frozenset(Relationship.values)
LEGAL_STATUS_VALUES = frozenset(LegalStatus.values)
DOCUMENT_TYPE_VALUES = frozenset(DocumentType.values)
