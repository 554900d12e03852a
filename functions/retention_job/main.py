"""Scheduled retention job (Pub/Sub `retention-requested`): fans out per tenant, then runs per tenant."""

import functions_framework
from cloudevents.http import CloudEvent

from shared.scheduling.entry import run_job_event
from shared.scheduling.runners import run_retention


@functions_framework.cloud_event
def retention_job(event: CloudEvent) -> None:
    run_job_event("retention", event, run_retention)
