"""The constraint engine: claims and unknowns as variables, constraints as relations,
interval propagation to a fixpoint, and a verdict for every relation."""
