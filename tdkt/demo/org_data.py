"""The demo organisation of Vietnam Customs, as data (no database access here).

Unit names and figures come from the seed press articles (Cục Hải quan Lạng Sơn with about 400 staff in
18 units, Quảng Ninh with 7 Chi cục, the collectives awarded in 2016–2020 …) and from the 1 March 2025
restructuring (QĐ 382/QĐ-BTC: Tổng cục Hải quan → Cục Hải quan; 20 Chi cục Hải quan khu vực I–XX;
Hải quan cửa khẩu/ngoài cửa khẩu below them). Codes are plausible, not official: provincial departments
use the two-digit customs province number (``HQ15`` Lạng Sơn), their Chi cục ``HQ15B1`` …, teams
``HQ15B1-D1`` …, the regional units ``HQKV06`` … and the border offices ``HQKV06-01`` ….
"""

from dataclasses import dataclass, field
from datetime import date

from tdkt.org.models import UnitKind as K

RESTRUCTURE_DAY = date(2025, 3, 1)
RESTRUCTURE_DECISION = "382/QĐ-BTC"
POST_MOVE_DAY = date(2025, 7, 1)

MINISTRY = ("BTC", "Bộ Tài chính", "BTC", date(1945, 8, 28))
GENERAL_DEPARTMENT = ("HQ", "Tổng cục Hải quan", "TCHQ", date(1984, 10, 20))
GENERAL_DEPARTMENT_JOINS_MINISTRY = (date(2003, 1, 1), "96/2002/NĐ-CP")
GENERAL_DEPARTMENT_NEW_NAME = ("Cục Hải quan", "CHQ")

# --- positions -----------------------------------------------------------------------------------------

# (code, name, grade, is_leadership). Codes follow the eligibility engine where it names them.
POSITIONS = [
    ("tong_cuc_truong", "Tổng cục trưởng", 100, True),
    ("pho_tong_cuc_truong", "Phó Tổng cục trưởng", 90, True),
    ("cuc_truong", "Cục trưởng, Vụ trưởng và tương đương", 80, True),
    ("pho_cuc_truong", "Phó Cục trưởng, Phó Vụ trưởng và tương đương", 70, True),
    ("truong_ban", "Trưởng ban", 80, True),
    ("pho_truong_ban", "Phó Trưởng ban", 70, True),
    ("chi_cuc_truong", "Chi cục trưởng", 60, True),
    ("pho_chi_cuc_truong", "Phó Chi cục trưởng", 50, True),
    ("truong_hai_quan", "Trưởng Hải quan cửa khẩu, ngoài cửa khẩu", 55, True),
    ("pho_truong_hai_quan", "Phó Trưởng Hải quan cửa khẩu, ngoài cửa khẩu", 45, True),
    ("truong_phong", "Trưởng phòng", 40, True),
    ("pho_truong_phong", "Phó Trưởng phòng", 30, True),
    ("doi_truong", "Đội trưởng", 40, True),
    ("pho_doi_truong", "Phó Đội trưởng", 30, True),
    ("cong_chuc", "Công chức", 10, False),
    ("nhan_vien", "Nhân viên", 5, False),
]

# Head and deputy posts by unit kind (before 2025).
HEAD_OF = {
    K.GENERAL_DEPARTMENT: ("tong_cuc_truong", "pho_tong_cuc_truong"),
    K.DEPARTMENT: ("cuc_truong", "pho_cuc_truong"),
    K.STAFF_BODY: ("cuc_truong", "pho_cuc_truong"),
    K.OTHER: ("cuc_truong", "pho_cuc_truong"),
    K.SUB_DEPARTMENT: ("chi_cuc_truong", "pho_chi_cuc_truong"),
    K.BORDER_OFFICE: ("truong_hai_quan", "pho_truong_hai_quan"),
    K.OFFICE: ("truong_phong", "pho_truong_phong"),
    K.TEAM: ("doi_truong", "pho_doi_truong"),
}

# --- central units -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Central:
    code: str
    name: str
    kind: str
    since: date
    new_name: str | None = None  # renamed on 1 March 2025
    new_posts: tuple[str, str] | None = None  # head/deputy posts after the rename
    weight: int = 12  # relative share of staff
    children: tuple[tuple[str, str, str, int], ...] = ()  # (code suffix, name, kind, weight)


