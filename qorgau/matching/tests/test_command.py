"""``qorgau match`` on bad input: exit 2, a message naming file, row and column, no output."""

import pytest

from qorgau.config.cli import main

HEADER = "id,family_name,given_name,date_of_birth\n"


def run(tmp_path, *files):
    out = tmp_path / "pairs.csv"
    with pytest.raises(SystemExit) as exit_info:
        main(["qorgau", "match", *map(str, files), "--out", str(out)])
    return exit_info.value.code, out


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("family_name,given_name\nИванов,Иван\n", "row 1, column 'id': no 'id' column"),
        (HEADER + "1,Ким,Ольга,1990\n1,Пак,Анна,1991\n", "row 3, column 'id': duplicate id '1'"),
        (HEADER + "1,Ким,Ольга,1990\n,Пак,Анна,1991\n", "row 3, column 'id': empty id"),
        ("", "the file is empty"),
        (HEADER, "no records after the header"),
        (HEADER + "1,Ким,Ольга,03/07/1990\n", "row 2, column 'date_of_birth': unknown date"),
        (HEADER + "1,Ким,Ольга,31/02/1990\n", "row 2, column 'date_of_birth': unknown date"),
        (
            HEADER.encode()
            + "1,Ким,Ольга,1990\n2,".encode()
            + "Пак".encode("cp1251")
            + b",A,1991\n",
            "row 3, column 'family_name': byte 0xcf is not UTF-8",
        ),
    ],
)
def test_it_refuses_bad_input(tmp_path, capsys, data, expected):
    left = write(tmp_path, "left.csv", data)
    code, out = run(tmp_path, left)
    assert code == 2
    error = capsys.readouterr().err
    assert str(left) in error
    assert expected in error
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [left]


def test_it_names_the_right_file_when_that_one_is_bad(tmp_path, capsys):
    left = write(tmp_path, "left.csv", HEADER + "1,Ким,Ольга,1990\n")
    right = write(tmp_path, "right.csv", "name\nx\n")
    code, out = run(tmp_path, left, right)
    assert code == 2
    assert f"{right}, row 1, column 'id'" in capsys.readouterr().err
    assert not out.exists()


def test_it_reads_a_byte_order_mark_and_ignores_unknown_columns(tmp_path):
    from qorgau.matching.records import read_csv

    path = write(tmp_path, "l.csv", "\ufeffID , Family_Name,colour\n7,Ким,red\n")
    assert read_csv(path)[0]["id"] == "7"
    assert read_csv(path)[0]["family_name"] == "Ким"


def test_it_compares_impossible_dates_as_missing_and_reports_them(tmp_path, capsys):
    left = write(
        tmp_path,
        "left.csv",
        HEADER + "1,Ким,Ольга,30.02.1973\n2,Пак,Анна,1899\n3,Ли,Мария,01.01.2999\n4,Ан,Юлия,1990\n",
    )
    right = write(tmp_path, "right.csv", HEADER + "9,Kim,Olga,30.02.1973\n8,Pak,Anna,1991\n")
    out = tmp_path / "pairs.csv"
    main(["qorgau", "match", str(left), str(right), "--out", str(out)])
    summary = capsys.readouterr().out
    assert "4 dates of birth that cannot be one were compared as missing:" in summary
    assert f"{left}, row 2, column 'date_of_birth': '30.02.1973' (not a day of the calendar)" in (
        summary
    )
    assert f"{left}, row 3, column 'date_of_birth': '1899' (before 1900)" in summary
    assert f"{left}, row 4, column 'date_of_birth': '01.01.2999' (in the future)" in summary
    assert f"{right}, row 2, column 'date_of_birth': '30.02.1973'" in summary
    assert out.exists()


def test_it_names_only_the_first_impossible_dates(tmp_path, capsys):
    rows = "".join(f"{n},Ким,Ольга,31.04.19{n:02d}\n" for n in range(10, 20))
    left = write(tmp_path, "left.csv", HEADER + rows)
    main(["qorgau", "match", str(left), "--out", str(tmp_path / "pairs.csv")])
    summary = capsys.readouterr().out
    assert "10 dates of birth that cannot be one were compared as missing, first:" in summary
    assert summary.count("(not a day of the calendar)") == 5
