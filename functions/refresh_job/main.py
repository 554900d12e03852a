"""Scheduled refresh job (Pub/Sub `refresh-requested`): fans out per tenant, then runs per tenant."""

import functions_framework
from cloudevents.http import CloudEvent

from shared.scheduling.entry import run_job_event
from shared.scheduling.runners import run_refresh


@functions_framework.cloud_event
def refresh_job(event: CloudEvent) -> None:
    run_job_event("refresh", event, run_refresh)
