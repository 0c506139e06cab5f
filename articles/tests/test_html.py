"""The tests' HTML reader finds elements as a browser would."""

from articles.tests.html import elements

PAGE = """<html lang="ar" dir="rtl"><body>
<form action="/i18n/setlang/"><input type=hidden name=next value='/admin/'>
<button type="submit" name="language" value="en">English</button></form>
<div class="desk-notice desk-notice--presence" role="status">مفتوح عند
  <strong>basel</strong>.</div><img src="/a.jpg" alt=""><p>بعد الصورة</p>
</body></html>"""


def test_attributes_match_whatever_their_order_and_quoting():
    assert elements(PAGE, "input", value="/admin/", name="next")
    assert elements(PAGE, "html", dir="rtl", lang="ar")
    assert not elements(PAGE, "input", name="next", value="/")


def test_classes_match_as_a_set_and_text_as_a_reader_sees_it():
    (notice,) = elements(PAGE, "div", class_="desk-notice--presence")
    assert notice.text == "مفتوح عند basel."
    assert elements(PAGE, text="basel") and not elements(PAGE, class_="desk-conflict")


def test_void_elements_do_not_swallow_what_follows():
    assert elements(PAGE, "img", alt=True)
    (paragraph,) = elements(PAGE, "p")
    assert paragraph.text == "بعد الصورة"
