"""The person's own settings, kept between runs of the app: the language chosen in it.

They live in `$XDG_CONFIG_HOME/visits/config.toml` (`~/.config/visits/config.toml` when the
variable is unset or not an absolute path, as the XDG base directory rules say):

    language = "vi"

The app reads the file when it starts and writes it (atomically) when the language is
switched; the commands (`visits check` and the others) never read it, so what a script gets
depends only on its command line and environment. A file that cannot be used is a problem to
show, never a reason not to start: `read_user_config` says what is wrong and the app carries on
without it.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from schedules.atomic import write_atomically
from schedules.i18n import LANGUAGES
from schedules.messages import Said, said

CONFIG_FOLDER = "visits"
CONFIG_NAME = "config.toml"
SETTINGS = ("language",)
"""The keys a config file may hold."""


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the config file is, whether or not it exists."""
    environ = os.environ if environ is None else environ
    base = Path(environ.get("XDG_CONFIG_HOME", ""))
    if not base.is_absolute():
        base = Path(environ.get("HOME") or Path.home()) / ".config"
    return base / CONFIG_FOLDER / CONFIG_NAME


@dataclass(frozen=True)
class ConfigProblem:
    """Why the config file was ignored, in planner's words (put into the reader's language
    when shown, which may be after the language was chosen)."""

    path: Path
    line: int | None
    message: Said

    def text(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message.text()}"


@dataclass(frozen=True)
class UserConfig:
    """What the config file says (nothing, when it is missing or was ignored)."""

    language: str | None = None
    problems: tuple[ConfigProblem, ...] = field(default=())


def read_user_config(environ: Mapping[str, str] | None = None) -> UserConfig:
    """The settings in the config file; a missing file is no settings, a broken one is no
    settings and a problem saying why."""
    path = config_path(environ)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return UserConfig()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return _ignored(path, None, said("the file cannot be read ({reason})", reason=reason))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = data[: error.start].count(b"\n") + 1
        return _ignored(path, where, said("the file is not UTF-8 text"))
    try:
        settings = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Python 3.11 gives the line only in the message: "… (at line 3, column 5)"
        found = re.search(r"at line (\d+)", str(error))
        line = int(found.group(1)) if found else None
        return _ignored(path, line, said("the file is not valid TOML"))
    for key in settings:
        if key not in SETTINGS:
            return _ignored(
                path,
                _line_of(text, key),
                said(
                    "key `{key}` is not a setting of visits (the settings are: {settings})",
                    key=key,
                    settings=", ".join(SETTINGS),
                ),
            )
    language = settings.get("language")
    if language is not None and language not in LANGUAGES:
        choices = ", ".join(f'"{code}"' for code in LANGUAGES)
        value = f'"{language}"' if isinstance(language, str) else repr(language)
        return _ignored(
            path,
            _line_of(text, "language"),
            said(
                "`language` must be one of {languages}, not {value}", languages=choices, value=value
            ),
        )
    return UserConfig(language=language)


def remember_language(language: str, environ: Mapping[str, str] | None = None) -> Path:
    """Write `language` into the config file (its folder made if need be) and return the file's
    path; OSError when it cannot be written, the old file then as it was.

    In a file that reads well, only the `language` line changes (a person's comments stay); a
    missing or broken file is replaced by one holding the language."""
    path = config_path(environ)
    setting = f'language = "{language}"'
    old = read_user_config(environ)
    lines: list[str] = []
    if not old.problems:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            lines = []
    at = _line_of("\n".join(lines), "language")
    if at is None:
        lines.append(setting)
    else:
        lines[at - 1] = setting
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def _ignored(path: Path, line: int | None, message: Said) -> UserConfig:
    return UserConfig(problems=(ConfigProblem(path, line, message),))


def _line_of(text: str, key: str) -> int | None:
    """The line on which `key` is set at the top of the file."""
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.split("=", 1)[0].strip().strip("\"'")
        if "=" in line and name == key:
            return number
    return None
