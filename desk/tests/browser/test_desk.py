"""The desk as editors use it, in headless Chromium: each role logs in, edits, submits,
publishes; screenshots of the list, the change form and the history go to
test-artifacts/ for people to look at."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from articles.models import Article, ArticleTransition
from articles.services import article_save, article_submit
from articles.tests.factories import chief, editor, photo_bytes, reporter
from ingest.tests.seed import make_seed_article

SEED = Path(settings.BASE_DIR) / "seeds" / "000_4f78182034c9b7d2.txt"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def change_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def assert_right_to_left_in_arabic(page):
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Noto Naskh Arabic"'), family
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'خبر')")
    # Nothing sticks out sideways (a classic RTL breakage).
    assert page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    ), "the page scrolls sideways"


def test_reporter_imports_the_seed_edits_it_and_submits_it(
    page, live_server, log_in, screenshot, csp_errors
):
    author = reporter("amal")
    log_in(page, author)
    assert_right_to_left_in_arabic(page)
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.get_by_role("link", name="استيراد").click()
    page.set_input_files("#id_files", str(SEED))
    page.locator("input[type=submit]").click()
    page.locator("input[name=confirm]").click()
    article = Article.objects.get()
    assert article.created_by == author and article.status == "draft"
    assert article.captions.count() == 2

    page.goto(f"{live_server.url}/admin/")
    drafts = page.locator(".desk-panel--drafts")
    expect(drafts).to_contain_text(article.headline)
    screenshot(page, "desk-reporter-dashboard")

    drafts.get_by_role("link", name=article.headline).click()
    expect(page.locator("#id_headline")).to_have_attribute("dir", "auto")
    count = page.locator("output.desk-word-count")
    words = int(count.inner_text())
    assert words > 300
    page.locator("#id_body").press("End")
    page.locator("#id_body").press("Control+End")
    page.locator("#id_body").type("\n\nثلاث كلمات جديدة")
    expect(count).to_have_text(str(words + 3))
    page.fill("#id_standfirst", "الناظوري في القاهرة للمرة الثانية خلال أسبوع")
    expect(page.get_by_role("button", name="انشر الآن")).to_have_count(0)
    page.get_by_role("button", name="أرسل للمراجعة").click()
    expect(page.locator(".messagelist")).to_contain_text("أُرسل للمراجعة")
    expect(page.locator(".desk-state .desk-status")).to_have_text("قيد المراجعة")
    # Submitted: the reporter can no longer edit it, only withdraw it.
    expect(page.locator("#id_headline")).to_have_count(0)
    expect(page.get_by_role("button", name="أعد إلى المسودة")).to_be_visible()
    screenshot(page, "desk-reporter-after-submit")

    article.refresh_from_db()
    assert article.status == "review"
    assert article.standfirst == "الناظوري في القاهرة للمرة الثانية خلال أسبوع"
    assert article.body.endswith("ثلاث كلمات جديدة")
    assert ArticleTransition.objects.get(article=article).by == author
    assert csp_errors == []


def test_editor_reads_an_unsure_line_as_a_caption_in_the_import_preview(
    page, live_server, log_in, screenshot, tmp_path
):
    from ingest.tests.test_admin import unsure_dump

    dump = tmp_path / "unsure.txt"
    data, line = unsure_dump(SEED.read_bytes(), "طلاب أمام مبنى جامعة القاهرة (بنا)")
    dump.write_bytes(data)
    log_in(page, editor("huda"))
    page.goto(f"{live_server.url}/admin/articles/article/import/")
    page.set_input_files("#id_files", str(dump))
    page.locator("input[type=submit]").click()
    reading = page.locator(".import-reading", has_text=f"السطر {line}:")
    expect(reading.get_by_label("عنوان فرعي")).to_be_checked()
    reading.get_by_label("تعليق صورة").check()
    screenshot(page, "desk-import-unsure-reading")
    page.locator("input[name=confirm]").click()
    page.wait_for_load_state()
    article = Article.objects.get()
    assert article.captions.filter(text="طلاب أمام مبنى جامعة القاهرة").exists()


def test_editor_attaches_a_photo_reorders_figures_and_publishes(
    page, live_server, log_in, screenshot, csp_errors, tmp_path
):
    author = reporter("amal")
    article = make_seed_article(by=author)
    article_submit(article, by=author)
    desk = editor("basel")
    log_in(page, desk)
    expect(page.locator(".desk-panel--review")).to_contain_text(article.headline)

    page.goto(f"{live_server.url}/admin/articles/article/")
    # Searching without hamza finds الأركان.
    page.fill("#searchbar", "رئيس الاركان")
    page.keyboard.press("Enter")
    expect(page.locator("#result_list")).to_contain_text(article.headline)
    assert_right_to_left_in_arabic(page)
    screenshot(page, "desk-article-list")

    page.get_by_role("link", name=article.headline).click()
    photo = tmp_path / "benghazi.jpg"
    photo.write_bytes(photo_bytes("JPEG", (1200, 800)))
    page.set_input_files("#id_captions-0-photo", str(photo))
    # Figure 2 goes first; its marker will follow it in the body.
    page.locator("#captions-1 .desk-move-up").click()
    expect(page.locator("#id_captions-1-position")).to_have_value("1")
    expect(page.locator("#id_captions-0-position")).to_have_value("2")
    screenshot(page, "desk-change-form-before-publish")
    page.get_by_role("button", name="انشر الآن").click()
    expect(page.locator(".messagelist")).to_contain_text("نُشر")
    expect(page.locator(".messagelist")).to_contain_text("[[صورة 1]] ← [[صورة 2]]")
    expect(page.locator(".desk-state .desk-status")).to_have_text("منشور")
    assert_right_to_left_in_arabic(page)
    screenshot(page, "desk-change-form")

    article.refresh_from_db()
    assert article.status == "published"
    first, second = article.captions.order_by("position")
    assert second.image.file and (second.image.width, second.image.height) == (
        1200,
        800,
    )
    assert article.body.startswith("[[صورة 2]]")  # the Benghazi photo stays on top
    figures = [i.caption.pk for i in article.layout() if i.kind == "figure"]
    assert figures == [second.pk, first.pk]
    assert csp_errors == []


def test_second_editor_sees_the_conflict_and_keeps_their_text(
    browser, live_server, screenshot, log_in
):
    article = make_seed_article(by=reporter("amal"))
    pages = []
    for name in ("basel", "carim"):
        context = browser.new_context(
            locale="ar", viewport={"width": 1366, "height": 900}
        )
        page = context.new_page()
        log_in(page, editor(name))
        # The open form tells the server it is open; the next to open it is warned.
        with page.expect_response(lambda r: r.url.endswith("/open/")) as told:
            page.goto(change_url(live_server, article))
        assert told.value.status == 204
        pages.append(page)
    first, second = pages
    expect(second.locator(".desk-notice--presence")).to_contain_text("basel")

    first.fill("#id_headline", "رئيس الأركان الليبي يعود إلى القاهرة")
    first.get_by_role("button", name="احفظ واستمر بالتعديل").click()
    expect(first.locator(".messagelist")).to_be_visible()

    second.fill("#id_byline", "مراسل الجزيرة نت")
    second.get_by_role("button", name="احفظ واستمر بالتعديل").click()
    conflict = second.locator(".desk-conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("basel")
    expect(conflict).to_contain_text("رئيس الأركان الليبي يعود إلى القاهرة")
    expect(second.locator("#id_byline")).to_have_value("مراسل الجزيرة نت")
    screenshot(second, "conflict")

    article.refresh_from_db()
    assert article.headline == "رئيس الأركان الليبي يعود إلى القاهرة"
    assert article.byline == ""
    # Having seen the change, the second editor saves deliberately.
    second.fill("#id_headline", "رئيس الأركان الليبي يعود إلى القاهرة")
    second.get_by_role("button", name="احفظ واستمر بالتعديل").click()
    expect(second.locator(".desk-conflict")).to_have_count(0)
    article.refresh_from_db()
    assert article.byline == "مراسل الجزيرة نت"


def test_chief_compares_revisions_and_restores_one(
    page, live_server, log_in, screenshot, csp_errors
):
    boss = chief("nour")
    article = make_seed_article(by=reporter("amal"))
    original_headline = article.headline
    article.headline = "عنوان معدل للتجربة"
    article.body = article.body.replace("الثانية خلال أسبوع", "الثانية في غضون أسبوع")
    article_save(article, by=editor("basel"), expected_version=article.version)
    log_in(page, boss)
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    expect(page.locator(".desk-compare del")).to_contain_text("خلال")
    expect(page.locator(".desk-compare ins")).to_contain_text("في غضون")
    assert_right_to_left_in_arabic(page)
    screenshot(page, "desk-history")

    page.get_by_role("link", name="استعد هذا الإصدار").first.click()
    expect(page.locator("#content-main")).to_contain_text(original_headline)
    screenshot(page, "desk-restore-confirm")
    page.get_by_role("button", name="نعم، استعد هذا الإصدار").click()
    expect(page.locator(".messagelist")).to_contain_text("استُعيد الإصدار")
    article.refresh_from_db()
    assert article.headline == original_headline
    assert "الثانية خلال أسبوع" in article.body
    assert csp_errors == []


def test_preview_shows_a_draft_as_readers_will_see_it(
    page, live_server, log_in, screenshot
):
    author = reporter("amal")
    article = make_seed_article(by=author)
    log_in(page, author)
    page.goto(change_url(live_server, article))
    with page.expect_popup() as popup:
        page.get_by_role("link", name="معاينة").click()
    preview = popup.value
    expect(preview.locator("h1")).to_have_text(article.headline)
    expect(preview.locator("figure").first).to_be_visible()
    screenshot(preview, "preview")


def test_staff_can_switch_the_desk_to_english(page, live_server, log_in):
    log_in(page, editor())
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#site-name")).to_contain_text("Editorial desk")
    page.locator("button[name=language][value=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_list_and_search_work_for_every_role(page, live_server, log_in):
    article = make_seed_article(by=reporter("amal"))
    for user in (reporter("other"), editor(), chief()):
        page.context.clear_cookies()
        log_in(page, user)
        page.goto(f"{live_server.url}/admin/articles/article/?q=الناظوري")
        expect(page.locator("#result_list")).to_contain_text(article.headline)
        assert re.search(r"\d", page.locator(".paginator").inner_text())
    assert Article.objects.count() == 1


def test_date_and_time_fields_speak_arabic_in_another_time_zone(
    browser, live_server, screenshot, log_in
):
    """A browser whose clock is set to another time zone than the newsroom's gets
    Django's note under the date and time fields, in Arabic."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings as django_settings
    from django.utils import formats

    context = browser.new_context(
        locale="ar",
        timezone_id="America/New_York",
        viewport={"width": 1366, "height": 900},
    )
    page = context.new_page()
    user = editor("basel")
    log_in(page, user)
    article = make_seed_article(by=user)
    page.goto(change_url(live_server, article))

    now = datetime.now(ZoneInfo(django_settings.TIME_ZONE))
    there = now.astimezone(ZoneInfo("America/New_York"))
    hours = (now.utcoffset() - there.utcoffset()).total_seconds() / 3600
    note = page.locator("#id_published_at_timezone_warning_helptext")
    expect(note).to_have_text(
        f"ملاحظة: أدخِل الأوقات بتوقيت {django_settings.TIME_ZONE}، فتوقيتك متأخر "
        f"عنه (الفارق بالساعات: {hours:g})."
    )
    # "Today" fills in the newsroom's date, which its label names, whatever the
    # browser's own date is at that moment.
    today = page.locator(".datetimeshortcuts a", has_text="اليوم").first
    newsroom_today = formats.date_format(now.date(), "j F Y")
    expect(today).to_have_attribute("aria-label", f"اليوم ({newsroom_today})")
    clock = page.locator(".datetimeshortcuts .clock-icon").first
    expect(clock).to_have_attribute("title", "اختر وقتًا")
    clock.click()
    expect(page.locator(".clockbox").first).to_contain_text("منتصف الليل")
    screenshot(page, "desk-time-zone-note")
    context.close()


