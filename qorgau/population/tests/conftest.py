from typing import Any

import pytest
from django.db import transaction

from qorgau.population.generator import Context
from qorgau.population.organisations import organisations_seed


@pytest.fixture(scope="module")
def context(django_db_setup: None, django_db_blocker: Any) -> Context:
    """What the generator reads from the database, read once; the database is left as it was."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisations_seed()
        loaded = Context.load()
        transaction.set_rollback(True)
    return loaded
