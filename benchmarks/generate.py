"""Realistic schedule files for benchmarks: seeded, deterministic, valid by SPEC.md.

Each file is one partnership between a Vietnamese and a Lao province, with decades of history:
bilateral talks every two years in turn (skipped in the COVID-19 years, with waivers), and many
other visits — working visits, information exchanges, training, study tours, border meetings —
with delegations drawn from per-province pools of people that live across five-year terms. Files
of the same province share those people, so `visits check` sees people in several files (and
some double-booking). Two agreements per file hold all four rule kinds; there are actions,
waivers, comments, exact and partial dates, informal, postponed and cancelled visits, and
Vietnamese and Lao-script text.

    python -m benchmarks.generate OUT_DIR --files 20 --visits 1000 --seed 1

The same seed and sizes always give the same bytes. The files are written for
`REFERENCE_DATE` (check them with `--as-of` that date for stable results).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REFERENCE_DATE = dt.date(2026, 7, 1)
"""The day the generated files are "today" for; run `visits check --as-of` this date."""

FIRST_TERM_YEAR = 1981
TERM_YEARS = 5
COVID_YEARS = (2020, 2021)


@dataclass(frozen=True)
class Province:
    slug: str
    name: str
    """In the country's own script: Vietnamese, or Lao."""
    vietnamese: str
    """How Vietnamese documents write it."""
    country: str
    capital: str


VN_PROVINCES: tuple[Province, ...] = tuple(
    Province(slug, name, name, "VN", capital)
    for slug, name, capital in (
        ("quang-tri", "Quảng Trị", "Đông Hà"),
        ("son-la", "Sơn La", "TP Sơn La"),
        ("dien-bien", "Điện Biên", "Điện Biên Phủ"),
        ("nghe-an", "Nghệ An", "Vinh"),
        ("ha-tinh", "Hà Tĩnh", "TP Hà Tĩnh"),
        ("quang-binh", "Quảng Bình", "Đồng Hới"),
        ("thanh-hoa", "Thanh Hóa", "TP Thanh Hóa"),
        ("thua-thien-hue", "Thừa Thiên Huế", "Huế"),
        ("quang-nam", "Quảng Nam", "Tam Kỳ"),
        ("kon-tum", "Kon Tum", "TP Kon Tum"),
        ("lai-chau", "Lai Châu", "TP Lai Châu"),
        ("gia-lai", "Gia Lai", "Pleiku"),
        ("dak-lak", "Đắk Lắk", "Buôn Ma Thuột"),
        ("da-nang", "Đà Nẵng", "Đà Nẵng"),
        ("ha-noi", "Hà Nội", "Hà Nội"),
        ("ho-chi-minh", "Hồ Chí Minh", "TP Hồ Chí Minh"),
        ("hai-phong", "Hải Phòng", "Hải Phòng"),
        ("can-tho", "Cần Thơ", "Cần Thơ"),
        ("quang-ngai", "Quảng Ngãi", "TP Quảng Ngãi"),
        ("binh-dinh", "Bình Định", "Quy Nhơn"),
    )
)

LA_PROVINCES: tuple[Province, ...] = tuple(
    Province(slug, name, vietnamese, "LA", capital)
    for slug, name, vietnamese, capital in (
        ("salavan", "ສາລະວັນ", "Salavan", "ເມືອງສາລະວັນ"),
        ("hua-phan", "ຫົວພັນ", "Hủa Phăn", "ຊຳເໜືອ"),
        ("savannakhet", "ສະຫວັນນະເຂດ", "Xa-van-na-khệt", "ໄກສອນ ພົມວິຫານ"),
        ("champasak", "ຈຳປາສັກ", "Chăm-pa-xắc", "ປາກເຊ"),
        ("sekong", "ເຊກອງ", "Xê-công", "ລະມາມ"),
        ("attapeu", "ອັດຕະປື", "Át-tạ-pư", "ສາມັກຄີໄຊ"),
        ("khammouane", "ຄຳມ່ວນ", "Khăm-muồn", "ທ່າແຂກ"),
        ("bolikhamxay", "ບໍລິຄຳໄຊ", "Bô-ly-khăm-xay", "ປາກຊັນ"),
        ("xiengkhouang", "ຊຽງຂວາງ", "Xiêng Khoảng", "ໂພນສະຫວັນ"),
        ("luang-prabang", "ຫຼວງພະບາງ", "Luông Pha-bang", "ຫຼວງພະບາງ"),
        ("phongsaly", "ຜົ້ງສາລີ", "Phông-xa-lỳ", "ຜົ້ງສາລີ"),
        ("oudomxay", "ອຸດົມໄຊ", "U-đôm-xay", "ໄຊ"),
        ("luang-namtha", "ຫຼວງນ້ຳທາ", "Luông Nặm Tha", "ຫຼວງນ້ຳທາ"),
        ("bokeo", "ບໍ່ແກ້ວ", "Bò Kẹo", "ຫ້ວຍຊາຍ"),
        ("xayaboury", "ໄຊຍະບູລີ", "Xay-nha-bu-ly", "ໄຊຍະບູລີ"),
        ("vientiane", "ວຽງຈັນ", "Viêng Chăn", "ໂພນໂຮງ"),
        ("xaysomboun", "ໄຊສົມບູນ", "Xay-sôm-bun", "ອະນຸວົງ"),
        ("vientiane-capital", "ນະຄອນຫຼວງວຽງຈັນ", "Thủ đô Viêng Chăn", "ຈັນທະບູລີ"),
    )
)


