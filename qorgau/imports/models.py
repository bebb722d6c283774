"""Imports of partners' lists: the saved mappings, one row per import run, and the rows held
for review because they look like someone the registry already holds."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ImportMapping(models.Model):
    """Which column of a partner's file fills which field: ``columns`` is
    ``{header: field}``, a field of ``""`` marking a column read and deliberately ignored."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    columns = models.JSONField(_("columns"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="import_mapping_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RunState(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    CHECKED = "checked", _("Checked (dry run), nothing stored")
    REFUSED = "refused", _("Refused, nothing stored")
    FAILED = "failed", _("Failed, nothing stored")


class ImportRun(models.Model):
    """One import of one file: who, when, which file (name and SHA-256), with which mapping,
    what came of its rows. A run killed mid-way stays ``running`` and stored nothing."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    mapping = models.ForeignKey(
        ImportMapping, on_delete=models.SET_NULL, null=True, blank=True, related_name="runs"
    )
    mapping_name = models.CharField(max_length=100, blank=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    dry_run = models.BooleanField(default=False)
    skip_invalid = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=RunState.choices, default=RunState.RUNNING)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    invalid = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)
    error_code = models.CharField(max_length=40, blank=True)
    #: The file, encrypted with the document keys, under ``IMPORT_FILES_DIR``; deleted (and
    #: this cleared) after ``IMPORT_KEEP_DAYS`` by ``qorgau import-files-purge``.
    stored_file = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.file_name} {self.started_at:%Y-%m-%d %H:%M} {self.state}"


class HeldRow(models.Model):
    """A new row of an import that looks like a record the importing organisation may see:
    held for a person to review instead of becoming a second record. ``values`` are the row's
    mapped values, encrypted (they are personal data); ``candidates`` the ids of the records
    it resembles. One pending row per organisation and source id: a re-import refreshes it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        IMPORTED = "imported", _("Imported after review")
        DISCARDED = "discarded", _("Discarded after review")
        SAME = "same", _("The same person as a record")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="held_rows")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    row = models.PositiveIntegerField()
    source_id = models.CharField(max_length=64)
    household_source_id = models.CharField(max_length=64, blank=True)
    values = models.BinaryField()
    candidates = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    #: After review: the record the row became ("create as new") or was found to be ("same
    #: person as"), who decided and when.
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("row held for review")
        verbose_name_plural = _("rows held for review")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source_id"],
                condition=Q(state="pending"),
                name="held_row_one_pending_per_source_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.source_id}"


class SourceLink(models.Model):
    """An organisation's own id of a person (its ``source_id``) linked by a review decision,
    "same person as …", to a record the organisation did not register under that id: the next
    import of a row with that id finds the record, as it finds the organisation's own
    (ADR 0054), instead of holding the row again."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.CharField(max_length=64)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    held_row = models.OneToOneField(
        HeldRow, on_delete=models.SET_NULL, null=True, blank=True, related_name="link"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "source_id"]
        verbose_name = _("linked source id")
        verbose_name_plural = _("linked source ids")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "source_id"], name="source_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.source_id}"


class KoboPull(models.Model):
    """What an organisation last pulled from one form (asset) of a KoboToolbox server: the
    latest ``_submission_time`` imported, so that the next pull asks only for the submissions
    from then on. Kept only when the pull's import stored its rows."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    server = models.CharField(max_length=200)
    asset = models.CharField(max_length=64)
    #: KoboToolbox's own text of the time (``2026-12-01T10:20:30``, UTC), compared as text.
    last_submission_time = models.CharField(max_length=40, blank=True)
    last_run = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pulled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "server", "asset"]
        verbose_name = _("KoboToolbox pull")
        verbose_name_plural = _("KoboToolbox pulls")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "server", "asset"], name="kobo_pull_asset_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.asset} {self.last_submission_time}"


class JobState(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded, not yet run")
    QUEUED = "queued", _("Waiting to run")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed, nothing stored")


class ImportJob(models.Model):
    """An import made on the web pages: the uploaded file (kept encrypted under
    ``IMPORT_FILES_DIR`` between the steps, deleted once the run has its own copy), the mapping
    chosen, the box "skip invalid rows", then the run the background job made and the problems
    of its rows (encrypted: their values are personal data) for the error report (ADR 0046)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    #: The uploaded file, encrypted, under ``IMPORT_FILES_DIR``/uploads; "" once deleted.
    upload = models.CharField(max_length=255, blank=True)
    columns = models.JSONField(default=list)  # the file's columns, as the mapping page shows
    mapping_name = models.CharField(max_length=100, blank=True)
    skip_invalid = models.BooleanField(default=False)
    language = models.CharField(max_length=10, blank=True)  # of the messages in the report
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.UPLOADED)
    total = models.PositiveIntegerField(default=0)  # rows of the file, counted by the preview
    run = models.OneToOneField(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="job"
    )
    problems = models.BinaryField(null=True, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)  # why the file was refused, in ``language``
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("web import")
        verbose_name_plural = _("web imports")

    def __str__(self) -> str:
        return f"{self.file_name} {self.state}"
