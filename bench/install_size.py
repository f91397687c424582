"""Figure 6: what `pip install` puts in a fresh venv, with and without the examples extra."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness import REPO, log

# pip and setuptools come with every venv: they are not the package's to count.
_TOOLING = ("pip", "setuptools", "_distutils_hack", "pkg_resources")


def measure_install_sizes() -> dict[str, float]:
    """MiB of site-packages after installing the wheel alone, and with ``[examples]``."""
    with tempfile.TemporaryDirectory(prefix="bench-install-") as work:
        dist = Path(work) / "dist"
        _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(REPO))
        wheel = next(dist.glob("*.whl"))
        sizes = {}
        for name, requirement in (("base", str(wheel)), ("examples", f"{wheel}[examples]")):
            log(f"install size: a fresh venv with {name}")
            venv = Path(work) / name
            _run(sys.executable, "-m", "venv", str(venv))
            python = str(venv / "bin" / "python")
            _run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", requirement)
            sizes[name] = _mib(_site_packages(python))
        return sizes


def _site_packages(python: str) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(subprocess.run([python, "-c", code], capture_output=True, text=True).stdout.strip())


def _mib(site: Path) -> float:
    total = 0
    for path in site.iterdir():
        if path.name.split("-")[0] in _TOOLING:
            continue
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        total += sum(p.stat().st_size for p in files)
    return round(total / 2**20, 1)


def _run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True)
