from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import path

from qorgau.web import signin, token_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", signin.logout_view, name="logout"),
    path(
        "account/password/",
        login_required(signin.OwnPasswordChangeView.as_view()),
        name="password-change",
    ),
    path("api/v1/auth/token/", token_views.TokenIssueView.as_view(), name="api-token"),
    path("api/v1/auth/logout/", token_views.TokenRevokeView.as_view(), name="api-logout"),
    path(
        "api/v1/auth/logout-all/",
        token_views.TokenRevokeAllView.as_view(),
        name="api-logout-all",
    ),
]
