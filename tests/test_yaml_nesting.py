"""How deep a YAML file may nest is decided by factcheck's own scan, never by the parser.

PyYAML 6.0.4's wheels bring a libyaml that refuses 1,000 levels of flow nesting with an
error of its own ("exceeded maximum nesting depth"), which earlier releases did not; the
pure-Python parser and factcheck's builder recurse and run out of Python's stack at a
few hundred. Whatever PyYAML is installed, and with either parser, a file is FC006
exactly when it nests more than ``MAX_NESTING`` levels, and is read otherwise.
"""

from __future__ import annotations

import pytest
import yaml

from factcheck import yamlsource
from factcheck.yamlsource import MAX_NESTING, load_yaml_text

_LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if hasattr(yaml, "CSafeLoader"):
    _LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


def _flow(depth: int) -> str:
    return "claims: " + "[" * depth + "]" * depth + "\n"


def _block(depth: int) -> str:
    return "claims:\n" + "- " * depth + "x\n"


def _keys(depth: int) -> str:
    """``- ? `` repeated: not valid YAML past the first pair, but libyaml's C parser
    used to overflow its stack on it before saying so."""
    return "- ? " * (depth // 2) + "x\n"


@pytest.fixture(params=_LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "_Loader", request.param)


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize("shape", [_flow, _block, _keys], ids=["flow", "block", "block-keys"])
@pytest.mark.parametrize("depth", [MAX_NESTING - 2, MAX_NESTING + 2, 1_000, 1_001, 5_000])
def test_too_deep_is_decided_by_the_scan(shape: object, depth: int) -> None:
    assert callable(shape)
    document, findings = load_yaml_text("deep.yaml", shape(depth).encode())
    codes = [f.code for f in findings]
    if depth > MAX_NESTING:
        assert document is None
        assert codes == ["FC006"]
        assert f"nested too deeply: more than {MAX_NESTING} levels" in findings[0].message
    elif shape is _keys:
        assert "FC006" not in codes  # a syntax error (FC001), at any depth
    else:
        assert document is not None, [f.message for f in findings]
        assert codes == []
