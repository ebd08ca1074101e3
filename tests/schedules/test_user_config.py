"""The user config file: where it is, what a broken one says, and that writing it keeps the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from schedules import cli, i18n
from schedules.user_config import config_path, read_user_config, remember_language
from tests.paths import ROOT


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}


def write(environ: dict[str, str], data: bytes) -> Path:
    path = config_path(environ)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_the_file_is_in_the_xdg_config_folder(tmp_path: Path) -> None:
    assert config_path({"XDG_CONFIG_HOME": "/etc/xdg-home", "HOME": "/home/an"}) == Path(
        "/etc/xdg-home/visits/config.toml"
    )
    # unset, empty or relative (which the XDG rules say to ignore): ~/.config
    for value in (None, "", "relative/folder"):
        environ = {"HOME": "/home/an"} | ({} if value is None else {"XDG_CONFIG_HOME": value})
        assert config_path(environ) == Path("/home/an/.config/visits/config.toml")


def test_no_file_is_no_setting_and_no_problem(environ: dict[str, str]) -> None:
    config = read_user_config(environ)
    assert config.language is None and config.problems == ()


def test_remembering_writes_the_language_and_reads_it_back(environ: dict[str, str]) -> None:
    path = remember_language("vi", environ)
    assert path == config_path(environ)
    assert path.read_text(encoding="utf-8") == 'language = "vi"\n'
    assert read_user_config(environ).language == "vi"
    remember_language("lo", environ)
    assert read_user_config(environ).language == "lo"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp file left


def test_remembering_keeps_a_persons_comments(environ: dict[str, str]) -> None:
    path = write(environ, b'# chosen in the app\nlanguage = "en"  # for now\n\n# the end\n')
    remember_language("vi", environ)
    assert path.read_text(encoding="utf-8") == (
        '# chosen in the app\nlanguage = "vi"\n\n# the end\n'
    )


def test_remembering_replaces_a_broken_file(environ: dict[str, str]) -> None:
    path = write(environ, b"language = \n")
    remember_language("lo", environ)
    assert path.read_text(encoding="utf-8") == 'language = "lo"\n'


@pytest.mark.parametrize(
    ("data", "line", "english"),
    [
        (b'language = "vi"\nlanguage = "lo"\n', 2, "the file is not valid TOML"),
        (b'\nlanguage = "fr"\n', 2, '`language` must be one of "en", "vi", "lo", not "fr"'),
        (b"language = 3\n", 1, '`language` must be one of "en", "vi", "lo", not 3'),
        (
            b'language = "vi"\ntheme = "nord"\n',
            2,
            "key `theme` is not a setting of visits (the settings are: language)",
        ),
        (b'# \xff\nlanguage = "vi"\n', 1, "the file is not UTF-8 text"),
    ],
)
def test_a_broken_file_is_a_problem_with_its_line(
    environ: dict[str, str], data: bytes, line: int, english: str
) -> None:
    path = write(environ, data)
    config = read_user_config(environ)
    assert config.language is None
    (problem,) = config.problems
    assert (problem.path, problem.line, problem.message.english()) == (path, line, english)
    assert problem.text() == f"{path}:{line}: {english}"


def test_a_folder_in_its_place_is_a_problem(environ: dict[str, str]) -> None:
    config_path(environ).mkdir(parents=True)
    (problem,) = read_user_config(environ).problems
    assert problem.line is None
    assert problem.message.english().startswith("the file cannot be read (")


def test_the_problem_is_told_in_the_readers_language(environ: dict[str, str]) -> None:
    write(environ, b'language = "fr"\n')
    (problem,) = read_user_config(environ).problems
    i18n.use("vi")
    try:
        assert problem.text().endswith(
            ':1: `language` phải là một trong "en", "vi", "lo", không phải "fr"'
        )
    finally:
        i18n.use("en")


def test_the_commands_never_read_it(environ: dict[str, str]) -> None:
    """`visits check` answers by its command line and environment alone: a remembered Lao is
    not read (nor the module that reads it imported), however broken the file."""
    write(environ, b'language = "lo"\n')
    code = (
        "import sys; from schedules import cli; status = cli.main(['check', sys.argv[1]]); "
        "print(status, 'schedules.user_config' in sys.modules, 'tomli_w' in sys.modules)"
    )
    env = {**environ, "PATH": os.environ.get("PATH", ""), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "examples")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.stdout.splitlines()[-1] == "1 False False", done.stderr
    assert "error[interval] overdue" in done.stdout  # English, not the remembered Lao


def test_help_says_how_the_app_remembers_the_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help", "--lang", "vi"])
    shown = " ".join(capsys.readouterr().out.split())
    i18n.use("en")
    assert "ghi nhớ ngôn ngữ đã chọn trong ứng dụng (ctrl+p, Ngôn ngữ, hoặc phím L)" in shown
    assert "$XDG_CONFIG_HOME/visits/config.toml" in shown
