"""A source's text is read only from inside the configured sources folder, symbolic links
included: a link that leads out of it is refused (FC106), one that stays inside is
followed. The cases that need no link are data, in tests/cases/loader/FC106.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.api import check
from factcheck.config import Settings, discover_settings
from factcheck.errors import UsageError
from factcheck.report import Report

SECRET = "The launch code is 590.\n"
CLAIMS = """\
sources:
  - id: article
    title: An article
    published: {when: 2022, basis: stated}
    text: article.txt
entities:
  - {id: beijing, name: Beijing, kind: municipality}
metrics:
  - {id: codes, description: Launch codes., measures: count}
claims:
  - id: launch-code
    source: article
    quote: The launch code is 590.
    subject: beijing
    metric: codes
    value: "590"
    as_of: 2022
"""


def checked(root: Path, text: str = "article.txt") -> tuple[Report, dict[str, int]]:
    """The check of a fact base in ``root`` whose source's ``text`` is ``text``, with
    ``root / "texts"`` as the sources folder; and the report's counts."""
    (root / "claims").mkdir(exist_ok=True)
    (root / "claims" / "claims.yaml").write_text(CLAIMS.replace("article.txt", text))
    sources = root / "texts"
    report = check(Settings(root=root, claims=root / "claims", sources=sources, cache=False))
    return report, dict(report.counts)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A secret file outside the sources folder, which the fact base's quote copies."""
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "texts").mkdir()
    return tmp_path / "secret.txt"


def test_a_link_that_leads_out_is_not_followed(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "texts" / "article.txt").symlink_to(outside)
    report, counts = checked(tmp_path)
    (finding,) = report.findings
    assert finding.code == "FC106"
    assert "'article.txt', leads out of the sources folder" in finding.message
    assert (finding.location.line, finding.location.column) == (5, 11)
    assert counts["quotes verified"] == 0


def test_a_linked_folder_that_leads_out_is_not_followed(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "texts" / "sub").symlink_to(tmp_path, target_is_directory=True)
    report, counts = checked(tmp_path, "sub/secret.txt")
    assert counts["quotes verified"] == 0
    assert [f.code for f in report.findings] == ["FC106"]
    assert "'sub/secret.txt', leads out of the sources folder" in report.findings[0].message


def test_a_link_within_the_folder_is_followed(tmp_path: Path) -> None:
    (tmp_path / "texts" / "archive").mkdir(parents=True)
    (tmp_path / "texts" / "archive" / "2022.txt").write_text(SECRET)
    (tmp_path / "texts" / "article.txt").symlink_to(Path("archive") / "2022.txt")
    report, counts = checked(tmp_path)
    assert report.findings == ()
    assert counts["quotes verified"] == 1


def test_a_sources_folder_that_is_itself_a_link_is_inside_itself(tmp_path: Path) -> None:
    """``sources = "texts"`` where texts links to where the texts are kept (the bundled
    configuration's ../shared is often one)."""
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "article.txt").write_text(SECRET)
    (tmp_path / "texts").symlink_to(tmp_path / "kept", target_is_directory=True)
    report, counts = checked(tmp_path)
    assert report.findings == ()
    assert counts["quotes verified"] == 1


def test_a_sources_folder_linked_out_of_the_project_is_refused(tmp_path: Path) -> None:
    """A committed ``texts -> /etc`` (or any folder outside the project) would let a
    fact base verify quotes against, and FC105 print pieces of, files the project does
    not hold: the configuration is refused at its key (exit 2), naming the link."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (project / "claims").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "article.txt").write_text(SECRET)
    (project / "texts").symlink_to(elsewhere, target_is_directory=True)
    (project / "claims" / "a.yaml").write_text(CLAIMS)
    (project / ".factcheck.toml").write_text('claims = "claims"\nsources = "texts"\n')
    with pytest.raises(UsageError) as raised:
        discover_settings(project)
    message = str(raised.value)
    assert message.startswith(f"{project / '.factcheck.toml'}:2:1: sources:")
    assert "leads out of the project through the symbolic link" in message


def test_a_folder_outside_the_project_named_in_the_configuration_is_read(
    tmp_path: Path,
) -> None:
    """``sources = "../shared"``, as the bundled configuration has it: named, not linked."""
    project, shared = tmp_path / "project", tmp_path / "shared"
    (project / "claims").mkdir(parents=True)
    shared.mkdir()
    (shared / "article.txt").write_text(SECRET)
    (project / "claims" / "a.yaml").write_text(CLAIMS)
    (project / ".factcheck.toml").write_text('claims = "claims"\nsources = "../shared"\n')
    report = check(discover_settings(project))
    assert report.findings == ()
    assert dict(report.counts)["quotes verified"] == 1


@pytest.mark.skipif(not Path("/proc/self/environ").is_file(), reason="no /proc")
def test_a_system_file_of_size_zero_is_not_read(tmp_path: Path) -> None:
    """/proc/self/environ is a "regular file" of size 0 that reads as the process's
    environment, secrets included: FC106, never a text whose pieces FC105 would print."""
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.yaml").write_text(
        CLAIMS.replace("text: article.txt", "text: environ")
    )
    settings = Settings(root=tmp_path, claims=tmp_path / "claims", sources=Path("/proc/self"))
    report = check(settings)
    (finding,) = report.findings
    assert finding.code == "FC106"
    assert "is not a file on disk" in finding.message