def test_dashboard_uses_the_whole_width(page, live_server, log_in, screenshot):
    me = editor("amal")
    for number in range(3):
        make_seed_article(by=me)
        Article.objects.filter(headline__startswith="رئيس").update(
            headline=f"مسودة رقم {number}"
        )
    log_in(page, me)  # lands on the dashboard
    boxes = page.evaluate(
        """() => Object.fromEntries(
            ["#content", ".desk-dashboard", "#content-main", "#content-related"]
            .map((s) => [s, document.querySelector(s).getBoundingClientRect().toJSON()])
            .concat([["panels", [...document.querySelectorAll(".desk-panel")]
                .map((p) => p.getBoundingClientRect().toJSON())]]))"""
    )
    content, lists = boxes["#content"], boxes[".desk-dashboard"]
    padding = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#content'))"
        ".paddingInlineStart) * 2"
    )
    assert lists["width"] >= content["width"] - padding - 1
    assert len({round(p["top"]) for p in boxes["panels"]}) == 1  # one row of four
    # The models and the recent actions come below the lists, side by side.
    main, related = boxes["#content-main"], boxes["#content-related"]
    assert main["top"] >= lists["bottom"] and related["top"] >= lists["bottom"]
    assert related["right"] <= main["left"]  # right to left: recent actions last
    assert_right_to_left_in_arabic(page)
    screenshot(page, "desk-dashboard")


