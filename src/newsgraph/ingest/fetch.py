"""Fetching the URLs and feeds a user names, defensively.

A URL in an input list may come from an untrusted source, so every hop is checked: only
http(s), no private/loopback/link-local/reserved addresses (every resolved address, and
the address actually connected to), a redirect limit, a streamed size cap and an overall
deadline. Environment proxies and .netrc credentials are ignored (``trust_env=False``).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from newsgraph.config import IngestConfig

USER_AGENT = "newsgraph/0.1 (news research tool)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PRIVATE_HINT = "set [ingest].allow_private_addresses = true to allow it"


class FetchError(Exception):
    """A URL that was refused or could not be fetched; the message is one line for the user."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str | None
    charset: str | None


def fetch(url: str, config: IngestConfig) -> Fetched:
    """GET ``url`` within the configured limits; raises FetchError with a one-line reason."""
    deadline = time.monotonic() + config.fetch_timeout
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    try:
        with httpx.Client(
            timeout=config.fetch_timeout, follow_redirects=False, trust_env=False, headers=headers
        ) as client:
            current = url
            for _ in range(config.fetch_max_redirects + 1):
                if time.monotonic() > deadline:
                    raise httpx.TimeoutException("deadline passed between redirects")
                check_url(current, config.allow_private_addresses)
                with client.stream("GET", current) as response:
                    _check_peer(response, config.allow_private_addresses)
                    if response.status_code in _REDIRECTS and response.headers.get("location"):
                        current = urljoin(str(response.url), response.headers["location"])
                        continue
                    if response.status_code >= 300:
                        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                    body = _read_capped(response, config.fetch_max_bytes, deadline)
                    return Fetched(
                        str(response.url),
                        body,
                        response.headers.get("content-type"),
                        response.charset_encoding,
                    )
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {config.fetch_timeout:g}s ([ingest].fetch_timeout)") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"fetch failed: {exc}") from exc
    raise FetchError(
        f"too many redirects (more than {config.fetch_max_redirects}, [ingest].fetch_max_redirects)"
    )


def check_url(url: str, allow_private: bool = False) -> None:
    """Raise FetchError unless ``url`` is http(s) and its host resolves only to public addresses."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise FetchError(f"refused {scheme or 'schemeless'} URL: only http and https are fetched")
    try:
        host, port = parts.hostname, parts.port or _DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise FetchError(f"invalid URL: {exc}") from exc
    if not host:
        raise FetchError("invalid URL: no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    for info in infos:
        address = str(info[4][0])
        if not is_public_address(address):
            raise FetchError(f"refused {host}: resolves to non-public address {address}; {_PRIVATE_HINT}")


def is_public_address(address: str) -> bool:
    """False for private, loopback, link-local, reserved, shared, multicast and unspecified addresses."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _check_peer(response: httpx.Response, allow_private: bool) -> None:
    """Refuse to read from a connection that landed on a non-public address (DNS rebinding)."""
    if allow_private:
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer and not is_public_address(str(peer[0])):
        raise FetchError(f"refused: connected to non-public address {peer[0]}; {_PRIVATE_HINT}")


def _read_capped(response: httpx.Response, cap: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(
            f"response is {int(declared):,} bytes, over the cap of {cap:,} ([ingest].fetch_max_bytes)"
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise FetchError(f"response is over the cap of {cap:,} bytes ([ingest].fetch_max_bytes)")
        if time.monotonic() > deadline:
            raise FetchError("timed out while downloading ([ingest].fetch_timeout)")
        chunks.append(chunk)
    return b"".join(chunks)
