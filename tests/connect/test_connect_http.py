"""The connectors' HTTP client against a real local HTTP server: retries, Retry-After, conditional GETs, paging."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from connectors import SourceRefused, SourceUnavailable
from connectors.http import CursorPaging, HttpClient, PageNumberPaging, Retry, pages, retry_after_seconds
from hub.logs import configure_logging


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def client(slept: list[float]) -> Iterator[HttpClient]:
    with HttpClient(timeout_s=0.5, retry=Retry(attempts=3, backoff_s=0.1), sleep=slept.append, rng=lambda: 1.0) as c:
        yield c


def answers(*responses: Response):  # type: ignore[no-untyped-def]
    queue = list(responses)

    def handler(request: Request) -> Response:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return handler


def test_5xx_is_retried_with_backoff(httpserver: HTTPServer, client: HttpClient, slept: list[float]) -> None:
    httpserver.expect_request("/feed").respond_with_handler(answers(Response(status=503), Response(status=502),
                                                                    Response("ok")))
    assert client.get(httpserver.url_for("/feed")).content == b"ok"
    assert slept == [0.1, 0.2]  # exponential; jitter pinned to its top by rng=1.0


def test_429_honours_retry_after_seconds_and_dates(httpserver: HTTPServer, client: HttpClient, slept: list[float]) -> None:
    httpserver.expect_request("/feed").respond_with_handler(answers(
        Response(status=429, headers={"Retry-After": "2"}), Response("ok")))
    client.get(httpserver.url_for("/feed"))
    assert slept == [2.0]
    now = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert retry_after_seconds("bald") is None


def test_a_long_retry_after_is_left_to_the_runtime(httpserver: HTTPServer, client: HttpClient, slept: list[float]) -> None:
    httpserver.expect_request("/feed").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(SourceUnavailable) as caught:
        client.get(httpserver.url_for("/feed"))
    assert caught.value.retry_after == 3600.0 and slept == []


def test_exhausted_retries_raise_source_unavailable(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/feed").respond_with_data("kaputt", status=500)
    with pytest.raises(SourceUnavailable, match="failed 3 times, last: HTTP 500"):
        client.get(httpserver.url_for("/feed"))


def test_4xx_is_refused_without_retry(httpserver: HTTPServer, client: HttpClient, slept: list[float]) -> None:
    httpserver.expect_request("/feed").respond_with_data("weg", status=404)
    with pytest.raises(SourceRefused, match="HTTP 404"):
        client.get(httpserver.url_for("/feed"))
    assert slept == []


def test_network_errors_and_timeouts_are_retried(httpserver: HTTPServer, client: HttpClient, slept: list[float]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with pytest.raises(SourceUnavailable, match="ConnectError"):
        client.get(f"http://127.0.0.1:{closed_port}/feed")
    assert len(slept) == 2

    calls = []

    def slow_first(request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            time.sleep(1.0)  # the server is slow, not the test: the client's 0.5 s timeout fires
        return Response("spät aber da")

    httpserver.expect_request("/slow").respond_with_handler(slow_first)
    assert client.get(httpserver.url_for("/slow")).content.decode() == "spät aber da"


def test_conditional_requests_with_etag_and_last_modified(httpserver: HTTPServer, client: HttpClient) -> None:
    modified = "Tue, 10 Nov 2026 09:15:00 GMT"

    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"abc"' and request.headers.get("If-Modified-Since") == modified:
            return Response(status=304, headers={"ETag": '"abc"'})
        return Response("inhalt", headers={"ETag": '"abc"', "Last-Modified": modified})

    httpserver.expect_request("/feed").respond_with_handler(feed)
    first = client.get(httpserver.url_for("/feed"))
    assert not first.not_modified and first.validators == {"etag": '"abc"', "last_modified": modified}
    second = client.get(httpserver.url_for("/feed"), validators=first.validators)
    assert second.not_modified and second.content == b"" and second.validators == first.validators


def test_cursor_paging(httpserver: HTTPServer, client: HttpClient) -> None:
    def page(request: Request) -> Response:
        cursor = request.args.get("cursor")
        body = {None: {"data": {"items": [1, 2]}, "next": "c2"}, "c2": {"data": {"items": [3]}, "next": None}}[cursor]
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/offers").respond_with_handler(page)
    paging = CursorPaging(items="data.items", cursor="next")
    assert list(pages(client, httpserver.url_for("/offers"), paging)) == [[1, 2], [3]]


def test_next_url_and_page_number_paging(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/a").respond_with_json({"items": ["a"], "next": httpserver.url_for("/b")})
    httpserver.expect_request("/b").respond_with_json({"items": ["b"], "next": None})
    assert list(pages(client, httpserver.url_for("/a"), CursorPaging(cursor="next", cursor_is_url=True))) == [["a"], ["b"]]

    def numbered(request: Request) -> Response:
        page, size = int(request.args["page"]), int(request.args["size"])
        items = list(range(5))[(page - 1) * size: page * size]
        return Response(json.dumps({"items": items}), content_type="application/json")

    httpserver.expect_request("/n").respond_with_handler(numbered)
    paging = PageNumberPaging(size_param="size", size=2)
    assert list(pages(client, httpserver.url_for("/n"), paging)) == [[0, 1], [2, 3], [4]]


def test_backoff_has_jitter_and_a_cap() -> None:
    retry = Retry(backoff_s=1.0, max_backoff_s=8.0)
    assert retry.delay(0, lambda: 0.0) == 0.5 and retry.delay(0, lambda: 1.0) == 1.0
    assert retry.delay(10, lambda: 1.0) == 8.0


def test_a_key_in_the_source_url_reaches_neither_errors_nor_logs(capsys) -> None:
    configure_logging("json", "debug")
    # a transport, not a local server: the test's own server would log the key in its access log
    transport = httpx.MockTransport(lambda request: httpx.Response(403 if request.url.path == "/offers" else 503))
    key = "s3cr3t-api-key"
    with HttpClient(retry=Retry(attempts=2, backoff_s=0.01), sleep=lambda _: None, transport=transport) as client:
        with pytest.raises(SourceRefused) as refused:
            client.get(f"https://source.example.org/offers?api_key={key}")
        with pytest.raises(SourceUnavailable) as unavailable:
            client.get("https://source.example.org/busy", params={"api_key": key})
    assert "/offers?…" in str(refused.value) and "403" in str(refused.value)
    logged = capsys.readouterr()
    assert "HTTP Request" not in logged.err  # httpx's own request log (full URL) stays off
    for text in (str(refused.value), str(unavailable.value), logged.out, logged.err):
        assert key not in text
