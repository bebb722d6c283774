import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_it_runs_management_commands_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "qorgau", "settings"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

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