_TO_BAN = ("truong_ban", "pho_truong_ban")
_TO_CHI_CUC = ("chi_cuc_truong", "pho_chi_cuc_truong")

CENTRAL = [
    Central(
        "HQ-VP",
        "Văn phòng",
        K.STAFF_BODY,
        date(1984, 10, 20),
        weight=10,
        children=(("P1", "Phòng Thi đua – Khen thưởng", K.OFFICE, 6), ("P2", "Phòng Tổng hợp", K.OFFICE, 6)),
    ),
    Central(
        "HQ-TCCB", "Vụ Tổ chức cán bộ", K.STAFF_BODY, date(1984, 10, 20), "Ban Tổ chức cán bộ", _TO_BAN, 14
    ),
    Central("HQ-PC", "Vụ Pháp chế", K.STAFF_BODY, date(2003, 1, 1), "Ban Pháp chế", _TO_BAN, 8),
    Central("HQ-TTR", "Thanh tra", K.STAFF_BODY, date(1990, 1, 1), "Ban Thanh tra – Kiểm tra", _TO_BAN, 8),
    Central(
        "HQ-TVQT",
        "Cục Tài vụ – Quản trị",
        K.DEPARTMENT,
        date(1990, 1, 1),
        "Ban Tài vụ – Quản trị",
        _TO_BAN,
        10,
    ),
    Central(
        "HQ-GSQL",
        "Cục Giám sát quản lý về hải quan",
        K.DEPARTMENT,
        date(2003, 1, 1),
        "Ban Giám sát quản lý về hải quan",
        _TO_BAN,
        12,
    ),
    Central(
        "HQ-TXNK",
        "Cục Thuế xuất nhập khẩu",
        K.DEPARTMENT,
        date(2010, 1, 1),
        "Ban Nghiệp vụ thuế hải quan",
        _TO_BAN,
        12,
    ),
    Central(
        "HQ-QLRR", "Cục Quản lý rủi ro", K.DEPARTMENT, date(2010, 1, 1), "Ban Quản lý rủi ro", _TO_BAN, 10
    ),
    Central(
        "HQ-CNTT",
        "Cục Công nghệ thông tin và Thống kê hải quan",
        K.DEPARTMENT,
        date(2003, 1, 1),
        "Ban Công nghệ thông tin và Thống kê hải quan",
        _TO_BAN,
        12,
    ),
    Central(
        "HQ-KDHQ",
        "Cục Kiểm định Hải quan",
        K.DEPARTMENT,
        date(2008, 1, 1),
        "Chi cục Kiểm định hải quan",
        _TO_CHI_CUC,
        8,
    ),
    Central(
        "HQ-DTCBL",
        "Cục Điều tra chống buôn lậu",
        K.DEPARTMENT,
        date(1990, 1, 1),
        "Chi cục Điều tra chống buôn lậu",
        _TO_CHI_CUC,
        6,
        children=(
            ("D1", "Đội Kiểm soát chống buôn lậu khu vực miền Bắc", K.TEAM, 10),
            ("D2", "Đội Kiểm soát chống buôn lậu khu vực miền Trung", K.TEAM, 8),
            ("D3", "Đội Kiểm soát chống buôn lậu khu vực miền Nam", K.TEAM, 10),
            ("D4", "Đội Kiểm soát phòng, chống ma túy", K.TEAM, 8),
        ),
    ),
    Central(
        "HQ-KTSTQ",
        "Cục Kiểm tra sau thông quan",
        K.DEPARTMENT,
        date(2006, 1, 1),
        "Chi cục Kiểm tra sau thông quan",
        _TO_CHI_CUC,
        12,
    ),
    Central("HQ-BAO", "Báo Hải quan", K.OTHER, date(1990, 1, 1), weight=8),
]

# --- provincial departments ----------------------------------------------------------------------------

