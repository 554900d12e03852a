"""Scheduled digest job (Pub/Sub `digest-requested`): fans out per tenant, then runs per tenant."""

import functions_framework
from cloudevents.http import CloudEvent

from shared.scheduling.entry import run_job_event
from shared.scheduling.runners import run_digest


@functions_framework.cloud_event
def digest_job(event: CloudEvent) -> None:
    run_job_event("digest", event, run_digest)