def test_unsaved_typing_survives_a_closed_tab_and_a_second_tab_is_warned(
    page, live_server, log_in, screenshot, csp_errors
):
    author = editor("huda")
    article = make_seed_article(by=author)
    log_in(page, author)
    page.goto(change_url(live_server, article))
    page.locator("#id_body").press("Control+End")
    page.locator("#id_body").type("\n\nفقرة لم تُحفظ بعد")
    status = page.locator(".desk-autosave-status")
    expect(status).to_contain_text("احتُفظ بالتعديلات غير المحفوظة", timeout=10_000)

    second = page.context.new_page()
    second.goto(change_url(live_server, article))
    offer = second.locator(".desk-autosave-offer")
    expect(offer).to_be_visible()
    screenshot(second, "desk-autosave-offer")
    second.locator("#id_headline").type(" (تحديث)")
    expect(second.locator(".desk-autosave-status--warning")).to_be_visible(
        timeout=10_000
    )
    second.get_by_role("button", name="استعد التعديلات غير المحفوظة").click()
    expect(second.locator("#id_body")).to_have_value(re.compile("فقرة لم تُحفظ بعد$"))
    assert not csp_errors


@pytest.mark.parametrize("width", [1440, 390])
def test_the_live_preview_follows_the_text(
    page, live_server, log_in, screenshot, csp_errors, width
):
    author = editor("huda")
    article = make_seed_article(by=author)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, author)
    page.goto(change_url(live_server, article))
    page.get_by_role("button", name="اعرض المعاينة الحية").click()
    frame = page.frame_locator("iframe[name=desk-live-preview]")
    expect(frame.locator("h1")).to_have_text(article.headline)
    page.locator("#id_body").press("Control+Home")
    page.locator("#id_body").type(
        "قال المتحدث باسم Reuters في Cairo إن المحادثات مستمرة.\n\n"
    )
    expect(frame.locator(".article__body")).to_contain_text(
        "قال المتحدث باسم Reuters في Cairo", timeout=10_000
    )
    expect(page.locator(".desk-reading-time")).to_contain_text("دقيقة")
    page.locator("#id_headline").fill("ع" * 70)
    expect(page.locator(".desk-headline-hint--long")).to_be_visible()
    screenshot(page, f"desk-live-preview-{width}")
    assert page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )
    assert not csp_errors
    assert Article.objects.get(pk=article.pk).body == article.body