@dataclass(frozen=True)
class Organisation:
    english: str
    vietnamese: str
    lao: str
    vn_party: str
    la_party: str


ORGANISATIONS: tuple[Organisation, ...] = (
    Organisation(
        "People's Councils",
        "Hội đồng nhân dân",
        "ສະພາປະຊາຊົນແຂວງ",
        "Standing Committee, {p} Provincial People's Council",
        "Standing Committee, {p} Provincial People's Assembly",
    ),
    Organisation(
        "Departments of Home Affairs",
        "Sở Nội vụ",
        "ພະແນກພາຍໃນແຂວງ",
        "Department of Home Affairs, {p} Province",
        "Department of Home Affairs, {p} Province",
    ),
    Organisation(
        "Departments of Foreign Affairs",
        "Sở Ngoại vụ",
        "ພະແນກການຕ່າງປະເທດແຂວງ",
        "Department of Foreign Affairs, {p} Province",
        "Department of Foreign Affairs, {p} Province",
    ),
    Organisation(
        "Provincial People's Committees",
        "Ủy ban nhân dân",
        "ອົງການປົກຄອງແຂວງ",
        "People's Committee of {p} Province",
        "Administration of {p} Province",
    ),
)

# --- people --------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


VN_FAMILY = _words(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Hà Lò"
)
VN_MIDDLE = _words("Văn Thị Quang Hữu Đức Minh Thanh Ngọc Xuân Hồng Viết Công Đình Thu Kim")
VN_GIVEN = _words(
    "Chiến Hưng Hùng Lan Hương Dũng Tuấn Hải Phương Thắng Sơn Bình Long Nam Thủy Hà Trung "
    "Nghĩa Cường Đạt Khánh Linh Mai Hoa Tâm Thành Vinh Quý Phúc Lộc Toàn Thảo Yến Nhung Sen "
    "Hiếu Kiên Quyết Thịnh Tiến"
)
LA_GIVEN_FIRST = _words("ສົມ ບຸນ ຄຳ ທອງ ແສງ ພອນ ສີ ວັນ ບົວ ຈັນ ໄຊ ສຸກ ອຳ ຄູນ ເພັດ ແກ້ວ ດວງ ສຸ ວຽງ ນາງ")
LA_GIVEN_SECOND = _words("ພອນ ມີ ພັນ ລຸນ ໄຊ ສະຫວັນ ດີ ສອນ ເພັດ ຄຳ ແກ້ວ ທອງ ສະໄໝ ວົງ ສຸກ ຈັນ ໃສ ລາ ເດືອນ ນະຄອນ")
LA_FAMILY = _words(
    "ພົມມະຈັນ ສີຫາລາດ ວົງສາ ແກ້ວມະນີ ພັນທະວົງ ສຸວັນນະລາດ ອິນທະວົງ ຈັນທະລາ ໄຊຍະວົງ ພິມມະສອນ "
    "ສີປະເສີດ ພົມວິຫານ ສີພັນດອນ ແສງມະນີ ບຸບຜາ ຂັນທະວີ ລາດຊະວົງ ສຸລິວົງ ພູມມະລາ ທຳມະວົງ "
    "ໄຊຍະສານ ສິດທິລາດ ມະໂນທອງ ພິລາວົງ ວົງພະຈັນ ອຸ່ນຄຳ ແກ້ວບົວລະພາ ດວງສະຫວັນ ສຸດທິວົງ ຫຼວງລາດ"
)

VN_TITLES = {
    "senior": (
        "Chủ tịch HĐND tỉnh {p}",
        "Phó Chủ tịch Thường trực HĐND tỉnh {p}",
        "Phó Chủ tịch UBND tỉnh {p}",
        "Phó Bí thư Tỉnh ủy {p}",
        "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy {p}",
    ),
    "member": (
        "Trưởng Ban Pháp chế HĐND tỉnh",
        "Phó Trưởng Ban Kinh tế – Ngân sách HĐND tỉnh",
        "Giám đốc Sở Ngoại vụ",
        "Phó Giám đốc Sở Nội vụ",
        "Chánh Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
        "Phó Giám đốc Sở Giáo dục và Đào tạo",
        "Chỉ huy trưởng Bộ đội Biên phòng tỉnh",
        "Đại biểu HĐND tỉnh",
    ),
    "staff": (
        "Chuyên viên Phòng Hợp tác quốc tế, Sở Ngoại vụ",
        "Phiên dịch tiếng Lào",
        "Chuyên viên Văn phòng HĐND tỉnh",
        "Thư ký đoàn",
    ),
}
LA_TITLES = {
    "senior": (
        "ປະທານສະພາປະຊາຊົນແຂວງ{p}",
        "ຮອງປະທານສະພາປະຊາຊົນແຂວງ{p}",
        "ເຈົ້າແຂວງ{p}",
        "ຮອງເຈົ້າແຂວງ{p}",
        "Phó Chủ tịch HĐND tỉnh {v} (Lào)",
    ),
    "member": (
        "ຫົວໜ້າພະແນກການຕ່າງປະເທດແຂວງ",
        "ຮອງຫົວໜ້າພະແນກພາຍໃນແຂວງ",
        "ຫົວໜ້າຄະນະກຳມະການກົດໝາຍ",
        "ຫົວໜ້າພະແນກສຶກສາທິການ ແລະ ກິລາ",
        "ສະມາຊິກສະພາປະຊາຊົນແຂວງ",
        "Trưởng Ban Kinh tế – Kế hoạch HĐND tỉnh {v}",
    ),
    "staff": ("ວິຊາການ ຫ້ອງການສະພາ", "ນາຍພາສາຫວຽດ", "ເລຂານຸການຄະນະ"),
}

