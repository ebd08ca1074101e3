"""The command line in Vietnamese and Lao, and the pseudo-language that catches English left
unmarked: every word a person reads passes through a catalog, and scripts' JSON never does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from schedules import cli, i18n
from tests.paths import ROOT

EXAMPLES = ROOT / "examples"
BROKEN = ROOT / "tests" / "data" / "broken"
AS_OF = "2026-01-15"


@pytest.fixture(autouse=True)
def _english_afterwards(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in ("VISITS_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    yield
    i18n.use("en")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = cli.main(list(argv))
    except SystemExit as leaving:  # argparse's --help and usage errors
        status = int(leaving.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- the pseudo-language: English outside ⟦…⟧ is text that no catalog saw ------------------

_WORD = re.compile(r"[A-Za-z]{2,}")
_ALLOWED = frozenset(
    {*cli.SUBCOMMANDS, "visits", "TOML", "JSON", "ISO", "UTF", "LSP", "CI", "YYYY", "MM", "DD"}
)


def _outside_brackets(line: str) -> str:
    """The characters of `line` at depth 0 of ⟦…⟧ (nested brackets are inside)."""
    depth, kept = 0, []
    for char in line:
        if char == "⟦":
            depth += 1
        elif char == "⟧":
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def file_words(*folders: Path) -> set[str]:
    """Every word of the files a command read: their text is data, shown as it is written."""
    words: set[str] = set()
    for folder in folders:
        for path in [folder] if folder.is_file() else folder.rglob("*.toml"):
            words.update(_WORD.findall(path.read_bytes().decode("utf-8", "replace")))
    return words


def unmarked_english(output: str, data_words: set[str]) -> list[str]:
    """The lines of `output` with an English word outside ⟦…⟧ that is not file text, an id,
    a code, a path, an option or a metavariable."""
    # a snippet of the file, under a diagnostic, is the file's own text
    shown = [line for line in output.splitlines() if not re.match(r"\s*\d*\s*\|", line)]
    found = []
    # a message may span lines: the brackets are followed over the whole output
    for line in _outside_brackets("\n".join(shown)).splitlines():
        rest = re.sub(r"^\S+?:(\d+:\d+:)? ?(error|warning)\[[a-z-]+\]", "", line)  # contract
        rest = re.sub(r"^::(error|warning|notice) [^:]*::", "", rest)  # github's command
        rest = re.sub(r"`[^`]*`|“[^”]*”|\"[^\"]*\"|(?<![A-Za-z])'[^']*'", "", rest)  # ids, values
        rest = re.sub(r"\S*[/\\]\S*|\S+\.(toml|ics|md|html)\b", "", rest)  # paths
        rest = re.sub(r"--?[a-z][a-z-]*|\{[^}]*\}|\b[A-Z][A-Z_-]+\b", "", rest)  # options
        rest = re.sub(r"\b[a-z]+(\|[a-z]+)+\b", "", rest)  # choices: en|vi|lo
        english = [w for w in _WORD.findall(rest) if w not in _ALLOWED and w not in data_words]
        if english:
            found.append(f"{english}: {line}")
    return found


def test_the_detector_finds_english_that_no_catalog_saw() -> None:
    """It can fail: an unwrapped message, beside wrapped ones and file text, is found."""
    words = {"talks", "quang"}
    assert unmarked_english("x.toml:3:1: error[quota] ⟦⟦2024⟧: 0 talks held⟧", words) == []
    leaked = "x.toml:3:1: error[quota] ⟦2024⟧: 0 talks held, fewer than the minimum"
    found = unmarked_english(leaked, words)
    assert len(found) == 1
    assert found[0].startswith("['held', 'fewer', 'than', 'the', 'minimum']: ")


@pytest.mark.parametrize(
    "argv",
    [
        ("check", str(EXAMPLES), "--as-of", AS_OF),
        ("check", str(EXAMPLES), "--as-of", AS_OF, "--format", "github", "--show-waived"),
        ("check", str(BROKEN), "--as-of", AS_OF),
        ("check", str(BROKEN), "--as-of", AS_OF, "--format", "github"),
        ("check", str(ROOT / "tests" / "data" / "no-such-file.toml")),
        ("--help",),
        ("check", "--help"),
        ("plan", "--help"),
        ("check", "--as-of", "yesterday"),
        ("check", "--format", "pdf"),
        ("schema", str(EXAMPLES)),
        ("no-such-command",),
        ("next", str(EXAMPLES), "--as-of", AS_OF),
        ("next", str(BROKEN), "--as-of", AS_OF),
        ("report", str(EXAMPLES), "--as-of", AS_OF),
        ("report", str(EXAMPLES), "--as-of", AS_OF, "--format", "html"),
        ("report", str(BROKEN), "--as-of", AS_OF),
        ("plan", str(EXAMPLES), "--home", "quang-tri", "--as-of", AS_OF),
        ("plan", str(EXAMPLES), "--home", "quang-tri", "--as-of", AS_OF, "--format", "markdown"),
        ("plan", str(EXAMPLES), "--home", "son-la", "--year", "2027", "--format", "html"),
        ("new", "x.toml", "--id", "Bad Id", "--title", "t", "--party", "a=A", "--party", "b"),
        ("new", "--id", "x"),
        ("plan", str(EXAMPLES), "--home", "nobody"),
        ("plan", str(EXAMPLES), "--home", "son-la", "--year", "9999"),
    ],
)
def test_pseudo_language_leaves_no_english_unwrapped(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    status, out, err = run(capsys, *argv, "--lang", "qps")
    assert status != 3, err
    assert out or err
    if "html" in argv:  # the words of an HTML document, not its markup and style sheet
        out = re.sub(r"<style>.*?</style>|<[^>]+>", "\n", out, flags=re.S)
    assert unmarked_english(out + err, file_words(EXAMPLES, BROKEN)) == []


def test_visits_lang_chooses_the_pseudo_language_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISITS_LANG", "qps")
    _, out, _ = run(capsys, "check", str(EXAMPLES), "--as-of", AS_OF)
    assert "⟦" in out
    assert unmarked_english(out, file_words(EXAMPLES)) == []


# --- Vietnamese and Lao -----------------------------------------------------------------------


def test_check_answers_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(EXAMPLES), "--as-of", AS_OF, "--lang", "vi")
    assert status == 1
    # the contract stays: where, severity and code
    assert re.search(r"son-la-hua-phan\.toml:70:1: error\[interval\] quá hạn: ", out)
    assert "phải tổ chức chậm nhất ngày 09/04/2020 (sau 2 năm) nhưng chưa có kế hoạch" in out
    assert "(09/04/2018–11/04/2018)" in out
    assert "không có biên bản ghi nhớ nào còn hiệu lực" in out
    assert "vẫn chỉ ở trạng thái dự kiến" in out
    assert out.rstrip().endswith(
        "Đã kiểm tra 2 tệp: 7 lỗi, 3 cảnh báo (1 đã miễn trừ, xem bằng --show-waived)"
    )
    assert "overdue" not in out and "P2Y" not in out


def test_check_answers_in_lao(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(EXAMPLES), "--as-of", AS_OF, "--lang", "lo")
    assert status == 1
    assert "error[interval] ກາຍກຳນົດ: ການຢ້ຽມຢາມຄັ້ງຕໍ່ໄປຫຼັງ `working-visit-2018`" in out
    assert "(ຫຼັງຈາກ 2 ປີ)" in out
    assert "ບໍ່ມີບົດບັນທຶກຄວາມເຂົ້າໃຈໃດມີຜົນສັກສິດ" in out
    assert out.rstrip().endswith(
        "ກວດສອບແລ້ວ 2 ໄຟລ໌: 7 ຂໍ້ຜິດພາດ, 3 ຄຳເຕືອນ (ຍົກເວັ້ນແລ້ວ 1, ເບິ່ງໄດ້ດ້ວຍ --show-waived)"
    )


def test_input_errors_are_translated(capsys: pytest.CaptureFixture[str]) -> None:
    _, vi, _ = run(capsys, "check", str(BROKEN), "--as-of", AS_OF, "--lang", "vi")
    assert "error[schema] chuyến thăm `talks-2025`: khóa `hots` không được nhận biết" in vi
    assert "error[syntax] không phải TOML hợp lệ: " in vi
    assert "error[io] không phải văn bản UTF-8" in vi
    _, lo, _ = run(capsys, "check", str(BROKEN), "--as-of", AS_OF, "--lang", "lo")
    assert "error[reference] ລະຫັດການຢ້ຽມຢາມ `talks-2025` ຖືກໃຊ້ສອງເທື່ອ" in lo


@pytest.mark.parametrize("folder", [EXAMPLES, BROKEN])
def test_json_is_the_same_in_every_language(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    outputs = {
        language: run(
            capsys, "check", str(folder), "--as-of", AS_OF, "--format", "json", "--lang", language
        )[1]
        for language in ("en", "vi", "lo", "qps")
    }
    assert '"message": "overdue: ' in outputs["en"] or folder == BROKEN
    assert outputs["vi"] == outputs["en"]
    assert outputs["lo"] == outputs["en"]
    assert outputs["qps"] == outputs["en"]


def test_help_says_how_to_choose_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--help")
    assert "--lang en|vi|lo" in out and "VISITS_LANG" in out
    _, out, _ = run(capsys, "check", "--help", "--lang", "vi")
    assert out.startswith("cách dùng: visits check")
    assert "kiểm tra" not in out or "--lang en|vi|lo" in out
    assert "ngôn ngữ trả lời: tiếng Anh (en), tiếng Việt (vi) hoặc tiếng Lào (lo)" in " ".join(
        out.split()
    )


def test_a_language_that_is_not_ours_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "check", str(EXAMPLES), "--lang", "fr")
    assert status == 2
    assert "'fr' is not a language of visits: choose en, vi or lo" in err


def test_holiday_names_in_the_readers_language(tmp_path: Path) -> None:
    from schedules.rules import Holiday

    tet = Holiday("VN", __import__("datetime").date(2027, 2, 6), "Lunar New Year")
    i18n.use("vi")
    assert "Tết" in tet.text()
    assert tet.english() == "Lunar New Year (VN)"
    i18n.use("lo")
    pi_mai = Holiday("LA", __import__("datetime").date(2027, 4, 14), "Lao New Year")
    assert pi_mai.text().endswith("(LA)") and re.search("[\u0e80-\u0eff]", pi_mai.text())