OFFICES = (
    "Văn phòng",
    "Phòng Tổ chức cán bộ",
    "Phòng Nghiệp vụ",
    "Phòng Tài vụ – Quản trị",
    "Phòng Thanh tra",
    "Phòng Quản lý rủi ro",
    "Đội Kiểm soát Hải quan",
)
SMALL_OFFICES = ("Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Nghiệp vụ", "Đội Kiểm soát Hải quan")
TEAMS = ("Đội Thủ tục hàng hóa xuất nhập khẩu", "Đội Kiểm soát Hải quan", "Đội Tổng hợp")
SMALL_TEAMS = ("Đội Nghiệp vụ", "Đội Tổng hợp")


@dataclass(frozen=True)
class Sub:
    suffix: str  # code suffix under the province: B1, B2 …
    name: str
    teams: tuple[str, ...] = TEAMS
    successor: str | None = None  # name of the 2025 unit; None: "Chi cục Hải quan X" → "Hải quan X"
    successor_kind: str = K.BORDER_OFFICE


@dataclass(frozen=True)
class Province:
    number: str  # customs province number, e.g. "15"
    name: str
    since: date
    region: int  # Chi cục Hải quan khu vực (1–20) it joined on 1 March 2025
    staff: int  # staff at the default size (about 3,000 people in all)
    subs: tuple[Sub, ...]
    offices: tuple[str, ...] = OFFICES
    names: str = "north"  # family-name distribution: north, south, mountain

    @property
    def code(self) -> str:
        return f"HQ{self.number}"


KTSTQ = Sub(
    "KT",
    "Chi cục Kiểm tra sau thông quan",
    teams=(),
    successor="Đội Kiểm tra sau thông quan",
    successor_kind=K.TEAM,
)