def test_the_toolbar_writes_a_sub_heading_and_the_next_figure_marker(
    page, live_server, log_in, csp_errors
):
    author = editor("huda")
    article = make_seed_article(by=author)
    log_in(page, author)
    page.goto(change_url(live_server, article))
    body = page.locator("#id_body")
    body.fill("سطر سيصير عنوانا فرعيا\n\nفقرة.")
    body.press("Control+Home")
    page.get_by_role("toolbar").get_by_role("button", name="عنوان فرعي").click()
    expect(body).to_have_value("## سطر سيصير عنوانا فرعيا\n\nفقرة.")
    body.press("Control+End")
    body.press("Alt+Shift+F")
    expect(body).to_have_value("## سطر سيصير عنوانا فرعيا\n\nفقرة.\n\n[[صورة 1]]\n\n")
    page.get_by_role("toolbar").get_by_role("button", name="ضع صورة").click()
    expect(body).to_have_value(
        "## سطر سيصير عنوانا فرعيا\n\nفقرة.\n\n[[صورة 1]]\n\n[[صورة 2]]\n\n"
    )
    assert not csp_errors


def test_an_editor_sets_up_two_factor_sign_in_from_the_qr_code(
    page, live_server, screenshot, csp_errors
):
    """The first sign-in of an editor: the password, then the QR code (drawn inline,
    nothing the policy refuses), a code from the app, the backup codes, the desk."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.tests.two_factor import totp_code

    user = editor("basel")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "basel")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/two-factor/?next=*")
    assert_right_to_left_in_arabic(page)
    qr = page.locator(".desk-qr svg")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 150
    device = TOTPDevice.objects.get(user=user)
    screenshot(page, "desk-two-factor-enrol")

    page.fill("#id_code", totp_code(device))
    page.click("input[type=submit]")
    expect(page.locator(".desk-backup-codes li")).to_have_count(10)
    screenshot(page, "desk-two-factor-codes")
    page.get_by_role("link", name="تابع إلى مكتب التحرير").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert csp_errors == []


SELECT = "(b, word) => { const i = b.value.indexOf(word); b.setSelectionRange(i, i + word.length); }"


def test_the_toolbar_writes_links_emphasis_quotations_lists_and_embeds(
    page, live_server, log_in, csp_errors
):
    author = editor("huda")
    article = make_seed_article(by=author)
    log_in(page, author)
    page.goto(change_url(live_server, article))
    toolbar = page.get_by_role("toolbar")
    body = page.locator("#id_body")
    body.fill("قال متحدث باسم Reuters إن الاتفاق نهائي")
    body.evaluate(SELECT, "Reuters")
    toolbar.get_by_role("button", name="عريض").click()
    expect(body).to_have_value("قال متحدث باسم **Reuters** إن الاتفاق نهائي")
    body.evaluate(SELECT, "الاتفاق")
    body.press("Alt+Shift+L")
    page.keyboard.type("https://example.com/deal")
    expect(body).to_have_value(
        "قال متحدث باسم **Reuters** إن [الاتفاق](https://example.com/deal) نهائي"
    )
    body.press("Control+End")
    page.keyboard.type("\n\nسطر أول\nسطر ثان")
    body.evaluate(
        "b => b.setSelectionRange(b.value.indexOf('سطر أول'), b.value.length)"
    )
    body.press("Alt+Shift+O")
    expect(body).to_have_value(re.compile("\n\n1\\. سطر أول\n2\\. سطر ثان$"))
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("كلام منقول")
    toolbar.get_by_role("button", name="اقتباس").click()
    expect(body).to_have_value(re.compile("\n\n> كلام منقول$"))
    toolbar.get_by_role("button", name="ضمّن منشورًا أو فيديو").click()
    page.keyboard.type("https://youtu.be/dQw4w9WgXcQ")
    expect(body).to_have_value(
        re.compile("> كلام منقول\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n$")
    )

    page.get_by_role("button", name="اعرض المعاينة الحية").click()
    frame = page.frame_locator("iframe[name=desk-live-preview]")
    preview = frame.locator(".article__body")
    expect(preview.locator("strong")).to_have_text("Reuters", timeout=10_000)
    expect(preview.locator("a[href='https://example.com/deal']")).to_have_text(
        "الاتفاق"
    )
    expect(preview.locator("ol li")).to_have_count(2)
    expect(preview.locator("blockquote")).to_contain_text("كلام منقول")
    expect(preview.get_by_role("button", name="شغّل الفيديو")).to_be_visible()
    assert not csp_errors
