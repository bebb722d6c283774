"""Translated names of the codes definitions use for fields, events, outcomes and grounds, and
the explanation of a deadline in words.

Stages, transitions and deadlines carry their titles in the definition files themselves. The
fields, events, outcomes and grounds are short codes shared by several procedures and countries,
so their names live here, translated with the rest of the interface; a code without a name shows
as words (``border_crossing_point`` → "border crossing point"), so a new country's file works
before its names are added. A test keeps this list complete for the shipped definitions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from qorgau.formats.display import local_date
from qorgau.reference.languages import language_name

if TYPE_CHECKING:
    import datetime as dt

    from qorgau.procedures.deadlines import DeadlineState

FIELDS = {
    "application_date": _("Date of the application"),
    "arrival_date": _("Date of arrival"),
    "birth_date": _("Date of birth"),
    "border_crossing_point": _("Border crossing point"),
    "enquiry_state": _("State asked"),
    "identification_date": _("Date identified"),
    "interpreter_language": _("Interpreter's language"),
    "interviewer": _("Interviewer"),
    "place_of_birth": _("Place of birth"),
    "reception_date": _("Date of reception"),
    "registering_authority": _("Registering authority"),
    "request_addressee": _("Request sent to"),
    "request_date": _("Date of the request"),
}

EVENTS = {
    "appeal": _("Appeal"),
    "appeal_decision": _("Decision on the appeal"),
    "application": _("Application"),
    "arrival": _("Arrival"),
    "assessment": _("Assessment"),
    "birth": _("Birth"),
    "certificate_issue": _("Issue of the certificate"),
    "checks": _("Checks"),
    "closure": _("Closure"),
    "decision": _("Decision"),
    "documents_check": _("Check of the documents"),
    "enquiry": _("Enquiry to another state"),
    "evidence": _("Evidence gathered"),
    "fingerprinting": _("Fingerprinting"),
    "grant": _("Grant"),
    "identification": _("Identification"),
    "interview": _("Interview"),
    "notification": _("Notification of the decision"),
    "outcome": _("Outcome"),
    "reception": _("Reception"),
    "referral": _("Referral"),
    "registration": _("Registration"),
    "reply": _("Reply"),
    "request": _("Request"),
}

OUTCOMES = {
    "excluded": _("Excluded"),
    "excluded_on_appeal": _("Excluded on appeal"),
    "foreign_nationality_confirmed": _("Foreign nationality confirmed"),
    "granted": _("Granted"),
    "kazakhstan_citizenship_confirmed": _("Citizenship of Kazakhstan confirmed"),
    "nationality_not_confirmed": _("Nationality not confirmed"),
    "not_referred": _("Not referred"),
    "recognised": _("Recognised"),
    "recognised_on_appeal": _("Recognised on appeal"),
    "refused": _("Refused"),
    "registration_refused": _("Registration refused"),
    "rejected": _("Rejected"),
    "rejected_on_appeal": _("Rejected on appeal"),
}

GROUNDS = {
    "article_1_2_i_other_un_agency": _(
        "1954 Convention art. 1(2)(i): protection or assistance from another UN agency"
    ),
    "article_1_2_ii_rights_of_nationals": _(
        "1954 Convention art. 1(2)(ii): rights and obligations of a national in the country of "
        "residence"
    ),
    "article_1_2_iii_serious_crimes": _("1954 Convention art. 1(2)(iii): serious crimes"),
    "birth_already_registered": _("The birth is already registered"),
    "born_to_citizen_of_kazakhstan": _("Born to a citizen of Kazakhstan"),
    "confirmed_by_authorities_of_other_state": _("Confirmed by the authorities of another state"),
    "confirmed_by_consulate": _("Confirmed by a consulate"),
    "considered_a_national_by_a_state": _("Considered a national by a state"),
    "convention_1951_nationality": _("1951 Convention: nationality"),
    "convention_1951_political_opinion": _("1951 Convention: political opinion"),
    "convention_1951_race": _("1951 Convention: race"),
    "convention_1951_religion": _("1951 Convention: religion"),
    "convention_1951_social_group": _("1951 Convention: membership of a particular social group"),
    "credibility": _("The account is not credible"),
    "criminal_record": _("Criminal record"),
    "denied_by_kazakhstan": _("Citizenship of Kazakhstan denied"),
    "denied_by_other_state": _("Nationality denied by the other state"),
    "earlier_documents_of_kazakhstan": _("Earlier documents of Kazakhstan"),
    "entry_refused": _("Entry refused at the border"),
    "error_of_fact": _("Error of fact"),
    "error_of_law": _("Error of law"),
    "exclusion_article_1f": _("Exclusion (1951 Convention art. 1F)"),
    "false_information": _("False information given"),
    "first_instance_upheld": _("First-instance decision upheld"),
    "general_procedure": _("General procedure"),
    "holds_valid_foreign_passport": _("Holds a valid foreign passport"),
    "internal_protection_alternative": _("Internal protection alternative"),
    "mandate_broader_criteria": _("UNHCR's broader mandate criteria"),
    "nationality_confirmed_by_other_state": _("Nationality confirmed by another state"),
    "nationality_denied_by_state": _("Nationality denied by the state asked"),
    "new_evidence": _("New evidence"),
    "no_convention_ground": _("No Convention ground"),
    "no_proof_of_birth": _("No proof of the birth"),
    "no_reply": _("No reply"),
    "no_reply_within_deadline": _("No reply within the time limit"),
    "no_well_founded_fear": _("No well-founded fear of persecution"),
    "not_an_asylum_request": _("Not a request for asylum"),
    "not_considered_a_national_by_any_state": _("Not considered a national by any state"),
    "other_statutory_ground": _("Other ground in law"),
    "passport_issued_by_other_state": _("Passport issued by another state"),
    "permanent_residence_on_1_march_1992": _("Permanent residence in Kazakhstan on 1 March 1992"),
    "protection_by_another_state": _("Protection by another state"),
    "removed_before_referral": _("Removed before referral"),
    "repeated_application_without_new_facts": _("Repeated application without new facts"),
    "request_not_accepted": _("Request not accepted"),
    "residence_requirement_not_met": _("Residence requirement not met"),
    "simplified_procedure": _("Simplified procedure"),
    "threat_to_national_security": _("Threat to national security"),
}


def label(table: Mapping[str, object], code: str) -> str:
    """The translated name of ``code``, or the code as words."""
    return str(table.get(code) or code.replace("_", " "))


def field_label(code: str) -> str:
    return label(FIELDS, code)


def field_value(code: str, value: object) -> str:
    """A step's answer as a page shows it: a language by its name, a date (stored ISO) in the
    page's format, anything else as recorded."""
    if code.endswith("_language") and isinstance(value, str) and value:
        return language_name(value)
    return str(local_date(value))