SENIORS = 4
"""Provincial leaders per term: they head the talks and courtesy calls."""
STAFF_SHARE = 0.15
CARRY_OVER = 0.5
"""The share of a term's people still there in the next term."""
VISITS_PER_PERSON_YEAR = 2.0
"""Pools grow with the traffic: about this many visits a year per person."""
NAME_ONLY = 0.1
"""The share of people the files name without an `id` (matched by normalised name)."""


@dataclass
class Person:
    name: str
    id: str | None
    """None: the files name this person only by name (matched after normalisation)."""


@dataclass(frozen=True)
class Member:
    """A person in one term's pool, with the title they held then."""

    person: Person
    title: str
    rank: str


@dataclass
class _Names:
    """Names and ids handed out so far: ids are unique, and so are the names of people
    without an id (so that sharing people across files is deliberate, not accidental)."""

    names: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def _random_name(rng: random.Random, country: str) -> str:
    if country == "VN":
        middle = rng.choice(VN_MIDDLE)
        if rng.random() < 0.4:
            middle += " " + rng.choice(VN_MIDDLE)
        return f"{rng.choice(VN_FAMILY)} {middle} {rng.choice(VN_GIVEN)}"
    given = rng.choice(LA_GIVEN_FIRST) + rng.choice(LA_GIVEN_SECOND)
    if rng.random() < 0.3:
        given += rng.choice(LA_GIVEN_SECOND)
    return f"{given} {rng.choice(LA_FAMILY)}"


def _new_person(rng: random.Random, province: Province, names: _Names, number: int) -> Person:
    for _ in range(20):
        name = _random_name(rng, province.country)
        if name not in names.names:
            break
    unique = name not in names.names
    names.names.add(name)
    if unique and rng.random() < NAME_ONLY:
        return Person(name, None)
    base = _ascii_slug(name) if province.country == "VN" else f"{province.slug}-{number:04d}"
    ident, suffix = base, 2
    while ident in names.ids:
        ident, suffix = f"{base}-{suffix}", suffix + 1
    names.ids.add(ident)
    return Person(name, ident)


def _pools(
    rng: random.Random, province: Province, terms: int, size: int, names: _Names
) -> list[list[Member]]:
    """One pool of `size` people per five-year term; about half stay for the next term."""
    titles = VN_TITLES if province.country == "VN" else LA_TITLES
    staff = max(2, round(size * STAFF_SHARE))
    sizes = {"senior": SENIORS, "member": max(4, size - SENIORS - staff), "staff": staff}
    pools: list[list[Member]] = []
    number = 0
    previous: list[Member] = []
    for _ in range(terms):
        pool: list[Member] = []
        for rank, wanted in sizes.items():
            kept = [m for m in previous if m.rank == rank and rng.random() < CARRY_OVER]
            people = [m.person for m in kept[:wanted]]
            while len(people) < wanted:
                number += 1
                people.append(_new_person(rng, province, names, number))
            for person in people:
                title = rng.choice(titles[rank]).format(p=province.name, v=province.vietnamese)
                pool.append(Member(person, title, rank))
        pools.append(pool)
        previous = pool
    return pools


