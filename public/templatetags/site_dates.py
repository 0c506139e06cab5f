"""Dates as an Arabic newspaper prints them: Arabic month names (the Gregorian name
with its Levantine equivalent, as in "يونيو/حزيران"), and the Hijri date."""

from datetime import datetime

from django import template
from django.utils import timezone
from hijridate import Gregorian

register = template.Library()

MONTHS = [
    ("يناير", "كانون الثاني"),
    ("فبراير", "شباط"),
    ("مارس", "آذار"),
    ("أبريل", "نيسان"),
    ("مايو", "أيار"),
    ("يونيو", "حزيران"),
    ("يوليو", "تموز"),
    ("أغسطس", "آب"),
    ("سبتمبر", "أيلول"),
    ("أكتوبر", "تشرين الأول"),
    ("نوفمبر", "تشرين الثاني"),
    ("ديسمبر", "كانون الأول"),
]
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


def _local(value):
    if not value:
        return None
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def arabic_date(value):
    """'29 نوفمبر 2026': short, for lists."""
    value = _local(value)
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1][0]} {value.year}"


@register.filter
def arabic_datetime(value):
    """'الأحد 29 نوفمبر/تشرين الثاني 2026، 14:30' in the site's time zone."""
    value = _local(value)
    if value is None:
        return ""
    gregorian, levantine = MONTHS[value.month - 1]
    return (
        f"{WEEKDAYS[value.weekday()]} {value.day} {gregorian}/{levantine} "
        f"{value.year}، {value:%H:%M}"
    )


@register.filter
def hijri_date(value):
    """'19 جمادى الآخرة 1448 هـ', or '' outside the Umm al-Qura calendar's range
    (before 1924 or after 2077)."""
    value = _local(value)
    if value is None:
        return ""
    try:
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
    except OverflowError:
        return ""
    return f"{hijri.day} {hijri.month_name('ar')} {hijri.year} {hijri.notation('ar')}"


@register.filter
def iso_datetime(value):
    """'2026-11-29T14:30:05+03:00': the ISO 8601 form ``<time datetime>`` and Open
    Graph accept, in the site's time zone, to the second (``|date:'c'`` prints
    microseconds, which the HTML standard's valid date strings do not allow)."""
    value = _local(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.replace(microsecond=0)
    return value.isoformat()
