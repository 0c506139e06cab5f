"""The benchmark's yardstick: the smallest WSGI app, served by the same gunicorn
settings as Newsroom, so every figure of benchmarks/traffic.py is a ratio measured
side by side on the same machine."""


def application(environ, start_response):
    body = b"Hello, world"
    start_response(
        "200 OK",
        [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))],
    )
    return [body]
