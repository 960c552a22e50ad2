"""Benchmarks: accuracy, speed, pipeline, workbench and chaos measurements of backoffice."""
