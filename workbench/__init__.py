"""The operators' workbench: a FastAPI app over the pipeline's database (models/)."""
