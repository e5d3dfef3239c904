"""The build backend of havens_analysis (PEP 517 and PEP 660), in the tree.

pip builds a package in an isolated environment into which it first
installs the backend named in pyproject.toml; with setuptools there that
step downloads setuptools from PyPI, and fails offline. This backend needs
nothing but the standard library (`requires = []`, `backend-path`), so
`pip install ./analysis`, with or without `--no-build-isolation`, and
`pip install -e ./analysis` work with no network.

What it builds is read from pyproject.toml: the core metadata from
[project] (the version from the file that [tool.havens-build] names), and
every file of the packages that [tool.havens-build] lists, data files
included, less caches and hidden files. Builds are reproducible (fixed
timestamps, sorted entries) and write nothing into the source tree.
"""
import base64
import gzip
import hashlib
import io
import os
import re
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the folder holding pyproject.toml
WHEEL_TAG = "py3-none-any"
# Every file's time: SOURCE_DATE_EPOCH, else 1980-01-01 (the earliest a zip file holds).
EPOCH = max(int(os.environ.get("SOURCE_DATE_EPOCH", 0)), 315532800)
SUPPORTED = {"name", "version", "dynamic", "description", "requires-python", "license",
             "authors", "dependencies", "optional-dependencies", "urls"}


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _project():
    config = _pyproject()
    project = dict(config["project"])
    unknown = sorted(set(project) - SUPPORTED)
    if unknown:
        raise ValueError(f"pyproject.toml: [project] keys {unknown} are not supported by "
                         f"{Path(__file__).name}; add them there")
    tool = config.get("tool", {}).get("havens-build", {})
    if "version" not in project:
        if project.get("dynamic") != ["version"] or "version-file" not in tool:
            raise ValueError("pyproject.toml: give [project] version, or dynamic = "
                             '["version"] with [tool.havens-build] version-file')
        project["version"] = (ROOT / tool["version-file"]).read_text(encoding="utf-8").strip()
    project["packages"] = tool.get("packages", [])
    if not project["packages"]:
        raise ValueError("pyproject.toml: [tool.havens-build] packages is empty")
    return project


def _dist_name(project):
    """The name as wheel and sdist file names spell it (PEP 427, PEP 625)."""
    return re.sub(r"[-_.]+", "_", project["name"]).lower()


def _dist_info(project):
    return f"{_dist_name(project)}-{project['version']}.dist-info"


def _metadata(project):
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}",
             f"Version: {project['version']}"]
    if "description" in project:
        lines.append(f"Summary: {project['description']}")
    authors = [a["name"] for a in project.get("authors", []) if "name" in a]
    if authors:
        lines.append(f"Author: {', '.join(authors)}")
    if "text" in project.get("license", {}):
        lines.append(f"License: {project['license']['text']}")
    for label, url in project.get("urls", {}).items():
        lines.append(f"Project-URL: {label}, {url}")
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {d}" for d in project.get("dependencies", [])]
    for extra, deps in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        for dep in deps:
            requirement, _, marker = dep.partition(";")
            marker = f'({marker.strip()}) and extra == "{extra}"' if marker \
                else f'extra == "{extra}"'
            lines.append(f"Requires-Dist: {requirement.strip()}; {marker}")
    return "\n".join(lines) + "\n"


def _package_files(project):
    """(path in the archive, path on disk) of every file of the packages."""
    files = []
    for package in project["packages"]:
        top = ROOT / package
        if not (top / "__init__.py").is_file():
            raise ValueError(f"{top}: not a package (no __init__.py)")
        for path in sorted(top.rglob("*")):
            parts = path.relative_to(ROOT).parts
            if (path.is_file() and "__pycache__" not in parts
                    and not any(p.startswith(".") for p in parts)
                    and path.suffix not in {".pyc", ".pyo"}):
                files.append(("/".join(parts), path))
    return files


def _dist_info_files(project, editable=False):
    name = _dist_info(project)
    wheel = ("Wheel-Version: 1.0\nGenerator: havens_backend\nRoot-Is-Purelib: true\n"
             f"Tag: {WHEEL_TAG}\n")
    top = "\n".join(p.split(".")[0] for p in project["packages"]) + "\n"
    return [(f"{name}/METADATA", _metadata(project).encode()),
            (f"{name}/WHEEL", wheel.encode()),
            (f"{name}/top_level.txt", b"" if editable else top.encode())]


def _zip_info(name):
    info = zipfile.ZipInfo(name, date_time=time.gmtime(EPOCH)[:6])
    info.external_attr = 0o100644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _write_wheel(wheel_directory, project, entries):
    """Writes the wheel of `entries` [(archive path, bytes)] and its RECORD."""
    dist_info = _dist_info(project)
    filename = f"{_dist_name(project)}-{project['version']}-{WHEEL_TAG}.whl"
    record = []
    with zipfile.ZipFile(Path(wheel_directory) / filename, "w") as whl:
        for name, data in entries:
            whl.writestr(_zip_info(name), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append(f"{name},sha256={digest.decode()},{len(data)}")
        record.append(f"{dist_info}/RECORD,,")
        whl.writestr(_zip_info(f"{dist_info}/RECORD"), "\n".join(record) + "\n")
    return filename


# The PEP 517 hooks.

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None,
                                     _editable=False):
    project = _project()
    for name, data in _dist_info_files(project, editable=_editable):
        path = Path(metadata_directory) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return _dist_info(project)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return prepare_metadata_for_build_wheel(metadata_directory, config_settings,
                                            _editable=True)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = _project()
    entries = [(name, path.read_bytes()) for name, path in _package_files(project)]
    return _write_wheel(wheel_directory, project, entries + _dist_info_files(project))


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """A wheel whose .pth file puts this source folder on sys.path, so that
    edits to the package take effect without reinstalling."""
    project = _project()
    pth = (f"__editable__.{_dist_name(project)}.pth", (str(ROOT) + "\n").encode())
    return _write_wheel(wheel_directory, project,
                        [pth] + _dist_info_files(project, editable=True))


def build_sdist(sdist_directory, config_settings=None):
    project = _project()
    base = f"{_dist_name(project)}-{project['version']}"
    here = Path(__file__).resolve()
    files = [("pyproject.toml", ROOT / "pyproject.toml"),
             (here.relative_to(ROOT).as_posix(), here)] + _package_files(project)
    filename = f"{base}.tar.gz"

    def add(tar, name, data):
        info = tarfile.TarInfo(f"{base}/{name}")
        info.size, info.mtime, info.mode = len(data), EPOCH, 0o644
        tar.addfile(info, io.BytesIO(data))

    with (open(Path(sdist_directory) / filename, "wb") as out,
          gzip.GzipFile(fileobj=out, mode="wb", mtime=EPOCH) as gz,
          tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar):
        add(tar, "PKG-INFO", _metadata(project).encode())
        for name, path in files:
            add(tar, name, path.read_bytes())
    return filename