PROVINCES = [
    Province(
        "15",
        "Cục Hải quan Lạng Sơn",
        date(1985, 1, 1),
        6,
        400,
        names="mountain",
        offices=(
            "Văn phòng",
            "Phòng Tổ chức cán bộ",
            "Phòng Nghiệp vụ",
            "Phòng Tài vụ – Quản trị",
            "Phòng Thanh tra",
            "Phòng Quản lý rủi ro",
            "Phòng Chống buôn lậu và Xử lý vi phạm",
            "Đội Kiểm soát Hải quan",
            "Đội Kiểm soát phòng, chống ma túy",
        ),
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu quốc tế Hữu Nghị"),
            Sub("B2", "Chi cục Hải quan cửa khẩu Tân Thanh"),
            Sub(
                "B3",
                "Chi cục Hải quan cửa khẩu Cốc Nam",
                SMALL_TEAMS,
                successor="Hải quan cửa khẩu Tân Thanh",
            ),
            Sub("B4", "Chi cục Hải quan cửa khẩu Chi Ma"),
            Sub("B5", "Chi cục Hải quan ga đường sắt quốc tế Đồng Đăng"),
            Sub("B6", "Chi cục Hải quan cửa khẩu Bình Nghi", SMALL_TEAMS),
            Sub(
                "B7",
                "Chi cục Hải quan cửa khẩu Na Hình",
                SMALL_TEAMS,
                successor="Hải quan cửa khẩu Bình Nghi",
            ),
            Sub("B8", "Chi cục Hải quan Quản lý hàng đầu tư – gia công", SMALL_TEAMS),
            KTSTQ,
        ),
    ),
    Province(
        "01",
        "Cục Hải quan Hà Nội",
        date(1985, 1, 1),
        1,
        360,
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu sân bay quốc tế Nội Bài"),
            Sub("B2", "Chi cục Hải quan Bắc Hà Nội"),
            Sub("B3", "Chi cục Hải quan Gia Thụy", SMALL_TEAMS),
            Sub("B4", "Chi cục Hải quan Bưu điện thành phố Hà Nội", SMALL_TEAMS),
            Sub("B5", "Chi cục Hải quan Vĩnh Phúc", SMALL_TEAMS),
            Sub("B6", "Chi cục Hải quan Phú Thọ", SMALL_TEAMS),
            Sub("B7", "Chi cục Hải quan Yên Bái", SMALL_TEAMS),
            KTSTQ,
        ),
    ),
    Province(
        "02",
        "Cục Hải quan TP. Hồ Chí Minh",
        date(1985, 1, 1),
        2,
        560,
        names="south",
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu sân bay quốc tế Tân Sơn Nhất"),
            Sub("B2", "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I"),
            Sub("B3", "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực II"),
            Sub(
                "B4",
                "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực III",
                SMALL_TEAMS,
                successor="Hải quan cửa khẩu cảng Sài Gòn khu vực II",
            ),
            Sub("B5", "Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực IV"),
            Sub("B6", "Chi cục Hải quan chuyển phát nhanh"),
            Sub("B7", "Chi cục Hải quan khu chế xuất Tân Thuận", SMALL_TEAMS),
            KTSTQ,
        ),
    ),
    Province(
        "03",
        "Cục Hải quan Hải Phòng",
        date(1985, 1, 1),
        3,
        300,
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực I"),
            Sub("B2", "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực II"),
            Sub("B3", "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực III"),
            Sub("B4", "Chi cục Hải quan cửa khẩu cảng Đình Vũ"),
            Sub("B5", "Chi cục Hải quan quản lý hàng đầu tư", SMALL_TEAMS),
            KTSTQ,
        ),
    ),
    Province(
        "20",
        "Cục Hải quan Quảng Ninh",
        date(1985, 1, 1),
        8,
        260,
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu quốc tế Móng Cái"),
            Sub("B2", "Chi cục Hải quan cửa khẩu Hoành Mô", SMALL_TEAMS),
            Sub("B3", "Chi cục Hải quan cửa khẩu Bắc Phong Sinh", SMALL_TEAMS),
            Sub("B4", "Chi cục Hải quan cửa khẩu cảng Cái Lân"),
            Sub(
                "B5",
                "Chi cục Hải quan cửa khẩu cảng Hòn Gai",
                SMALL_TEAMS,
                successor="Hải quan cửa khẩu cảng Cái Lân",
            ),
            Sub("B6", "Chi cục Hải quan cửa khẩu cảng Cẩm Phả"),
            Sub("B7", "Chi cục Hải quan cửa khẩu cảng Vạn Gia", SMALL_TEAMS),
        ),
    ),
    Province(
        "31",
        "Cục Hải quan Quảng Bình",
        date(1990, 1, 1),
        9,
        110,
        offices=SMALL_OFFICES,
        names="central",
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu quốc tế Cha Lo", SMALL_TEAMS),
            Sub("B2", "Chi cục Hải quan cửa khẩu cảng Hòn La", SMALL_TEAMS),
            Sub("B3", "Chi cục Hải quan cửa khẩu Cà Roòng", SMALL_TEAMS),
        ),
    ),
    Province(
        "32",
        "Cục Hải quan Quảng Trị",
        date(1990, 1, 1),
        9,
        110,
        offices=SMALL_OFFICES,
        names="central",
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu quốc tế Lao Bảo", SMALL_TEAMS),
            Sub("B2", "Chi cục Hải quan cửa khẩu La Lay", SMALL_TEAMS),
            Sub("B3", "Chi cục Hải quan cửa khẩu cảng Cửa Việt", SMALL_TEAMS),
        ),
    ),
    Province(
        "34",
        "Cục Hải quan Đà Nẵng",
        date(1997, 1, 1),
        12,
        170,
        names="central",
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu sân bay quốc tế Đà Nẵng"),
            Sub("B2", "Chi cục Hải quan cửa khẩu cảng Đà Nẵng"),
            Sub("B3", "Chi cục Hải quan khu công nghiệp Hòa Khánh – Liên Chiểu", SMALL_TEAMS),
            Sub("B4", "Chi cục Hải quan quản lý hàng đầu tư – gia công", SMALL_TEAMS),
        ),
    ),
    Province(
        "13",
        "Cục Hải quan Lào Cai",
        date(1991, 10, 1),
        7,
        150,
        names="mountain",
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu quốc tế Lào Cai"),
            Sub("B2", "Chi cục Hải quan cửa khẩu ga đường sắt quốc tế Lào Cai", SMALL_TEAMS),
            Sub("B3", "Chi cục Hải quan cửa khẩu Mường Khương", SMALL_TEAMS),
            Sub("B4", "Chi cục Hải quan cửa khẩu Bát Xát", SMALL_TEAMS),
        ),
    ),
    Province(
        "51",
        "Cục Hải quan Bà Rịa – Vũng Tàu",
        date(1991, 10, 1),
        15,
        220,
        names="south",
        subs=(
            Sub("B1", "Chi cục Hải quan cửa khẩu cảng Cái Mép"),
            Sub("B2", "Chi cục Hải quan cửa khẩu cảng Phú Mỹ"),
            Sub("B3", "Chi cục Hải quan cửa khẩu cảng Cát Lở", SMALL_TEAMS),
            Sub("B4", "Chi cục Hải quan Côn Đảo", SMALL_TEAMS),
            KTSTQ,
        ),
    ),
    Province(
        "43",
        "Cục Hải quan Bình Dương",
        date(1997, 1, 1),
        16,
        260,
        names="south",
        subs=(
            Sub("B1", "Chi cục Hải quan Sóng Thần"),
            Sub("B2", "Chi cục Hải quan Mỹ Phước"),
            Sub("B3", "Chi cục Hải quan khu công nghiệp Việt Nam – Singapore"),
            Sub("B4", "Chi cục Hải quan quản lý hàng xuất nhập khẩu ngoài khu công nghiệp", SMALL_TEAMS),
            KTSTQ,
        ),
    ),
]

