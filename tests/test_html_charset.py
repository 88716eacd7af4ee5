"""A saved or piped web page is read in the charset it declares (issue 8, point 6): its
byte-order mark, else the HTTP header, else its meta tag, else UTF-8. Every page here is
invented, and written by the test in the encoding it names."""

from __future__ import annotations

from reader.importing import import_source

POLISH = ("Łódź buduje most", "Władze Łodzi ogłosiły w czwartek, że źródła finansowania "
          "budowy mostu nad rzeką zostaną wkrótce ujawnione przez zarząd portu.")
RUSSIAN = ("Порт углубит фарватер", "Совет порта в четверг проголосовал за углубление "
           "фарватера на два метра, а критики назвали эту цифру догадкой.")


def page(title: str, paragraph: str, head: str) -> str:
    return (f"<html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{paragraph}</p><p>{paragraph}</p></article></body></html>")


def test_a_saved_page_in_iso_8859_2_reads_as_polish(tmp_path):
    path = tmp_path / "lodz.html"
    path.write_bytes(page(*POLISH, '<meta charset="iso-8859-2">').encode("iso-8859-2"))
    article = import_source(str(path))
    assert article.title == POLISH[0]
    assert POLISH[1] in article.body


def test_a_page_declaring_windows_1251_in_http_equiv_reads_as_russian(tmp_path):
    path = tmp_path / "port.html"
    head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    path.write_bytes(page(*RUSSIAN, head).encode("cp1251"))
    article = import_source(str(path))
    assert article.title == RUSSIAN[0]
    assert RUSSIAN[1] in article.body


def test_a_page_saved_as_utf8_that_still_says_latin1_is_read_as_utf8(tmp_path):
    # A common slip: the page was converted, its meta tag was not. Text in a one-byte
    # encoding is almost never valid UTF-8, so valid UTF-8 wins over the tag.
    path = tmp_path / "lodz.html"
    path.write_bytes(page(*POLISH, '<meta charset="iso-8859-1">').encode("utf-8"))
    assert POLISH[1] in import_source(str(path)).body


def test_a_page_labelled_latin1_with_curly_quotes_reads_them_as_browsers_do(tmp_path):
    text = "The board\u2019s \u201cfinal\u201d vote on the channel came after midnight."
    path = tmp_path / "board.html"
    path.write_bytes(page("Board vote", text, '<meta charset="ISO-8859-1">').encode("cp1252"))
    assert text in import_source(str(path)).body


def test_html_piped_into_add_dash_reads_in_its_declared_charset(cli):
    data = page(*RUSSIAN, '<meta charset="windows-1251">').encode("cp1251")
    added = cli("add", "-", input=data)
    assert added.exit_code == 0, added.stderr
    assert RUSSIAN[1] in cli("text", added.stdout.split()[1]).stdout


def test_a_downloaded_page_without_a_header_charset_uses_its_meta_tag(web_server):
    web_server.pages["/lodz.html"] = (
        200, page(*POLISH, '<meta charset="iso-8859-2">').encode("iso-8859-2"),
        "text/html")
    assert POLISH[1] in import_source(f"{web_server.base}/lodz.html").body


def test_the_http_header_wins_over_the_meta_tag(web_server):
    web_server.pages["/port.html"] = (
        200, page(*RUSSIAN, '<meta charset="iso-8859-2">').encode("cp1251"),
        "text/html; charset=windows-1251")
    assert RUSSIAN[1] in import_source(f"{web_server.base}/port.html").body
