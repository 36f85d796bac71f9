"""JSON Schemas of the claims and constraints files, generated from the pydantic models,
for editors (the `yaml-language-server` modeline in each file points at them)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict

from factcheck.model import (
    Claim,
    Constraint,
    Entity,
    Metric,
    ProposedClaim,
    ProposedConstraint,
    Source,
    Unknown,
)

__all__ = ["SCHEMAS", "schema_text"]


class ClaimsFile(BaseModel):
    """A claims file: any of the four sections, each a list of records."""

    model_config = ConfigDict(extra="forbid", title="factcheck claims file")

    sources: list[Source] = []
    entities: list[Entity] = []
    metrics: list[Metric] = []
    claims: list[Claim | ProposedClaim] = []


class ConstraintsFile(BaseModel):
    """A constraints file: unknowns and constraints (docs/constraints.md)."""

    model_config = ConfigDict(extra="forbid", title="factcheck constraints file")

    unknowns: list[Unknown] = []
    constraints: list[Constraint | ProposedConstraint] = []


SCHEMAS: dict[str, type[BaseModel]] = {
    "claims.schema.json": ClaimsFile,
    "constraints.schema.json": ConstraintsFile,
}


def schema_text(model: type[BaseModel]) -> str:
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
