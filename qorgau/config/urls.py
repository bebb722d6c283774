from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from qorgau.exports.api import ExportDownloadView, ExportsView, ExportView
from qorgau.funding.api import ContributionViewSet, FundedShareViewSet
from qorgau.hotline.api.views import TicketViewSet
from qorgau.imports.api import ImportRunViewSet
from qorgau.legal.api import (
    AssessmentViewSet,
    ProvisionViewSet,
    RecommendationViewSet,
    TreatyStatusViewSet,
)
from qorgau.partners.api.agreements import AgreementViewSet
from qorgau.partners.api.views import ServiceViewSet
from qorgau.people.api.households import HouseholdViewSet
from qorgau.people.api.person_parts import DocumentViewSet, StatusPeriodViewSet
from qorgau.people.api.shares import ShareViewSet
from qorgau.people.api.views import PersonViewSet
from qorgau.pledges.api import PledgeViewSet
from qorgau.procedures.api.views import CaseViewSet
from qorgau.referrals.api.views import ReferralFiguresViewSet, ReferralViewSet
from qorgau.rights.api import SubjectRequestViewSet
from qorgau.statistics.api import FiguresView

# No format suffixes (``persons.json``): the API answers JSON only, and the viewsets take no
# ``format`` argument, so a suffix was a server error (issue 14); now it is not a route (404).
router = DefaultRouter()
router.include_format_suffixes = False
router.register("persons", PersonViewSet, basename="person")
router.register("households", HouseholdViewSet, basename="household")
router.register("documents", DocumentViewSet, basename="document")
router.register("status-periods", StatusPeriodViewSet, basename="status-period")
router.register("shares", ShareViewSet, basename="share")
router.register("cases", CaseViewSet, basename="case")
router.register("services", ServiceViewSet, basename="service")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("funding/contributions", ContributionViewSet, basename="contribution")
router.register("funding/share", FundedShareViewSet, basename="funded-share")
router.register("requests", SubjectRequestViewSet, basename="subject-request")
router.register("tickets", TicketViewSet, basename="ticket")
router.register("pledges", PledgeViewSet, basename="pledge")
router.register("legal-statuses", TreatyStatusViewSet, basename="legal-status")
router.register("legal-provisions", ProvisionViewSet, basename="legal-provision")
router.register("legal-assessments", AssessmentViewSet, basename="legal-assessment")
router.register("legal-recommendations", RecommendationViewSet, basename="legal-recommendation")
router.register("imports", ImportRunViewSet, basename="import-run")
router.register("referral-figures", ReferralFiguresViewSet, basename="referral-figures")
router.register("referrals", ReferralViewSet, basename="referral")

urlpatterns = [
    path("api/v1/statistics/figures/", FiguresView.as_view(), name="statistics-figures"),
    path("api/v1/exports/", ExportsView.as_view(), name="api-exports"),
    path("api/v1/exports/<str:id>/", ExportView.as_view(), name="api-export"),
    path(
        "api/v1/exports/<str:id>/download/",
        ExportDownloadView.as_view(),
        name="api-export-download",
    ),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("qorgau.web.urls")),
    path("", include("qorgau.twofactor.urls")),
    path("", include("qorgau.people.urls")),
    path("", include("qorgau.procedures.urls")),
    path("", include("qorgau.identity.urls")),
    path("", include("qorgau.reminders.urls")),
    path("", include("qorgau.members.urls")),
    path("", include("qorgau.statistics.urls")),
    path("", include("qorgau.rights.urls")),
    path("", include("qorgau.partners.urls")),
    path("", include("qorgau.funding.urls")),
    path("", include("qorgau.referrals.urls")),
    path("", include("qorgau.exports.urls")),
    path("", include("qorgau.help.urls")),
    path("", include("qorgau.hotline.urls")),
    path("", include("qorgau.pledges.urls")),
    path("", include("qorgau.legal.urls")),
    path("", include("qorgau.imports.urls")),
]
