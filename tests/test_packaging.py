"""What users install: the sdist and the wheel hold every file quotetrack reads at run
time, and the wheel works on its own, in a fresh virtualenv, outside the checkout.

The build runs on a copy of the working tree without what ``.gitignore`` ignores (what a
clean clone holds): the sdist first, then the wheel from the unpacked sdist, as
``python -m build`` does.  The fresh virtualenv gets no pip and no copy of the
dependencies: a ``.pth`` file names this interpreter's site-packages.  Python runs the
``.pth`` files of site folders only, not of folders a ``.pth`` line adds, so the
checkout's editable install (a ``.pth`` file and a finder) stays out of it.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

import quotetrack
from quotetrack import EXTRACTOR_VERSION, lexicon, parse
from quotetrack.models import build_id, compact_build
from quotetrack.store import migrate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "seed" / "seed-article.txt"
STEP_TIMEOUT = 240  # seconds for any one build step or command: a hang fails, never blocks
pytestmark = pytest.mark.timeout(300)  # a bound on each test with its fixtures, not a goal


# --- the source tree as a clean clone has it --------------------------------------------

def _ignore_rules() -> list[str]:
    lines = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    return [".git", *(ln.strip().rstrip("/") for ln in lines
                      if ln.strip() and not ln.startswith(("#", "!")))]


def _ignored(folder: str, names: list[str]) -> set[str]:
    """The ``names`` in ``folder`` that git ignores (``.gitignore`` without negations)."""
    rules = _ignore_rules()
    here = Path(folder).relative_to(ROOT)
    return {n for n in names for rule in rules
            if fnmatch.fnmatch((here / n).as_posix() if "/" in rule else n, rule.lstrip("/"))}


def _source_files(folder: Path) -> Iterator[str]:
    """Files under ``folder`` that git does not ignore, through links, relative to it."""
    for top, dirs, files in os.walk(folder, followlinks=True):
        skip = _ignored(top, dirs + files)
        dirs[:] = [d for d in dirs if d not in skip]
        for name in files:
            if name not in skip:
                yield (Path(top) / name).relative_to(folder).as_posix()


# --- building and installing ------------------------------------------------------------

def _env() -> dict[str, str]:
    """This environment minus whatever would point Python or quotetrack elsewhere."""
    return {k: v for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
            and not k.startswith("QUOTETRACK_")}


def _run(args: list[str], cwd: Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), text=True,
                          capture_output=True, stdin=subprocess.DEVNULL,
                          timeout=STEP_TIMEOUT)
    if ok:
        assert done.returncode == 0, f"{args} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@dataclass(frozen=True)
class Dists:
    sdist: Path
    wheel: Path

    def wheel_names(self) -> set[str]:
        with zipfile.ZipFile(self.wheel) as z:
            return set(z.namelist())

    def sdist_names(self) -> set[str]:
        """Paths inside the sdist's top folder (``quotetrack-X/``)."""
        with tarfile.open(self.sdist) as tar:
            return {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}

    def wheel_version(self) -> str:
        with zipfile.ZipFile(self.wheel) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            lines = z.read(meta).decode().splitlines()
        return next(ln.split(": ", 1)[1] for ln in lines if ln.startswith("Version: "))


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    """sdist from a copy of the checkout, then the wheel from the unpacked sdist."""
    work = tmp_path_factory.mktemp("dist")
    src = work / "src"
    shutil.copytree(ROOT, src, symlinks=True, ignore=_ignored)
    _run([sys.executable, "-c", "import sys; from setuptools import build_meta as b;"
          " b.build_sdist(sys.argv[1])", work], cwd=src)
    sdist = next(work.glob("quotetrack-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(work / "unpacked", **safe)
    unpacked = next((work / "unpacked").iterdir())
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-cache-dir", "--disable-pip-version-check", "-q", "-w", work, unpacked],
         cwd=work)
    return Dists(sdist, next(work.glob("quotetrack-*.whl")))


@dataclass(frozen=True)
class Installed:
    venv: Path
    home: Path  # a folder outside the checkout: every command runs there

    def run(self, program: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        return _run([self.venv / "bin" / program, *args], cwd=self.home, ok=ok)


@pytest.fixture(scope="module")
def installed(dists: Dists, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel alone, installed by pip into a fresh virtualenv without pip."""
    home = tmp_path_factory.mktemp("user")
    venv = home / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=home)
    python = venv / "bin" / "python"
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                cwd=home).stdout.strip()
    ours = sysconfig.get_paths()
    (Path(site) / "_dependencies.pth").write_text(f"{ours['purelib']}\n{ours['platlib']}\n")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
          "--no-index", "--ignore-installed", "--no-cache-dir", "--disable-pip-version-check",
          "-q", dists.wheel], cwd=home)
    shutil.copy(SEED, home / SEED.name)
    return Installed(venv, home)


# --- the installed wheel ----------------------------------------------------------------

def test_installed_quotetrack_is_the_wheel_not_the_checkout(installed, dists):
    probe = ("import sys, importlib.metadata as m, quotetrack; print(quotetrack.__file__);"
             " print(m.version('quotetrack')); print(sorted(map(repr, sys.meta_path)))")
    file, version, finders = installed.run("python", "-c", probe).stdout.splitlines()
    assert Path(file).is_relative_to(installed.venv), file
    assert version == dists.wheel_version() == quotetrack.__version__
    assert "editable" not in finders


def test_installed_wheel_ingests_answers_and_migrates(installed):
    head = migrate.head()  # the checkout's newest migration: the wheel must ship it
    db = "news.db"
    ingested = installed.run("quotetrack", "--db", db, "ingest", "--silent", SEED.name)
    assert ingested.stderr.count("error") == 0, ingested.stderr
    said = json.loads(installed.run("quotetrack", "--db", db, "who-said", "peacekeepers",
                                    "--format", "json").stdout)
    assert "Petro Poroshenko" in {row["speaker"] for row in said}
    status = json.loads(installed.run("quotetrack", "--db", db, "db", "current",
                                      "--format", "json").stdout)
    assert [(s["current"], s["head"], s["up_to_date"]) for s in status] == [(head, head, True)]
    again = installed.run("quotetrack", "--db", db, "db", "upgrade").stdout
    assert f"already at schema {head}" in again
    fresh = installed.run("quotetrack", "--db", "fresh.db", "db", "upgrade").stdout
    assert f"from schema empty to {head}" in fresh


def test_installed_version_names_package_extractor_and_models(installed, dists):
    shown = installed.run("quotetrack", "--version").stdout.strip()
    assert shown == quotetrack.version_text()
    for part in (f"quotetrack {dists.wheel_version()}", f"extractor {EXTRACTOR_VERSION}",
                 f"compact-en build {compact_build()}"):
        assert part in shown


# --- what the distributions hold --------------------------------------------------------

def test_wheel_holds_every_package_file_and_nothing_else(dists):
    names = dists.wheel_names()
    package = {f"quotetrack/{p}" for p in _source_files(ROOT / "quotetrack")}
    scripts = {f"quotetrack/migrations/{p}" for p in _source_files(ROOT / "migrations")}
    assert package - names == set()
    assert scripts - names == set()
    info = f"quotetrack-{dists.wheel_version()}.dist-info/"
    assert {n for n in names if not n.startswith(("quotetrack/", info))} == set()


def _lexicon_reads(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The lexicon files read while the seed article is extracted (caches emptied first)."""
    from tests.nlp import run

    read: set[str] = set()
    real = lexicon._lines

    def spy(name: str) -> list[str]:
        read.add(name)
        return real(name)

    caches = [f for f in vars(lexicon).values() if hasattr(f, "cache_clear")]
    for f in caches:
        f.cache_clear()
    monkeypatch.setattr(lexicon, "_lines", spy)
    try:
        run(SEED.read_text("utf-8"))
    finally:
        for f in caches:
            f.cache_clear()
    return read


def _migration_reads() -> set[str]:
    """Every revision script, env.py and the new-revision template, relative to the folder."""
    folder = migrate.migrations_dir().resolve()
    script = ScriptDirectory.from_config(migrate.alembic_config())
    paths = [Path(s.path) for s in script.walk_revisions()]
    paths += [Path(script.env_py_location), folder / "script.py.mako"]  # alembic's names
    return {p.resolve().relative_to(folder).as_posix() for p in paths}


def test_wheel_holds_every_file_the_code_reads(dists, monkeypatch):
    kwargs = parse._compact_kwargs(parse.COMPACT_DIR)
    models = {Path(v).name for k, v in kwargs.items()
              if k.endswith(("_model_path", "_pretrain_path")) and v}
    models.add("resources.json")  # Stanza opens it in the models folder (kwargs["dir"])
    migrations = _migration_reads()
    read = ({f"quotetrack/lexicon/{n}" for n in _lexicon_reads(monkeypatch)}
            | {f"quotetrack/models/compact-en/{n}" for n in models}
            | {f"quotetrack/migrations/{n}" for n in migrations})
    assert len(models) > len(parse.MODEL_FILES) and len(migrations) > 2
    assert any(n.startswith("quotetrack/lexicon/") for n in read)
    assert read - dists.wheel_names() == set()


def test_sdist_holds_what_a_developer_needs(dists):
    names = dists.sdist_names()
    wanted = {"pyproject.toml", "alembic.ini", ".gitignore", "tests/test_packaging.py",
              "fixtures/seed/seed-article.txt"}
    wanted |= {f"migrations/{p}" for p in _source_files(ROOT / "migrations")}
    wanted |= {f"quotetrack/lexicon/{p}" for p in _source_files(ROOT / "quotetrack/lexicon")}
    assert wanted - names == set()


# --- the version, in the checkout ---------------------------------------------------------

def test_version_option_names_package_extractor_and_models():
    from click.testing import CliRunner

    from quotetrack.cli import main

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0, result.output
    assert quotetrack.__version__ in result.output
    assert f"extractor {EXTRACTOR_VERSION}" in result.output
    assert build_id(parse.COMPACT_DIR) in result.output


def test_build_id_follows_the_model_files_not_the_card(tmp_path):
    (tmp_path / "tagger.pt").write_bytes(b"weights")
    (tmp_path / "resources.json").write_text("{}")
    (tmp_path / "MODEL_CARD.md").write_text("scores")
    first = build_id(tmp_path)
    (tmp_path / "MODEL_CARD.md").write_text("scores, measured again")
    assert build_id(tmp_path) == first
    (tmp_path / "tagger.pt").write_bytes(b"weightz")
    changed = build_id(tmp_path)
    assert changed != first and len(changed) == 12
    (tmp_path / "tagger.pt").rename(tmp_path / "parser.pt")
    assert build_id(tmp_path) not in (first, changed)
