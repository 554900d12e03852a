"""Scheduled alerts job (Pub/Sub `alerts-requested`): fans out per tenant, then runs per tenant."""

import functions_framework
from cloudevents.http import CloudEvent

from shared.scheduling.entry import run_job_event
from shared.scheduling.runners import run_alerts


@functions_framework.cloud_event
def alerts_job(event: CloudEvent) -> None:
    run_job_event("alerts", event, run_alerts)