def _span_years(visits: int) -> int:
    """How many years of history a file of this many visits covers (before jitter)."""
    return max(6, min(40, visits // 25))


def _term(day: dt.date) -> int:
    return max(0, (day.year - FIRST_TERM_YEAR) // TERM_YEARS)


# --- visits --------------------------------------------------------------------------------

KINDS: tuple[tuple[str, float], ...] = (
    ("working-visit", 30),
    ("information-exchange", 20),
    ("training", 12),
    ("study-tour", 10),
    ("border-meeting", 8),
    ("culture-exchange", 8),
    ("courtesy-call", 7),
    ("sports-exchange", 5),
)

TITLES = {
    "talks": (
        "Hội đàm song phương giữa {org} hai tỉnh (bilateral talks)",
        "ກອງປະຊຸມສອງຝ່າຍ ລະຫວ່າງ {la} ແລະ {vn}",
        "Bilateral talks of the {org_en}",
    ),
    "working-visit": (
        "Đoàn công tác tỉnh {guest} thăm và làm việc tại tỉnh {host}",
        "Working visit of the {guest} delegation to {host}",
        "ຄະນະຜູ້ແທນແຂວງ{la} ຢ້ຽມຢາມ ແລະ ເຮັດວຽກ",
    ),
    "information-exchange": (
        "Trao đổi thông tin về công tác {topic}",
        "Information exchange on {topic}",
    ),
    "training": (
        "Bồi dưỡng kiến thức cho đại biểu và cán bộ: {topic}",
        "ຝຶກອົບຮົມ ພະນັກງານ ກ່ຽວກັບ {topic}",
        "Training for delegates and staff: {topic}",
    ),
    "study-tour": ("Học tập kinh nghiệm về {topic}", "Study tour on {topic}"),
    "border-meeting": (
        "Gặp gỡ chính quyền các xã, bản biên giới",
        "ກອງປະຊຸມ ເມືອງຊາຍແດນ {la} – {vn}",
    ),
    "culture-exchange": (
        "Giao lưu văn hóa, văn nghệ nhân dịp Tết Bunpimay",
        "Đêm giao lưu văn nghệ hữu nghị Việt – Lào",
        "ງານບຸນມິດຕະພາບ ລາວ – ຫວຽດນາມ",
    ),
    "courtesy-call": ("Thăm, chúc Tết", "Courtesy call before the New Year"),
    "sports-exchange": ("Giao hữu bóng đá hữu nghị", "ການແຂ່ງຂັນກິລາມິດຕະພາບ"),
}
TOPICS = (
    "giám sát ngân sách (budget oversight)",
    "tiếp xúc cử tri",
    "cải cách hành chính, cơ chế một cửa",
    "quản lý công chức, viên chức",
    "công tác tôn giáo",
    "phòng chống buôn lậu qua biên giới",
    "ການຄຸ້ມຄອງງົບປະມານ",
    "ການພັດທະນາຊົນນະບົດ",
    "ứng dụng công nghệ thông tin",
    "xây dựng nông thôn mới",
)
AGENDA_ITEMS = (
    "Phát biểu chào mừng của Trưởng đoàn {host}",
    "Báo cáo kết quả thực hiện biên bản ghi nhớ",
    "ລາຍງານ ສະພາບການ ເສດຖະກິດ-ສັງຄົມ ຂອງແຂວງ{la}",
    "Trao đổi kinh nghiệm về {topic}",
    "Thăm cơ sở, khu di tích lịch sử",
    "ລົງນາມ ບົດບັນທຶກ ຄວາມເຂົ້າໃຈ",
    "Discussion of next year's cooperation plan",
    "Tặng quà, chụp ảnh lưu niệm",
)
OUTCOMES = (
    "Hai bên thống nhất tăng cường trao đổi thông tin, kinh nghiệm về {topic}.",
    "Đoàn {guest} đề nghị hỗ trợ đào tạo cán bộ; đoàn {host} ghi nhận và sẽ báo cáo lãnh đạo tỉnh.",
    "ສອງຝ່າຍ ຕົກລົງ ສືບຕໍ່ ຮ່ວມມື ໃນຂົງເຂດ {topic}.",
    "Agreed to exchange information at least once a year and to meet again in {next_year}.",
)
ACTION_TEXTS = (
    "Báo cáo lãnh đạo tỉnh đề nghị của tỉnh {other} về {topic}; trả lời bằng văn bản",
    "Gửi tài liệu về {topic} cho tỉnh {other}",
    "ສົ່ງແຜນການຮ່ວມມື ປີ {year} ໃຫ້ແຂວງ{la}",
    "Prepare the draft cooperation plan for {year}",
    "Hỗ trợ trang thiết bị công nghệ thông tin cho Văn phòng {other}",
)


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(toml_string(item) for item in items) + "]"


def _short(province: Province) -> str:
    parts = province.slug.split("-")
    return ("".join(part[0] for part in parts) if len(parts) > 1 else parts[0][:3]).upper()


@dataclass
class _Visit:
    id: str
    kind: str
    host: Province
    guest: Province
    start: dt.date
    days: int
    status: str = "held"
    formal: bool = True
    when: str | None = None
    comment: str | None = None


@dataclass
class _File:
    """What one file is about, before it is written."""

    index: int
    id: str
    vn: Province
    la: Province
    org: Organisation


def _pick_partnerships(rng: random.Random, files: int) -> list[_File]:
    """(Vietnamese, Lao province) pairs, with about one Vietnamese province per three files,
    so that files share provinces, and so people, even in small runs."""
    vn_count = max(1, min(len(VN_PROVINCES), math.ceil(files / 3)))
    pairs = [(vn, la) for vn in VN_PROVINCES[:vn_count] for la in LA_PROVINCES]
    rng.shuffle(pairs)
    chosen: list[_File] = []
    used: set[str] = set()
    for index in range(files):
        vn, la = pairs[index % len(pairs)]
        org = ORGANISATIONS[rng.randrange(len(ORGANISATIONS))]
        base = f"{vn.slug}-{la.slug}"
        ident, suffix = base, 2
        while ident in used:
            ident, suffix = f"{base}-{suffix}", suffix + 1
        used.add(ident)
        chosen.append(_File(index, ident, vn, la, org))
    return chosen


def generate(
    seed: int,
    files: int,
    visits_per_file: int,
    out_dir: Path,
    *,
    reference: dt.date = REFERENCE_DATE,
) -> list[Path]:
    """Write `files` schedules of `visits_per_file` visits each under `out_dir` (one folder per
    Vietnamese province); return their paths in the order written. Deterministic for a seed."""
    rng = random.Random(seed)
    partnerships = _pick_partnerships(rng, files)
    terms = _term(reference) + 2
    names = _Names()
    pools: dict[str, list[list[Member]]] = {}
    visits_a_year = visits_per_file / (_span_years(visits_per_file) * 0.875)
    for province in (*VN_PROVINCES, *LA_PROVINCES):
        sharing = sum(province in (p.vn, p.la) for p in partnerships)
        if sharing:
            # about 3 people of each side per visit
            size = max(24, math.ceil(sharing * visits_a_year * 3 / VISITS_PER_PERSON_YEAR))
            pools[province.slug] = _pools(rng, province, terms, size, names)
    written: list[Path] = []
    for partnership in partnerships:
        file_rng = random.Random(f"{seed}:{partnership.index}")
        text = _FileWriter(file_rng, partnership, pools, visits_per_file, reference, seed).write()
        folder = out_dir / partnership.vn.slug
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{partnership.id}.toml"
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


class _FileWriter:
    def __init__(
        self,
        rng: random.Random,
        partnership: _File,
        pools: dict[str, list[list[Member]]],
        visits: int,
        reference: dt.date,
        seed: int,
    ) -> None:
        self.rng = rng
        self.p = partnership
        self.pools = pools
        self.count = visits
        self.reference = reference
        self.seed = seed
        self.out: list[str] = []
        span = _span_years(visits)
        span -= rng.randint(0, span // 4)
        self.first_year = reference.year - span
        self.mid_year = self.first_year + span // 2
        self.order = [partnership.vn, partnership.la]
        rng.shuffle(self.order)

    # --- helpers ---------------------------------------------------------------------------

    def line(self, text: str = "") -> None:
        self.out.append(text)

    def key(self, name: str, value: str, indent: str = "") -> None:
        self.out.append(f"{indent}{name} = {value}")

    def fill(self, template: str, visit: _Visit | None = None, **extra: object) -> str:
        host = visit.host if visit else self.p.vn
        guest = visit.guest if visit else self.p.la
        return template.format(
            org=self.p.org.vietnamese,
            org_en=self.p.org.english,
            la=self.p.la.name,
            vn=self.p.vn.name,
            host=host.vietnamese,
            guest=guest.vietnamese,
            topic=self.rng.choice(TOPICS),
            **extra,
        )

    def random_day(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    # --- the file --------------------------------------------------------------------------

    def write(self) -> str:
        talks, postponed = self.talks()
        visits = self.other_visits(max(0, self.count - len(talks) - len(postponed)))
        everything = (talks + postponed)[: self.count] + visits
        everything.sort(key=lambda v: (v.start, v.kind))
        self.assign_ids(everything)
        self.header()
        self.parties()
        self.agreements(talks)
        self.visits(everything)
        self.actions(everything)
        self.waivers(everything)
        return "\n".join(self.out) + "\n"

    def header(self) -> None:
        p = self.p
        self.line(
            f"# {p.vn.name} (Việt Nam) – {p.la.vietnamese} / {p.la.name} (Lào): "
            f"{p.org.vietnamese} hai tỉnh"
        )
        self.line(
            f"# Synthetic schedule from benchmarks/generate.py (seed {self.seed}, file "
            f"{p.index + 1}); written for {self.reference}."
        )
        self.line("# Hai bên luân phiên tổ chức Hội đàm 2 năm/lần (talks every 2 years, in turn).")
        self.line()
        self.line("format = 1")
        self.line()
        self.line("[partnership]")
        self.key("id", toml_string(p.id))
        self.key("title", toml_string(f"{p.vn.name} – {p.la.vietnamese} {p.org.english}"))
        self.line('notes = """\\')
        self.line(
            f"Quan hệ hợp tác giữa {p.org.vietnamese} tỉnh {p.vn.name} (Việt Nam) và "
            f"{p.org.lao}{p.la.name} (CHDCND Lào), \\"
        )
        self.line(f"thiết lập từ năm {self.first_year}. Records kept by both external-affairs \\")
        self.line('offices."""')
        self.line()

    def parties(self) -> None:
        p = self.p
        for province, template in ((p.vn, p.org.vn_party), (p.la, p.org.la_party)):
            if province.country == "VN":
                self.line(f"# {p.org.vietnamese} tỉnh {province.name}")
                shown = province.name
            else:
                self.line(f"# {p.org.lao}{province.name} (CHDCND Lào)")
                shown = f"{province.vietnamese} ({province.name})"
            self.line(f"[parties.{province.slug}]")
            self.key("name", toml_string(template.format(p=shown)))
            self.key("country", toml_string(province.country))
            if self.rng.random() < 0.7:
                self.key("short", toml_string(_short(province)))
            self.line()

    def talks(self) -> tuple[list[_Visit], list[_Visit]]:
        """Talks every two years in turn; the COVID-19 years are skipped (one postponed)."""
        month, day = self.rng.randint(3, 11), self.rng.randint(1, 28)
        talks: list[_Visit] = []
        postponed: list[_Visit] = []
        turn = 0
        year = self.first_year + 1
        while year < self.reference.year:
            base = dt.date(year, month, day) + dt.timedelta(days=self.rng.randint(-30, 30))
            host = self.order[turn % 2]
            guest = self.order[(turn + 1) % 2]
            if year in COVID_YEARS:
                postponed.append(
                    _Visit(
                        "",
                        "talks",
                        host,
                        guest,
                        base,
                        3,
                        status="postponed",
                        comment="Hoãn do dịch COVID-19 (postponed: COVID-19)",
                    )
                )
                year += 1 if year == COVID_YEARS[0] else 2
                if year in COVID_YEARS:
                    year += 1
                continue
            if base > self.reference:
                break
            talks.append(_Visit("", "talks", host, guest, base, self.rng.randint(1, 4)))
            turn += 1
            year += 2
        # the next talks: planned, partial date, in the following turn
        last = talks[-1].start.year if talks else self.first_year
        upcoming = _Visit(
            "",
            "talks",
            self.order[turn % 2],
            self.order[(turn + 1) % 2],
            dt.date(last + 2, 10, 1),
            3,
            status="planned",
            when=f"{last + 2}-Q4" if last + 2 == self.reference.year else str(last + 2),
            comment="Thời gian cụ thể hai bên sẽ thống nhất qua cơ quan đối ngoại",
        )
        if upcoming.when is not None and len(upcoming.when) == 4:
            upcoming.start = dt.date(last + 2, 1, 1)
        return [*talks, upcoming], postponed

    def other_visits(self, count: int) -> list[_Visit]:
        kinds = [kind for kind, _ in KINDS]
        weights = [weight for _, weight in KINDS]
        first = dt.date(self.first_year, 1, 1)
        last = self.reference + dt.timedelta(days=540)
        visits: list[_Visit] = []
        while len(visits) < count:
            start = self.random_day(first, last)
            if start.year in COVID_YEARS and self.rng.random() < 0.8:
                continue  # few visits in the COVID-19 years
            kind = self.rng.choices(kinds, weights)[0]
            host, guest = (
                (self.p.vn, self.p.la) if self.rng.random() < 0.5 else (self.p.la, self.p.vn)
            )
            visit = _Visit("", kind, host, guest, start, self.rng.choice((1, 1, 2, 2, 3, 4, 5)))
            r = self.rng.random()
            if start > self.reference:
                visit.status = "confirmed" if r < 0.35 else "planned"
                if visit.status == "planned" and self.rng.random() < 0.5:
                    visit.when = (
                        f"{start.year}-{start.month:02d}"
                        if self.rng.random() < 0.5
                        else f"{start.year}-Q{(start.month - 1) // 3 + 1}"
                    )
            elif r < 0.04:
                visit.status = "cancelled"
            elif r < 0.08:
                visit.status = "postponed"
            elif r < 0.082:
                visit.status = "planned"  # forgotten: still planned after its dates
            elif r < 0.11:
                visit.when = f"{start.year}-{start.month:02d}"  # held; only the month is known
            if self.rng.random() < 0.1:
                visit.formal = False
            visits.append(visit)
        return visits

    def assign_ids(self, visits: list[_Visit]) -> None:
        seen: dict[str, int] = {}
        for visit in visits:
            base = f"{visit.kind}-{visit.start.year}"
            seen[base] = seen.get(base, 0) + 1
            visit.id = base if visit.kind == "talks" and seen[base] == 1 else f"{base}-{seen[base]}"

    # --- agreements ------------------------------------------------------------------------

    def agreements(self, talks: list[_Visit]) -> None:
        rng = self.rng
        held = [t for t in talks if t.status == "held"]
        signed_a = dt.date(self.first_year, rng.randint(1, 12), rng.randint(1, 28))
        signed_b = dt.date(self.mid_year, rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.1:
            until_b = self.reference + dt.timedelta(days=100)  # expiring soon, no successor
        else:
            until_b = dt.date(self.reference.year + rng.randint(1, 4), 12, 31)
        years = max(1, self.reference.year - self.first_year)
        others = max(0, self.count - len(talks))
        exchange_rate = others * 0.2 / years + 1 / 2
        exchange_max = max(2, math.ceil(exchange_rate * 1.8))
        exchange_min = 1 if exchange_rate >= 1.5 else None
        training_max = max(2, math.ceil(others * 0.12 / years / 4 * 2))
        working_max = max(3, math.ceil(others * 0.3 / years / 12 * 3))

        first_after_a = next((t for t in held if t.start >= signed_a), None)
        upcoming = talks[-1]

        self.line("# " + "-" * 93)
        a = f"mou-{signed_a.year}"
        self.line(
            f"# Biên bản ghi nhớ ngày {signed_a.day:02d}/{signed_a.month:02d}/{signed_a.year}"
        )
        self.line("[[agreements]]")
        self.key("id", toml_string(a))
        self.key("title", toml_string(f"Memorandum of understanding of {signed_a:%d %B %Y}"))
        self.key("signed", signed_a.isoformat())
        self.key("valid_until", signed_b.isoformat())
        self.key("source", toml_string(f"Lưu trữ {self.p.org.vietnamese} tỉnh {self.p.vn.name}"))
        self.line()
        self.rule(
            "talks-rotate",
            a,
            "alternate",
            ["talks"],
            order=[o.slug for o in self.order],
            description="hai bên thống nhất luân phiên tổ chức Hội đàm",
        )
        self.rule(
            "talks-interval",
            a,
            "interval",
            ["talks"],
            max="P2Y",
            tolerance="P3M",
            description="Hội đàm 2 năm/lần (talks once every 2 years)",
        )
        if first_after_a is not None:
            self.rule(
                f"talks-{first_after_a.start.year}-in-{first_after_a.host.slug}",
                a,
                "commitment",
                ["talks"],
                host=first_after_a.host.slug,
                when=str(first_after_a.start.year),
                description=f"Hội đàm tiếp theo tổ chức tại tỉnh {first_after_a.host.vietnamese}",
            )
        self.rule(
            "working-visits-monthly",
            a,
            "quota",
            ["working-visit"],
            max=working_max,
            per="month",
            description="ເຮັດວຽກ ບໍ່ເກີນ ກຳນົດ (no more working visits a month than agreed)",
        )

        self.line("# " + "-" * 93)
        b = f"mou-{signed_b.year}"
        self.line(f"# ບົດບັນທຶກຄວາມເຂົ້າໃຈ {signed_b.day:02d}/{signed_b.month:02d}/{signed_b.year}")
        self.line("[[agreements]]")
        self.key("id", toml_string(b))
        self.key(
            "title",
            toml_string(f"Biên bản ghi nhớ {signed_b.year}–{until_b.year} (memorandum)"),
        )
        self.key("signed", signed_b.isoformat())
        self.key("valid_until", until_b.isoformat())
        self.line()
        self.rule(
            "talks-rotate",
            b,
            "alternate",
            ["talks"],
            description="Hai Bên thống nhất luân phiên tổ chức Hội đàm",
        )
        self.rule(
            "talks-interval",
            b,
            "interval",
            ["talks"],
            max="2y",
            tolerance="P3M",
            min="P6M",
            horizon="P120D",
            description="2 năm/lần; ngoài ra có thể thăm, làm việc không chính thức khi cần thiết",
        )
        self.rule(
            f"talks-{upcoming.start.year}-in-{upcoming.host.slug}",
            b,
            "commitment",
            ["talks"],
            host=upcoming.host.slug,
            when=str(upcoming.start.year),
            description=f"Hội đàm tiếp theo tổ chức tại tỉnh {upcoming.host.vietnamese} vào năm "
            f"{upcoming.start.year}; thời gian cụ thể sẽ thống nhất sau",
        )
        self.rule(
            "exchange-yearly",
            b,
            "quota",
            ["talks", "information-exchange"],
            min=exchange_min,
            max=exchange_max,
            per="year",
            description="các Ban trao đổi thông tin với nhau ít nhất năm 1 lần",
        )
        self.rule(
            "training-quarterly",
            b,
            "quota",
            ["training"],
            max=training_max,
            per="quarter",
            description="ຝຶກອົບຮົມ (training, at most a few sessions a quarter)",
        )

    def rule(
        self, name: str, agreement: str, kind: str, visits: list[str], **fields: object
    ) -> None:
        indent = "  "
        self.line(f"{indent}[[agreements.rules]]")
        self.key("id", toml_string(f"{name}-{agreement.removeprefix('mou-')}"), indent)
        self.key("kind", toml_string(kind), indent)
        self.key("visits", _toml_list(visits), indent)
        for key, value in fields.items():
            if value is None:
                continue
            if isinstance(value, list):
                self.key(key, _toml_list(value), indent)
            elif isinstance(value, int):
                self.key(key, str(value), indent)
            else:
                self.key(key, toml_string(str(value)), indent)
        self.line()

    # --- visits ----------------------------------------------------------------------------

    def visits(self, visits: list[_Visit]) -> None:
        self.line("# " + "=" * 93)
        self.line("# Các chuyến thăm (visits), theo thứ tự thời gian")
        year = None
        for visit in visits:
            if visit.start.year != year:
                year = visit.start.year
                self.line()
                self.line(f"# --- {year} " + "-" * 87)
            self.visit(visit)

    def visit(self, visit: _Visit) -> None:
        rng = self.rng
        if visit.comment:
            self.line(f"# {visit.comment}")
        elif rng.random() < 0.08:
            self.line(f"# Đoàn do Trưởng đoàn tỉnh {visit.guest.vietnamese} dẫn đầu")
        self.line("[[visits]]")
        self.key("id", toml_string(visit.id))
        self.key("kind", toml_string(visit.kind))
        if rng.random() < 0.9:
            self.key("title", toml_string(self.fill(rng.choice(TITLES[visit.kind]), visit)))
        self.key("host", toml_string(visit.host.slug))
        if rng.random() < 0.3:
            self.key("guests", _toml_list([visit.guest.slug]))
        if not visit.formal:
            self.key("formal", "false")
        if visit.status != "planned" or rng.random() < 0.5:
            self.key("status", toml_string(visit.status))
        if visit.when is not None:
            self.key("when", toml_string(visit.when))
        else:
            self.key("start", visit.start.isoformat())
            if visit.days > 1:
                end = visit.start + dt.timedelta(days=visit.days - 1)
                self.key("end", end.isoformat())
        if rng.random() < 0.8:
            place = visit.host.capital
            if visit.host.country == "LA" and rng.random() < 0.5:
                place = f"{visit.host.vietnamese}, Lào"
            self.key("place", toml_string(place))
        agenda_kind = rng.random()
        if agenda_kind < 0.5:
            items = rng.sample(AGENDA_ITEMS, rng.randint(2, 4))
            self.key("agenda", _toml_list([self.fill(item, visit) for item in items]))
        if visit.status == "held" and rng.random() < 0.4:
            outcome = self.fill(rng.choice(OUTCOMES), visit, next_year=visit.start.year + 1)
            self.key("outcome", toml_string(outcome))
        if rng.random() < 0.3:
            self.key(
                "source",
                toml_string(
                    f"Cổng thông tin điện tử tỉnh {self.p.vn.name}, tin ngày "
                    f"{visit.start.day:02d}/{visit.start.month:02d}/{visit.start.year}"
                ),
            )
        if 0.5 <= agenda_kind < 0.6:
            for day in range(1, min(visit.days, 2) + 1):
                for time in ("08:30", "14:00"):
                    self.line()
                    self.line("  [[visits.agenda]]")
                    self.key("item", toml_string(self.fill(rng.choice(AGENDA_ITEMS), visit)), "  ")
                    self.key("day", str(day), "  ")
                    self.key("time", toml_string(time), "  ")
                    if rng.random() < 0.7:
                        self.key("lead", toml_string(rng.choice(self.order).slug), "  ")
        if rng.random() < 0.85:
            self.participants(visit)
        self.line()

    def participants(self, visit: _Visit) -> None:
        rng = self.rng
        for province, size in ((visit.guest, rng.randint(2, 6)), (visit.host, rng.randint(1, 3))):
            pool = self.pools[province.slug][_term(visit.start)]
            seniors = [m for m in pool if m.rank == "senior"]
            others = [m for m in pool if m.rank != "senior"]
            if visit.kind in ("talks", "courtesy-call") or rng.random() < 0.05:
                chosen = [rng.choice(seniors), *rng.sample(others, size - 1)]
            else:
                chosen = rng.sample(others, size)
            for position, member in enumerate(chosen):
                person = member.person
                name = person.name
                if person.id is None and rng.random() < 0.1:
                    name = unicodedata.normalize("NFD", name)  # typed elsewhere, decomposed
                self.line()
                self.line("  [[visits.participants]]")
                self.key("name", toml_string(name), "  ")
                self.key("party", toml_string(province.slug), "  ")
                if rng.random() < 0.85:
                    self.key("title", toml_string(member.title), "  ")
                if position == 0:
                    self.key("role", toml_string("head"), "  ")
                elif member.rank == "staff":
                    self.key("role", toml_string("staff"), "  ")
                if person.id is not None:
                    self.key("id", toml_string(person.id), "  ")

    # --- actions and waivers ---------------------------------------------------------------

    def actions(self, visits: list[_Visit]) -> None:
        rng = self.rng
        self.line("# " + "=" * 93)
        self.line("# Việc cần làm sau các chuyến thăm (follow-ups)")
        number = 0
        for visit in visits:
            if visit.status != "held" or rng.random() >= 0.12:
                continue
            for _ in range(rng.randint(1, 2)):
                number += 1
                owner = rng.choice(self.order)
                other = self.p.la if owner is self.p.vn else self.p.vn
                due = visit.start + dt.timedelta(days=rng.randint(30, 365))
                if due < self.reference - dt.timedelta(days=365):
                    r = rng.random()
                    status = "done" if r < 0.85 else "dropped" if r < 0.95 else "open"
                else:
                    status = "open" if rng.random() < 0.5 else "done"
                text = self.fill(
                    rng.choice(ACTION_TEXTS), visit, other=other.vietnamese, year=due.year
                )
                self.line()
                self.line("[[actions]]")
                self.key("id", toml_string(f"action-{number}"))
                self.key("text", toml_string(text))
                self.key("owner", toml_string(owner.slug))
                self.key("visit", toml_string(visit.id))
                if rng.random() < 0.9:
                    self.key("due", due.isoformat())
                if status != "open" or rng.random() < 0.5:
                    self.key("status", toml_string(status))
        self.line()

    def waivers(self, visits: list[_Visit]) -> None:
        self.line("# " + "=" * 93)
        self.line("# Ngoại lệ đã thống nhất (agreed exceptions)")
        waivers: list[tuple[str, str, str, str | None, str]] = []
        a = f"{self.first_year}"
        b = f"{self.mid_year}"
        covid = "COVID-19: cross-border visits suspended (tạm dừng do dịch COVID-19)"
        for year in (a, b):
            waivers.append((f"talks-interval-{year}", "2020-01-01", "2022-12-31", None, covid))
        waivers.append((f"exchange-yearly-{b}", "2020-01-01", "2021-12-31", None, covid))
        if self.first_year < 2000:
            waivers.append(
                (
                    "double-booking",
                    f"{self.first_year}-01-01",
                    "1999-12-31",
                    None,
                    "Danh sách đoàn trước năm 2000 chưa đầy đủ (delegation lists before 2000 are "
                    "incomplete)",
                )
            )
        upcoming = next((v for v in visits if v.start > self.reference and v.when is None), None)
        if upcoming is not None:
            waivers.append(
                (
                    "holiday",
                    self.reference.isoformat(),
                    (self.reference + dt.timedelta(days=600)).isoformat(),
                    upcoming.id,
                    "ສອງຝ່າຍ ຕົກລົງ ແລ້ວ (both sides agreed to meet on the holiday)",
                )
            )
        for rule, start, until, visit_id, reason in waivers:
            self.line()
            self.line("[[waivers]]")
            self.key("rule", toml_string(rule))
            self.key("from", start)
            self.key("until", until)
            if visit_id is not None:
                self.key("visit", toml_string(visit_id))
            self.key("reason", toml_string(reason))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write realistic, seeded schedule files for benchmarks.",
    )
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--visits", type=int, default=1000, help="visits per file")
    args = parser.parse_args(argv)
    paths = generate(args.seed, args.files, args.visits, args.out_dir)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} files, {args.files * args.visits} visits, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
