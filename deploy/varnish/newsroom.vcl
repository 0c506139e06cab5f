# Varnish in front of Newsroom's gunicorn (see README "Deploying").
#
# Anonymous readers are served from Varnish; anyone with a session cookie (staff),
# the admin and the previews pass through. The app bans its public pages on every
# write readers may see (public.varnish, setting NEWSROOM_VARNISH_BAN_URLS): BAN
# requests from loopback only. With the app or its database down, Varnish keeps
# serving what it has for up to a day (grace), and answers what it lacks with 503
# and Retry-After within a second.
vcl 4.1;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 10s;
    # The probe asks /readyz (ops.views), which answers 200 only when the
    # database, the cache and the media storage answer: with the database down it
    # fails (or times out), so Varnish stops asking the app, serves what it has
    # (grace), and 503s what it lacks at once. It renders no page, so a busy app
    # still answers it in time during a spike.
    .probe = {
        .request =
            "GET /readyz HTTP/1.1"
            "Host: localhost"
            "Connection: close";
        # Sick after 3 failures in the last 5 (about 3 s): one answer slowed by a
        # spike's load does not take the app out of service.
        .interval = 1s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        ban("obj.http.X-Newsroom-Page == 1");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/" || req.url ~ "/preview/") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Public pages set no cookie and read none but the session's.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # A failed refresh keeps the stale copy rather than replacing it with an error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (beresp.status >= 500) {
        return (error(503, "Service Unavailable"));
    }
    set beresp.grace = 24h;
}

sub vcl_deliver {
    # The ban marker is for Varnish only.
    unset resp.http.X-Newsroom-Page;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_backend_error {
    set beresp.http.Retry-After = "30";
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    synthetic("Service temporarily unavailable. Please try again shortly.");
    return (deliver);
}
