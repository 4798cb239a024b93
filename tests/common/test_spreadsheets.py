"""CSV files that Excel in Japan opens safely (mishima_kyoso.common.spreadsheets)."""

from urllib.parse import quote

from mishima_kyoso.common.spreadsheets import csv_response, safe_filename_part, spreadsheet_safe


def test_a_cell_that_would_run_as_a_formula_is_kept_as_text():
    assert [spreadsheet_safe(cell) for cell in ("=SUM(A1)", "+1", "-1", "@A", "三島", 3, None)] == [
        "'=SUM(A1)",
        "'+1",
        "'-1",
        "'@A",
        "三島",
        3,
        "",
    ]


def test_a_csv_download_has_a_bom_crlf_safe_cells_and_both_file_names():
    response = csv_response(
        ["番号", "題名"],
        [[1, '=HYPERLINK("http://example.com")'], [2, "公共施設の予約"]],
        filename="results-1.csv",
        local_filename="評価結果_1.csv",
    )

    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff番号,題名\r\n")
    assert body.split("\r\n")[1] == '1,"\'=HYPERLINK(""http://example.com"")"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="results-1.csv"; '
        f"filename*=UTF-8''{quote('評価結果_1.csv', safe='')}"
    )


def test_a_csv_download_without_a_local_name_gives_the_ascii_one_only():
    response = csv_response(["a"], [], filename="themes.csv")

    assert response["Content-Disposition"] == 'attachment; filename="themes.csv"'


def test_a_title_loses_the_characters_file_systems_refuse():
    assert safe_filename_part(' 駅前/広場:活用?"案". ') == "駅前_広場_活用_案"
