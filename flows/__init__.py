"""Prefect flows: orchestration only. Every decision is in backoffice.jobs and backoffice.accounting (plain functions
the CLI and tests call too); flows add retries with backoff on I/O tasks, logs per document and artifacts.

ingest -> process -> post (run_once runs the three, `backoffice run --once` runs run_once), and the nightly
reconcile, report and cleanup. Deployments with their schedules are in prefect.yaml.
"""
