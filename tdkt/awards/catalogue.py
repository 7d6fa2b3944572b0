"""The catalogue as the law sets it: seeded by a data migration, then editable by administrators.

Each entry: code, name (spelled as the law spells it), category, level, subject kind, issuing authority,
default type, physical item, legal basis, rank (smaller is higher), and cash multiples of the base
salary by subject kind, each with the date it applies from.
"""

from datetime import date

ND98 = date(2024, 1, 1)
ND152 = date(2025, 7, 1)

T, C = "title", "commendation"
UNIT, MIN, STATE = "co_so", "bo", "nha_nuoc"
IND, COL, BOTH = "individual", "collective", "both"
PRESIDENT = "Chủ tịch nước"
PM = "Thủ tướng Chính phủ"
MINISTER = "Bộ trưởng Bộ Tài chính"
HEAD = "Thủ trưởng cơ quan, đơn vị"

# (code, name, category, level, subject, issuer, type, item, basis, rank, {(subject, from): multiple})
ENTRIES = [
    ("AHLD", "Anh hùng Lao động", T, STATE, BOTH, PRESIDENT, "cong_trang", "Huy hiệu, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 67", 1, {(COL, ND152): 31}),
    ("HCSV", "Huân chương Sao vàng", C, STATE, BOTH, PRESIDENT, "cong_trang", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 35", 2, {(COL, ND152): 92}),
    ("HCHCM", "Huân chương Hồ Chí Minh", C, STATE, BOTH, PRESIDENT, "cong_trang", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 36", 3, {(COL, ND152): 61}),
    ("HCDL1", "Huân chương Độc lập hạng Nhất", C, STATE, BOTH, PRESIDENT, "cong_trang", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 37", 4, {(COL, ND152): 30}),
    ("HCDL2", "Huân chương Độc lập hạng Nhì", C, STATE, BOTH, PRESIDENT, "cong_trang", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 37", 5, {(COL, ND152): 25}),
    ("HCDL3", "Huân chương Độc lập hạng Ba", C, STATE, BOTH, PRESIDENT, "cong_trang", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 37", 6, {}),
    ("HCLD1", "Huân chương Lao động hạng Nhất", C, STATE, BOTH, PRESIDENT, "cong_trang", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 44", 10, {(COL, ND152): 18}),
    ("HCLD2", "Huân chương Lao động hạng Nhì", C, STATE, BOTH, PRESIDENT, "cong_trang", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 44", 11, {(COL, ND152): 15}),
    ("HCLD3", "Huân chương Lao động hạng Ba", C, STATE, BOTH, PRESIDENT, "cong_trang", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 44", 12, {(COL, ND152): 9}),
    ("HCCC1", "Huân chương Chiến công hạng Nhất", C, STATE, BOTH, PRESIDENT, "dot_xuat", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 40", 13, {(COL, ND152): 18}),
    ("HCCC2", "Huân chương Chiến công hạng Nhì", C, STATE, BOTH, PRESIDENT, "dot_xuat", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 40", 14, {(COL, ND152): 15}),
    ("HCCC3", "Huân chương Chiến công hạng Ba", C, STATE, BOTH, PRESIDENT, "dot_xuat", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 40", 15, {(COL, ND152): 9}),
    ("HCHN", "Huân chương Hữu nghị", C, STATE, BOTH, PRESIDENT, "doi_ngoai", "Huân chương, Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 50", 16, {}),
    ("CO_CP", "Cờ thi đua của Chính phủ", T, STATE, COL, PM, "cong_trang", "Cờ",
     "Luật Thi đua, khen thưởng 2022, Điều 25", 20, {(COL, ND98): 12}),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", T, STATE, IND, PM, "cong_trang", "Bằng, khung, huy hiệu, hộp",
     "Luật Thi đua, khen thưởng 2022, Điều 21", 21, {(IND, ND98): 4.5}),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", C, STATE, BOTH, PM, "cong_trang", "Bằng khen, khung",
     "Luật Thi đua, khen thưởng 2022, Điều 73", 22, {(COL, ND152): 7}),
    ("CO_BO", "Cờ thi đua của Bộ, ban, ngành, tỉnh", T, MIN, COL, MINISTER, "cong_trang", "Cờ",
     "Luật Thi đua, khen thưởng 2022, Điều 26", 30, {(COL, ND152): 8}),
    ("CSTD_BO", "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh", T, MIN, IND, MINISTER, "cong_trang",
     "Bằng, khung, huy hiệu, hộp", "Luật Thi đua, khen thưởng 2022, Điều 22", 31, {(IND, ND98): 3}),
    ("BK_BO", "Bằng khen của Bộ, ban, ngành, tỉnh", C, MIN, BOTH, MINISTER, "cong_trang", "Bằng khen, khung",
     "Luật Thi đua, khen thưởng 2022, Điều 74", 32, {(COL, ND152): 3}),
    ("KNC_TC", "Kỷ niệm chương Vì sự nghiệp Tài chính Việt Nam", C, MIN, IND, MINISTER, "ky_niem",
     "Kỷ niệm chương, Giấy chứng nhận", "Luật Thi đua, khen thưởng 2022, Điều 71; Thông tư 79/2023/TT-BTC", 33, {}),
    ("TTLDXS", "Tập thể lao động xuất sắc", T, MIN, COL, MINISTER, "cong_trang", "Bằng",
     "Luật Thi đua, khen thưởng 2022, Điều 27", 40, {(COL, ND98): 1.5}),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", T, UNIT, IND, HEAD, "cong_trang", "Giấy chứng nhận, khung",
     "Luật Thi đua, khen thưởng 2022, Điều 23", 41, {(IND, ND98): 1}),
    ("GK", "Giấy khen", C, UNIT, BOTH, HEAD, "cong_trang", "Giấy khen, khung",
     "Luật Thi đua, khen thưởng 2022, Điều 75", 42, {(COL, ND152): 0.6}),
    ("TTLDTT", "Tập thể lao động tiên tiến", T, UNIT, COL, HEAD, "cong_trang", "Giấy chứng nhận",
     "Luật Thi đua, khen thưởng 2022, Điều 28", 50, {(COL, ND98): 0.8}),
    ("LDTT", "Lao động tiên tiến", T, UNIT, IND, HEAD, "cong_trang", "",
     "Luật Thi đua, khen thưởng 2022, Điều 24", 51, {(IND, ND98): 0.3}),
]

# (amount in đồng, from, basis)
BASE_SALARIES = [
    (1_490_000, date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
    (2_530_000, date(2026, 7, 1), "Nghị định 161/2026/NĐ-CP"),
]


def seed(apps=None) -> None:
    """Create missing catalogue entries, cash multiples and base salaries; never overwrite edits."""
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    AwardKind = apps.get_model("awards", "AwardKind")
    CashMultiple = apps.get_model("awards", "CashMultiple")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for code, name, category, level, subject, issuer, kind, item, basis, rank, multiples in ENTRIES:
        entry, _ = AwardKind.objects.get_or_create(code=code, defaults=dict(
            name=name, category=category, level=level, subject_kind=subject, issuer=issuer, default_type=kind,
            physical_item=item, legal_basis=basis, rank=rank))
        for (who, since), multiple in multiples.items():
            CashMultiple.objects.get_or_create(award_kind=entry, subject_kind=who, valid_from=since,
                                               defaults={"multiple": multiple,
                                                         "basis": "Nghị định 152/2025/NĐ-CP" if since == ND152
                                                         else "Nghị định 98/2023/NĐ-CP"})
    for amount, since, basis in BASE_SALARIES:
        BaseSalary.objects.get_or_create(valid_from=since, defaults={"amount": amount, "basis": basis})
