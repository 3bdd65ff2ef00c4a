"""spaCy's command line is imported on first use only (extract/spacy_cli.py, issue 16): a check
never imports it, and code that uses it still gets the real one."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

# Packages that only spaCy's command line imports.
CLI_ONLY = ("spacy.cli.download", "typer", "weasel", "httpx", "jinja2")

CHECK = """
import sys
sys.argv = ["kalypso-lint", "check", "--no-cache", "content/page.md"]
from kalypso_lint.cli import main
try:
    main()
except SystemExit:
    pass
print(sorted(m for m in {names!r} if m in sys.modules), file=sys.stderr)
"""


def _python(code: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.stdout


def test_a_check_never_imports_spacys_command_line(
    project: Path, write: Callable[..., Path]
) -> None:
    write("content/page.md", "Over 70% of clients felt calmer after one session.\n")
    assert _python(CHECK.format(names=CLI_ONLY), project) == "[]"


def test_spacy_info_still_answers(tmp_path: Path) -> None:
    code = (
        "import kalypso_lint.extract.nlp, spacy\n"
        "assert 'typer' not in sys.modules\n"
        "print(spacy.info()['spacy_version'] == spacy.__version__, 'typer' in sys.modules)\n"
    )
    out = _python("import sys\n" + code, tmp_path)
    assert out.strip().splitlines()[-1] == "True True"


def test_names_from_spacys_command_line_are_the_real_ones(tmp_path: Path) -> None:
    code = (
        "import kalypso_lint.extract.nlp, spacy, sys\n"
        "from spacy.cli import download\n"
        "import spacy.cli.evaluate\n"
        "assert spacy.cli is sys.modules['spacy.cli']\n"
        "assert download.__module__ == 'spacy.cli.download', download\n"
        "assert sys.modules['spacy.cli.evaluate'].__file__.endswith('evaluate.py')\n"
        "assert spacy.cli.info.__module__ == 'spacy.cli.info'\n"
        "print('ok')\n"
    )
    assert _python(code, tmp_path).strip().splitlines()[-1] == "ok"


def test_python_m_spacy_still_runs(tmp_path: Path) -> None:
    # The command line of spaCy itself, in a process where our package deferred it first.
    code = (
        "import sys, runpy\nimport kalypso_lint.extract\n"
        "sys.argv = ['spacy', 'info']\n"
        "try:\n    runpy.run_module('spacy', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
    )
    assert "spaCy version" in _python(code, tmp_path)
