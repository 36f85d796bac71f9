"""Print a pip constraints file that pins every dependency of factcheck (and of its
``test`` extra) to the lower bound pyproject.toml gives it (``name>=X`` → ``name==X``).

.ci/run installs the project with these constraints and runs the suite, so a lower bound
that no longer works (an API the code uses came later) fails CI instead of a user's
install. Dependencies without a lower bound are left to the resolver.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_BOUND = re.compile(r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?P<spec>[^;#]*)")


def lower_bounds(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text("utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = []
    for requirement in requirements:
        match = _BOUND.match(requirement)
        if match is None:
            continue
        for clause in (c.strip() for c in match["spec"].split(",")):
            if clause.startswith(">="):
                pins.append(f"{match['name']}=={clause[2:].strip()}")
    return pins


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    print("\n".join(lower_bounds(root / "pyproject.toml")))