ROMAN = [
    "",
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
]


def region_code(number: int) -> str:
    return f"HQKV{number:02d}"


def region_name(number: int) -> str:
    return f"Chi cục Hải quan khu vực {ROMAN[number]}"


CENTRAL_STAFF = 380  # people in the central units at the default size
DEFAULT_PEOPLE = 3000

# --- names ---------------------------------------------------------------------------------------------

# Family names with weights (per mille), after the usual Vietnamese surname surveys; "south" swaps part of
# Hoàng/Vũ for Huỳnh/Võ, "mountain" (Lạng Sơn, Lào Cai) adds Tày and Nùng family names.
FAMILY_NAMES = {
    "north": [
        ("Nguyễn", 380),
        ("Trần", 110),
        ("Lê", 95),
        ("Phạm", 70),
        ("Hoàng", 50),
        ("Phan", 30),
        ("Vũ", 40),
        ("Đặng", 21),
        ("Bùi", 20),
        ("Đỗ", 18),
        ("Hồ", 8),
        ("Ngô", 13),
        ("Dương", 10),
        ("Lý", 5),
        ("Đinh", 12),
        ("Trịnh", 9),
        ("Mai", 6),
        ("Đào", 8),
        ("Lương", 6),
        ("Cao", 5),
        ("Lưu", 5),
        ("Tạ", 4),
        ("Hà", 6),
        ("Chu", 4),
        ("Nghiêm", 2),
        ("Kiều", 2),
        ("Khổng", 1),
    ],
    "central": [
        ("Nguyễn", 380),
        ("Trần", 110),
        ("Lê", 110),
        ("Phạm", 60),
        ("Hoàng", 40),
        ("Phan", 45),
        ("Võ", 35),
        ("Đặng", 20),
        ("Bùi", 15),
        ("Đỗ", 12),
        ("Hồ", 25),
        ("Ngô", 12),
        ("Dương", 8),
        ("Lý", 4),
        ("Đinh", 8),
        ("Trương", 10),
        ("Mai", 6),
        ("Đoàn", 6),
        ("Tôn", 2),
        ("Hà", 4),
    ],
    "south": [
        ("Nguyễn", 380),
        ("Trần", 110),
        ("Lê", 95),
        ("Phạm", 60),
        ("Huỳnh", 45),
        ("Phan", 30),
        ("Võ", 45),
        ("Đặng", 20),
        ("Bùi", 12),
        ("Đỗ", 12),
        ("Hồ", 15),
        ("Ngô", 12),
        ("Dương", 10),
        ("Lý", 10),
        ("Trương", 12),
        ("Lâm", 8),
        ("Châu", 5),
        ("Tô", 4),
        ("Thái", 4),
        ("Đinh", 5),
    ],
    "mountain": [
        ("Nguyễn", 300),
        ("Hoàng", 90),
        ("Trần", 80),
        ("Lê", 60),
        ("Phạm", 40),
        ("Vũ", 25),
        ("Đặng", 20),
        ("Nông", 40),
        ("Lương", 25),
        ("Vi", 15),
        ("Lộc", 15),
        ("Triệu", 15),
        ("Hà", 15),
        ("Đỗ", 15),
        ("Bùi", 15),
        ("Ngô", 10),
        ("Lý", 10),
        ("Mã", 6),
        ("Lành", 5),
        ("Dương", 10),
        ("Đinh", 10),
        ("Chu", 6),
    ],
}

