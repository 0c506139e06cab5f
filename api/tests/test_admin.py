"""The API keys in the desk (``api/admin.py``): made, shown once, revoked."""

import pytest

from api.models import ApiKey
from api.tests.partners import ITEMS

pytestmark = pytest.mark.django_db


def test_the_desk_makes_a_key_shown_once_and_revokes_it(admin_client, client):
    response = admin_client.post(
        "/admin/api/apikey/add/", {"partner": "شبكة الأخبار"}, follow=True
    )
    api_key = ApiKey.objects.get()
    words = " ".join(str(m) for m in response.context["messages"]).split()
    (key,) = [word for word in words if word.startswith(api_key.prefix)]
    assert client.get(ITEMS, HTTP_X_API_KEY=key).status_code == 200

    admin_client.post(
        "/admin/api/apikey/",
        {"action": "revoke", "_selected_action": [api_key.pk]},
    )

    assert client.get(ITEMS, HTTP_X_API_KEY=key).status_code == 403
