"""What Django's error pages and error e-mails may show. Django hides settings and request
variables whose names hold API, TOKEN, KEY, SECRET, PASS or SIGNATURE; a development server's
request also carries the process environment, where ``DATABASE_URL`` holds the database
password, so names about databases and credentials are hidden as well (issue 14)."""

from __future__ import annotations

import re

from django.views.debug import SafeExceptionReporterFilter


class ExceptionReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE|DSN|CREDENTIAL|AUTH",
        flags=re.IGNORECASE,
    )