MIDDLE_MALE = [
    ("Văn", 300),
    ("Đức", 90),
    ("Minh", 90),
    ("Quốc", 60),
    ("Hữu", 60),
    ("Công", 50),
    ("Xuân", 40),
    ("Thanh", 50),
    ("Quang", 50),
    ("Mạnh", 30),
    ("Tuấn", 25),
    ("Trọng", 30),
    ("Ngọc", 30),
    ("Duy", 30),
    ("Hoàng", 25),
    ("Tiến", 25),
    ("Việt", 25),
    ("Anh", 20),
    ("Đình", 30),
    ("Bá", 10),
    ("Thế", 20),
    ("Kim", 5),
]
# "Thị" is much more common among staff born before 1985.
MIDDLE_FEMALE = [
    ("Thị", 350),
    ("Thu", 60),
    ("Ngọc", 60),
    ("Thanh", 50),
    ("Minh", 40),
    ("Hồng", 40),
    ("Phương", 25),
    ("Thúy", 20),
    ("Mai", 20),
    ("Kim", 25),
    ("Bích", 15),
    ("Diệu", 10),
    ("Hải", 15),
    ("Khánh", 15),
    ("Thùy", 20),
    ("Lan", 10),
    ("Hà", 10),
]
MIDDLE_FEMALE_EXTRA = ["Thị Thu", "Thị Hồng", "Thị Minh", "Thị Thanh", "Thị Ngọc"]
GIVEN_MALE = [
    "An",
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Đức",
    "Định",
    "Đông",
    "Hải",
    "Hiếu",
    "Hiển",
    "Hòa",
    "Hoàng",
    "Hùng",
    "Hưng",
    "Huy",
    "Khánh",
    "Khoa",
    "Kiên",
    "Lâm",
    "Long",
    "Lộc",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Thịnh",
    "Toàn",
    "Trung",
    "Tú",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
    "Hậu",
    "Khải",
    "Lực",
    "Chiến",
    "Thuận",
    "Trường",
    "Hoan",
    "Tâm",
    "Đăng",
    "Điệp",
]
GIVEN_FEMALE = [
    "Anh",
    "Bích",
    "Chi",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Huệ",
    "Hương",
    "Huyền",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
    "Uyên",
    "Thư",
    "Lụa",
    "Đào",
    "Diệp",
    "Nhàn",
    "Thoa",
    "Xuân",
    "Hậu",
]


@dataclass(frozen=True)
class NamedPerson:
    """A person the demo always contains, at a fixed place (for browser tests and searching)."""

    staff_code: str
    family: str
    middle: str
    given: str
    gender: str
    born: date
    # ((unit code, position code, from), …) in order; the last one is current.
    history: tuple[tuple[str, str, date], ...] = field(default=())


NAMED_PEOPLE = [
    NamedPerson(
        "HQ000001",
        "Nguyễn",
        "Văn",
        "An",
        "nam",
        date(1985, 4, 12),
        (
            ("HQ15B2", "cong_chuc", date(2009, 9, 1)),
            ("HQ15B2-D1", "cong_chuc", date(2012, 1, 1)),
            ("HQ15", "cong_chuc", date(2018, 3, 1)),
        ),
    ),
    NamedPerson(
        "HQ000002",
        "Đỗ",
        "Đức",
        "Thắng",
        "nam",
        date(1979, 11, 3),
        (
            ("HQ15-D1", "cong_chuc", date(2004, 7, 1)),
            ("HQ15-D1", "pho_doi_truong", date(2016, 1, 1)),
        ),
    ),
    NamedPerson(
        "HQ000003",
        "Đặng",
        "Thị Thu",
        "Hà",
        "nu",
        date(1988, 2, 20),
        (("HQ02B1-D1", "cong_chuc", date(2013, 10, 1)),),
    ),
    NamedPerson(
        "HQ000004",
        "Đinh",
        "Văn",
        "Đạt",
        "nam",
        date(1983, 6, 15),
        (("HQ-VP-P1", "cong_chuc", date(2008, 3, 1)),),
    ),
]
