import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _module(*args):
    return subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "qorgau", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_runs_management_commands_as_a_module():
    result = _module("settings")

    assert result.returncode == 0, result.stderr
    assert "`DATABASE_URL`" in result.stdout


def test_it_has_a_console_command():
    command = Path(sys.executable).with_name("qorgau")

    result = subprocess.run(  # noqa: S603
        [str(command), "help"], capture_output=True, text=True, timeout=120, check=False
    )

    assert result.returncode == 0, result.stderr
    assert "demo" in result.stdout
    assert "serve" in result.stdout


def test_it_runs_a_command_named_with_dashes():
    result = _module("rotate-document-keys", "--new-key")

    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip()) == 44  # a Fernet key
