"""A real SMTP server on loopback (aiosmtpd) for the mail tests and the drill.

It keeps what it accepted (envelopes, with the Message-ID of each) and can misbehave as real
servers do: be down (stopped, the port closed), refuse for now (451 to RCPT), go silent before
confirming a message it has received, or hang on QUIT after accepting.
"""

from __future__ import annotations

import asyncio
import email
import socket
import threading
import time
from dataclasses import dataclass

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: email.message.Message
    at: float

    @property
    def message_id(self) -> str:
        return self.message["Message-ID"]

    @property
    def subject(self) -> str:
        return str(email.header.make_header(email.header.decode_header(self.message["Subject"])))


class _Handler:
    def __init__(self, server: MailServer):
        self.server = server

    async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):
        self.server.attempts.append(time.monotonic())
        if self.server.refusing:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self.server.lock:
            self.server.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), message, time.monotonic())
            )
        if self.server.silent_after_data:
            await asyncio.sleep(self.server.silent_after_data)
        return "250 2.0.0 Queued"


class _SMTP(SMTP):
    async def smtp_QUIT(self, arg):
        if self.event_handler.server.hang_on_quit:
            await asyncio.sleep(self.event_handler.server.hang_on_quit)
        await super().smtp_QUIT(arg)


class _Controller(Controller):
    def factory(self):
        return _SMTP(self.handler, **self.SMTP_kwargs)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """Start with `start()` (or as a context manager); `url` is the portal's EMAIL_URL."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.received: list[Received] = []
        self.attempts: list[float] = []  # when each RCPT came, accepted or refused
        self.lock = threading.Lock()
        self.refusing = False
        self.silent_after_data = 0.0
        self.hang_on_quit = 0.0
        self._controller: _Controller | None = None

    def start(self) -> MailServer:
        self._controller = _Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def message_ids(self) -> list[str]:
        with self.lock:
            return [item.message_id for item in self.received]

    def wait_for(self, count: int, timeout: float = 60) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.1)
        with self.lock:
            return list(self.received)

    def __enter__(self) -> MailServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
