"""Django's SMTP backend, telling whether the server may hold a message it never confirmed."""

import smtplib

from django.core.mail.backends import smtp


class _Tracking:
    """Remembers that the end of a message's data (CRLF.CRLF) has been transmitted."""

    transmitted = False

    def send(self, s):
        super().send(s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.transmitted = True


class TrackingSMTP(_Tracking, smtplib.SMTP):
    pass


class TrackingSMTPSSL(_Tracking, smtplib.SMTP_SSL):
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self):
        return TrackingSMTPSSL if self.use_ssl else TrackingSMTP

    @property
    def message_transmitted(self) -> bool:
        """After a failure: had the server received the whole message (so may have taken it)?"""
        return bool(getattr(self.connection, "transmitted", False))