def outcome_label(code: str) -> str:
    return label(OUTCOMES, code)


def ground_label(code: str) -> str:
    return label(GROUNDS, code)


def event_label(code: str) -> str:
    return label(EVENTS, code)


def _date(value: dt.date) -> str:
    return str(local_date(value))


def period_words(amount: int, unit: str) -> str:
    """A period in the active language: "3 calendar days", "3 months", "1 year"."""
    if unit == "months":
        return ngettext("%(count)d month", "%(count)d months", amount) % {"count": amount}
    if unit == "years":
        return ngettext("%(count)d year", "%(count)d years", amount) % {"count": amount}
    return ngettext("%(count)d calendar day", "%(count)d calendar days", amount) % {"count": amount}


def deadline_explanation(state: DeadlineState, *, unverified: bool = False) -> str:
    """How the deadline's date was computed, in sentences of the active language: the event it
    counts from and its date, the period, an extension and its limit, the days paused. Never an
    internal code or setting name. ``unverified``: the period is a setting the law's text could
    not confirm, which the reader is told."""
    event = event_label(state.starts)
    if state.start is None or state.due is None:
        sentences = [gettext("Starts when this is recorded: %(event)s.") % {"event": event}]
    else:
        sentences = [
            gettext("%(period)s from the date of the event “%(event)s” (%(start)s).")
            % {
                "period": period_words(state.amount, state.unit),
                "event": event,
                "start": _date(state.start),
            }
        ]
        if state.extended_to is not None and state.limit is not None:
            sentences.append(
                gettext("Extended to %(date)s (at most until %(limit)s).")
                % {"date": _date(state.extended_to), "limit": _date(state.limit)}
            )
        if state.paused_days:
            sentences.append(
                ngettext(
                    "%(count)d day the case was paused is added.",
                    "%(count)d days the case was paused are added.",
                    state.paused_days,
                )
                % {"count": state.paused_days}
            )
        sentences.append(gettext("Due on %(date)s.") % {"date": _date(state.due)})
    if unverified:
        sentences.append(
            gettext("The length of this period could not be checked in the law in force.")
        )
    return " ".join(sentences)
